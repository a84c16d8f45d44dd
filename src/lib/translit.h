/* Names across scripts: a word is transliterated to Latin with ICU (Russian-Latin/BGN,
 * Armenian-Latin/BGN, Any-Latin), then folded into a skeleton of sound classes in which the
 * spellings of one name meet: Shoygu / Шойгу / Շոյգու, Hasanov / Гасанов / Հասանով. */
#ifndef TMA_TRANSLIT_H
#define TMA_TRANSLIT_H

#include "buf.h"
#include "table.h"
#include "tmalign.h"

#include <unicode/uscript.h>
#include <unicode/utrans.h>

/* One thread's transliterators, opened on first use, and the Latin forms and skeletons they made.
 * ICU runs every rule-based transliteration under one process-wide lock, and the anchors and the
 * QA checks ask about the same words again and again: a word is transliterated once per thread. */
typedef struct tma_translit {
    UTransliterator *cyrillic, *armenian, *latin, *other;
    UChar *u16; /* scratch */
    int32_t u16_cap;
    tma_buf ascii;
    tma_table known; /* word -> offset in forms of its Latin form, then its skeleton, each
                        NUL-terminated */
    tma_buf forms;
} tma_translit;

#define TMA_TRANSLIT_INIT {0}

void tma_translit_free(tma_translit *t);

/* Writes the skeleton of WORD (LEN bytes of NFC UTF-8) to OUT (replacing its content): the word
 * in Latin letters folded into sound classes (h/g/kh one class, th with t, y/i and the other
 * vowels one, voiced and voiceless pairs one, doubled letters once), without its final vowels. Returns 0,
 * or a negative tma_status when ICU fails. */
int tma_translit_skeleton(tma_buf *out, tma_translit *t, const char *word, size_t len,
                          tma_error *err);

/* Appends WORD (LEN bytes of NFC UTF-8) to OUT in lowercase ASCII Latin letters, as the skeleton
 * reads it before folding ("ЮАР" -> "yuar"); other characters are dropped. Kept beside the
 * skeleton, so that asking for either after the other transliterates once. Returns 0, or a
 * negative tma_status when ICU fails. */
int tma_translit_latin(tma_buf *out, tma_translit *t, const char *word, size_t len, tma_error *err);

/* The ICU transform that brings names written in SCRIPT into Latin letters before they are folded
 * ("Russian-Latin/BGN"; "Any-Latin", ICU's generic one, for a script without its own), "" for
 * Latin. Static. */
const char *tma_translit_transform(UScriptCode script);

/* Folds lowercase ASCII letters S[0..len) into sound classes, appending to OUT. Other bytes are
 * dropped. Returns 0, or -1 when out of memory. */
int tma_translit_fold(tma_buf *out, const char *s, size_t len);

#endif
