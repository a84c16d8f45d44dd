/* What the library does to a document beyond the public tma_doc accessors of tmalign.h. */
#ifndef TMA_DOC_H
#define TMA_DOC_H

#include "tmalign.h"

/* Splits the sentences of DOC at CUTS[0..count): NFC byte offsets, ascending, each the start of a
 * word that white space parts from the word before it inside one sentence. The pieces keep their
 * paragraph; their lengths, file offsets and anchors are found again (anchors through W). */
int tma_doc_split(tma_doc *doc, tma_worker *w, const size_t *cuts, size_t count, tma_error *err);

#endif
