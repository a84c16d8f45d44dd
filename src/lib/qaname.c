#include "qaname.h"

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

/* Lists the keys of the name and lexicon anchors of language K's document into QA. */
int tma_qa_list_names(tma_qa *qa, size_t k)
{
    size_t count;
    const tma_anchor *all = tma_doc_anchors(tma_story_doc(qa->story, k), &count);
    uint64_t *keys = malloc((2 * count + 1) * sizeof *keys);
    size_t n = 0;
    if (keys == NULL)
        return -1;
    for (size_t i = 0; i < count; i++) {
        if (all[i].kind == TMA_ANCHOR_NAME || all[i].kind == TMA_ANCHOR_LEXICON) {
            keys[n++] = all[i].key;
            keys[n++] = all[i].alt_key;
        }
    }
    qsort(keys, n, sizeof *keys, compare_key);
    qa->names[k] = keys;
    qa->name_count[k] = n;
    return 0;
}

/* 1 if language K's document has a name or lexicon anchor with the key of A in either form. */
static int doc_has_name(const tma_qa *qa, size_t k, const tma_anchor *a)
{
    return bsearch(&a->key, qa->names[k], qa->name_count[k], sizeof a->key, compare_key) ||
           bsearch(&a->alt_key, qa->names[k], qa->name_count[k], sizeof a->key, compare_key);
}

/* Two skeletons are taken for one name when they share their first MIN_SHARED_SKELETON sound
 * classes and at least this share of the shorter one: endings and suffixes differ ("Тутанхамоном"
 * and "Tutankhamun", "Atlantic" and "Атлантический", "Filipino" and "филиппинцев"). */
#define MIN_SHARED_SKELETON 3
#define MIN_SHARED_SHARE    0.6

static int same_name(const tma_buf *a, const tma_buf *b)
{
    size_t shorter = a->len < b->len ? a->len : b->len, shared = 0;
    while (shared < shorter && a->data[shared] == b->data[shared])
        shared++;
    if (shared >= MIN_SHARED_SKELETON && shared >= MIN_SHARED_SHARE * (double)shorter)
        return 1;
    /* A name written as a part of one word: "Kong" in "Հոնկոնգ". Four classes at least, so that
     * the name does not turn up by chance. */
    for (size_t i = 1; a->len >= 4 && i + a->len <= b->len; i++) {
        if (memcmp(b->data + i, a->data, a->len) == 0)
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

/* Whether side OTHER of unit U has a word that same_name takes for the name A of language K's
 * text: stores 1 or 0 in *has (1 also when A's skeleton is too short to compare). Lowercase
 * words count: Russian and Armenian write peoples and adjectives made of names in lowercase
 * ("маори", "британских"). */
static int side_has_word(int *has, tma_qa *qa, const tma_unit *u, size_t other, size_t k,
                         const tma_anchor *a, tma_error *err)
{
    size_t len;
    const char *text = tma_doc_text(tma_story_doc(qa->story, k), &len);
    *has = 0;
    int rc = tma_translit_skeleton(&qa->skeleton, qa->translit, text + a->start, a->len, err);
    loosen(&qa->skeleton);
    if (rc < 0)
        return rc;
    if (qa->skeleton.len < MIN_SHARED_SKELETON) {
        /* Too short to tell ("Kong", "Rice", "Gabba" loosen to two classes or fewer): no word of
         * the other side could be told for it or against it, so it is not reported. */
        *has = 1;
        return 0;
    }
    const tma_doc *doc = tma_story_doc(qa->story, other);
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
        rc = tma_translit_skeleton(&qa->other, qa->translit, text + p, q - p, err);
        if (rc < 0)
            return rc;
        loosen(&qa->other);
        *has = same_name(&qa->skeleton, &qa->other);
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

/* 1 if the LEN bytes at S hold no lowercase letter: an acronym, which translations often spell
 * out or translate ("METI", "ՏԱԱՆ"). */
static int is_acronym(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        if (u_islower((UChar32)tma_utf8_next(s, len, &i)))
            return 0;
    }
    return 1;
}

int tma_qa_name_missing(int *out, tma_qa *qa, const tma_unit *u, size_t k, size_t other,
                        const tma_anchor *a, tma_error *err)
{
    size_t text_len;
    const char *text = tma_doc_text(tma_story_doc(qa->story, k), &text_len);
    int has = 0;
    *out = 0;
    if (is_acronym(text + a->start, a->len) || begins_sentence(qa, u, k, a) ||
        !doc_has_name(qa, other, a))
        return 0;
    int rc = side_has_word(&has, qa, u, other, k, a, err);
    if (rc < 0)
        return rc;
    *out = !has;
    return 0;
}
