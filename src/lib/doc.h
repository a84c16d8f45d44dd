/* What the library does to a document beyond the public tma_doc accessors of tmalign.h. */
#ifndef TMA_DOC_H
#define TMA_DOC_H

#include "tmalign.h"

/* When a doc may still change. CONVENTIONS §3 says a doc never changes once read; the one exception
 * is this function, and its one caller is tma_story_align (story.c), which splits headlines glued
 * to the next sentence (resplit.h) after the first, pairwise alignment of the docs and before the
 * agreement, the join and anything else reads them: the cuts come from that alignment, so they
 * cannot be known when the doc is read. A doc is therefore frozen once the tma_story_align that
 * takes it returns; until then it belongs to the thread that calls that function, and must not be
 * shared. Nothing else may call this. Sentence and anchor pointers taken before a split are invalid
 * after it: the old arrays are freed, so that a long document does not keep both. On failure the
 * doc is as it was. */

/* Splits the sentences of DOC at CUTS[0..count): NFC byte offsets, ascending, each the start of a
 * word that white space parts from the word before it inside one sentence. The pieces keep their
 * paragraph; their lengths, file offsets and anchors are found again (anchors through W). */
int tma_doc_split(tma_doc *doc, tma_worker *w, const size_t *cuts, size_t count, tma_error *err);

#endif
