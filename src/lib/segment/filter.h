/* Private to src/lib/segment/: the rules that remove false breaks. breaks.c calls them once the
 * candidates of ICU and of missed.c are all in; they read only the para and the rules. */
#ifndef TMA_SEGMENT_FILTER_H
#define TMA_SEGMENT_FILTER_H

#include "para.h"

/* Sorts the candidates in BREAKS and keeps the forced ones and the ICU breaks that stand, once
 * each and outside any dateline; LIST says whether P is a list. Cannot fail. */
void tma_seg_keep_breaks(tma_buf *breaks, const para *P, int list);

#endif
