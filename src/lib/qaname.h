/* The QA name check: whether a name of one side of a unit is missing from the other side, though
 * the other side's document writes it elsewhere. Layer: beside qa, which alone calls it. */
#ifndef TMA_QANAME_H
#define TMA_QANAME_H

#include "qa.h"

/* Lists language K's names for the name check: its doc's known names (tma_doc_known_names) by
 * sentence into QA->known_names[k] and QA->known_first[k], the sorted keys of its name and lexicon
 * anchors into QA->names[k], those of its known names into QA->known_keys[k], where its names
 * and known names stand into QA->places[k]. Returns 0, or -1 when out of memory. */
int tma_qa_list_names(tma_qa *qa, size_t k);

/* Frees what tma_qa_list_names listed for language K (also after a failure). */
void tma_qa_free_names(tma_qa *qa, size_t k);

/* The known names (QA->known_names) on side K of unit U, *n of them; borrowed from QA. */
const tma_anchor *tma_qa_known_names(const tma_qa *qa, const tma_unit *u, size_t k, size_t *n);

/* 1 if language K capitalises names alone inside a sentence, 0 if more: English its titles
 * ("the Roman Catholic Church") and the adjectives of peoples ("German"), German every noun. Only
 * there does a capitalised word that the dictionary knows tell a name. */
int tma_qa_capitals_mark_names(const tma_qa *qa, size_t k);

/* Whether the name anchor A of side K of unit U is missing from side OTHER, as tma_qa_missing
 * reports names: stores 1 or 0 in *out. KNOWN says that A is one of QA->known_names. Not
 * reported: acronyms, a sentence's first word, a name that a word of OTHER's side resembles or
 * that may be a letter of an acronym there, and a name that OTHER's document never has (a known
 * name counts only against a name that OTHER's dictionary does not know) unless a word spelt like
 * it stands on OTHER's side of a joined unit that holds another of its places. Returns 0, or a
 * negative tma_status. */
int tma_qa_name_missing(int *out, tma_qa *qa, const tma_unit *u, size_t k, size_t other,
                        const tma_anchor *a, int known, tma_error *err);

#endif
