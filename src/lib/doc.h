/* What the library does to a document beyond the public tma_doc accessors of tmalign.h. */
#ifndef TMA_DOC_H
#define TMA_DOC_H

#include "tmalign.h"
#include "words.h"

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

/* The doc's known names, in text order: the capitalised words its dictionary also knows in
 * lowercase, which tma_anchor_extract (KNOWN) leaves out of the anchors, for the QA name check;
 * *count of them. A split finds a piece's anew. */
const tma_anchor *tma_doc_known_names(const tma_doc *doc, size_t *count);

/* Words built while the doc was read (tma_docs_read_files builds a long story's words of each doc
 * on the thread that read it, so that the longest doc's reading and words are one thread's work):
 * tma_doc_keep_words gives DOC the words *WORDS of the doc toward OTHER_LANG from SRC (DOC owns
 * them from then; *WORDS is emptied); returns 0, or -1 when DOC keeps as many as it can already
 * (the words are then freed). tma_doc_take_words moves the kept words toward OTHER_LANG from SRC
 * (the same lexicon, direction and learned lexicon) into *out and returns 1, or returns 0 when DOC
 * kept none such. A split (tma_doc_split) and tma_doc_free free what is kept. Like a split, both
 * belong to the one thread that reads or aligns the doc. */
int tma_doc_keep_words(tma_doc *doc, tma_words *words, const char *other_lang,
                       const tma_words_source *src);
int tma_doc_take_words(tma_words *out, tma_doc *doc, const char *other_lang,
                       const tma_words_source *src);

#endif
