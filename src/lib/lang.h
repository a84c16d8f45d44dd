/* What the library knows of each language: the ISO 639-1 table, the scripts a language is written
 * in, what it has of its own (tma_lang_support_find), and whether a text is in its script. */
#ifndef TMA_LANG_H
#define TMA_LANG_H

#include "tmalign.h"

#include <unicode/uscript.h>

/* Writes the English name of the ISO 639-1 code at CODE (LEN bytes: a primary subtag) into NAME
 * of SIZE bytes. Returns 1 if the table has the code, 0 (NAME "") if not. */
int tma_lang_iso_name(char *name, size_t size, const char *code, size_t len);

/* 1 if the language tag LANG ("en", "en-GB", "en_US") has the primary subtag PRIMARY ("en"). */
int tma_lang_is(const char *lang, const char *primary);

/* The scripts LANG is written in as ICU knows them (a region or script subtag counts: "sr-Latn"):
 * stores up to MAX in OUT and returns how many, 0 if ICU does not know. */
int tma_lang_scripts(UScriptCode *out, int max, const char *lang);

/* Refuses the text [TEXT, TEXT + LEN) of the file NAME as language LANG when fewer than half of
 * its letters are in a script LANG is written in (quotes and names in other scripts stay under
 * that), with TMA_ERR_INPUT and a message that names the script most of them are in. A language
 * whose scripts ICU does not know, and a text without letters, pass. Returns 0 or the error. */
int tma_lang_check_script(const char *name, const char *text, size_t len, const char *lang,
                          tma_error *err);

#endif
