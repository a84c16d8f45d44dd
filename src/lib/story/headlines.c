/* Headlines glued to the next sentence, split in a story's docs where its versions agree
 * (resplit.h decides where; this module cuts the docs and mends or redoes the alignments). */
#include "story/internal.h"

#include "buf.h"
#include "doc.h"
#include "error.h"
#include "resplit.h"

#include <stdlib.h>
#include <string.h>

/* Headlines glued to the next sentence are looked for this many times: a split can bring the
 * next one to the start of its paragraph ("the G7 Pope calls for ... tensions Pope Francis"). */
#define RESPLIT_PASSES 2

/* One side of the splits that tma_resplit_find found: the cuts, ascending, for tma_doc_split,
 * and the sentences they cut, by their index before the split. */
typedef struct side_splits {
    size_t *cuts, *sentences;
    size_t count;
} side_splits;

/* The bead of split F that holds side B's (else A's) sentences: its bead, or, for two beads that
 * each hold one sentence alone (F->beside), the one of that side. */
static const tma_bead *side_bead(const tma_resplit *f, const tma_bead *beads, int side_b)
{
    const tma_bead *bd = &beads[f->bead];
    return f->beside && (side_b ? bd->b_count : bd->a_count) == 0 ? bd + 1 : bd;
}

/* The sentence of side B (else A) that split F cuts. */
static size_t cut_sentence(const tma_resplit *f, const tma_bead *beads, int side_b)
{
    const tma_bead *bd = side_bead(f, beads, side_b);
    return side_b ? bd->b_first : bd->a_first;
}

static int side_splits_of(side_splits *out, const tma_resplit *found, size_t n,
                          const tma_bead *beads, int side_b)
{
    out->cuts = malloc((n + 1) * sizeof *out->cuts);
    out->sentences = malloc((n + 1) * sizeof *out->sentences);
    out->count = 0;
    if (out->cuts == NULL || out->sentences == NULL)
        return -1;
    for (size_t k = 0; k < n; k++) {
        size_t cut = side_b ? found[k].cut_b : found[k].cut_a;
        if (cut == TMA_RESPLIT_NONE)
            continue;
        out->cuts[out->count] = cut;
        out->sentences[out->count++] = cut_sentence(&found[k], beads, side_b);
    }
    return 0;
}

/* NULLS (one value per sentence of a side that had COUNT) after the splits SP: each piece takes
 * its sentence's value. Replaces *NULLS; returns -1 when out of memory. */
static int split_nulls(double **nulls, size_t count, const side_splits *sp)
{
    double *out = calloc(count + sp->count + 1, sizeof *out);
    if (out == NULL)
        return -1;
    for (size_t i = 0, m = 0, k = 0; i < count; i++) {
        out[m++] = (*nulls)[i];
        if (k < sp->count && sp->sentences[k] == i) {
            out[m++] = (*nulls)[i];
            k++;
        }
    }
    free(*nulls);
    *nulls = out;
    return 0;
}

/* The two beads that split F (F->beside) makes of sentence A of the first side and
 * sentence B of the second, moved down by the splits before: the piece that translates the other
 * sentence and that sentence in a 1-1 bead scoring SCORE, the other piece alone scoring
 * ALONE_SCORE. */
static void mend_piece(tma_bead *out, const tma_resplit *f, uint32_t a, uint32_t b, double score,
                       double alone_score)
{
    int cut_a = f->cut_a != TMA_RESPLIT_NONE;
    uint32_t g = cut_a ? a : b, o = cut_a ? b : a;
    uint32_t pair_first = f->pairs_first ? g : g + 1, alone_first = f->pairs_first ? g + 1 : g;
    uint32_t alone_other = f->pairs_first ? o + 1 : o;
    tma_bead pair =
        cut_a ? (tma_bead){pair_first, 1, o, 1, score} : (tma_bead){o, 1, pair_first, 1, score};
    tma_bead alone = cut_a ? (tma_bead){alone_first, 1, alone_other, 0, alone_score}
                           : (tma_bead){alone_other, 0, alone_first, 1, alone_score};
    out[0] = f->pairs_first ? pair : alone;
    out[1] = f->pairs_first ? alone : pair;
}

/* BEADS (COUNT) after the splits FOUND (N, in bead order): each split bead becomes two 1-1 beads
 * with its score, or a 1-1 bead and a piece alone (mend_piece), and the sentences after a split
 * move down; stores their count in *OUT_COUNT. */
