/* How useful the installed dictionaries are for a language pair: of the word tokens of the gold
 * 1-1 pairs of benchmark documents, how many have a translation that the other side's sentence
 * holds. Not a test: bench/lexicon-coverage.sh runs it and bench/README.md keeps its figures.
 *
 * usage: lexicon-coverage [--no-read-back] [--glossary FILE] LANG_A LANG_B [DOC_DIR...]
 * (with no DOC_DIR it only loads: its peak memory is the dictionaries')
 *
 * Each DOC_DIR holds LANG_A.seg and LANG_B.seg (one gold sentence per line) and LANG_A-LANG_B.gold
 * (beads, ../shared/eval/alignment/README.md). Tokens are runs of letters, marks and digits (with
 * a "-" or "'" inside), put in the lexicon's compared form; tokens without a letter are not
 * counted. For each direction it prints:
 *   tokens      the tokens of the source side
 *   known       those with a translation: as written / with up to 3 final letters dropped, a
 *               crude stand-in for the stemming the aligner will do (the first that has one)
 *   found       those with a translation in the other sentence: a word equal to a token, or a
 *               phrase equal to a run of tokens / also a word that shares with a token all but at
 *               most 2 of the shorter one's letters, and at least 3 (Russian and German endings)
 * and the time to open the dictionaries, to build their tables (tma_lexicon_load) and to look up
 * every token. */
#define _POSIX_C_SOURCE 200809L
#include "lexicon.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <unicode/uchar.h>

typedef struct sentence_words {
    char **words; /* compared form, owned */
    size_t count;
} sentence_words;

typedef struct side {
    sentence_words *sentences;
    size_t count;
} side;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void die(const char *what, const tma_error *err)
{
    fprintf(stderr, "lexicon-coverage: %s: %s%s%s\n", what, err ? err->path : "",
            err && err->path[0] ? ": " : "", err ? err->message : "");
    exit(1);
}

static int word_char(uint32_t c)
{
    return u_isalnum((UChar32)c) || (U_GET_GC_MASK((UChar32)c) & U_GC_M_MASK) != 0;
}

/* Splits LINE into tokens in the compared form. */
static void tokenize(sentence_words *out, const char *line, size_t len)
{
    tma_buf form = TMA_BUF_INIT;
    out->words = NULL;
    out->count = 0;
    size_t cap = 0;
    for (size_t i = 0; i < len;) {
        size_t start = i, end = i;
        while (i < len) {
            size_t at = i;
            uint32_t c = tma_utf8_next(line, len, &i);
            if (word_char(c)) {
                end = i;
                continue;
            }
            /* A hyphen or an apostrophe between two word characters stays in the word. */
            if ((c == '-' || c == '\'' || c == 0x2019) && end == at && i < len) {
                size_t k = i;
                if (word_char(tma_utf8_next(line, len, &k)))
                    continue;
            }
            break;
        }
        if (end == start) {
            if (i == start)
                tma_utf8_next(line, len, &i);
            continue;
        }
        form.len = 0;
        if (tma_lexicon_normalise(&form, line + start, end - start) < 0 ||
            tma_buf_push(&form, '\0') < 0)
            die("out of memory", NULL);
        if (out->count == cap) {
            cap = cap ? 2 * cap : 16;
            out->words = realloc(out->words, cap * sizeof *out->words);
        }
        out->words[out->count++] = tma_buf_detach(&form);
    }
    tma_buf_free(&form);
}

static void read_side(side *out, const char *path)
{
    tma_buf data = TMA_BUF_INIT;
    tma_error err = {0};
    if (tma_text_read_file(&data, path, &err) < 0)
        die("reading", &err);
    out->sentences = NULL;
    out->count = 0;
    size_t cap = 0;
    for (size_t at = 0; at < data.len;) {
        const char *nl = memchr(data.data + at, '\n', data.len - at);
        size_t n = nl ? (size_t)(nl - data.data) - at : data.len - at;
        if (out->count == cap) {
            cap = cap ? 2 * cap : 64;
            out->sentences = realloc(out->sentences, cap * sizeof *out->sentences);
        }
        tokenize(&out->sentences[out->count++], data.data + at, n);
        at += n + 1;
    }
    tma_buf_free(&data);
}

