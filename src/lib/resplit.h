/* Headlines glued to the sentence after them, found by two versions together. News text laid out
 * without paragraph breaks runs a headline with no final punctuation into the lead ("... during
 * weekends The reason for ..."). Inside a sentence, a capitalised common word is as likely to open
 * a title ("the White House") as a sentence, so the splitter leaves such a place alone unless the
 * word is a listed opener. Two versions decide it: where both place such a word, at points whose
 * pieces match in length, and where no anchor crosses from one piece to the other, the
 * translation keeps the headline apart too. A clause after a semicolon is cut the same way where a
 * translation ends a sentence there. Layer: after align, before join.
 *
 * This module only decides: it reads the docs and an alignment and never changes them. The split
 * itself is tma_doc_split's, called by tma_story_align alone (story.c), before the agreement and
 * the join; see doc.h for when a doc may still change. */
#ifndef TMA_RESPLIT_H
#define TMA_RESPLIT_H

#include "align.h"
#include "buf.h"
#include "tmalign.h"

/* Where bead BEAD of an alignment is to be split in two 1-1 beads: its side A's one sentence at
 * NFC byte offset CUT_A, its side B's at CUT_B; TMA_RESPLIT_NONE for a side that holds two
 * sentences already. */
#define TMA_RESPLIT_NONE ((size_t)-1)
typedef struct tma_resplit {
    size_t bead;
    size_t cut_a, cut_b;
    /* 1 if beads BEAD and BEAD + 1 each hold one sentence of one side alone, and the one cut
     * (CUT_A or CUT_B, the other TMA_RESPLIT_NONE) leaves a piece that translates the other
     * bead's sentence, the first piece if PAIRS_FIRST, else the second, and a piece alone. */
    int beside;
    int pairs_first;
} tma_resplit;

/* Finds, in the beads [0, count) of docs A and B (1-1, 1-2 and 2-1 beads, and a sentence left
 * unaligned beside one of the other side's: a headline run into a lead that the other version
 * lacks), the headlines glued to the next sentence, and appends a tma_resplit for each to OUT, in
 * bead order, no two of them about one bead. A headline may end
 * before any capitalised common word, or before a name, number or quote that it holds too (its
 * lead names it again); one inside a paragraph (glued to the end of another story as well) only
 * where the pieces match closely, unless the word opens sentences in one version or the bead's
 * other side holds two sentences already (its version ends the headline with punctuation); where
 * it does, before any capitalised word, number or quote, or after a semicolon. FITTED is the
 * length model fitted to the pair (tma_align_pair_fitted); W answers which words the
 * dictionaries know. */
int tma_resplit_find(tma_buf *out, tma_worker *w, const tma_doc *a, const tma_doc *b,
                     const tma_bead *beads, size_t count, const tma_align_params *fitted,
                     tma_error *err);

/* Where a third version B follows a split of A that tma_resplit_find found: A's sentences
 * [a_first, a_first + a_count), cut at CUT_A when they are one (two: where the second starts), and
 * B's sentences [b_first, b_first + b_count) that B's alignment with A puts beside them. Returns 1
 * and stores in *cut_b where B's one sentence is cut (TMA_RESPLIT_NONE when B holds two sentences
 * already); returns 0 when B has no place whose pieces match A's. FITTED is the length model of
 * the pair A-B. */
int tma_resplit_follow(size_t *cut_b, tma_worker *w, const tma_doc *a, size_t a_first,
                       size_t a_count, size_t cut_a, const tma_doc *b, size_t b_first,
                       size_t b_count, const tma_align_params *fitted);

#endif
