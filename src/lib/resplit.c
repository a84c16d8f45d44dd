#include "resplit.h"

#include "anchor.h"
#include "context.h"
#include "error.h"
#include "lang.h"
#include "pool.h"
#include "segment.h"
#include "stem.h"
#include "table.h"
#include "text.h"

#include <math.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* A headline and the sentence after it have at least this many words each. */
#define MIN_PIECE_WORDS 3
/* How far each piece may lie from the length its counterpart predicts, in standard deviations of
 * the length model (Gale & Church 1993): pieces cut at unrelated places rarely match both. */
#define MAX_DEVIATION 2.0
/* The same where one side holds two sentences already: its translation ends one there, so only
 * the place in the other side is in question. */
#define MAX_DEVIATION_FIXED 3.0
/* The same where the bead's first sentence does not start its paragraph, so that a headline there
 * would follow the end of another story on its line, and neither place is an opener: only pieces
 * that match closely are taken. Long documents run many headlines into the end of the story
 * before ("... the day before. As a result of a fire on Tverskaya Street four people were injured
 * As a result ..."). */
#define MAX_DEVIATION_INSIDE 1.0
/* Places looked at per sentence: a headline ends early in its paragraph. */
#define MAX_PLACES 64
/* A capitalised word that the document writes inside its sentences after a lowercase word at least
 * this many times (the place itself not counted), and at their start less than a quarter as often,
 * begins titles and names there ("Ministry of | Internal Affairs", "said | Brown"), not
 * sentences. */
#define TITLE_MIN_INSIDE       2
#define TITLE_INSIDE_PER_START 4
/* Counts of a word's uses packed in one table value: starts in the low bits, insides above. */
#define USE_BITS 15
#define USE_MAX  ((1 << USE_BITS) - 1)

/* One side of a bead as the split sees it: the text [start, end) of DOC, and the places where
 * it may be cut into a headline and the sentence after it. */
typedef struct side {
    const tma_doc *doc;
    size_t start, end;
    const tma_anchor *anchors; /* the anchors of its sentences, in text order */
    size_t anchor_count;
    size_t places[MAX_PLACES];
    /* 1 if the word after the place's capitalised word is capitalised too: the two may begin a
     * title or a name ("succeed Prime Minister John Howard") as well as a sentence */
    unsigned char titled[MAX_PLACES];
    /* 1 if the place's capitalised word is one the document uses as a title word (title_word) */
    unsigned char title_word[MAX_PLACES];
    /* 1 if the place's word opens sentences (openers.LANG.tsv: "The", "In", "По") */
    unsigned char opener[MAX_PLACES];
    /* 1 if the place's word is inside an opening quote: a quoted title inside a sentence
     * ("discussion | \"Саммита за демократию\"") as often as a quoted sentence */
    unsigned char quoted[MAX_PLACES];
    /* 1 if the place follows a semicolon: a clause ends there, and a sentence only where a
     * translation ends one (clause_cut_fits) */
    unsigned char clause[MAX_PLACES];
    size_t place_count;
    int fixed; /* the side holds two sentences already: its one place is where the second starts */
    int leads; /* the side's one place is a cut already decided (tma_resplit_follow) */
    /* the bead's other side holds two sentences: its translation ends one inside this side's */
    int other_fixed;
    /* the side's first sentence does not start its paragraph: a headline there follows the end
     * of another story on its line (best_places) */
    int inside_paragraph;
    const tma_table *uses; /* the doc's capitalised words and how it uses them (count_uses) */
} side;

static int is_closing(uint32_t c)
{
    return c == '"' || c == '\'' || c == ')' || c == 0x2019 || c == 0x201D || c == 0xBB;
}

/* The end of the run of letters at P[i..end). */
static size_t letters_end(const char *p, size_t i, size_t end)
{
    while (i < end) {
        size_t next = i;
        if (!u_isalpha((UChar32)tma_utf8_next(p, end, &next)))
            break;
        i = next;
    }
    return i;
}

static int is_semicolon(uint32_t c)
{
    return c == ';' || c == 0xFF1B;
}

static int is_capital(uint32_t c)
{
    return u_isupper((UChar32)c) || u_istitle((UChar32)c);
}

static int is_opening_quote(uint32_t c)
{
    return c == '"' || c == 0xAB || c == 0x201C;
}

