/* The QA number check's second look at a unit: forms of a number that the anchors do not read,
 * because alone they are as often no number ("one of them", "a second", "вторник") or give it
 * another way (Roman numerals, the other clock). Layer: beside qa, which alone calls it. */
#ifndef TMA_QANUMBER_H
#define TMA_QANUMBER_H

#include "anchor.h"
#include "buf.h"

/* A unit side as the check reads it: TEXT[start..end) of a doc's NFC text (TEXT_LEN bytes), and
 * the number anchors and others of those sentences, ANCHORS[0..count). All borrowed. */
typedef struct tma_qa_side_text {
    const char *text;
    size_t text_len, start, end;
    const tma_anchor *anchors;
    size_t count;
} tma_qa_side_text;

/* Whether SIDE writes the number that anchor A of the text ATEXT (ATEXT_LEN bytes) writes in
 * digits, in a form its anchors do not meet: a number word or ordinal (tma_anchor_number_word:
 * "third" for "3", "пятом" for "5"), a Roman numeral ("XV" for "15th"), the same hour on the
 * other clock ("11:35 pm" and "23:35"), the same digits with another scale word ("340 to 500
 * million" and "340 million to 500 million"); the minutes of a whole hour ("12:00") need nothing.
 * Stores 1 or 0 in *out and returns 0, or a negative tma_status when out of memory. WORD is
 * scratch. */
int tma_qa_number_elsewhere(int *out, const tma_anchor_tables *tables, const char *atext,
                            size_t atext_len, const tma_anchor *a, const tma_qa_side_text *side,
                            tma_buf *word, tma_error *err);

#endif
