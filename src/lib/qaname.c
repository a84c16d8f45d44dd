#include "qaname.h"

#include "anchor.h"
#include "doc.h"
#include "error.h"
#include "lang.h"
#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

static int compare_key(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

/* The keys (both forms) of the name and lexicon anchors among ANCHORS[0..count), sorted, into
 * *keys (malloc'd) and their number into *n. Returns 0, or -1 when out of memory. */
static int sorted_keys(uint64_t **keys, size_t *n, const tma_anchor *anchors, size_t count)
{
    *n = 0;
    *keys = malloc((2 * count + 1) * sizeof **keys);
    if (*keys == NULL)
        return -1;
    for (size_t i = 0; i < count; i++) {
        if (anchors[i].kind == TMA_ANCHOR_NAME || anchors[i].kind == TMA_ANCHOR_LEXICON) {
            (*keys)[(*n)++] = anchors[i].key;
            (*keys)[(*n)++] = anchors[i].alt_key;
        }
    }
    qsort(*keys, *n, sizeof **keys, compare_key);
    return 0;
}

/* A place of a name of a document: one of its keys, its anchor and the anchor's sentence. */
typedef struct name_place {
    uint64_t key;
    const tma_anchor *anchor;
    uint32_t sentence;
} name_place;

/* Where a document's names stand: its name anchors and known names under each of their keys,
 * sorted by key and then by place, and the joined unit that holds each of its sentences
 * (UINT32_MAX where none does). */
struct tma_qa_places {
    name_place *places;
    size_t count;
    uint32_t *unit_of;
};

static int compare_place(const void *a, const void *b)
{
    const name_place *x = a, *y = b;
    if (x->key != y->key)
        return (x->key > y->key) - (x->key < y->key);
    return (x->anchor->start > y->anchor->start) - (x->anchor->start < y->anchor->start);
}

/* Adds the places of the name anchor A of SENTENCE to LIST: under its key and its alt_key. */
static void add_place(struct tma_qa_places *list, const tma_anchor *a, size_t sentence)
{
    list->places[list->count++] = (name_place){a->key, a, (uint32_t)sentence};
    if (a->alt_key != a->key)
        list->places[list->count++] = (name_place){a->alt_key, a, (uint32_t)sentence};
}

/* Lists into QA->places[k] where language K's names and known names stand (QA->known_first[k]
 * set). Returns 0, or -1 when out of memory. */
static int list_places(tma_qa *qa, size_t k)
{
    const tma_doc *doc = tma_story_doc(qa->story, k);
    size_t count, nknown, units_count, sentences = tma_doc_sentence_count(doc);
    const tma_anchor *all = tma_doc_anchors(doc, &count);
    const tma_anchor *known = qa->known_names[k];
    const tma_unit *units = tma_story_units(qa->story, &units_count);
    nknown = qa->known_first[k][sentences];
    struct tma_qa_places *list = calloc(1, sizeof *list);
    qa->places[k] = list;
    if (list == NULL)
        return -1;
    list->places = malloc((2 * (count + nknown) + 1) * sizeof *list->places);
    list->unit_of = malloc((sentences + 1) * sizeof *list->unit_of);
    if (list->places == NULL || list->unit_of == NULL)
        return -1;
    for (size_t i = 0; i < sentences; i++) {
        const tma_sentence *s = tma_doc_sentence(doc, i);
        for (size_t j = s->anchor_first; j < s->anchor_first + s->anchor_count; j++) {
            if (all[j].kind == TMA_ANCHOR_NAME)
                add_place(list, &all[j], i);
        }
        for (size_t j = qa->known_first[k][i]; j < qa->known_first[k][i + 1]; j++)
            add_place(list, &known[j], i);
        list->unit_of[i] = UINT32_MAX;
    }
    qsort(list->places, list->count, sizeof *list->places, compare_place);
    for (size_t u = 0; u < units_count; u++) {
        for (uint32_t i = units[u].first[k]; i < units[u].first[k] + units[u].count[k]; i++)
            list->unit_of[i] = (uint32_t)u;
    }
    return 0;
}

int tma_qa_list_names(tma_qa *qa, size_t k)
{
    const tma_doc *doc = tma_story_doc(qa->story, k);
    size_t count, nknown, sentences = tma_doc_sentence_count(doc);
    const tma_anchor *all = tma_doc_anchors(doc, &count);
    const tma_anchor *known = tma_doc_known_names(doc, &nknown);
    qa->known_names[k] = known;
    qa->known_first[k] = malloc((sentences + 1) * sizeof *qa->known_first[k]);
    if (qa->known_first[k] == NULL)
        return -1;
    size_t x = 0;
    for (size_t i = 0; i < sentences; i++) {
        const tma_sentence *s = tma_doc_sentence(doc, i);
        while (x < nknown && known[x].start < s->start)
            x++;
        qa->known_first[k][i] = x;
    }
    qa->known_first[k][sentences] = nknown;
    return sorted_keys(&qa->names[k], &qa->name_count[k], all, count) < 0 ||
                   sorted_keys(&qa->known_keys[k], &qa->known_key_count[k], known, nknown) < 0 ||
                   list_places(qa, k) < 0
               ? -1
               : 0;
}

void tma_qa_free_names(tma_qa *qa, size_t k)
{
    free(qa->names[k]);
    free(qa->known_keys[k]);
    free(qa->known_first[k]);
    if (qa->places[k] != NULL) {
        free(qa->places[k]->places);
        free(qa->places[k]->unit_of);
        free(qa->places[k]);
    }
    qa->names[k] = NULL;
    qa->known_keys[k] = NULL;
    qa->known_names[k] = NULL;
    qa->known_first[k] = NULL;
    qa->places[k] = NULL;
}

int tma_qa_capitals_mark_names(const tma_qa *qa, size_t k)
{
    const char *lang = tma_doc_lang(tma_story_doc(qa->story, k));
    return !tma_lang_is(lang, "en") && !tma_lang_is(lang, "de");
}

const tma_anchor *tma_qa_known_names(const tma_qa *qa, const tma_unit *u, size_t k, size_t *n)
{
    *n = 0;
    if (u->count[k] == 0 || qa->known_names[k] == NULL)
        return NULL;
    size_t from = qa->known_first[k][u->first[k]];
    *n = qa->known_first[k][u->first[k] + u->count[k]] - from;
    return qa->known_names[k] + from;
}

/* 1 if KEYS[0..n) (sorted) hold the key of A in either form. */
static int has_key(const uint64_t *keys, size_t n, const tma_anchor *a)
{
    return bsearch(&a->key, keys, n, sizeof a->key, compare_key) ||
           bsearch(&a->alt_key, keys, n, sizeof a->key, compare_key);
}

/* 1 if language K's document has the name A: as a name or lexicon anchor, or, when A is not a
 * known name itself (KNOWN), as a known name. Two words that both dictionaries know are as often
 * common nouns ("Интернете", "Internet"). */
static int doc_has_name(const tma_qa *qa, size_t k, const tma_anchor *a, int known)
{
    return has_key(qa->names[k], qa->name_count[k], a) ||
           (!known && has_key(qa->known_keys[k], qa->known_key_count[k], a));
}

/* Two skeletons are taken for one name when they share their first MIN_SHARED_SKELETON sound
 * classes and at least this share of the shorter one: endings and suffixes differ ("Тутанхамоном"
 * and "Tutankhamun", "Atlantic" and "Атлантический", "Filipino" and "филиппинцев"). */
#define MIN_SHARED_SKELETON 3
#define MIN_SHARED_SHARE    0.6

/* A name written as a part of one word shares this many classes with it at least, from a place
 * inside the word on ("British" in "Великобритании"): fewer turn up by chance. */
#define MIN_SHARED_INSIDE 4

/* Skeletons are compared up to this many bytes: no name is longer. */
#define SKELETON_MAX 256

/* 1 if skeleton A starts skeleton B as same_name's prefix rule asks: MIN_SHARED_SKELETON classes
 * and MIN_SHARED_SHARE of the shorter, or of A with OF_A. */
static int same_start(const char *a, size_t alen, const char *b, size_t blen, int of_a)
{
    size_t shorter = alen < blen ? alen : blen, shared = 0;
    while (shared < shorter && a[shared] == b[shared])
        shared++;
    return shared >= MIN_SHARED_SKELETON &&
           shared >= MIN_SHARED_SHARE * (double)(of_a ? alen : shorter);
}

/* Copies skeleton S into OUT without its vowels but a first one: the vowels of a name move
 * between spellings ("Egypt", "Египет"). Returns the length. */
static size_t without_vowels(char *out, const tma_buf *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->len; i++) {
        if (i == 0 || s->data[i] != 'V')
            out[n++] = s->data[i];
    }
    return n;
}

