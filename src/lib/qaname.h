/* The QA name check: whether a name of one side of a unit is missing from the other side, though
 * the other side's document writes it elsewhere. Layer: beside qa, which alone calls it. */
#ifndef TMA_QANAME_H
#define TMA_QANAME_H

#include "qa.h"

/* Lists the keys (both forms) of the name and lexicon anchors of language K's document into
 * QA->names[k], sorted. Returns 0, or -1 when out of memory. */
int tma_qa_list_names(tma_qa *qa, size_t k);

/* Whether the name anchor A of side K of unit U is missing from side OTHER, as tma_qa_missing
 * reports names: stores 1 or 0 in *out. Not reported: acronyms, a sentence's first word, a name
 * that OTHER's document never has, a name that a word of OTHER's side resembles. Returns 0, or a
 * negative tma_status. */
int tma_qa_name_missing(int *out, tma_qa *qa, const tma_unit *u, size_t k, size_t other,
                        const tma_anchor *a, tma_error *err);

#endif
