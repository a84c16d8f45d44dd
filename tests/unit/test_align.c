/* The aligner on hand-made lengths: every bead kind, paragraph evidence, posteriors, and a band
 * that has to widen. */
#include "align.h"
#include "align/lattice.h"
#include "check.h"

#include <math.h>
#include <stdlib.h>

static tma_align_scratch scratch;

typedef struct side {
    uint32_t chars[512];
    uint8_t para[512];
    size_t n;
} side;

static side make_side(const uint32_t *chars, size_t n)
{
    side s = {.n = n};
    for (size_t i = 0; i < n; i++)
        s.chars[i] = chars[i];
    s.para[0] = 1;
    return s;
}

/* Aligns A with B with Gale & Church's defaults and writes the beads as "1-1 2-1 ..." to OUT. */
static void align_types(char *out, size_t size, const side *a, const side *b, double c)
{
    tma_align_side sa = {a->chars, a->para, a->n, NULL, NULL, NULL, NULL};
    tma_align_side sb = {b->chars, b->para, b->n, NULL, NULL, NULL, NULL};
    tma_align_params p = tma_align_default_params();
    p.c = c;
    tma_bead *beads = NULL;
    size_t count = 0;
    tma_error err = {0};
    out[0] = '\0';
    if (tma_align_pair(&beads, &count, &sa, &sb, &p, &scratch, &err) < 0) {
        snprintf(out, size, "error: %.200s", err.message);
        return;
    }
    size_t used = 0;
    for (size_t k = 0; k < count && used < size; k++)
        used += (size_t)snprintf(out + used, size - used, "%s%u-%u", k ? " " : "",
                                 beads[k].a_count, beads[k].b_count);
    free(beads);
}

#define CHECK_TYPES(a_list, b_list, expected)                                                      \
    do {                                                                                           \
        static const uint32_t la_[] = a_list, lb_[] = b_list;                                        \
        side sa_ = make_side(la_, sizeof la_ / sizeof la_[0]);                                        \
        side sb_ = make_side(lb_, sizeof lb_ / sizeof lb_[0]);                                        \
        char got_[256];                                                                            \
        align_types(got_, sizeof got_, &sa_, &sb_, 1.0);                                           \
        CHECK_EQ_STR(got_, expected);                                                              \
    } while (0)

#define L(...) {__VA_ARGS__}

static void test_bead_kinds(void)
{
    CHECK_TYPES(L(100, 50, 80), L(101, 49, 82), "1-1 1-1 1-1");
    CHECK_TYPES(L(100, 60, 40, 80), L(100, 101, 80), "1-1 2-1 1-1");
    CHECK_TYPES(L(100, 101, 80), L(100, 60, 40, 80), "1-1 1-2 1-1");
    /* Reordered content: the two middle sentences translate each other crosswise (long, since
     * 2-2 is rare enough that a 2-1 and a 0-1 win where the difference is small). */
    CHECK_TYPES(L(100, 500, 1500, 80), L(100, 1500, 500, 80), "1-1 2-2 1-1");
    CHECK_TYPES(L(100, 100, 120), L(100, 120), "1-1 1-0 1-1");
    CHECK_TYPES(L(100, 120), L(100, 100, 120), "1-1 0-1 1-1");
}

static void test_empty_side(void)
{
    static const uint32_t a[] = {40, 50};
    side sa = make_side(a, 2), sb = {.n = 0};
    char got[64];
    align_types(got, sizeof got, &sa, &sb, 1.0);
    CHECK_EQ_STR(got, "1-0 1-0");
}

static void test_paragraphs(void)
{
    /* Lengths alone would merge 60 + 40 against 100; the paragraph break on A that B does not
     * have makes the 2-1 bead cross a paragraph, so the aligner keeps them apart. */
    static const uint32_t a[] = {100, 60, 40, 80}, b[] = {100, 62, 38, 80};
    side sa = make_side(a, 4), sb = make_side(b, 4);
    sa.para[2] = 1;
    sb.para[2] = 1;
    char got[64];
    align_types(got, sizeof got, &sa, &sb, 1.0);
    CHECK_EQ_STR(got, "1-1 1-1 1-1 1-1");
}