/* 1 if the word of skeleton B may write the name of skeleton A, by the rules above; the prefix
 * rule's share is of A's length with OF_A (a lowercase word: a people or an adjective holds most
 * of its name, "британских", where a short word starts many a long name by chance, "были",
 * "Volodymyr"). */
static int same_name(const tma_buf *a, const tma_buf *b, int of_a)
{
    if (same_start(a->data, a->len, b->data, b->len, of_a))
        return 1;
    char ca[SKELETON_MAX], cb[SKELETON_MAX];
    if (a->len <= sizeof ca && b->len <= sizeof cb &&
        same_start(ca, without_vowels(ca, a), cb, without_vowels(cb, b), of_a))
        return 1;
    /* A name written as a part of one word: MIN_SHARED_INSIDE classes and the prefix rule's share
     * of the name from a place inside the word on, or the whole name at the word's end ("Kong" in
     * "Հոնկոնգ"). */
    for (size_t i = 1; i < b->len; i++) {
        size_t n = 0;
        while (n < a->len && i + n < b->len && a->data[n] == b->data[i + n])
            n++;
        if ((n >= MIN_SHARED_INSIDE && n >= MIN_SHARED_SHARE * (double)a->len) ||
            (n == a->len && i + n == b->len))
            return 1;
    }
    return 0;
}