/* 1 if C can begin the sentence after a headline: a capital, as a common word or a name does
 * ("baggage | Frontier Airlines plans"), a digit ("popular | 4 ноября") or an opening quote. */
static int can_open_sentence(uint32_t c)
{
    return is_capital(c) || u_isdigit((UChar32)c) || is_opening_quote(c);
}

static int is_apostrophe(uint32_t c)
{
    return c == '\'' || c == 0x2019;
}

/* 1 if the word at P[i..end) starts with a capital, is not an acronym and its dictionary knows it
 * in lowercase: a common word that only a sentence start, or a title, capitalises ("The", "Pope",
 * "Ученые"). A letter that an apostrophe joins to a capital begins a name ("O'Malley"). */
static int capitalised_common_word(tma_worker *w, const char *lang, const char *p, size_t i,
                                   size_t end, tma_buf *fold)
{
    size_t j = letters_end(p, i, end), letters = 0, upper = 0;
    for (size_t k = i; k < j; letters++) {
        uint32_t c = tma_utf8_next(p, j, &k);
        if (letters == 0 && !is_capital(c))
            return 0;
        upper += u_isupper((UChar32)c) != 0;
    }
    if (letters == 0 || (letters >= 2 && upper == letters))
        return 0;
    if (j < end) {
        size_t k = j;
        if (is_apostrophe(tma_utf8_next(p, end, &k)) && k < end &&
            is_capital(tma_utf8_next(p, end, &k)))
            return 0;
    }
    fold->len = 0;
    if (tma_fold_case(fold, p + i, j - i) < 0)
        return 0;
    return tma_stem_knows(tma_ctx_dicts(tma_worker_ctx(w)), lang, fold->data, fold->len) == 1;
}

/* 1 if the word P[start, end) can end a headline: two letters or digits or more; not a word of
 * openers.LANG.tsv (articles, prepositions, conjunctions, pronouns, and links such as "of"), which
 * a headline does not end with ("a spokesman for the | White House", "Ministry of | Armed
 * Forces"); and not a capitalised common
 * word, which begins a title in title case ("the White | House"; "the G7 | Pope" is no such
 * word). Closing quotes after it do not count. */
static int can_end_headline(tma_worker *w, const char *lang, const char *p, size_t start,
                            size_t end, tma_buf *word, int title_case)
{
    size_t alnum = 0, letters = 0;
    int capital = 0;
    word->len = 0;
    for (size_t i = start; i < end;) {
        uint32_t c = tma_utf8_next(p, end, &i);
        if (!u_isalnum((UChar32)c))
            continue;
        letters += u_isalpha((UChar32)c) != 0;
        capital |= alnum == 0 && (u_isupper((UChar32)c) || u_istitle((UChar32)c));
        UChar32 u = alnum++ == 0 ? u_toupper((UChar32)c) : (UChar32)c;
        char enc[4];
        int n = 0;
        U8_APPEND_UNSAFE(enc, n, u);
        if (tma_buf_append(word, enc, (size_t)n) < 0)
            return 0;
    }
    if (alnum < 2 ||
        tma_table_get(&tma_ctx_rules(tma_worker_ctx(w), lang)->openers, word->data, word->len) >= 0)
        return 0;
    return !capital || letters < alnum || title_case ||
           !capitalised_common_word(w, lang, p, start, end, word);
}

/* Adds one use of the capitalised word at P[i..end), if it is one, to T: as a sentence's first
 * word when AT_START, else as a word inside a sentence after a lowercase word or a comma (AFTER is
 * the character before it). Returns 0, or -1 when out of memory. */
static int count_use(tma_table *t, const char *p, size_t i, size_t end, int at_start,
                     uint32_t after)
{
    uint32_t c = 0;
    while (i < end) {
        size_t next = i;
        c = tma_utf8_next(p, end, &next);
        if (u_isalpha((UChar32)c) || tma_is_space(c))
            break;
        i = next;
    }
    if (i == end || !is_capital(c) || (!at_start && !u_islower((UChar32)after) && after != ','))
        return 0;
    size_t j = letters_end(p, i, end);
    int v = tma_table_get(t, p + i, j - i);
    int starts = v < 0 ? 0 : v & USE_MAX, inside = v < 0 ? 0 : v >> USE_BITS;
    starts += at_start && starts < USE_MAX;
    inside += !at_start && inside < USE_MAX;
    return tma_table_put(t, p + i, j - i, starts | inside << USE_BITS);
}

