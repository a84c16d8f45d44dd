/* The story object: the pairwise alignments of a story's versions, made to agree with each other
 * and joined into units (tma_story_align and the tma_story_* accessors of tmalign.h). */
#include "story.h"

#include "align.h"
#include "buf.h"
#include "context.h"
#include "doc.h"
#include "error.h"
#include "join.h"
#include "learn.h"
#include "pool.h"
#include "review/review.h"
#include "story/internal.h"
#include "words.h"

#include <stdlib.h>
#include <string.h>


double tma_story_pair_translation(const tma_story *story, size_t a, size_t b)
{
    return story->translates[a][b];
}

const tma_bead *tma_story_pair_beads(const tma_story *story, size_t a, size_t b, size_t *count)
{
    if (story->agreed[a][b] != NULL) {
        *count = story->agreed_counts[a][b];
        return story->agreed[a][b];
    }
    *count = story->alone_counts[a][b];
    return story->alone[a][b];
}

/* The aligner's view of one document: sentence lengths, paragraph starts and anchors. */
typedef struct side_arrays {
    uint32_t *chars, *anchor_first, *anchor_count;
    uint8_t *para_start;
} side_arrays;

static void side_arrays_free(side_arrays *a)
{
    free(a->chars);
    free(a->anchor_first);
    free(a->anchor_count);
    free(a->para_start);
}

static int side_of(tma_align_side *side, side_arrays *a, const tma_doc *doc)
{
    size_t n = tma_doc_sentence_count(doc), anchors;
    a->chars = malloc((n + 1) * sizeof *a->chars);
    a->anchor_first = malloc((n + 1) * sizeof *a->anchor_first);
    a->anchor_count = malloc((n + 1) * sizeof *a->anchor_count);
    a->para_start = malloc(n + 1);
    if (a->chars == NULL || a->anchor_first == NULL || a->anchor_count == NULL ||
        a->para_start == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        const tma_sentence *s = tma_doc_sentence(doc, i);
        a->chars[i] = s->chars;
        a->para_start[i] = i == 0 || s->paragraph != tma_doc_sentence(doc, i - 1)->paragraph;
        a->anchor_first[i] = s->anchor_first;
        a->anchor_count[i] = s->anchor_count;
    }
    *side = (tma_align_side){a->chars,        a->para_start,   n,   tma_doc_anchors(doc, &anchors),
                             a->anchor_first, a->anchor_count, NULL};
    return 0;
}

/* A pair of languages and how sure its alignment is on average. */
typedef struct pair_order {
    size_t a, b;
    double mean;
} pair_order;

/* Least sure first; ties in the order of the languages, so that the result is reproducible. */
static int cmp_pair_order(const void *x, const void *y)
{
    const pair_order *p = x, *q = y;
    if (p->mean != q->mean)
        return p->mean < q->mean ? -1 : 1;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return (p->b > q->b) - (p->b < q->b);
}

static void free_story_sides(side_arrays *arrays, tma_words (*words)[TMA_MAX_LANGS], size_t n)
{
    for (size_t a = 0; a < n; a++) {
        side_arrays_free(&arrays[a]);
        for (size_t b = 0; b < n; b++)
            tma_words_free(&words[a][b]);
    }
}

/* 1 if PRIMARY is the primary subtag of LANG. */
static int is_primary_of(const char *primary, const char *lang)
{
    size_t n = strcspn(lang, "-_");
    return strlen(primary) == n && strncmp(primary, lang, n) == 0;
}

/* A thread keeps its alignment matrices for its next story up to this many cells (about 9 bytes
 * each, 50 with posteriors). */
#define KEEP_SCRATCH_CELLS ((size_t)1 << 18)

/* A story with at least this many sentences in all builds its words on threads of its own, one
 * direction each: below it, starting threads costs more than it saves. */
#define PARALLEL_WORDS_MIN_SENTENCES 4000

/* One direction's words: DOC's toward OTHER_LANG. */
typedef struct words_job {
    tma_words *out;
    const tma_doc *doc;
    const char *other_lang;
    tma_words_source source;
    int rc;
    tma_error err;
} words_job;

typedef struct words_jobs {
    words_job v[TMA_MAX_LANGS * (TMA_MAX_LANGS - 1)];
    size_t count;
    const struct tma_anchor_tables *tables;
} words_jobs;