static void test_posteriors_and_coverage(void)
{
    side a = {.n = 300}, b = {.n = 300};
    uint32_t x = 12345;
    for (size_t i = 0; i < 300; i++) {
        x = x * 1103515245u + 12345u;
        a.chars[i] = 20 + (x >> 16) % 200;
        b.chars[i] = a.chars[i] + (x >> 8) % 7;
    }
    a.para[0] = b.para[0] = 1;
    tma_align_side sa = {a.chars, a.para, a.n, NULL, NULL, NULL, NULL};
    tma_align_side sb = {b.chars, b.para, b.n, NULL, NULL, NULL, NULL};
    tma_align_params p = tma_align_default_params();
    tma_bead *beads;
    size_t count;
    tma_error err = {0};
    CHECK_EQ_INT(tma_align_pair(&beads, &count, &sa, &sb, &p, &scratch, &err), 0);
    CHECK_EQ_INT(count, 300);
    uint32_t next_a = 0, next_b = 0, confident = 0;
    for (size_t k = 0; k < count; k++) {
        CHECK(beads[k].a_first == next_a && beads[k].b_first == next_b);
        next_a += beads[k].a_count;
        next_b += beads[k].b_count;
        CHECK(beads[k].score >= 0 && beads[k].score <= 1);
        confident += beads[k].score > 0.9;
    }
    CHECK_EQ_INT(next_a, 300);
    CHECK_EQ_INT(next_b, 300);
    CHECK(confident > 250);
    free(beads);
}

/* B gets N random lengths (seed SEED); A gets B's from sentence 80 on, N - 80 of them: B has 80
 * extra sentences at its start. */
static void extra_at_start(side *a, side *b, size_t n, uint32_t seed)
{
    uint32_t x = seed;
    b->n = n;
    a->n = n - 80;
    for (size_t i = 0; i < b->n; i++) {
        x = x * 1103515245u + 12345u;
        b->chars[i] = 30 + (x >> 16) % 150;
    }
    for (size_t i = 0; i < a->n; i++)
        a->chars[i] = b->chars[80 + i];
    a->para[0] = b->para[0] = 1;
}

static void test_band_widens(void)
{
    /* B has 80 extra sentences at its start, so the best path runs far off the diagonal, outside
     * the first band: the band must widen until it finds the path the full matrix finds. */
    static side a, b;
    extra_at_start(&a, &b, 280, 777);
    tma_align_side sa = {a.chars, a.para, a.n, NULL, NULL, NULL, NULL};
    tma_align_side sb = {b.chars, b.para, b.n, NULL, NULL, NULL, NULL};
    tma_align_params banded = tma_align_default_params(), full = banded;
    full.band = a.n + b.n;
    tma_bead *got, *want;
    size_t got_count, want_count;
    tma_error err = {0};
    CHECK_EQ_INT(tma_align_pair(&got, &got_count, &sa, &sb, &banded, &scratch, &err), 0);
    CHECK_EQ_INT(tma_align_pair(&want, &want_count, &sa, &sb, &full, &scratch, &err), 0);
    CHECK_EQ_INT(got_count, want_count);
    int same = got_count == want_count;
    size_t far = 0;
    for (size_t k = 0; same && k < got_count; k++) {
        same = got[k].a_first == want[k].a_first && got[k].b_first == want[k].b_first &&
               got[k].a_count == want[k].a_count && got[k].b_count == want[k].b_count;
        far += got[k].b_first > got[k].a_first * 280 / 200 + banded.band * 2;
    }
    CHECK(same);
    CHECK(far > 0);
    free(got);
    free(want);
}