/* Fills T with how DOC uses each capitalised word: how often it starts a sentence and how often it
 * stands inside one after a lowercase word (see TITLE_MIN_INSIDE). Returns 0, or -1 when out of
 * memory. */
static int count_uses(tma_table *t, const tma_doc *doc)
{
    size_t len;
    const char *p = tma_doc_text(doc, &len);
    for (size_t k = 0; k < tma_doc_sentence_count(doc); k++) {
        const tma_sentence *s = tma_doc_sentence(doc, k);
        size_t end = s->start + s->len, word_end = s->start;
        int at_start = 1, after_space = 1;
        for (size_t i = s->start; i < end;) {
            size_t at = i;
            int space = tma_utf8_step_space(p, end, &i);
            if (!space && after_space) {
                size_t before = word_end;
                uint32_t last = at_start ? ' ' : tma_utf8_prev(p, &before);
                if (count_use(t, p, at, end, at_start, last) < 0)
                    return -1;
                at_start = 0;
            }
            if (!space)
                word_end = i;
            after_space = space;
        }
    }
    return 0;
}

/* 1 if the document writes the capitalised word at P[i..end), found at a place inside a sentence,
 * as a title or a name (TITLE_MIN_INSIDE). */
static int title_word(const tma_table *uses, const char *p, size_t i, size_t end)
{
    int v = tma_table_get(uses, p + i, letters_end(p, i, end) - i);
    if (v < 0)
        return 0;
    int starts = v & USE_MAX, inside = (v >> USE_BITS) - 1;
    return inside >= TITLE_MIN_INSIDE && TITLE_INSIDE_PER_START * starts < inside;
}

/* 1 if the word at P[i..end) is one that opens sentences (openers.LANG.tsv, kind opener). */
static int is_opener(tma_worker *w, const char *lang, const char *p, size_t i, size_t end)
{
    const tma_table *openers = &tma_ctx_rules(tma_worker_ctx(w), lang)->openers;
    return tma_table_get(openers, p + i, letters_end(p, i, end) - i) == TMA_OPENER_WORD;
}

/* 1 if a number or name of SD that starts in [AT, WORD_END), the word after a place, is found
 * before AT in SD as well: a lead names again what its headline named ("Frontier Airlines to
 * charge for carry-on baggage | Frontier Airlines plans ..."), and a sentence that goes on with a
 * name inside it seldom has that name before ("President George | W. Bush", "past | Trafalgar"). */
static int names_again(const side *sd, size_t at, size_t word_end)
{
    for (size_t x = 0; x < sd->anchor_count; x++) {
        const tma_anchor *xa = &sd->anchors[x];
        if (xa->start < at || xa->start >= word_end)
            continue;
        for (size_t y = 0; y < sd->anchor_count && sd->anchors[y].start < at; y++) {
            if (tma_anchors_meet(xa, &sd->anchors[y]))
                return 1;
        }
    }
    return 0;
}

/* The places in sentence S where a headline may end: white space between a word that can end one
 * (can_end_headline), ending in a letter, a digit or a closing quote (no punctuation ends a
 * headline), and a word that opens sentences: an opener, a capitalised common word, or a name,
 * number or quote that the headline holds too (names_again); where the other side ends a sentence
 * inside this one, any such word, as the dictionary may not know the word (hy_AM, in the classical
 * spelling, lacks "պետք"); not a title word after a capitalised word (title_word); with
 * MIN_PIECE_WORDS words on each side. Places after a semicolon too (clause_cut_fits). */