static void build_words(void *arg, size_t thread, size_t k)
{
    (void)thread;
    words_jobs *jobs = arg;
    words_job *j = &jobs->v[k];
    j->rc = tma_words_build(j->out, j->doc, jobs->tables, j->other_lang, &j->source, &j->err);
}

int tma_story_words_sources(tma_words_source *ab, tma_words_source *ba, tma_ctx *ctx,
                            const char *la, const char *lb, tma_error *err)
{
    tma_lexicon *lex;
    const tma_learned *learned;
    int swapped;
    int rc = tma_ctx_lexicon(&lex, &learned, &swapped, ctx, la, lb, err);
    if (rc < 0)
        return rc;
    if (lex == NULL && learned == NULL)
        return 0;
    int a_learned_b = learned != NULL && is_primary_of(tma_learned_lang(learned, 1), la);
    *ab = (tma_words_source){lex, swapped ? TMA_LEXICON_BA : TMA_LEXICON_AB, learned, a_learned_b,
                             0};
    *ba = (tma_words_source){lex, swapped ? TMA_LEXICON_AB : TMA_LEXICON_BA, learned,
                             !a_learned_b, 0};
    return 1;
}

/* The words of every pair of DOCS[0..n) that has word knowledge, each doc's toward the other
 * language: WORDS[a][b] for doc a in pair (a, b), with HAS[a][b] (= HAS[b][a]) set for such a
 * pair. Words that a doc's reading built already (tma_doc_take_words) are taken, not built again. */
static int pair_words(tma_words (*words)[TMA_MAX_LANGS], int (*has)[TMA_MAX_LANGS], tma_ctx *ctx,
                      tma_doc *const *docs, size_t n, tma_error *err)
{
    words_jobs jobs = {.count = 0, .tables = tma_ctx_anchor_tables(ctx)};
    size_t sentences = 0;
    for (size_t a = 0; a < n; a++) {
        sentences += tma_doc_sentence_count(docs[a]);
        for (size_t b = a + 1; b < n; b++) {
            tma_words_source ab, ba;
            const char *la = tma_doc_lang(docs[a]), *lb = tma_doc_lang(docs[b]);
            int rc = tma_story_words_sources(&ab, &ba, ctx, la, lb, err);
            if (rc < 0)
                return rc;
            if (rc == 0)
                continue;
            if (!tma_doc_take_words(&words[a][b], docs[a], lb, &ab))
                jobs.v[jobs.count++] =
                    (words_job){.out = &words[a][b], .doc = docs[a], .other_lang = lb, .source = ab};
            if (!tma_doc_take_words(&words[b][a], docs[b], la, &ba))
                jobs.v[jobs.count++] =
                    (words_job){.out = &words[b][a], .doc = docs[b], .other_lang = la, .source = ba};
            has[a][b] = has[b][a] = 1;
        }
    }
    size_t threads =
        sentences < PARALLEL_WORDS_MIN_SENTENCES || jobs.count < 2 ? 1 : tma_pool_cores();
    tma_pool_run(threads, jobs.count, build_words, NULL, &jobs);
    /* Else the words' temporaries, freed in the threads' arenas, add 20 MB to a long story's
     * peak (long/hard-s1: 158 MB, 139 MB with this). */
    if (threads > 1 && jobs.count > 1)
        tma_pool_release_free();
    for (size_t k = 0; k < jobs.count; k++) {
        if (jobs.v[k].rc < 0) {
            *err = jobs.v[k].err;
            return jobs.v[k].rc;
        }
    }
    return 0;
}

/* SIDES[a] and SIDES[b] with the pair's words, if it has any. */
static void pair_sides(tma_align_side *sa, tma_align_side *sb, const tma_align_side *sides,
                       tma_words (*words)[TMA_MAX_LANGS], int (*has)[TMA_MAX_LANGS], size_t a,
                       size_t b)
{
    *sa = sides[a];
    *sb = sides[b];
    if (has[a][b]) {
        sa->words = &words[a][b];
        sb->words = &words[b][a];
    }
}

/* The align sides of DOCS[0..n) into SIDES (their arrays in ARRAYS) and every pair's words
 * (pair_words). */