/* Sentence I of a side holds the name KEY, found nowhere else. */
static void put_name(tma_anchor *anchors, uint32_t *first, uint32_t *count, size_t i, uint64_t key)
{
    anchors[i] = (tma_anchor){.key = key, .alt_key = key, .kind = TMA_ANCHOR_NAME};
    first[i] = (uint32_t)i;
    count[i] = 1;
}

static void test_pins(void)
{
    /* As in test_band_widens, but 400 sentences long, and every tenth sentence of A holds a name
     * that B's counterpart holds too; one more name is in A's sentence 5 and B's 390, out of order.
     * The pins are the names in order, and the first band, centred on them, finds the path
     * without widening. */
    static side a, b;
    static tma_anchor anchors_a[512], anchors_b[512];
    static uint32_t first_a[512], count_a[512], first_b[512], count_b[512];
    extra_at_start(&a, &b, 400, 4242);
    for (size_t i = 3; i < a.n; i += 10) {
        put_name(anchors_a, first_a, count_a, i, 1000 + i);
        put_name(anchors_b, first_b, count_b, i + 80, 1000 + i);
    }
    put_name(anchors_a, first_a, count_a, 5, 7);
    put_name(anchors_b, first_b, count_b, 390, 7);
    /* A name in two sentences of each side pins twice; one in three of A and two of B not. */
    put_name(anchors_a, first_a, count_a, 100, 8);
    put_name(anchors_a, first_a, count_a, 200, 8);
    put_name(anchors_b, first_b, count_b, 180, 8);
    put_name(anchors_b, first_b, count_b, 280, 8);
    put_name(anchors_a, first_a, count_a, 51, 9);
    put_name(anchors_a, first_a, count_a, 61, 9);
    put_name(anchors_a, first_a, count_a, 71, 9);
    put_name(anchors_b, first_b, count_b, 131, 9);
    put_name(anchors_b, first_b, count_b, 151, 9);
    tma_align_side sa = {a.chars, a.para, a.n, anchors_a, first_a, count_a, NULL};
    tma_align_side sb = {b.chars, b.para, b.n, anchors_b, first_b, count_b, NULL};
    tma_pin *pins;
    size_t pin_count;
    CHECK_EQ_INT(tma_lattice_pins(&pins, &pin_count, &sa, &sb), 0);
    CHECK_EQ_INT(pin_count, 34);
    size_t named = 0;
    for (size_t k = 0; k < pin_count; k++) {
        CHECK(pins[k].b == pins[k].a + 80);
        named += pins[k].a % 10 == 3 || pins[k].a == 100 || pins[k].a == 200;
    }
    CHECK_EQ_INT(named, 34);
    free(pins);

    tma_align_scratch fresh = TMA_ALIGN_SCRATCH_INIT;
    tma_align_params p = tma_align_default_params();
    tma_bead *beads;
    size_t count;
    tma_error err = {0};
    CHECK_EQ_INT(tma_align_pair(&beads, &count, &sa, &sb, &p, &fresh, &err), 0);
    /* A band of half-width 24 around the pins' line: about 2 * 24 + 3 cells a row, and a row of
     * 83 for the run of B's sentences before the first pin. */
    CHECK(fresh.cap < (size_t)(a.n + 1) * 60);
    /* From the second pin on, every sentence of A is with its own counterpart (lengths alone
     * may pair the first few with B's extra sentences). */
    size_t right = 0;
    for (size_t k = 0; k < count; k++)
        right += beads[k].a_count == 1 && beads[k].b_count == 1 && beads[k].a_first >= 13 &&
                 beads[k].b_first == beads[k].a_first + 80;
    CHECK_EQ_INT(right, a.n - 13);
    free(beads);
    tma_align_scratch_free(&fresh);
}

/* The anchor evidence of a bead of one sentence each, A's holding the anchors ANCHORS_A[0..na)
 * and B's ANCHORS_B[0..nb). */