static void find_places(side *sd, tma_worker *w, const tma_sentence *s, tma_buf *fold)
{
    size_t len, starts[MAX_PLACES + MIN_PIECE_WORDS], ends[MAX_PLACES + MIN_PIECE_WORDS];
    const char *p = tma_doc_text(sd->doc, &len);
    const char *lang = tma_doc_lang(sd->doc);
    size_t end = s->start + s->len, words = 0;
    int in_word = 0;
    /* The words: where each starts and ends; past the first ones, only how many there are. */
    for (size_t i = s->start; i < end;) {
        size_t at = i;
        int space = tma_utf8_step_space(p, end, &i);
        if (!space && !in_word && words < MAX_PLACES + MIN_PIECE_WORDS)
            starts[words] = at;
        if (space && in_word && words <= MAX_PLACES + MIN_PIECE_WORDS)
            ends[words - 1] = at;
        words += !space && !in_word;
        in_word = !space;
    }
    sd->place_count = 0;
    for (size_t t = MIN_PIECE_WORDS;
         t + MIN_PIECE_WORDS <= words && t + 1 < MAX_PLACES + MIN_PIECE_WORDS; t++) {
        size_t first = starts[t], last = ends[t - 1];
        uint32_t c = tma_utf8_prev(p, &last);
        if (is_semicolon(c)) {
            sd->title_word[sd->place_count] = 0;
            sd->opener[sd->place_count] = 0;
            sd->titled[sd->place_count] = 0;
            sd->clause[sd->place_count] = 1;
            sd->quoted[sd->place_count] = 0;
            sd->places[sd->place_count++] = starts[t];
            continue;
        }
        uint32_t open = tma_utf8_next(p, end, &first);
        if (!can_open_sentence(open))
            continue; /* most words: no place, and nothing more to look up */
        /* After an opening quote, the word inside it opens the sentence or not ("logical thinking
         * \"There are recommendations"). */
        size_t word = is_opening_quote(open) ? first : starts[t];
        if (word != starts[t]) {
            size_t inner = word;
            uint32_t letter = tma_utf8_next(p, end, &inner);
            if (!is_capital(letter) && !u_isdigit((UChar32)letter))
                continue; /* a quote that opens a sentence opens it with a capital */
        }
        size_t after = starts[t + 1];
        uint32_t next = tma_utf8_next(p, end, &after);
        /* English writes "I" with a capital anywhere: it starts no title ("When I was"). */
        int pronoun_i =
            next == 'I' && tma_lang_is(lang, "en") &&
            (after == end || !u_isalpha((UChar32)tma_utf8_next(p, end, &(size_t){after})));
        int titled = (u_isupper((UChar32)next) || u_istitle((UChar32)next)) && !pronoun_i;
        int opener = is_opener(w, lang, p, word, end);
        /* An opener and a lowercase word after a title-case headline ("... To Pray At Work The
         * company said") begin a sentence as after a lowercase word. */
        if ((u_isalnum((UChar32)c) || is_closing(c)) &&
            can_end_headline(w, lang, p, starts[t - 1], ends[t - 1], fold, opener && !titled) &&
            (opener || sd->other_fixed || capitalised_common_word(w, lang, p, word, end, fold) ||
             names_again(sd, starts[t], ends[t]))) {
            /* After a capitalised word, a title word goes on a name ("said Alauddin | Khan"). */
            size_t before = starts[t - 1];
            int title = title_word(sd->uses, p, word, end);
            if (title && is_capital(tma_utf8_next(p, end, &before)))
                continue;
            sd->title_word[sd->place_count] = (unsigned char)title;
            sd->opener[sd->place_count] = (unsigned char)opener;
            sd->titled[sd->place_count] = (unsigned char)titled;
            sd->clause[sd->place_count] = 0;
            sd->quoted[sd->place_count] = (unsigned char)(word != starts[t]);
            sd->places[sd->place_count++] = starts[t];
        }
    }
}

/* Code points of TEXT[start, end) as the length model counts them. */
static double chars(const side *sd, size_t start, size_t end)
{
    size_t len;
    const char *p = tma_doc_text(sd->doc, &len);
    return tma_seg_count_chars(p + start, end - start);
}

/* 1 if anchor X meets one of B's anchors in B's text [b_lo, b_hi). */
static int meets_in(const tma_anchor *x, const side *b, size_t b_lo, size_t b_hi)
{
    for (size_t y = 0; y < b->anchor_count; y++) {
        const tma_anchor *xb = &b->anchors[y];
        if (xb->start >= b_lo && xb->start < b_hi && tma_anchors_meet(x, xb))
            return 1;
    }
    return 0;
}

/* 1 if a number or name of A's piece [a_lo, a_hi) is found in B's other piece [o_lo, o_hi) and
 * not in B's matching piece [m_lo, m_hi): the pieces would part what the translation keeps
 * together. A name that both pieces of B hold ("Pfizer" in a headline and in its lead) says
 * nothing, nor one that both pieces of A hold: "Tomsk" in "A Tomsk resident will ... | The court
 * of Tomsk ...", whose Russian headline says "Томич". */