static int story_sides(tma_align_side *sides, side_arrays *arrays,
                       tma_words (*words)[TMA_MAX_LANGS], int (*has_words)[TMA_MAX_LANGS],
                       tma_worker *w, tma_doc *const *docs, size_t n, tma_error *err)
{
    for (size_t k = 0; k < n; k++) {
        if (side_of(&sides[k], &arrays[k], docs[k]) < 0)
            return tma_error_nomem(err, "aligning");
    }
    return pair_words(words, has_words, tma_worker_ctx(w), docs, n, err);
}

/* Finds REVIEW's units in the docs (after any split) and makes every pair's own alignment hold
 * the fitting ones. SIDES, ARRAYS and WORDS are rebuilt first when a split has made them out of
 * date. */
static int apply_review(tma_story *story, tma_worker *w, tma_doc *const *docs,
                        const tma_review *review, side_arrays *arrays, tma_align_side *sides,
                        tma_words (*words)[TMA_MAX_LANGS], int (*has_words)[TMA_MAX_LANGS],
                        tma_align_params (*params)[TMA_MAX_LANGS], tma_error *err)
{
    size_t n = story->n;
    story->decisions = tma_review_decision_count(review);
    int rc = tma_review_match(&story->places, &story->place_count, &story->stale,
                              &story->stale_count, review, story->docs, n, err);
    if (rc < 0 || story->place_count == 0)
        return rc;
    int stale_sides = 0;
    for (size_t k = 0; k < n; k++)
        stale_sides |= sides[k].n != tma_doc_sentence_count(docs[k]);
    if (stale_sides) {
        free_story_sides(arrays, words, n);
        memset(arrays, 0, n * sizeof *arrays);
        memset(has_words, 0, TMA_MAX_LANGS * sizeof *has_words);
        rc = story_sides(sides, arrays, words, has_words, w, docs, n, err);
    }
    for (size_t a = 0; a < n && rc == 0; a++) {
        for (size_t b = a + 1; b < n && rc == 0; b++) {
            tma_align_side sa, sb;
            pair_sides(&sa, &sb, sides, words, has_words, a, b);
            rc = tma_review_constrain_pair(&story->alone[a][b], &story->alone_counts[a][b],
                                           story->places, story->place_count, a, b, &sa, &sb,
                                           &params[a][b], tma_worker_align_scratch(w), err);
        }
    }
    return rc;
}

/* 1 if UNIT has a sentence of PLACE in a language of the place's view. */
static int unit_holds(const tma_unit *unit, const tma_review_place *pl, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (pl->in[k] && pl->count[k] > 0 && unit->count[k] > 0 &&
            pl->first[k] < unit->first[k] + unit->count[k] &&
            unit->first[k] < pl->first[k] + pl->count[k])
            return 1;
    }
    return 0;
}

/* Makes the units that a reviewed unit of every language holds one unit: no pair's bead crosses
 * its borders, but the pairs may be finer inside it than the reviewer's unit. */
static void merge_place_units(tma_story *story)
{
    for (size_t p = 0; p < story->place_count; p++) {
        const tma_review_place *pl = &story->places[p];
        size_t first = 0, last = 0, found = 0;
        for (size_t u = 0; u < story->unit_count && !pl->one_bead; u++) {
            if (!unit_holds(&story->units[u], pl, story->n))
                continue;
            if (!found++)
                first = u;
            last = u;
        }
        if (found < 2)
            continue;
        tma_unit *merged = &story->units[first];
        for (size_t u = first + 1; u <= last; u++) {
            const tma_unit *next = &story->units[u];
            for (size_t k = 0; k < story->n; k++) {
                if (merged->count[k] == 0)
                    merged->first[k] = next->first[k];
                merged->count[k] += next->count[k];
            }
            if (next->score < merged->score)
                merged->score = next->score;
        }
        memmove(&story->units[first + 1], &story->units[last + 1],
                (story->unit_count - last - 1) * sizeof *story->units);
        story->unit_count -= last - first;
    }
}

/* Gives each of the story's units that a review place decided its status: a unit of every
 * language holds its place's first sentence; a pair's rejection also rejects the units of every
 * language that hold its sentences. */