static void free_side(side *s)
{
    for (size_t i = 0; i < s->count; i++) {
        for (size_t k = 0; k < s->sentences[i].count; k++)
            free(s->sentences[i].words[k]);
        free(s->sentences[i].words);
    }
    free(s->sentences);
}

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* 1 if A and B share all but at most 2 code points of the shorter one, and at least 3. */
static int near(const char *a, const char *b)
{
    size_t common = 0, i = 0, la = strlen(a), lb = strlen(b);
    while (i < la && i < lb && a[i] == b[i]) {
        size_t k = i;
        tma_utf8_next(a, la, &k);
        if (k > lb || memcmp(a + i, b + i, k - i) != 0)
            break;
        i = k;
        common++;
    }
    size_t ca = chars(a), cb = chars(b), shorter = ca < cb ? ca : cb;
    return common >= 3 && common + 2 >= shorter;
}

/* How the translation W fits the sentence T: 2 exactly, 1 near, 0 not at all. */
static int fits(const tma_lexicon_word *w, const sentence_words *t)
{
    if (w->words == 1) {
        int best = 0;
        for (size_t k = 0; k < t->count && best < 2; k++) {
            if (strcmp(w->text, t->words[k]) == 0)
                best = 2;
            else if (near(w->text, t->words[k]))
                best = 1;
        }
        return best;
    }
    /* A phrase: its words as a run of tokens. */
    for (size_t k = 0; k + w->words <= t->count; k++) {
        const char *p = w->text;
        size_t j = 0;
        for (; j < w->words; j++) {
            size_t n = strlen(t->words[k + j]);
            if (strncmp(p, t->words[k + j], n) != 0 || (p[n] != ' ' && p[n] != '\0'))
                break;
            p += n + (p[n] == ' ');
        }
        if (j == w->words)
            return 2;
    }
    return 0;
}

static int has_letter(const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        if (u_isalpha((UChar32)tma_utf8_next(s, len, &i)))
            return 1;
    }
    return 0;
}

typedef struct counts {
    size_t tokens, known, known_cut, found, found_near, found_cut;
} counts;

/* Looks WORD up; with CUT, drops up to 3 final code points until a lookup answers. */
static size_t lookup(const tma_lexicon_word **out, tma_lexicon *lex, tma_lexicon_dir dir,
                     const char *word, int cut)
{
    size_t len = strlen(word), n = 0;
    tma_error err = {0};
    for (int drop = 0; drop <= (cut ? 3 : 0); drop++) {
        if (drop > 0) {
            size_t k = len;
            tma_utf8_prev(word, &k);
            if (chars(word) <= 4)
                break;
            len = k;
        }
        if (tma_lexicon_translations(out, &n, lex, dir, word, len, &err) < 0)
            die("looking up", &err);
        if (n > 0)
            break;
    }
    return n;
}

static void count_pair(counts *c, tma_lexicon *lex, tma_lexicon_dir dir, const sentence_words *s,
                       const sentence_words *t)
{
    for (size_t k = 0; k < s->count; k++) {
        if (!has_letter(s->words[k]))
            continue;
        c->tokens++;
        const tma_lexicon_word *w;
        size_t n = lookup(&w, lex, dir, s->words[k], 0);
        int best = 0;
        for (size_t j = 0; j < n && best < 2; j++) {
            int f = fits(&w[j], t);
            best = f > best ? f : best;
        }
        c->known += n > 0;
        c->found += best == 2;
        c->found_near += best >= 1;
        if (n == 0)
            n = lookup(&w, lex, dir, s->words[k], 1);
        c->known_cut += n > 0;
        int cut_best = best;
        for (size_t j = 0; j < n && cut_best < 1; j++) {
            int f = fits(&w[j], t);
            cut_best = f > cut_best ? f : cut_best;
        }
        c->found_cut += cut_best >= 1;
    }
}

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 0.0;
}