/* Folds skeleton B further for same_name: h, g and kh (the class H) left out, which English
 * writes where Russian and Armenian have nothing ("John", "Джон"), b with v and f (Hebron,
 * Хеврон), the affricates with the hissing sounds (English "ch" is French "sh": Michele, Мишель),
 * doubled classes once, final vowels as in the skeleton (also those a final h left: Utah, Юта). */
static void loosen(tma_buf *b)
{
    size_t n = 0;
    for (size_t i = 0; i < b->len; i++) {
        char c = b->data[i] == 'F' ? 'P' : b->data[i] == 'C' ? 'X' : b->data[i];
        if (c != 'H' && (n == 0 || b->data[n - 1] != c))
            b->data[n++] = c;
    }
    while (n > 1 && b->data[n - 1] == 'V')
        n--;
    b->len = n;
}

/* The first Latin letter of WORD (LEN bytes) into *out, 0 if it has none (tma_translit_latin). */
static int latin_initial(char *out, tma_qa *qa, const char *word, size_t len, tma_error *err)
{
    qa->word.len = 0;
    int rc = tma_translit_latin(&qa->word, qa->translit, word, len, err);
    *out = rc == 0 && qa->word.len > 0 ? qa->word.data[0] : 0;
    return rc;
}

/* 1 if the Latin letter C is a vowel. */
static int is_vowel(char c)
{
    return c != 0 && strchr("aeiouy", c) != NULL;
}

/* Whether a letter of the acronym W (LEN bytes) may stand for a name whose first Latin letter is
 * INITIAL (the same vowel, or a consonant of its sound class: "c" and "k"): a translation may
 * write the name as a letter of an acronym ("Olympic" in "USOC", "Africa" in "ЮАР", "California"
 * in "UCLA"). Stores 1 in *has if so. */
static int acronym_has_initial(int *has, tma_qa *qa, const char *w, size_t len, char initial,
                               tma_error *err)
{
    for (size_t i = 0; i < len && !*has;) {
        size_t at = i;
        char c;
        tma_utf8_next(w, len, &i);
        int rc = latin_initial(&c, qa, w + at, i - at, err);
        if (rc < 0)
            return rc;
        if (c == initial) {
            *has = c != 0;
        } else if (c != 0 && !is_vowel(c) && !is_vowel(initial)) {
            qa->word.len = 0;
            if (tma_translit_fold(&qa->word, &c, 1) < 0 ||
                tma_translit_fold(&qa->word, &initial, 1) < 0)
                return tma_error_nomem(err, "checking the units");
            *has = qa->word.len == 2 && qa->word.data[0] == qa->word.data[1];
        }
    }
    return 0;
}

/* Copies the consonant classes of skeleton S into OUT (CAP bytes at most). Returns how many. */
static size_t consonants(char *out, size_t cap, const tma_buf *s)
{
    size_t n = 0;
    for (size_t i = 0; i < s->len && n < cap; i++) {
        if (s->data[i] != 'V')
            out[n++] = s->data[i];
    }
    return n;
}

/* 1 if the consonant classes A (ALEN) and B (BLEN) are one edit apart at most. */
static int one_edit_apart(const char *a, size_t alen, const char *b, size_t blen)
{
    if (alen > blen)
        return one_edit_apart(b, blen, a, alen);
    if (blen - alen > 1)
        return 0;
    size_t i = 0;
    while (i < alen && a[i] == b[i])
        i++;
    if (alen == blen)
        return i == alen || memcmp(a + i + 1, b + i + 1, alen - i - 1) == 0;
    return memcmp(a + i, b + i + 1, alen - i) == 0;
}