static void mark_units(tma_story *story)
{
    for (size_t p = 0; p < story->place_count; p++) {
        const tma_review_place *pl = &story->places[p];
        int every = 1;
        for (size_t k = 0; k < story->n; k++)
            every &= pl->in[k];
        for (size_t u = 0; u < story->unit_count; u++) {
            tma_unit *unit = &story->units[u];
            if (unit_holds(unit, pl, story->n) && (every || pl->status == TMA_REVIEW_REJECTED))
                unit->review = pl->status;
        }
    }
}

static int align_story(tma_story **out, tma_worker *w, tma_doc *const *docs, size_t n, int resplit,
                       const tma_review *review, tma_error *err)
{
    *out = NULL;
    if (n < 2 || n > TMA_MAX_LANGS)
        return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                             "a story needs 2 to %d versions to align, not %zu", TMA_MAX_LANGS, n);
    tma_story *story = calloc(1, sizeof *story);
    if (story == NULL)
        return tma_error_nomem(err, "aligning");
    story->n = n;
    const tma_options *options = tma_ctx_options(tma_worker_ctx(w));
    tma_align_scratch *scratch = tma_worker_align_scratch(w);
    size_t sentences[TMA_MAX_LANGS];
    for (size_t k = 0; k < n; k++) {
        story->docs[k] = docs[k];
        sentences[k] = tma_doc_sentence_count(docs[k]);
    }

    side_arrays arrays[TMA_MAX_LANGS] = {0};
    tma_align_side sides[TMA_MAX_LANGS];
    tma_align_params params[TMA_MAX_LANGS][TMA_MAX_LANGS];
    tma_words words[TMA_MAX_LANGS][TMA_MAX_LANGS];
    int has_words[TMA_MAX_LANGS][TMA_MAX_LANGS] = {{0}};
    for (size_t a = 0; a < n; a++)
        for (size_t b = 0; b < n; b++)
            words[a][b] = (tma_words)TMA_WORDS_INIT;
    int rc = story_sides(sides, arrays, words, has_words, w, docs, n, err);
    /* Every pair alone first; then, with three languages or more, every pair again with what
     * the other languages' alignments say, so that the pairs agree where the evidence allows. */
    for (size_t a = 0; a < n && rc == 0; a++) {
        for (size_t b = a + 1; b < n && rc == 0; b++) {
            tma_align_params prior = tma_align_default_params();
            prior.s2 = tma_align_prior_s2(tma_doc_lang(docs[a]), tma_doc_lang(docs[b]));
            prior.paragraph_penalty = options->paragraph_penalty;
            story->nulls[a][b] = malloc((sentences[a] + 1) * sizeof(double));
            story->nulls[b][a] = malloc((sentences[b] + 1) * sizeof(double));
            if (story->nulls[a][b] == NULL || story->nulls[b][a] == NULL) {
                rc = tma_error_nomem(err, "aligning");
                break;
            }
            tma_align_nulls nulls = {story->nulls[a][b], story->nulls[b][a]};
            tma_align_side sa, sb;
            pair_sides(&sa, &sb, sides, words, has_words, a, b);
            rc = tma_align_pair_fitted(&story->alone[a][b], &story->alone_counts[a][b],
                                       &params[a][b], &sa, &sb, &prior, scratch, &nulls, err);
            story->translates[a][b] = tma_align_translation_probability(&params[a][b]);
        }
    }
    /* Where the versions agree that a headline runs into the next sentence, they are split: with
     * two, the alignment is mended; with more, the story is aligned again, once. This is the only
     * place a doc changes after it is read (see doc.h): SIDES describe the docs before the split,
     * so after one nothing may read them; with two versions nothing does, with more the story is
     * aligned again from the docs. */
    if (rc == 0 && n == 2 && resplit && !options->segmented)
        rc = tma_story_split_headlines(story, w, docs, sentences, &params[0][1], err);
    int split = 0;
    if (rc == 0 && n > 2 && resplit && !options->segmented)
        rc = tma_story_split_headlines_all(&split, story, w, docs, params, err);
    if (rc == 0 && split) {
        free_story_sides(arrays, words, n);
        tma_story_free(story);
        return align_story(out, w, docs, n, 0, review, err);
    }
    if (rc == 0 && review != NULL)
        rc = apply_review(story, w, docs, review, arrays, sides, words, has_words, params, err);
    /* One pair at a time, the least sure first, each with the others' latest alignments: a pair
     * that one language's alignments got wrong is mended before it can mislead the others. */
    pair_order order[TMA_MAX_LANGS * (TMA_MAX_LANGS - 1) / 2];
    size_t order_count = 0;
    for (size_t a = 0; a < n && n > 2; a++)
        for (size_t b = a + 1; b < n; b++)
            order[order_count++] = (pair_order){
                a, b, tma_align_mean_score(story->alone[a][b], story->alone_counts[a][b])};
    qsort(order, order_count, sizeof *order, cmp_pair_order);
    for (size_t k = 0; k < order_count && rc == 0; k++) {
        size_t a = order[k].a, b = order[k].b;
        const tma_bead *latest[TMA_MAX_LANGS][TMA_MAX_LANGS] = {{0}};
        size_t latest_counts[TMA_MAX_LANGS][TMA_MAX_LANGS] = {{0}};
        for (size_t x = 0; x < n; x++)
            for (size_t y = x + 1; y < n; y++)
                latest[x][y] = tma_story_pair_beads(story, x, y, &latest_counts[x][y]);
        tma_bead *beads;
        size_t count;
        tma_align_side sa, sb;
        pair_sides(&sa, &sb, sides, words, has_words, a, b);
        rc = tma_join_agree_pair(
            &beads, &count, n, sentences, (const tma_bead *const(*)[TMA_MAX_LANGS])latest,
            (const size_t(*)[TMA_MAX_LANGS])latest_counts, &sa, &sb, &params[a][b], a, b,
            story->alone[a][b], story->alone_counts[a][b], scratch, err);
        /* The other languages' say must not undo what a reviewer fixed. */
        if (rc == 0 && story->place_count > 0)
            rc = tma_review_constrain_pair(&beads, &count, story->places, story->place_count, a, b,
                                           &sa, &sb, &params[a][b], scratch, err);
        if (rc == 0) {
            story->agreed[a][b] = beads;
            story->agreed_counts[a][b] = count;
        }
    }
    const tma_bead *joined[TMA_MAX_LANGS][TMA_MAX_LANGS] = {{0}};
    size_t joined_counts[TMA_MAX_LANGS][TMA_MAX_LANGS] = {{0}};
    for (size_t a = 0; a < n; a++)
        for (size_t b = a + 1; b < n; b++)
            joined[a][b] = tma_story_pair_beads(story, a, b, &joined_counts[a][b]);
    if (rc == 0)
        rc = tma_join_units(&story->units, &story->unit_count, n, sentences,
                            (const tma_bead *const(*)[TMA_MAX_LANGS])joined,
                            (const size_t(*)[TMA_MAX_LANGS])joined_counts, err);
    if (rc == 0) {
        merge_place_units(story);
        mark_units(story);
    }
    free_story_sides(arrays, words, n);
    /* A long story's matrices go before its TMX is written, where they would set the peak; a
     * short one's stay for the thread's next story. */
    if (scratch->cap > KEEP_SCRATCH_CELLS)
        tma_align_scratch_free(scratch);
    if (rc < 0) {
        tma_story_free(story);
        return rc;
    }
    *out = story;
    return 0;
}

