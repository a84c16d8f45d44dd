#include "words.h"

#include "anchor.h"
#include "buf.h"
#include "error.h"
#include "learn.h"
#include "table.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>

/* In a document of at least FREQUENT_MIN_SENTENCES sentences, a key found in more than one
 * sentence in FREQUENT_SHARE is a function word's (the, что, который) and says nothing about
 * which sentence translates which. */
#define FREQUENT_MIN_SENTENCES 8
#define FREQUENT_SHARE         4
/* A word the lexicon does not know is looked up again with up to this many final code points
 * cut, keeping at least LOOKUP_MIN_CHARS: an inflected form whose stem is a headword. */
#define LOOKUP_MAX_CUT   3
#define LOOKUP_MIN_CHARS 4

static int is_word_char(uint32_t c)
{
    return u_isalpha((UChar32)c) || (U_GET_GC_MASK((UChar32)c) & U_GC_M_MASK) != 0;
}

static size_t code_points(const char *s, size_t len)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    return n;
}

/* The byte length of the first N code points of S[0..len). */
static size_t prefix_bytes(const char *s, size_t len, size_t n)
{
    size_t i = 0;
    while (i < len && n > 0) {
        tma_utf8_next(s, len, &i);
        n--;
    }
    return i;
}

/* Vowels (and the Russian signs) that inflection changes at the end of a word: река, реки, реку
 * are one word, as are maison and maisons once the s is past the key's length. */
static int is_final_vowel(uint32_t c)
{
    static const uint32_t vowels[] = {
        'a', 'e', 'i', 'o', 'u', 'y', 0xE0, 0xE2, 0xE4, 0xE8, 0xE9, 0xEA, 0xEB, 0xEE, 0xEF,
        0xF4, 0xF6, 0xFB, 0xFC,
        0x430, 0x435, 0x438, 0x439, 0x43E, 0x443, 0x44B, 0x44C, 0x44D, 0x44E, 0x44F, /* а е и й о у ы ь э ю я */
        0x561, 0x565, 0x567, 0x568, 0x56B, 0x578, 0x585, /* ա ե է ը ի ո օ */
    };
    for (size_t k = 0; k < sizeof vowels / sizeof vowels[0]; k++) {
        if (vowels[k] == c)
            return 1;
    }
    return 0;
}

/* The key of a word of language LANG already in key form (KEY, LEN bytes), or 0 when it is too
 * short for one: its stem (a case ending of LANG, then final vowels, cut while at least
 * TMA_WORD_MIN_CHARS code points stay) up to TMA_WORD_KEY_CHARS code points. */
static uint32_t key_of(const tma_anchor_tables *tables, const char *lang, const char *key,
                       size_t len, size_t *stem_bytes)
{
    *stem_bytes = 0;
    size_t chars = code_points(key, len);
    if (chars < TMA_WORD_MIN_CHARS)
        return 0;
    size_t cut = tma_anchor_ending_length(tables, lang, key, len);
    len -= cut;
    chars = code_points(key, len);
    while (chars > TMA_WORD_MIN_CHARS) {
        size_t at = len;
        if (!is_final_vowel(tma_utf8_prev(key, &at)))
            break;
        len = at;
        chars--;
    }
    *stem_bytes = prefix_bytes(key, len, TMA_WORD_KEY_CHARS);
    uint32_t h = (uint32_t)tma_hash_bytes(key, *stem_bytes);
    return h ? h : 1;
}

static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

/* Sorts V[0..n) ascending: a sentence's keys, a few dozen, for which qsort's set-up costs more than
 * the sort (glibc's merge sort was 2% of a long document's time). */