static tma_bead *split_beads(size_t *out_count, const tma_bead *beads, size_t count,
                             const tma_resplit *found, size_t n)
{
    tma_bead *out = malloc((count + n) * sizeof *out);
    uint32_t shift_a = 0, shift_b = 0;
    size_t m = 0;
    for (size_t k = 0, next = 0; out != NULL && k < count; k++) {
        tma_bead bd = beads[k];
        bd.a_first += shift_a;
        bd.b_first += shift_b;
        if (next == n || found[next].bead != k) {
            out[m++] = bd;
            continue;
        }
        if (found[next].beside) {
            /* Two beads that each held one sentence alone: the pair is as sure as the less sure
             * of them, the piece alone as its sentence was. */
            tma_bead after = beads[k + 1];
            after.a_first += shift_a;
            after.b_first += shift_b;
            const tma_bead *a = bd.a_count ? &bd : &after, *b = bd.a_count ? &after : &bd;
            const tma_bead *glued = found[next].cut_a != TMA_RESPLIT_NONE ? a : b;
            mend_piece(&out[m], &found[next], a->a_first, b->b_first,
                       bd.score < after.score ? bd.score : after.score, glued->score);
            k++;
        } else {
            out[m] = (tma_bead){bd.a_first, 1, bd.b_first, 1, bd.score};
            out[m + 1] = (tma_bead){bd.a_first + 1, 1, bd.b_first + 1, 1, bd.score};
        }
        m += 2;
        shift_a += found[next].cut_a != TMA_RESPLIT_NONE;
        shift_b += found[next].cut_b != TMA_RESPLIT_NONE;
        next++;
    }
    *out_count = m;
    return out;
}

int tma_story_split_headlines(tma_story *story, tma_worker *w, tma_doc *const *docs,
                              size_t *sentences, const tma_align_params *fitted, tma_error *err)
{
    int rc = 0;
    for (int pass = 0; pass < RESPLIT_PASSES && rc == 0; pass++) {
        tma_buf found = TMA_BUF_INIT;
        const tma_bead *beads = story->alone[0][1];
        size_t count = story->alone_counts[0][1];
        rc = tma_resplit_find(&found, w, docs[0], docs[1], beads, count, fitted, err);
        const tma_resplit *splits = (const tma_resplit *)found.data;
        size_t n = found.len / sizeof *splits;
        side_splits sp[2] = {{0}};
        tma_bead *mended = NULL;
        size_t mended_count = 0;
        if (rc == 0 && n > 0 &&
            (side_splits_of(&sp[0], splits, n, beads, 0) < 0 ||
             side_splits_of(&sp[1], splits, n, beads, 1) < 0 ||
             (mended = split_beads(&mended_count, beads, count, splits, n)) == NULL ||
             split_nulls(&story->nulls[0][1], sentences[0], &sp[0]) < 0 ||
             split_nulls(&story->nulls[1][0], sentences[1], &sp[1]) < 0))
            rc = tma_error_nomem(err, "splitting sentences");
        for (size_t k = 0; k < 2 && rc == 0 && n > 0; k++) {
            rc = tma_doc_split(docs[k], w, sp[k].cuts, sp[k].count, err);
            sentences[k] += sp[k].count;
        }
        if (rc == 0 && n > 0) {
            free(story->alone[0][1]);
            story->alone[0][1] = mended;
            story->alone_counts[0][1] = mended_count;
            mended = NULL;
        }
        for (size_t k = 0; k < 2; k++) {
            free(sp[k].cuts);
            free(sp[k].sentences);
        }
        free(mended);
        tma_buf_free(&found);
        if (n == 0)
            break;
    }
    return rc;
}

static int cmp_size(const void *x, const void *y)
{
    size_t a = *(const size_t *)x, b = *(const size_t *)y;
    return (a > b) - (a < b);
}

/* 1 if the alignment of the first version with version J (BEADS, COUNT) keeps the first version's
 * sentences FIRST and FIRST + 1 apart, one of them at least beside a sentence of J's: J may omit
 * the other. */
static int keeps_apart(const tma_bead *beads, size_t count, size_t first)
{
    size_t g = 0;
    while (g < count && beads[g].a_first + beads[g].a_count <= first)
        g++;
    return g + 1 < count && beads[g].a_first == first && beads[g].a_count == 1 &&
           beads[g + 1].a_count == 1 && beads[g].b_count + beads[g + 1].b_count > 0;
}

/* 1 if every version but the first and version SKIP follows the first version's cut CUT[0] of its
 * sentences of BD (tma_resplit_follow), where the bead of the first version's alignment with it
 * holds just those sentences; stores each one's cut in CUT. */
static int others_follow(size_t *cut, const tma_story *story, tma_worker *w, tma_doc *const *docs,
                         tma_align_params (*params)[TMA_MAX_LANGS], const tma_bead *bd, size_t skip)
{
    for (size_t k = 1; k < story->n; k++) {
        if (k == skip)
            continue;
        const tma_bead *other = story->alone[0][k];
        size_t count = story->alone_counts[0][k], g = 0;
        while (g < count && other[g].a_first + other[g].a_count <= bd->a_first)
            g++;
        if (!(g < count && other[g].a_first == bd->a_first && other[g].a_count == bd->a_count &&
              other[g].b_count > 0 && other[g].a_count + other[g].b_count <= 3 &&
              tma_resplit_follow(&cut[k], w, docs[0], bd->a_first, bd->a_count, cut[0], docs[k],
                                 other[g].b_first, other[g].b_count, &params[0][k])))
            return 0;
    }
    return 1;
}