int tma_story_align(tma_story **out, tma_worker *w, tma_doc *const *docs, size_t n, tma_error *err)
{
    return tma_story_align_reviewed(out, w, docs, n, NULL, err);
}

int tma_story_align_reviewed(tma_story **out, tma_worker *w, tma_doc *const *docs, size_t n,
                             const tma_review *review, tma_error *err)
{
    /* Two versions in one language are not a translation: every unit would hold that language
     * twice, which a TMX cannot say. */
    for (size_t a = 0; a < n && n <= TMA_MAX_LANGS; a++) {
        for (size_t b = 0; b < a; b++) {
            if (strcmp(tma_doc_lang(docs[a]), tma_doc_lang(docs[b])) == 0) {
                *out = NULL;
                return tma_error_about(err, "langs",
                                       tma_error_set(err, TMA_ERR_USAGE, tma_doc_path(docs[a]), 0,
                                                     0,
                                                     "is in %s, as %s is; give each version of "
                                                     "the story in a language of its own",
                                                     tma_doc_lang(docs[a]), tma_doc_path(docs[b])));
            }
        }
    }
    return align_story(out, w, docs, n, 1, review, err);
}

void tma_story_free(tma_story *story)
{
    if (story == NULL)
        return;
    for (size_t a = 0; a < TMA_MAX_LANGS; a++)
        for (size_t b = 0; b < TMA_MAX_LANGS; b++) {
            free(story->alone[a][b]);
            free(story->agreed[a][b]);
            free(story->nulls[a][b]);
        }
    free(story->units);
    free(story->places);
    for (size_t s = 0; s < story->stale_count; s++)
        free(story->stale[s].text);
    free(story->stale);
    free(story);
}