static void sort_keys(uint32_t *v, size_t n)
{
    if (n > 64) {
        qsort(v, n, sizeof *v, cmp_u32);
        return;
    }
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* A word as written somewhere in the document: where its key form is in the build's text pool,
 * its key, and the key of its stem without a verbal prefix (0 if none). */
typedef struct word {
    size_t text, len;
    uint32_t key, unprefixed;
    /* The stems the keys hash: text[0 .. stem), text[unprefixed_at .. + unprefixed_stem). */
    uint32_t stem, unprefixed_at, unprefixed_stem;
    uint32_t answer; /* index of its translations' answer; NO_ANSWER until looked up */
} word;

#define NO_ANSWER UINT32_MAX

/* Russian verbal prefixes, longest first: a dictionary gives демонстрировать and оружие, a text
 * продемонстрируют and вооружения. The stem after one must keep PREFIX_MIN_REST code points. */
static const char *const RU_PREFIXES[] = {"пере", "пред", "при", "про", "раз", "рас", "под", "воз",
                                          "вос", "вы", "за", "на", "по", "от", "до", "об", "из",
                                          "во", "с", "у", "в", "о"};
#define PREFIX_MIN_REST 5

typedef struct build {
    const tma_doc *doc;
    const tma_anchor_tables *tables;
    const char *lang, *other_lang; /* the doc's, and its translations' */
    const tma_words_source *src;
    int looks_up; /* a learned lexicon, or a lexicon that answers in this direction, is given */
    tma_buf pool;     /* every word's key form, one after the other */
    tma_buf scratch;  /* one translation's key form */
    word *words;      /* every word as written that has a key, once */
    tma_table seen;   /* a word as written -> its index in WORDS, or NO_KEY */
    size_t word_count, word_cap;
    tma_u32s tokens;  /* the document's words that have a key, sentence by sentence, as indices into WORDS */
    size_t *sentence_words; /* sentence i's tokens: [sentence_words[i], sentence_words[i + 1]) */
    /* Answers already found: key form -> index into answer_first (its keys are
     * answer_keys[answer_first[k] .. answer_first[k + 1])). */
    tma_table answers;
    tma_u32s answer_first, answer_keys;
} build;

static int grow_words(build *b)
{
    word *v = tma_grow(b->words, &b->word_cap, b->word_count + 1, sizeof *v, 1024);
    if (v == NULL)
        return -1;
    b->words = v;
    return 0;
}

/* In SEEN: a word too short for a key. */
#define NO_KEY (-2)

/* Adds the word S[0..len) as written; a word written so before shares its key form and keys. */
static int add_word(build *b, const char *s, size_t len)
{
    int seen = tma_table_get(&b->seen, s, len);
    if (seen == NO_KEY)
        return 0;
    if (seen >= 0)
        return tma_u32s_push(&b->tokens, (uint32_t)seen);
    size_t at = b->pool.len;
    if (tma_lexicon_key(&b->pool, s, len) < 0)
        return -1;
    size_t stem = 0, unprefixed_stem = 0, unprefixed_at = 0;
    uint32_t key = key_of(b->tables, b->lang, b->pool.data + at, b->pool.len - at, &stem);
    if (key == 0) {
        b->pool.len = at;
        return tma_table_put(&b->seen, s, len, NO_KEY);
    }
    if (grow_words(b) < 0 || b->word_count > INT32_MAX ||
        tma_table_put(&b->seen, s, len, (int)b->word_count) < 0 ||
        tma_u32s_push(&b->tokens, (uint32_t)b->word_count) < 0)
        return -1;
    uint32_t unprefixed = 0;
    const char *w = b->pool.data + at;
    size_t w_len = b->pool.len - at;
    for (size_t k = 0; strncmp(b->lang, "ru", 2) == 0 && k < sizeof RU_PREFIXES / sizeof *RU_PREFIXES;
         k++) {
        size_t n = strlen(RU_PREFIXES[k]);
        if (w_len > n && memcmp(w, RU_PREFIXES[k], n) == 0 &&
            code_points(w + n, w_len - n) >= PREFIX_MIN_REST) {
            unprefixed = key_of(b->tables, b->lang, w + n, w_len - n, &unprefixed_stem);
            unprefixed_at = n;
            break;
        }
    }
    b->words[b->word_count++] = (word){at,
                                       w_len,
                                       key,
                                       unprefixed,
                                       (uint32_t)stem,
                                       (uint32_t)unprefixed_at,
                                       (uint32_t)unprefixed_stem,
                                       NO_ANSWER};
    return 0;
}

/* Splits every sentence into words (runs of letters and marks) and keys them. */
static int split_words(build *b)
{
    size_t n = tma_doc_sentence_count(b->doc), text_len;
    const char *text = tma_doc_text(b->doc, &text_len);
    b->sentence_words = malloc((n + 1) * sizeof *b->sentence_words);
    if (b->sentence_words == NULL)
        return -1;
    for (size_t i = 0; i < n; i++) {
        b->sentence_words[i] = b->tokens.len;
        const tma_sentence *s = tma_doc_sentence(b->doc, i);
        const char *p = text + s->start;
        size_t k = 0, start = 0;
        int in_word = 0;
        while (k < s->len) {
            size_t at = k;
            uint32_t c = tma_utf8_next(p, s->len, &k);
            int w = is_word_char(c);
            if (w && !in_word)
                start = at;
            else if (!w && in_word && add_word(b, p + start, at - start) < 0)
                return -1;
            in_word = w;
        }
        if (in_word && add_word(b, p + start, s->len - start) < 0)
            return -1;
    }
    b->sentence_words[n] = b->tokens.len;
    return 0;
}

/* A count per key, in an open-addressing table of COUNT_CAP slots (a power of two). */
typedef struct key_counts {
    uint32_t *key, *count;
    size_t cap;
} key_counts;

static uint32_t *count_slot(key_counts *c, uint32_t key)
{
    size_t i = (key * 2654435761u) & (c->cap - 1);
    while (c->key[i] != 0 && c->key[i] != key)
        i = (i + 1) & (c->cap - 1);
    c->key[i] = key;
    return &c->count[i];
}

/* Marks (key 0) the words whose key is in more than one sentence in FREQUENT_SHARE. */
static int drop_frequent(build *b, size_t n)
{
    if (n < FREQUENT_MIN_SENTENCES)
        return 0;
    key_counts c = {0};
    c.cap = 16;
    while (c.cap < b->word_count * 2)
        c.cap *= 2;
    c.key = tma_zeroed(c.cap, sizeof *c.key);
    c.count = tma_zeroed(c.cap, sizeof *c.count);
    uint32_t *keys = malloc((b->tokens.len + 1) * sizeof *keys);
    if (c.key == NULL || c.count == NULL || keys == NULL) {
        free(c.key);
        free(c.count);
        free(keys);
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        size_t first = b->sentence_words[i], len = b->sentence_words[i + 1] - first;
        for (size_t k = 0; k < len; k++)
            keys[k] = b->words[b->tokens.v[first + k]].key;
        sort_keys(keys, len);
        for (size_t k = 0; k < len; k++) {
            if (k == 0 || keys[k] != keys[k - 1])
                ++*count_slot(&c, keys[k]);
        }
    }
    for (size_t k = 0; k < b->word_count; k++) {
        if ((size_t)*count_slot(&c, b->words[k].key) * FREQUENT_SHARE > n)
            b->words[k].key = 0;
    }
    free(c.key);
    free(c.count);
    free(keys);
    return 0;
}

/* Appends KEY to the answer that starts at FIRST in ANSWER_KEYS unless it is there or full. */
static int add_answer_key(build *b, size_t first, uint32_t key)
{
    if (key == 0 || b->answer_keys.len - first >= TMA_WORD_MAX_KEYS)
        return 0;
    for (size_t j = first; j < b->answer_keys.len; j++) {
        if (b->answer_keys.v[j] == key)
            return 0;
    }
    return tma_u32s_push(&b->answer_keys, key);
}

/* Appends to ANSWER_KEYS the keys of the translations of word W: the dictionaries' (each phrase
 * by its longest word), then the learned lexicon's; unique, at most TMA_WORD_MAX_KEYS. */
static int translation_keys(build *b, const word *w, tma_error *err)
{
    const char *key = b->pool.data + w->text;
    size_t len = w->len;
    const tma_lexicon_word *t = NULL;
    size_t count = 0, chars = code_points(key, len);
    for (size_t cut = 0; b->src->lex != NULL && cut <= LOOKUP_MAX_CUT && count == 0; cut++) {
        if (cut > 0 && chars - cut < LOOKUP_MIN_CHARS)
            break;
        size_t bytes = prefix_bytes(key, len, chars - cut);
        if (tma_lexicon_translations(&t, &count, b->src->lex, b->src->dir, key, bytes, err) < 0)
            return -1;
    }
    size_t first = b->answer_keys.len;
    for (size_t k = 0; k < count && b->answer_keys.len - first < TMA_WORD_MAX_KEYS; k++) {
        const char *s = t[k].text, *best = s;
        size_t best_len = 0;
        for (const char *p = s; *p;) {
            size_t n = strcspn(p, " ");
            if (n > best_len) {
                best = p;
                best_len = n;
            }
            p += n + (p[n] == ' ');
        }
        b->scratch.len = 0;
        if (tma_lexicon_key(&b->scratch, best, best_len) < 0)
            return tma_error_nomem(err, "looking words up");
        size_t stem;
        uint32_t tk = key_of(b->tables, b->other_lang, b->scratch.data, b->scratch.len, &stem);
        if (add_answer_key(b, first, tk) < 0)
            return tma_error_nomem(err, "looking words up");
    }
    for (int k = 0; b->src->learned != NULL && k < 2; k++) {
        size_t n = 0;
        const uint32_t *keys = tma_learned_translations(b->src->learned, b->src->learned_from_b,
                                                        k ? w->unprefixed : w->key, &n);
        for (size_t j = 0; j < n && (k ? w->unprefixed : w->key) != 0; j++) {
            if (add_answer_key(b, first, keys[j]) < 0)
                return tma_error_nomem(err, "looking words up");
        }
    }
    return 0;
}

/* The index of the answer for word W, looking it up the first time its key form is seen. */
static int answer_of(size_t *index, build *b, word *w, tma_error *err)
{
    if (w->answer != NO_ANSWER) {
        *index = w->answer;
        return 0;
    }
    const char *key = b->pool.data + w->text;
    int found = tma_table_get(&b->answers, key, w->len);
    if (found >= 0) {
        *index = w->answer = (uint32_t)found;
        return 0;
    }
    size_t k = b->answer_first.len - 1;
    if (k > (size_t)INT32_MAX - 1)
        return tma_error_set(err, TMA_ERR_LIMIT, NULL, 0, 0,
                             "a document has more than 2 billion different words; split it");
    if (translation_keys(b, w, err) < 0)
        return -1;
    if (tma_u32s_push(&b->answer_first, (uint32_t)b->answer_keys.len) < 0 ||
        tma_table_put(&b->answers, key, w->len, (int)k) < 0)
        return tma_error_nomem(err, "looking words up");
    *index = w->answer = (uint32_t)k;
    return 0;
}

typedef struct word_text {
    const char *s;
    size_t len;
    size_t word;
} word_text;

static int cmp_word_text(const void *x, const void *y)
{
    const word_text *a = x, *b = y;
    int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
    return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* Looks every word up in alphabetical order, which is the dictionaries' order too, so that each
 * compressed chunk of a dictionary's text is inflated about once. */
static int look_up_sorted(build *b, tma_error *err)
{
    word_text *order = malloc((b->word_count + 1) * sizeof *order);
    if (order == NULL)
        return tma_error_nomem(err, "looking words up");
    size_t n = 0;
    for (size_t k = 0; k < b->word_count; k++) {
        if (b->words[k].key != 0)
            order[n++] = (word_text){b->pool.data + b->words[k].text, b->words[k].len, k};
    }
    qsort(order, n, sizeof *order, cmp_word_text);
    int rc = 0;
    for (size_t k = 0; k < n && rc == 0; k++) {
        size_t index;
        rc = answer_of(&index, b, &b->words[order[k].word], err);
    }
    free(order);
    return rc;
}

/* Keeps the stem of key KEY of a word (its first STEM_BYTES bytes of key form at TEXT) in
 * STEMS, once per key: STEM_AT maps a key to its stem's offset + 1. */
static int keep_stem(key_counts *stem_at, tma_buf *stems, uint32_t key, const char *text,
                     size_t stem_bytes)
{
    uint32_t *slot = count_slot(stem_at, key);
    if (*slot != 0)
        return 0;
    if (stems->len >= UINT32_MAX - stem_bytes - 1)
        return -1;
    *slot = (uint32_t)stems->len + 1;
    return tma_buf_append(stems, text, stem_bytes) < 0 || tma_buf_append(stems, "", 1) < 0 ? -1 : 0;
}

/* With the source's with_stems, each key's stem for KEYS[first ..]: keeps the stems of W's
 * keys. */
static int keep_word_stems(build *b, key_counts *stem_at, tma_buf *stems, const word *w)
{
    const char *text = b->pool.data + w->text;
    return keep_stem(stem_at, stems, w->key, text, w->stem) < 0 ||
                   (w->unprefixed && keep_stem(stem_at, stems, w->unprefixed,
                                               text + w->unprefixed_at, w->unprefixed_stem) < 0)
               ? -1
               : 0;
}

/* Fills OUT's repeats from the answers of its words, WORD_ANSWER. */
static int find_repeats(tma_words *out, const uint32_t *word_answer)
{
    tma_u32s repeats = {0};
    out->repeat_first = malloc((out->n + 1) * sizeof *out->repeat_first);
    if (out->repeat_first == NULL)
        return -1;
    for (size_t i = 0; i < out->n; i++) {
        out->repeat_first[i] = (uint32_t)repeats.len;
        uint32_t next = i + 1 < out->n ? out->word_first[i + 2] : out->word_first[i + 1];
        for (uint32_t k = out->word_first[i]; k < out->word_first[i + 1]; k++) {
            uint32_t again = out->word_first[i + 1];
            while (again < next && word_answer[again] != word_answer[k])
                again++;
            if (again < next && tma_u32s_push(&repeats, k) < 0) {
                free(repeats.v);
                return -1;
            }
        }
    }
    out->repeat_first[out->n] = (uint32_t)repeats.len;
    out->repeats = repeats.v;
    return 0;
}

static int fill(tma_words *out, build *b, tma_error *err)
{
    size_t n = out->n;
    tma_u32s keys = {0}, word_answer = {0}, key_stem = {0};
    key_counts stem_at = {0};
    tma_buf stems = TMA_BUF_INIT;
    if (b->src->with_stems) {
        stem_at.cap = 16;
        while (stem_at.cap < b->word_count * 4)
            stem_at.cap *= 2;
        stem_at.key = tma_zeroed(stem_at.cap, sizeof *stem_at.key);
        stem_at.count = tma_zeroed(stem_at.cap, sizeof *stem_at.count);
        if (stem_at.key == NULL || stem_at.count == NULL)
            goto nomem;
    }
    out->key_first = malloc((n + 1) * sizeof *out->key_first);
    out->word_first = malloc((n + 1) * sizeof *out->word_first);
    out->bloom = tma_zeroed(n * TMA_WORD_BLOOM_WORDS + 1, sizeof *out->bloom);
    if (out->key_first == NULL || out->word_first == NULL || out->bloom == NULL ||
        tma_u32s_push(&b->answer_first, 0) < 0)
        goto nomem;
    if (b->looks_up && b->src->lex != NULL && look_up_sorted(b, err) < 0)
        goto fail;
    for (size_t i = 0; i < n; i++) {
        out->key_first[i] = (uint32_t)keys.len;
        out->word_first[i] = (uint32_t)word_answer.len;
        size_t first = keys.len;
        for (size_t k = b->sentence_words[i]; k < b->sentence_words[i + 1]; k++) {
            word *w = &b->words[b->tokens.v[k]];
            if (w->key == 0)
                continue;
            if (tma_u32s_push(&keys, w->key) < 0 || (w->unprefixed && tma_u32s_push(&keys, w->unprefixed) < 0))
                goto nomem;
            if (b->src->with_stems && keep_word_stems(b, &stem_at, &stems, w) < 0)
                goto nomem;
            if (!b->looks_up)
                continue;
            size_t a = 0;
            if (answer_of(&a, b, w, err) < 0)
                goto fail;
            if (b->answer_first.v[a] != b->answer_first.v[a + 1] &&
                tma_u32s_push(&word_answer, (uint32_t)a) < 0)
                goto nomem;
        }
        size_t len = keys.len - first;
        if (len > 1) /* KEYS.V is still NULL before a sentence has words */
            sort_keys(keys.v + first, len);
        size_t unique = 0;
        for (size_t k = 0; k < len; k++) {
            if (unique == 0 || keys.v[first + k] != keys.v[first + unique - 1])
                keys.v[first + unique++] = keys.v[first + k];
        }
        keys.len = first + unique;
        for (size_t k = first; b->src->with_stems && k < keys.len; k++) {
            if (tma_u32s_push(&key_stem, *count_slot(&stem_at, keys.v[k]) - 1) < 0)
                goto nomem;
        }
        uint64_t *bloom = out->bloom + i * TMA_WORD_BLOOM_WORDS;
        for (size_t k = first; k < keys.len; k++)
            bloom[(keys.v[k] >> 6) % TMA_WORD_BLOOM_WORDS] |= 1ull << (keys.v[k] & 63);
    }
    out->key_first[n] = (uint32_t)keys.len;
    out->word_first[n] = (uint32_t)word_answer.len;
    if (tma_u32s_push(&word_answer, 0) < 0 || tma_u32s_push(&keys, 0) < 0 || tma_u32s_push(&b->answer_keys, 0) < 0)
        goto nomem;
    if (find_repeats(out, word_answer.v) < 0)
        goto nomem;
    out->keys = keys.v;
    out->word_answer = word_answer.v;
    out->key_stem = key_stem.v;
    out->stems = stems.data;
    free(stem_at.key);
    free(stem_at.count);
    /* The answers are the build's; the words point into them. */
    out->answer_first = b->answer_first.v;
    out->answer_keys = b->answer_keys.v;
    b->answer_first = (tma_u32s){0};
    b->answer_keys = (tma_u32s){0};
    return 0;
nomem:
    tma_error_nomem(err, "looking words up");
fail:
    free(keys.v);
    free(word_answer.v);
    free(key_stem.v);
    tma_buf_free(&stems);
    free(stem_at.key);
    free(stem_at.count);
    return -1;
}

int tma_words_build(tma_words *out, const tma_doc *doc, const tma_anchor_tables *tables,
                    const char *other_lang, const tma_words_source *src, tma_error *err)
{
    *out = (tma_words)TMA_WORDS_INIT;
    out->n = tma_doc_sentence_count(doc);
    if (out->n > UINT32_MAX / 64)
        return tma_error_set(err, TMA_ERR_LIMIT, NULL, 0, 0,
                             "a document has more than 67 million sentences; split it");
    build b = {.seen = TMA_TABLE_INIT,
               .doc = doc,
               .tables = tables,
               .lang = tma_doc_lang(doc),
               .other_lang = other_lang,
               .src = src,
               .looks_up = src->learned != NULL ||
                           (src->lex != NULL && tma_lexicon_answers(src->lex, src->dir)),
               .answers = TMA_TABLE_INIT};
    int rc = 0;
    if (split_words(&b) < 0 || drop_frequent(&b, out->n) < 0 || b.tokens.len > UINT32_MAX / 2)
        rc = tma_error_nomem(err, "splitting sentences into words");
    if (rc == 0)
        rc = fill(out, &b, err) < 0 ? (err->code ? err->code : TMA_ERR_NOMEM) : 0;
    tma_buf_free(&b.pool);
    tma_buf_free(&b.scratch);
    free(b.words);
    free(b.tokens.v);
    free(b.sentence_words);
    tma_table_free(&b.answers);
    tma_table_free(&b.seen);
    free(b.answer_first.v);
    free(b.answer_keys.v);
    if (rc < 0)
        tma_words_free(out);
    return rc;
}

void tma_words_free(tma_words *w)
{
    free(w->key_first);
    free(w->keys);
    free(w->bloom);
    free(w->word_first);
    free(w->word_answer);
    free(w->answer_first);
    free(w->answer_keys);
    free(w->key_stem);
    free(w->stems);
    free(w->repeat_first);
    free(w->repeats);
    *w = (tma_words)TMA_WORDS_INIT;
}

/* 1 if KEY is among the keys of sentence Y of W. */
static int has_key(const tma_words *w, size_t y, uint32_t key)
{
    const uint64_t *bloom = w->bloom + y * TMA_WORD_BLOOM_WORDS;
    if (!(bloom[(key >> 6) % TMA_WORD_BLOOM_WORDS] >> (key & 63) & 1))
        return 0;
    size_t lo = w->key_first[y], hi = w->key_first[y + 1];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (w->keys[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < w->key_first[y + 1] && w->keys[lo] == key;
}

/* 1 if the looked-up word K of FROM has a translation among the keys of sentences [y, y + dy) of
 * TO. */
static int word_found(const tma_words *from, uint32_t k, const tma_words *to, size_t y, size_t dy)
{
    uint32_t a = from->word_answer[k];
    for (uint32_t t = from->answer_first[a]; t < from->answer_first[a + 1]; t++) {
        for (size_t s = y; s < y + dy; s++) {
            if (has_key(to, s, from->answer_keys[t]))
                return 1;
        }
    }
    return 0;
}

uint32_t tma_words_matches(const tma_words *from, size_t x, size_t dx, const tma_words *to, size_t y,
                           size_t dy)
{
    uint32_t matches = 0;
    for (uint32_t k = from->word_first[x]; k < from->word_first[x + dx]; k++)
        matches += (uint32_t)word_found(from, k, to, y, dy);
    return matches;
}

uint32_t tma_words_repeats_found(const tma_words *from, size_t x, size_t dx, const tma_words *to,
                                 size_t y, size_t dy)
{
    uint32_t found = 0;
    for (uint32_t r = from->repeat_first[x]; dx > 1 && r < from->repeat_first[x + dx - 1]; r++)
        found += (uint32_t)word_found(from, from->repeats[r], to, y, dy);
    return found;
}

void tma_words_matches_by_span(uint32_t *counts, size_t spans, const tma_words *from, size_t x,
                               const tma_words *to, size_t y)
{
    for (size_t k = 0; k < spans; k++)
        counts[k] = 0;
    for (uint32_t w = from->word_first[x]; w < from->word_first[x + 1]; w++) {
        /* The first sentence of the span where the word is found. */
        size_t first = spans;
        uint32_t a = from->word_answer[w];
        for (uint32_t t = from->answer_first[a]; t < from->answer_first[a + 1] && first > 0; t++) {
            for (size_t s = 0; s < first; s++) {
                if (has_key(to, y + s, from->answer_keys[t])) {
                    first = s;
                    break;
                }
            }
        }
        for (size_t k = first; k < spans; k++)
            counts[k]++;
    }
}

void tma_words_found_in(uint8_t *found, const tma_words *from, uint32_t k, const tma_words *to,
                        size_t y, size_t count)
{
    uint32_t a = from->word_answer[k];
    for (size_t s = 0; s < count; s++) {
        int hit = 0;
        for (uint32_t t = from->answer_first[a]; t < from->answer_first[a + 1] && !hit; t++)
            hit = has_key(to, y + s, from->answer_keys[t]);
        found[s] = (uint8_t)hit;
    }
}