int main(int argc, char **argv)
{
    tma_lexicon_options options = TMA_LEXICON_OPTIONS_INIT;
    const char *glossary = NULL;
    int i = 1;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        if (strcmp(argv[i], "--no-read-back") == 0)
            options.read_back = 0;
        else if (strcmp(argv[i], "--glossary") == 0 && i + 1 < argc)
            glossary = argv[++i];
        else
            die("usage: lexicon-coverage [--no-read-back] [--glossary FILE] A B DOC_DIR...", NULL);
    }
    if (argc - i < 2)
        die("usage: lexicon-coverage [--no-read-back] [--glossary FILE] A B DOC_DIR...", NULL);
    const char *lang[2] = {argv[i], argv[i + 1]};
    i += 2;
    tma_error err = {0};
    tma_lexicon *lex;
    size_t found;
    double t0 = now();
    if (tma_lexicon_new(&lex, lang[0], lang[1], &options, &err) < 0 ||
        tma_lexicon_add_installed(lex, NULL, &found, &err) < 0 ||
        (glossary && tma_lexicon_add_glossary(lex, glossary, &err) < 0))
        die("opening", &err);
    double t1 = now();
    if (tma_lexicon_load(lex, &err) < 0)
        die("loading", &err);
    double t2 = now();

    counts c[2] = {{0}, {0}};
    size_t beads = 0, docs = 0;
    double lookups = 0;
    for (; i < argc; i++) {
        char path[4096];
        side s[2];
        for (int k = 0; k < 2; k++) {
            snprintf(path, sizeof path, "%s/%s.seg", argv[i], lang[k]);
            read_side(&s[k], path);
        }
        snprintf(path, sizeof path, "%s/%s-%s.gold", argv[i], lang[0], lang[1]);
        FILE *f = fopen(path, "r");
        if (f == NULL)
            die(path, NULL);
        char line[256];
        double t = now();
        while (fgets(line, sizeof line, f)) {
            size_t a, b;
            char tail;
            /* 1-1 beads only: one index on each side. */
            if (line[0] == '#' || strchr(line, ',') ||
                sscanf(line, "%zu\t%zu%c", &a, &b, &tail) != 3 || tail != '\n')
                continue;
            if (a >= s[0].count || b >= s[1].count)
                die("a gold index past the sentences", NULL);
            count_pair(&c[0], lex, TMA_LEXICON_AB, &s[0].sentences[a], &s[1].sentences[b]);
            count_pair(&c[1], lex, TMA_LEXICON_BA, &s[1].sentences[b], &s[0].sentences[a]);
            beads++;
        }
        lookups += now() - t;
        fclose(f);
        free_side(&s[0]);
        free_side(&s[1]);
        docs++;
    }
    printf("sources:");
    for (size_t k = 0; k < tma_lexicon_source_count(lex); k++)
        printf("%s %s", k ? "," : "", tma_lexicon_source_name(lex, k));
    printf("%s\n", tma_lexicon_source_count(lex) ? "" : " none");
    printf("documents %zu, gold 1-1 pairs %zu, read_back %s\n", docs, beads,
           options.read_back ? "on" : "off");
    if (docs > 0)
        printf("| direction | tokens | known | known, endings cut | found exactly | found, near | "
               "found, endings cut and near |\n|---|---:|---:|---:|---:|---:|---:|\n");
    for (int d = 0; d < 2 && docs > 0; d++)
        printf("| %s->%s | %zu | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %.1f%% |\n", lang[d], lang[!d],
               c[d].tokens, pct(c[d].known, c[d].tokens), pct(c[d].known_cut, c[d].tokens),
               pct(c[d].found, c[d].tokens), pct(c[d].found_near, c[d].tokens),
               pct(c[d].found_cut, c[d].tokens));
    printf("open %.3f s, load (headword tables%s) %.3f s, lookups and matching %.3f s\n", t1 - t0,
           options.read_back ? " and reading backwards" : "", t2 - t1, lookups);
    tma_lexicon_free(lex);
    return 0;
}
