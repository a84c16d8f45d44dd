/* Private to src/lib/segment/: the breaks of one paragraph. ICU's sentence iterator proposes
 * them, missed.c adds those it misses and filter.c removes the false ones. The iterators and the
 * buffers belong to the caller's tma_seg_iterators (one thread's); segment.c turns the breaks
 * into sentences. */
#ifndef TMA_SEGMENT_BREAKS_H
#define TMA_SEGMENT_BREAKS_H

#include "para.h"
#include "segment.h"

#include <unicode/ubrk.h>

/* Stores in *out the sentence iterator for LANG from ITS, opening it on first use; it stays
 * ITS's. Returns 0, or a negative tma_status with *err filled when ICU cannot open it. */
int tma_seg_get_iterator(UBreakIterator **out, tma_seg_iterators *its, const char *lang,
                         tma_error *err);

/* Collects the breaks of paragraph P (LEN bytes) into its->breaks as sorted offsets, 0 and LEN
 * included. */
int tma_seg_paragraph_breaks(tma_seg_iterators *its, UBreakIterator *bi, const para *P,
                             tma_error *err);

#endif