static int crosses(const side *a, size_t a_lo, size_t a_hi, const side *b, size_t m_lo, size_t m_hi,
                   size_t o_lo, size_t o_hi)
{
    size_t other_lo = a_lo == a->start ? a_hi : a->start; /* A's other piece */
    size_t other_hi = a_lo == a->start ? a->end : a_lo;
    for (size_t x = 0; x < a->anchor_count; x++) {
        const tma_anchor *xa = &a->anchors[x];
        if (xa->start >= a_lo && xa->start < a_hi && !meets_in(xa, b, m_lo, m_hi) &&
            meets_in(xa, b, o_lo, o_hi) && !meets_in(xa, a, other_lo, other_hi))
            return 1;
    }
    return 0;
}

/* 1 if cutting A at CUT_A and B at CUT_B parts a number or name from its counterpart. */
static int parts_anchors(const side *a, size_t cut_a, const side *b, size_t cut_b)
{
    return crosses(a, a->start, cut_a, b, b->start, cut_b, cut_b, b->end) ||
           crosses(a, cut_a, a->end, b, cut_b, b->end, b->start, cut_b) ||
           crosses(b, b->start, cut_b, a, a->start, cut_a, cut_a, a->end) ||
           crosses(b, cut_b, b->end, a, cut_a, a->end, a->start, cut_a);
}

/* 1 if places X of A and Y of B may be cut together as far as clauses go: a place after a
 * semicolon only where the other side holds two sentences (its translation ends a sentence
 * there, "... by rookie Nicklas Backstrom; his second goal ..." / "... Բեքսթրոմի՝ ... գոլն էր։
 * երեկոյի ...") or follows such a cut. Two semicolons alone are no reason: a translation memory
 * keeps the sentence whole, as CAT tools segment it. */
static int clause_cut_fits(const side *a, size_t x, const side *b, size_t y)
{
    if (!a->clause[x] && !b->clause[y])
        return 1;
    return a->fixed || b->fixed || (a->leads && a->clause[x]) || (b->leads && b->clause[y]);
}

/* The best pair of places (*at_a, *at_b) at which both pieces match in length, with no anchor
 * from one piece in the other's counterpart, at least one of which is not a title word
 * (title_word), and at least one of which is followed by a lowercase word (a title capitalises in
 * every language: "Prime Minister John" / "Премьер-министра Джона") or is an opener (a capitalised
 * "The" after a lowercase word begins a sentence, "poverty The United Nations"). A pair with no
 * opener in a bead that starts inside a paragraph must match more closely, and one with a quoted
 * word needs an opener or a side that holds two sentences. 0 if none. */
static int best_places(size_t *at_a, size_t *at_b, const side *a, const side *b,
                       const tma_align_params *fitted)
{
    double best = INFINITY;
    for (size_t x = 0; x < a->place_count; x++) {
        double a1 = chars(a, a->start, a->places[x]), a2 = chars(a, a->places[x], a->end);
        if (a1 <= 0 || a2 <= 0 || fitted->s2 <= 0)
            continue;
        for (size_t y = 0; y < b->place_count; y++) {
            double b1 = chars(b, b->start, b->places[y]), b2 = chars(b, b->places[y], b->end);
            double z1 = (b1 - fitted->c * a1) / sqrt(fitted->s2 * a1);
            double z2 = (b2 - fitted->c * a2) / sqrt(fitted->s2 * a2);
            double score = z1 * z1 + z2 * z2;
            double deviation = a->fixed || b->fixed ? MAX_DEVIATION_FIXED : MAX_DEVIATION;
            int opener = a->opener[x] || b->opener[y];
            if ((a->inside_paragraph || b->inside_paragraph) && !a->fixed && !b->fixed && !opener)
                deviation = MAX_DEVIATION_INSIDE;
            if (fabs(z1) >= deviation || fabs(z2) >= deviation || score >= best ||
                (a->titled[x] && b->titled[y] && !opener) ||
                ((a->quoted[x] || b->quoted[y]) && !opener && !a->fixed && !b->fixed) ||
                (a->title_word[x] && b->title_word[y]) || !clause_cut_fits(a, x, b, y) ||
                parts_anchors(a, a->places[x], b, b->places[y]))
                continue;
            best = score;
            *at_a = a->places[x];
            *at_b = b->places[y];
        }
    }
    return best < INFINITY;
}