static double bead_anchor_cost(tma_anchor *anchors_a, size_t na, tma_anchor *anchors_b, size_t nb)
{
    uint32_t first = 0, count_a = (uint32_t)na, count_b = (uint32_t)nb, chars = 100;
    uint8_t para = 1;
    tma_align_side sa = {&chars, &para, 1, anchors_a, &first, &count_a, NULL};
    tma_align_side sb = {&chars, &para, 1, anchors_b, &first, &count_b, NULL};
    tma_align_params p = tma_align_default_params();
    tma_lattice L = {.a = &sa, .b = &sb, .p = &p};
    double cost = NAN;
    if (tma_lattice_signatures(&L.sig_a, &L.ranked_a, &sa) == 0 &&
        tma_lattice_signatures(&L.sig_b, &L.ranked_b, &sb) == 0)
        cost = tma_lattice_anchor_cost(&L, 0, 1, 0, 1);
    free(L.sig_a);
    free(L.sig_b);
    free(L.ranked_a);
    free(L.ranked_b);
    return cost;
}

/* The anchor evidence of a bead of one sentence each, A's holding the names NAMES_A[0..na) and
 * B's NAMES_B[0..nb). */
static double names_cost(const uint64_t *names_a, size_t na, const uint64_t *names_b, size_t nb)
{
    tma_anchor anchors_a[8], anchors_b[8];
    for (size_t k = 0; k < na; k++)
        anchors_a[k] =
            (tma_anchor){.key = names_a[k], .alt_key = names_a[k], .kind = TMA_ANCHOR_NAME};
    for (size_t k = 0; k < nb; k++)
        anchors_b[k] =
            (tma_anchor){.key = names_b[k], .alt_key = names_b[k], .kind = TMA_ANCHOR_NAME};
    return bead_anchor_cost(anchors_a, na, anchors_b, nb);
}

/* Anchors of one side whose keys the other side's signature lacks meet nothing there: a number
 * stands alone, a lexicon concept is silent; those that meet are paired as before. */
static void test_anchor_kinds(void)
{
    tma_anchor a[] = {
        {.key = 1ull << 58, .alt_key = 1ull << 58, .kind = TMA_ANCHOR_NUMBER, .digits = 2},
        {.key = 2ull << 58, .alt_key = 2ull << 58, .kind = TMA_ANCHOR_NUMBER, .digits = 4},
        {.key = 3ull << 58, .alt_key = 3ull << 58, .kind = TMA_ANCHOR_LEXICON},
        {.key = 4ull << 58, .alt_key = 4ull << 58, .kind = TMA_ANCHOR_NAME},
    };
    tma_anchor b[] = {
        {.key = 1ull << 58, .alt_key = 1ull << 58, .kind = TMA_ANCHOR_NUMBER, .digits = 2},
        {.key = 5ull << 58, .alt_key = 5ull << 58, .kind = TMA_ANCHOR_NUMBER, .digits = 1},
        {.key = 3ull << 58, .alt_key = 3ull << 58, .kind = TMA_ANCHOR_LEXICON},
    };
    /* The two-digit number met (-1 - 2 * 0.5), the concept met (-1), the four-digit and the
     * one-digit numbers alone (+1.5 each), the name alone nothing. */
    CHECK(fabs(bead_anchor_cost(a, 4, b, 3)) < 1e-9);
    /* Nothing shared: every number alone. */
    CHECK(fabs(bead_anchor_cost(a + 1, 3, b + 1, 1) - 3.0) < 1e-9);
    /* A key met in another kind is no meeting: the concept does not meet the number. */
    tma_anchor number_as_concept = {
        .key = 3ull << 58, .alt_key = 3ull << 58, .kind = TMA_ANCHOR_NUMBER, .digits = 1};
    CHECK(fabs(bead_anchor_cost(a + 2, 1, &number_as_concept, 1) - 1.5) < 1e-9);
}

/* Names that meet nothing on the other side: one on each side is forgiven (a name past the
 * transliteration's reach), each pair beyond it argues against the bead ("Rachel Nicola" against
 * "Дейв Стауфер"), whether or not the sides share another key. */