/* 1 if CUTS (byte offsets in DOC) cut sentence I of DOC already. */
static int cuts_sentence(const tma_buf *cuts, const tma_doc *doc, size_t i)
{
    const tma_sentence *s = tma_doc_sentence(doc, i);
    const size_t *at = (const size_t *)cuts->data;
    for (size_t c = 0; c < cuts->len / sizeof *at; c++) {
        if (at[c] >= s->start && at[c] < s->start + s->len)
            return 1;
    }
    return 0;
}

/* Appends to CUTS (one buffer per version) what the alignment of the first version with version K,
 * alone among three or more, says where one of them runs on: a 2-1 bead whose one sentence of K
 * has a place that tma_resplit_find takes (a source that lost its full stop: "... оդանավակայանը
 * Օդաչուն ..."), where every other version keeps the first version's two apart too, cuts K; a 1-2
 * bead whose first-version sentence has such a place (a clause that K's translation ends as a
 * sentence: "... Nicklas Backstrom; his second goal ..."), where every other version follows the
 * cut, cuts the first version and the others. */
static int split_where_one_differs(tma_buf *cuts, const tma_story *story, tma_worker *w,
                                   tma_doc *const *docs, size_t k,
                                   tma_align_params (*params)[TMA_MAX_LANGS], tma_error *err)
{
    tma_buf found = TMA_BUF_INIT;
    const tma_bead *beads = story->alone[0][k];
    int rc = tma_resplit_find(&found, w, docs[0], docs[k], beads, story->alone_counts[0][k],
                              &params[0][k], err);
    const tma_resplit *splits = (const tma_resplit *)found.data;
    for (size_t f = 0; rc == 0 && f < found.len / sizeof *splits; f++) {
        const tma_bead *bd = &beads[splits[f].bead];
        size_t cut[TMA_MAX_LANGS];
        for (size_t j = 0; j < story->n; j++)
            cut[j] = TMA_RESPLIT_NONE;
        if (bd->a_count == 2 && splits[f].cut_b != TMA_RESPLIT_NONE) {
            int agreed = 1;
            for (size_t j = 1; j < story->n && agreed; j++)
                agreed = j == k ||
                         keeps_apart(story->alone[0][j], story->alone_counts[0][j], bd->a_first);
            if (agreed)
                cut[k] = splits[f].cut_b;
        } else if (bd->a_count == 1 && bd->b_count == 2 && splits[f].cut_a != TMA_RESPLIT_NONE &&
                   !cuts_sentence(&cuts[0], docs[0], bd->a_first)) {
            cut[0] = splits[f].cut_a;
            if (!others_follow(cut, story, w, docs, params, bd, k))
                continue;
        }
        for (size_t j = 0; j < story->n && rc == 0; j++) {
            if (cut[j] != TMA_RESPLIT_NONE && tma_buf_append(&cuts[j], &cut[j], sizeof cut[j]) < 0)
                rc = tma_error_nomem(err, "splitting sentences");
        }
    }
    tma_buf_free(&found);
    return rc;
}

int tma_story_split_headlines_all(int *split, const tma_story *story, tma_worker *w,
                                  tma_doc *const *docs, tma_align_params (*params)[TMA_MAX_LANGS],
                                  tma_error *err)
{
    size_t n = story->n;
    tma_buf found = TMA_BUF_INIT, cuts[TMA_MAX_LANGS] = {TMA_BUF_INIT};
    const tma_bead *beads = story->alone[0][1];
    int rc = tma_resplit_find(&found, w, docs[0], docs[1], beads, story->alone_counts[0][1],
                              &params[0][1], err);
    const tma_resplit *splits = (const tma_resplit *)found.data;
    *split = 0;
    for (size_t f = 0; rc == 0 && f < found.len / sizeof *splits; f++) {
        const tma_bead *bd = side_bead(&splits[f], beads, 0);
        size_t cut[TMA_MAX_LANGS];
        for (size_t k = 0; k < n; k++)
            cut[k] = TMA_RESPLIT_NONE;
        cut[0] = splits[f].cut_a;
        cut[1] = splits[f].cut_b;
        /* A piece left alone: the second version's sentence is cut alone, the first version's
         * where the others follow. */
        int agreed = (splits[f].beside && cut[0] == TMA_RESPLIT_NONE) ||
                     others_follow(cut, story, w, docs, params, bd, 1);
        for (size_t k = 0; k < n && rc == 0 && agreed; k++) {
            if (cut[k] != TMA_RESPLIT_NONE && tma_buf_append(&cuts[k], &cut[k], sizeof cut[k]) < 0)
                rc = tma_error_nomem(err, "splitting sentences");
        }
    }
    for (size_t k = 2; k < n && rc == 0; k++)
        rc = split_where_one_differs(cuts, story, w, docs, k, params, err);
    for (size_t k = 0; k < n && rc == 0; k++) {
        size_t count = cuts[k].len / sizeof(size_t);
        *split |= count > 0;
        if (count > 1)
            qsort(cuts[k].data, count, sizeof(size_t), cmp_size);
        rc = tma_doc_split(docs[k], w, (const size_t *)cuts[k].data, count, err);
    }
    for (size_t k = 0; k < n; k++)
        tma_buf_free(&cuts[k]);
    tma_buf_free(&found);
    return rc;
}