/* 1 if a number or name of A is found in B's text [b_lo, b_hi). */
static int shares_anchor(const side *a, const side *b, size_t b_lo, size_t b_hi)
{
    for (size_t x = 0; x < a->anchor_count; x++) {
        if (meets_in(&a->anchors[x], b, b_lo, b_hi))
            return 1;
    }
    return 0;
}

/* The best place of G, one sentence that its bead holds alone, at which one of its pieces
 * matches in length O, the other doc's sentence alone in the bead beside it, and holds a number
 * or name of O, none of which is found in the other piece only (a sentence that replaced another
 * leaves two sentences alone side by side as well, whose lengths may match by chance); G_IS_A says
 * G is of the pair's first doc. Stores the place and which piece pairs with O, and returns the
 * square of the piece's deviation, INFINITY if none. A place that the other version cannot confirm
 * must be a plain one: no clause, title word or quoted title. */
static double best_piece(size_t *at, int *pairs_first, const side *g, const side *o, int g_is_a,
                         const tma_align_params *fitted)
{
    double best = INFINITY, other = chars(o, o->start, o->end);
    for (size_t x = 0; x < g->place_count && fitted->s2 > 0; x++) {
        if (g->clause[x] || g->title_word[x] || (g->quoted[x] && !g->opener[x]))
            continue;
        double deviation =
            g->inside_paragraph && !g->opener[x] ? MAX_DEVIATION_INSIDE : MAX_DEVIATION;
        for (int first = 0; first < 2; first++) {
            size_t lo = first ? g->start : g->places[x], hi = first ? g->places[x] : g->end;
            size_t rest_lo = first ? g->places[x] : g->start,
                   rest_hi = first ? g->end : g->places[x];
            double piece = chars(g, lo, hi);
            double len_a = g_is_a ? piece : other, len_b = g_is_a ? other : piece;
            if (len_a <= 0)
                continue;
            double z = (len_b - fitted->c * len_a) / sqrt(fitted->s2 * len_a);
            if (fabs(z) >= deviation || z * z >= best || !shares_anchor(o, g, lo, hi) ||
                crosses(o, o->start, o->end, g, lo, hi, rest_lo, rest_hi))
                continue;
            best = z * z;
            *at = g->places[x];
            *pairs_first = first;
        }
    }
    return best;
}

/* 1 if bead BD holds one sentence of one side and none of the other's: side A's if *A_SIDE. */
static int holds_one_alone(const tma_bead *bd, int *a_side)
{
    *a_side = bd->a_count == 1;
    return (bd->a_count == 1 && bd->b_count == 0) || (bd->a_count == 0 && bd->b_count == 1);
}

/* 1 if sentence I of DOC is the first of its paragraph. */
static int starts_paragraph(const tma_doc *doc, size_t i)
{
    return i == 0 || tma_doc_sentence(doc, i)->paragraph != tma_doc_sentence(doc, i - 1)->paragraph;
}

/* Sets SD up as the text and anchors of the sentences [first, first + count) of DOC, with no
 * places. */
static void sentences_side(side *sd, const tma_doc *doc, size_t first, size_t count)
{
    const tma_sentence *s = tma_doc_sentence(doc, first);
    const tma_sentence *last = tma_doc_sentence(doc, first + count - 1);
    size_t all;
    const tma_anchor *anchors = tma_doc_anchors(doc, &all);
    *sd = (side){.doc = doc,
                 .start = s->start,
                 .end = last->start + last->len,
                 .anchors = anchors ? anchors + s->anchor_first : NULL,
                 .anchor_count = last->anchor_first + last->anchor_count - s->anchor_first};
}

/* Sets SD up for the sentences [first, first + count) of DOC (count 1 or 2); 0 if it cannot hold
 * a glued headline. */
static int side_of_bead(side *sd, tma_worker *w, const tma_doc *doc, const tma_table *uses,
                        size_t first, size_t count, size_t other_count, tma_buf *fold)
{
    const tma_sentence *s = tma_doc_sentence(doc, first);
    const tma_sentence *last = tma_doc_sentence(doc, first + count - 1);
    sentences_side(sd, doc, first, count);
    sd->fixed = count == 2;
    sd->other_fixed = other_count == 2;
    sd->inside_paragraph = !starts_paragraph(doc, first);
    sd->uses = uses;
    if (count == 2) {
        sd->places[0] = last->start;
        sd->titled[0] = 0;
        sd->title_word[0] = 0;
        sd->opener[0] = 0;
        sd->clause[0] = 0;
        sd->quoted[0] = 0;
        sd->place_count = 1;
        return last->paragraph == s->paragraph;
    }
    find_places(sd, w, s, fold);
    return sd->place_count > 0;
}