static void test_names_apart(void)
{
    /* Keys apart in their top bits, which the signatures' Bloom filters keep: beads with no key
     * in common take the signatures' short way. */
    static const uint64_t a[] = {1ull << 58, 2ull << 58, 3ull << 58},
                          b[] = {4ull << 58, 5ull << 58, 6ull << 58},
                          shared[] = {1ull << 58, 5ull << 58, 6ull << 58};
    CHECK(fabs(names_cost(a, 3, b, 3) - 4.0) < 1e-9); /* three pairs apart: 2 beyond the first */
    CHECK(fabs(names_cost(a, 3, b, 2) - 2.0) < 1e-9); /* two pairs */
    CHECK(fabs(names_cost(a, 3, b, 1)) < 1e-9);       /* one pair, forgiven */
    CHECK(fabs(names_cost(a, 3, shared, 3) + 1.0) < 1e-9); /* one met (-3), two pairs apart (+2) */
    CHECK(fabs(names_cost(a, 1, shared, 1) + 3.0) < 1e-9); /* met, nothing apart */
}

static void test_fitted_ratio(void)
{
    /* B is 1.5 times as long as A everywhere: the fitted c finds that, and every bead is 1-1. */
    static side a, b;
    uint32_t x = 99;
    a.n = b.n = 60;
    for (size_t i = 0; i < a.n; i++) {
        x = x * 1103515245u + 12345u;
        a.chars[i] = 20 + (x >> 16) % 100;
        b.chars[i] = a.chars[i] * 3 / 2;
    }
    a.para[0] = b.para[0] = 1;
    tma_align_side sa = {a.chars, a.para, a.n, NULL, NULL, NULL, NULL};
    tma_align_side sb = {b.chars, b.para, b.n, NULL, NULL, NULL, NULL};
    tma_align_params prior = tma_align_default_params(), fitted;
    tma_bead *beads;
    size_t count;
    tma_error err = {0};
    CHECK_EQ_INT(tma_align_pair_fitted(&beads, &count, &fitted, &sa, &sb, &prior, &scratch, NULL,
                                       &err),
                 0);
    CHECK_EQ_INT(count, 60);
    CHECK(fitted.c > 1.45 && fitted.c < 1.55);
    CHECK(fitted.s2 < prior.s2);
    free(beads);
    CHECK(tma_align_prior_s2("en", "ru") < 4 && tma_align_prior_s2("hy", "en") < 4);
    CHECK(tma_align_prior_s2("de", "fr") == tma_align_default_params().s2);
}

static void test_null_posteriors(void)
{
    /* A's third sentence has no counterpart; its null posterior is high and the others' low. Its
     * 60 characters would also fit merged into a neighbour (a 2-1 bead), so about even odds. */
    static const uint32_t la[] = {120, 90, 60, 110, 100}, lb[] = {121, 91, 111, 99};
    side a = make_side(la, 5), b = make_side(lb, 4);
    tma_align_side sa = {a.chars, a.para, a.n, NULL, NULL, NULL, NULL};
    tma_align_side sb = {b.chars, b.para, b.n, NULL, NULL, NULL, NULL};
    tma_align_params prior = tma_align_default_params();
    double null_a[5], null_b[4];
    tma_align_nulls nulls = {null_a, null_b};
    tma_bead *beads;
    size_t count;
    tma_error err = {0};
    CHECK_EQ_INT(tma_align_pair_fitted(&beads, &count, NULL, &sa, &sb, &prior, &scratch, &nulls,
                                       &err),
                 0);
    CHECK(null_a[2] > 0.4);
    for (size_t i = 0; i < 5; i++)
        CHECK(i == 2 || null_a[i] < 0.2);
    for (size_t j = 0; j < 4; j++)
        CHECK(null_b[j] >= 0 && null_b[j] < 0.2);
    free(beads);
}

