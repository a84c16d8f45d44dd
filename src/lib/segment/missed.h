/* Private to src/lib/segment/: the rules that add the breaks ICU misses. breaks.c calls them on
 * each paragraph after ICU has proposed its breaks; they read only the para and the rules. */
#ifndef TMA_SEGMENT_MISSED_H
#define TMA_SEGMENT_MISSED_H

#include "para.h"

/* Appends to BREAKS the candidates of every rule of P's language that adds breaks: forced ones
 * (kept whatever filter.c says) and those the filters judge. Sets *list when P is a list (see
 * add_list_breaks). Returns 0, or -1 when out of memory. */
int tma_seg_add_missed_breaks(tma_buf *breaks, const para *P, int *list);

#endif