int tma_resplit_follow(size_t *cut_b, tma_worker *w, const tma_doc *a, size_t a_first,
                       size_t a_count, size_t cut_a, const tma_doc *b, size_t b_first,
                       size_t b_count, const tma_align_params *fitted)
{
    tma_buf fold = TMA_BUF_INIT;
    side sa, sb;
    size_t at_a;
    /* A's cut was chosen with both docs' uses in view; B only follows it. */
    const tma_table no_uses = TMA_TABLE_INIT;
    /* A's one place is the cut already chosen, or where its second sentence starts. */
    (void)side_of_bead(&sa, w, a, &no_uses, a_first, a_count, b_count, &fold);
    if (a_count == 1) {
        /* The last character before the cut, past the white space. */
        size_t before = cut_a, len;
        const char *p = tma_doc_text(a, &len);
        uint32_t c = ' ';
        while (before > sa.start && tma_is_space(c))
            c = tma_utf8_prev(p, &before);
        sa.places[0] = cut_a;
        sa.titled[0] = 0;
        sa.title_word[0] = 0;
        sa.opener[0] = 0;
        sa.clause[0] = (unsigned char)is_semicolon(c);
        sa.quoted[0] = 0;
        sa.place_count = 1;
        sa.leads = 1;
    }
    int found = sa.place_count == 1 &&
                side_of_bead(&sb, w, b, &no_uses, b_first, b_count, a_count, &fold) &&
                best_places(&at_a, cut_b, &sa, &sb, fitted);
    if (found && sb.fixed)
        *cut_b = TMA_RESPLIT_NONE;
    tma_buf_free(&fold);
    return found;
}

/* A story of at least this many beads has its glued headlines looked for on every core, in
 * blocks of beads: below it, starting threads costs more than it saves. */
#define PARALLEL_MIN_BEADS 4000
#define MAX_BLOCKS         16

/* The work of tma_resplit_find, shared by its threads: each job counts one document's word uses,
 * or looks at one block of beads, whose finds go to its own buffer. */
typedef struct find_job {
    tma_worker *w;
    const tma_doc *docs[2];
    tma_table uses[2];
    int failed[2 + MAX_BLOCKS]; /* out of memory */
    const tma_bead *beads;
    size_t count;
    size_t first[MAX_BLOCKS + 1]; /* block k: beads [first[k], first[k + 1]) */
    tma_buf found[MAX_BLOCKS];
    const tma_align_params *fitted;
} find_job;

static void count_doc_uses(void *arg, size_t thread, size_t k)
{
    (void)thread;
    find_job *job = arg;
    job->failed[k] = count_uses(&job->uses[k], job->docs[k]) < 0;
}

/* Whether one of sentence A_FIRST of the first doc and sentence B_FIRST of the second, each
 * alone in its bead and the two beads side by side, runs a headline into a sentence that the other
 * version lacks, the other sentence being the headline's translation: stores the cut in FOUND and
 * returns 1 if so. Each sentence is tried as the glued one. */
static int find_piece(tma_resplit *found, const find_job *job, size_t a_first, size_t b_first,
                      tma_buf *fold)
{
    double best = INFINITY;
    for (int glued_a = 0; glued_a < 2; glued_a++) {
        const tma_doc *doc_g = job->docs[!glued_a], *doc_o = job->docs[glued_a];
        side g, o;
        size_t at = 0;
        int pairs_first = 0;
        if (!side_of_bead(&g, job->w, doc_g, &job->uses[!glued_a], glued_a ? a_first : b_first, 1,
                          1, fold))
            continue;
        sentences_side(&o, doc_o, glued_a ? b_first : a_first, 1);
        double score = best_piece(&at, &pairs_first, &g, &o, glued_a, job->fitted);
        if (score >= best)
            continue;
        best = score;
        found->cut_a = glued_a ? at : TMA_RESPLIT_NONE;
        found->cut_b = glued_a ? TMA_RESPLIT_NONE : at;
        found->pairs_first = pairs_first;
        found->beside = 1;
    }
    return best < INFINITY;
}