/* BEADS (as "da-db ..." kinds, in order from the first sentences) into OUT; returns how many. */
static size_t beads_of(tma_bead *out, const char *kinds)
{
    size_t n = 0, a = 0, b = 0;
    for (const char *k = kinds; *k != '\0';) {
        unsigned da = (unsigned)(k[0] - '0'), db = (unsigned)(k[2] - '0');
        out[n++] = (tma_bead){(uint32_t)a, da, (uint32_t)b, db, 1.0};
        a += da;
        b += db;
        k += k[3] == ' ' ? 4 : 3;
    }
    return n;
}

/* The span of the first pass BEADS (KINDS) of A and B, as "a_lo-a_hi b_lo-b_hi first-end" or
 * "whole" when nothing is left out, into OUT. */
static const char *span_of(char *out, size_t size, const char *kinds, const side *a, const side *b)
{
    static tma_bead beads[64];
    size_t count = beads_of(beads, kinds), first, end;
    tma_align_side sa = {a->chars, a->para, a->n, NULL, NULL, NULL, NULL};
    tma_align_side sb = {b->chars, b->para, b->n, NULL, NULL, NULL, NULL};
    tma_align_span span;
    if (!tma_lattice_translated_span(&span, &first, &end, beads, count, &sa, &sb))
        snprintf(out, size, "whole");
    else
        snprintf(out, size, "%zu-%zu %zu-%zu %zu-%zu", span.a_lo, span.a_hi, span.b_lo,
                 span.b_hi, first, end);
    return out;
}

/* Text beyond the translation (issue 18): a run of eight sentences or more of one side left alone
 * at an end, with two of the other side's at most, is left out of the span; a bead beside it that
 * crosses a paragraph start of that side gives up the part from there. A shorter run, or runs
 * on both sides, are part of the translation. */
static void test_translated_span(void)
{
    static side a, b;
    char got[64];
    a.n = 4;
    b.n = 14;
    for (size_t i = 0; i < 14; i++)
        a.para[i] = b.para[i] = i == 0;
    CHECK_EQ_STR(span_of(got, sizeof got, "1-1 1-1 1-1 1-1 0-1 0-1 0-1 0-1 0-1 0-1 0-1 0-1 0-1 0-1",
                         &a, &b),
                 "0-4 0-4 0-4");
    b.para[4] = 1; /* the text beyond starts a paragraph, which the last bead took in */
    CHECK_EQ_STR(
        span_of(got, sizeof got, "1-1 1-1 1-1 1-2 0-1 0-1 0-1 0-1 0-1 0-1 0-1 0-1 0-1", &a, &b),
        "0-4 0-4 0-4");
    b.n = 7;
    CHECK_EQ_STR(span_of(got, sizeof got, "1-1 1-1 1-1 1-1 0-1 0-1 0-1", &a, &b), "whole");
    a.n = 14;
    b.n = 4;
    CHECK_EQ_STR(
        span_of(got, sizeof got, "1-0 1-0 1-0 1-0 1-0 1-0 1-0 1-0 1-0 1-0 1-1 1-1 1-1 1-1", &a, &b),
        "10-14 0-4 10-14");
    a.n = b.n = 14;
    CHECK_EQ_STR(span_of(got, sizeof got,
                         "1-1 1-1 1-1 1-1 1-0 1-0 1-0 1-0 1-0 1-0 1-0 1-0 1-0 1-0 0-1 0-1 0-1 "
                         "0-1 0-1 0-1 0-1 0-1 0-1 0-1",
                         &a, &b),
                 "whole");
}

int main(void)
{
    test_bead_kinds();
    test_empty_side();
    test_paragraphs();
    test_posteriors_and_coverage();
    test_band_widens();
    test_pins();
    test_names_apart();
    test_anchor_kinds();
    test_fitted_ratio();
    test_null_posteriors();
    test_translated_span();
    tma_align_scratch_free(&scratch);
    return check_summary();
}