/* A name's spellings are taken for one where their consonant classes, this many at least, are one
 * edit apart ("Уэмбли", "Wembley"; "Rogers", "Роджерс"), once the longer is cut one class after the
 * shorter's length ("Australia", "Ավստրալիան"). A word that is to confirm a name, rather than
 * excuse its absence, needs one class more to be an edit away: three are one edit from many words
 * ("Newt", "Հանրապետական"). */
#define MIN_SPELT_ALIKE 3
#define MIN_CONFIRMING  4

/* 1 if the loosened skeletons A and B spell one name: the shorter, of MIN_CONFIRMING classes at
 * least, starts the longer ("Alex", "Ալեքսը"), or so do its consonant classes, MIN_SPELT_ALIKE at
 * least, or, with MIN at least, they are one edit apart as above. */
static int spelt_alike(const tma_buf *a, const tma_buf *b, size_t min)
{
    char ca[SKELETON_MAX], cb[SKELETON_MAX];
    size_t na = consonants(ca, sizeof ca, a), nb = consonants(cb, sizeof cb, b);
    size_t shorter = na < nb ? na : nb;
    size_t whole = a->len < b->len ? a->len : b->len;
    if ((shorter >= MIN_SPELT_ALIKE && memcmp(ca, cb, shorter) == 0) ||
        (whole >= MIN_CONFIRMING && memcmp(a->data, b->data, whole) == 0))
        return 1;
    /* The longer one is cut one class after the shorter's length: a case ending. */
    return shorter >= min &&
           one_edit_apart(ca, na < nb + 1 ? na : nb + 1, cb, nb < na + 1 ? nb : na + 1);
}

/* 1 if the word W (LEN bytes) begins with a capital letter. */
static int capitalised(const char *w, size_t len)
{
    size_t i = 0;
    UChar32 c = (UChar32)tma_utf8_next(w, len, &i);
    return u_isupper(c) || u_istitle(c);
}

/* Whether side OTHER of unit U has a word that same_name takes for the name A of language K's
 * text: stores 1 or 0 in *has (1 also when A's skeleton is too short to compare). Lowercase
 * words count as capitalised ones where capitals mark names alone: Russian and Armenian write
 * peoples and adjectives made of names in lowercase ("маори", "британских"). English and German
 * capitalise those, and their lowercase words resemble a name loosely by chance ("alight",
 * "Ալեքս"): they count when spelt_alike takes them for it as for a confirming word ("tweeted",
 * "Twitter"; "internet"). With STRICT, only a capitalised word that confirms A counts. */
static int side_has_word(int *has, tma_qa *qa, const tma_unit *u, size_t other, size_t k,
                         const tma_anchor *a, int strict, tma_error *err)
{
    size_t len;
    const char *text = tma_doc_text(tma_story_doc(qa->story, k), &len);
    *has = 0;
    int rc = tma_translit_skeleton(&qa->skeleton, qa->translit, text + a->start, a->len, err);
    if (rc < 0)
        return rc;
    loosen(&qa->skeleton);
    if (qa->skeleton.len < MIN_SHARED_SKELETON) {
        /* Too short to tell ("Kong", "Rice", "Gabba" loosen to two classes or fewer): no word of
         * the other side could be told for it or against it, so it is not reported. */
        *has = 1;
        return 0;
    }
    char initial;
    rc = latin_initial(&initial, qa, text + a->start, a->len, err);
    if (rc < 0)
        return rc;
    const tma_doc *doc = tma_story_doc(qa->story, other);
    int lowercase_names = tma_qa_capitals_mark_names(qa, other);
    text = tma_doc_text(doc, &len);
    const tma_sentence *first = tma_doc_sentence(doc, u->first[other]);
    const tma_sentence *last = tma_doc_sentence(doc, u->first[other] + u->count[other] - 1);
    size_t p = first->start, end = last->start + last->len;
    while (p < end && !*has) {
        size_t q = p;
        if (!u_isalpha((UChar32)tma_utf8_next(text, end, &q))) {
            p = q;
            continue;
        }
        for (size_t r = q; r < end && u_isalpha((UChar32)tma_utf8_next(text, end, &r));)
            q = r;
        int capital = capitalised(text + p, q - p);
        if (strict && !capital) {
            p = q;
            continue;
        }
        if (!strict && tma_anchor_is_acronym(text + p, q - p)) {
            rc = acronym_has_initial(has, qa, text + p, q - p, initial, err);
            if (rc < 0)
                return rc;
        }
        rc = tma_translit_skeleton(&qa->other, qa->translit, text + p, q - p, err);
        if (rc < 0)
            return rc;
        loosen(&qa->other);
        *has |= strict || !(capital || lowercase_names)
                    ? spelt_alike(&qa->skeleton, &qa->other, MIN_CONFIRMING)
                    : spelt_alike(&qa->skeleton, &qa->other, MIN_SPELT_ALIKE) ||
                          same_name(&qa->skeleton, &qa->other, !capital);
        p = q;
    }
    return 0;
}