/* 1 if beads BD[0] and BD[1] each hold one sentence alone, of different sides: stores the first
 * side's in *A_FIRST and the second's in *B_FIRST. */
static int alone_side_by_side(const tma_bead *bd, size_t *a_first, size_t *b_first)
{
    int a_side, next_a_side;
    if (!holds_one_alone(&bd[0], &a_side) || !holds_one_alone(&bd[1], &next_a_side) ||
        a_side == next_a_side)
        return 0;
    *a_first = a_side ? bd[0].a_first : bd[1].a_first;
    *b_first = a_side ? bd[1].b_first : bd[0].b_first;
    return 1;
}

static void find_in_block(void *arg, size_t thread, size_t k)
{
    (void)thread;
    find_job *job = arg;
    tma_buf fold = TMA_BUF_INIT;
    for (size_t i = job->first[k]; i < job->first[k + 1] && !job->failed[2 + k]; i++) {
        const tma_bead *bd = &job->beads[i];
        tma_resplit found = {i, TMA_RESPLIT_NONE, TMA_RESPLIT_NONE, 0, 0};
        size_t a_first, b_first;
        if (i + 1 < job->count && alone_side_by_side(bd, &a_first, &b_first)) {
            if (find_piece(&found, job, a_first, b_first, &fold))
                job->failed[2 + k] = tma_buf_append(&job->found[k], &found, sizeof found) < 0;
            continue;
        }
        if (bd->a_count == 0 || bd->b_count == 0 || bd->a_count + bd->b_count > 3)
            continue;
        side sa, sb;
        if (!side_of_bead(&sa, job->w, job->docs[0], &job->uses[0], bd->a_first, bd->a_count,
                          bd->b_count, &fold) ||
            !side_of_bead(&sb, job->w, job->docs[1], &job->uses[1], bd->b_first, bd->b_count,
                          bd->a_count, &fold) ||
            !best_places(&found.cut_a, &found.cut_b, &sa, &sb, job->fitted))
            continue;
        found.cut_a = sa.fixed ? TMA_RESPLIT_NONE : found.cut_a;
        found.cut_b = sb.fixed ? TMA_RESPLIT_NONE : found.cut_b;
        job->failed[2 + k] = tma_buf_append(&job->found[k], &found, sizeof found) < 0;
    }
    tma_buf_free(&fold);
}

int tma_resplit_find(tma_buf *out, tma_worker *w, const tma_doc *a, const tma_doc *b,
                     const tma_bead *beads, size_t count, const tma_align_params *fitted,
                     tma_error *err)
{
    /* W serves only to reach the context, which threads share. */
    find_job job = {.w = w,
                    .docs = {a, b},
                    .uses = {TMA_TABLE_INIT, TMA_TABLE_INIT},
                    .beads = beads,
                    .count = count,
                    .fitted = fitted};
    size_t threads = count < PARALLEL_MIN_BEADS ? 1 : tma_pool_cores();
    size_t blocks = threads > MAX_BLOCKS ? MAX_BLOCKS : threads;
    for (size_t k = 0; k <= blocks; k++)
        job.first[k] = count * k / blocks;
    for (size_t k = 0; k < blocks; k++)
        job.found[k] = (tma_buf)TMA_BUF_INIT;
    tma_pool_run(threads, 2, count_doc_uses, NULL, &job);
    int rc = job.failed[0] || job.failed[1] ? -1 : 0;
    if (rc == 0)
        tma_pool_run(threads, blocks, find_in_block, NULL, &job);
    /* A bead that holds one sentence alone may sit beside two others: the first pair found
     * takes it. */
    size_t taken = 0;
    for (size_t k = 0; k < blocks; k++) {
        const tma_resplit *f = (const tma_resplit *)job.found[k].data;
        for (size_t x = 0; rc == 0 && x < job.found[k].len / sizeof *f; x++) {
            if (job.failed[2 + k] || (f[x].bead < taken && f[x].beside))
                continue;
            taken = f[x].bead + 1 + (size_t)f[x].beside;
            if (tma_buf_append(out, &f[x], sizeof f[x]) < 0)
                rc = -1;
        }
        if (job.failed[2 + k])
            rc = -1;
        tma_buf_free(&job.found[k]);
    }
    tma_table_free(&job.uses[0]);
    tma_table_free(&job.uses[1]);
    return rc < 0 ? tma_error_nomem(err, "splitting sentences") : 0;
}