size_t tma_story_lang_count(const tma_story *story)
{
    return story->n;
}

const tma_doc *tma_story_doc(const tma_story *story, size_t k)
{
    return story->docs[k];
}

double tma_story_null_probability(const tma_story *story, size_t k, size_t other, size_t i)
{
    if (k >= story->n || other >= story->n || k == other ||
        i >= tma_doc_sentence_count(story->docs[k]))
        return 0;
    return story->nulls[k][other][i];
}

const tma_unit *tma_story_units(const tma_story *story, size_t *count)
{
    *count = story->unit_count;
    return story->units;
}

/* The status of the review place that bead BD of pair (LO, HI) is, or is inside (a place of
 * every language: the pair's part of it); 0 for none. */
static int pair_review(const tma_story *story, size_t lo, size_t hi, const tma_bead *bd)
{
    for (size_t p = 0; p < story->place_count; p++) {
        const tma_review_place *pl = &story->places[p];
        if (!pl->in[lo] || !pl->in[hi])
            continue;
        int same =
            (pl->count[lo] == 0 || pl->first[lo] == bd->a_first) && pl->count[lo] == bd->a_count &&
            (pl->count[hi] == 0 || pl->first[hi] == bd->b_first) && pl->count[hi] == bd->b_count;
        int inside = bd->a_first >= pl->first[lo] &&
                     bd->a_first + bd->a_count <= pl->first[lo] + pl->count[lo] &&
                     bd->b_first >= pl->first[hi] &&
                     bd->b_first + bd->b_count <= pl->first[hi] + pl->count[hi] &&
                     bd->a_count + bd->b_count > 0;
        if (same || (!pl->one_bead && inside))
            return pl->status;
    }
    return 0;
}

tma_review_counts tma_story_review_counts(const tma_story *story)
{
    tma_review_counts c = {
        .decisions = story->decisions, .applied = story->place_count, .stale = story->stale_count};
    for (size_t u = 0; u < story->unit_count; u++) {
        c.approved += story->units[u].review == TMA_REVIEW_APPROVED;
        c.rejected += story->units[u].review == TMA_REVIEW_REJECTED;
    }
    return c;
}

const tma_review_stale *tma_story_review_stale(const tma_story *story, size_t *count)
{
    *count = story->stale_count;
    return story->stale;
}

int tma_story_pair_units(tma_unit **out, size_t *count, const tma_story *story, size_t a, size_t b,
                         tma_error *err)
{
    *out = NULL;
    *count = 0;
    if (a >= story->n || b >= story->n || a == b)
        return tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0, "no such language pair in the story");
    size_t lo = a < b ? a : b, hi = a < b ? b : a, n = story->alone_counts[lo][hi], cap = 0;
    tma_unit *units = n > 0 ? tma_grow(NULL, &cap, n, sizeof *units, 64) : NULL;
    if (n > 0 && units == NULL)
        return tma_error_nomem(err, "listing a pair's alignment");
    for (size_t i = 0; i < n; i++) {
        const tma_bead *bd = &story->alone[lo][hi][i];
        tma_unit *u = &units[i];
        *u = (tma_unit){.score = bd->score};
        u->first[lo] = bd->a_first;
        u->count[lo] = bd->a_count;
        u->first[hi] = bd->b_first;
        u->count[hi] = bd->b_count;
        u->review = pair_review(story, lo, hi, bd);
    }
    *out = units;
    *count = n;
    return 0;
}