/* 1 if anchor A of language K's text is the first word of its sentence in unit U, where a
 * capital says nothing and an unknown word ("Ханги", a dish) is taken for a name. */
static int begins_sentence(const tma_qa *qa, const tma_unit *u, size_t k, const tma_anchor *a)
{
    const tma_doc *doc = tma_story_doc(qa->story, k);
    size_t len;
    const char *text = tma_doc_text(doc, &len);
    for (uint32_t i = u->first[k]; i < u->first[k] + u->count[k]; i++) {
        const tma_sentence *s = tma_doc_sentence(doc, i);
        if (a->start < s->start || a->start >= s->start + s->len)
            continue;
        for (size_t p = s->start; p < a->start;) {
            if (u_isalnum((UChar32)tma_utf8_next(text, a->start, &p)))
                return 0;
        }
        return 1;
    }
    return 0;
}

/* A name is confirmed by at most this many of its other places: a name that the translation
 * renders by a word of its own ("Великобритания", "UK") is tried at each of its places, and a
 * long document may have hundreds. */
#define MAX_CONFIRMING_PLACES 3

/* Whether the name A of side K of unit U stands at another place of language K's document, in a
 * joined unit whose side OTHER has a word that side_has_word takes for it: stores 1 or 0 in *out.
 * Where the other document never has the name by its key, this says that the translation writes
 * it so that it is recognised ("Уэмбли", "Wembley"). */
static int confirmed_elsewhere(int *out, tma_qa *qa, const tma_unit *u, size_t k, size_t other,
                               const tma_anchor *a, tma_error *err)
{
    const struct tma_qa_places *list = qa->places[k];
    size_t units_count, tried = 0;
    const tma_unit *units = tma_story_units(qa->story, &units_count);
    uint64_t keys[2] = {a->key, a->alt_key};
    *out = 0;
    for (size_t n = 0; n < (a->alt_key != a->key ? 2u : 1u) && !*out; n++) {
        size_t lo = 0, hi = list->count;
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (list->places[mid].key < keys[n])
                lo = mid + 1;
            else
                hi = mid;
        }
        for (size_t i = lo; i < list->count && list->places[i].key == keys[n] && !*out &&
                            tried < MAX_CONFIRMING_PLACES;
             i++) {
            const name_place *p = &list->places[i];
            uint32_t w = list->unit_of[p->sentence];
            if ((p->sentence >= u->first[k] && p->sentence < u->first[k] + u->count[k]) ||
                w == UINT32_MAX || units[w].count[other] == 0)
                continue;
            tried++;
            int rc = side_has_word(out, qa, &units[w], other, k, p->anchor, 1, err);
            if (rc < 0)
                return rc;
        }
    }
    return 0;
}

int tma_qa_name_missing(int *out, tma_qa *qa, const tma_unit *u, size_t k, size_t other,
                        const tma_anchor *a, int known, tma_error *err)
{
    size_t text_len;
    const char *text = tma_doc_text(tma_story_doc(qa->story, k), &text_len);
    int has = 0;
    *out = 0;
    /* Translations often spell an acronym out or translate it ("METI", "ՏԱԱՆ"); a lexicon name in
     * lowercase is an adjective ("американских"), which they render in many ways ("US",
     * "American", or not at all). */
    if (tma_anchor_is_acronym(text + a->start, a->len) || begins_sentence(qa, u, k, a) ||
        (a->kind == TMA_ANCHOR_LEXICON && !capitalised(text + a->start, a->len)))
        return 0;
    int rc = side_has_word(&has, qa, u, other, k, a, 0, err);
    if (rc < 0 || has)
        return rc;
    if (doc_has_name(qa, other, a, known)) {
        *out = 1;
        return 0;
    }
    return confirmed_elsewhere(out, qa, u, k, other, a, err);
}
