#define _POSIX_C_SOURCE 200809L
#include "stem.h"

#include "error.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <hunspell/hunspell.h>

/* The dictionary files that Debian's hunspell-en-us, hunspell-ru and myspell-hy install, by
 * primary subtag; other languages try LANG.dic. VARIANT: the dictionary of another variety of the
 * language (hunspell-en-gb: British spellings, and 4,464 hyphenated compounds listed as words,
 * such as "large-scale", where en_US lists none), NULL if none. */
static const struct {
    const char *lang, *file, *variant;
} DICT_FILES[] = {{"en", "en_US", "en_GB"}, {"ru", "ru_RU", NULL}, {"hy", "hy_AM", NULL}};
_Static_assert(sizeof DICT_FILES / sizeof DICT_FILES[0] == TMA_STEM_LANGS, "TMA_STEM_LANGS");

/* The entry of DICT_FILES for LANG's primary subtag, NULL if none; the primary subtag goes to
 * PRIMARY (16 bytes). */
static int dict_entry(const char *lang, char *primary)
{
    size_t n = strcspn(lang, "-_");
    snprintf(primary, 16, "%.*s", (int)(n < 15 ? n : 15), lang);
    for (size_t k = 0; k < sizeof DICT_FILES / sizeof DICT_FILES[0]; k++) {
        if (strcmp(DICT_FILES[k].lang, primary) == 0)
            return (int)k;
    }
    return -1;
}

int tma_stem_init(tma_stem_dicts *dicts, const char *dir, tma_error *err)
{
    memset(dicts, 0, sizeof *dicts);
    if (pthread_mutex_init(&dicts->lock, NULL) != 0)
        return tma_error_set(err, TMA_ERR_INTERNAL, NULL, 0, 0, "cannot create a lock");
    for (size_t k = 0; k < TMA_STEM_ANSWER_STRIPES; k++) {
        if (pthread_mutex_init(&dicts->answers[k].lock, NULL) != 0) {
            while (k-- > 0)
                pthread_mutex_destroy(&dicts->answers[k].lock);
            pthread_mutex_destroy(&dicts->lock);
            return tma_error_set(err, TMA_ERR_INTERNAL, NULL, 0, 0, "cannot create a lock");
        }
    }
    snprintf(dicts->dir, sizeof dicts->dir, "%s", dir ? dir : "/usr/share/hunspell");
    return 0;
}

void tma_stem_free(tma_stem_dicts *dicts)
{
    /* Hunspell shares tables between handles without a lock: destroy them one at a time. */
    for (size_t k = 0; k < dicts->count; k++) {
        if (dicts->dict[k].handle != NULL)
            Hunspell_destroy(dicts->dict[k].handle);
    }
    dicts->count = 0;
    for (size_t k = 0; k < TMA_STEM_LANGS; k++)
        tma_table_free(&dicts->compound_starts[k]);
    for (size_t k = 0; k < TMA_STEM_ANSWER_STRIPES; k++) {
        tma_table_free(&dicts->answers[k].table);
        pthread_mutex_destroy(&dicts->answers[k].lock);
    }
    pthread_mutex_destroy(&dicts->lock);
}

/* The handle of dictionary FILE ("en_US"), loading it on first use; NULL if it is not there.
 * Called with the lock held. */
static Hunhandle *dictionary(tma_stem_dicts *dicts, const char *file)
{
    for (size_t k = 0; k < dicts->count; k++) {
        if (strcmp(dicts->dict[k].file, file) == 0)
            return dicts->dict[k].handle;
    }
    if (dicts->count == TMA_STEM_MAX_DICTS)
        return NULL;
    char aff[600], dic[600];
    snprintf(aff, sizeof aff, "%s/%s.aff", dicts->dir, file);
    snprintf(dic, sizeof dic, "%s/%s.dic", dicts->dir, file);
    Hunhandle *h = NULL;
    if (access(aff, R_OK) == 0 && access(dic, R_OK) == 0)
        h = Hunspell_create(aff, dic);
    size_t k = dicts->count++;
    snprintf(dicts->dict[k].file, sizeof dicts->dict[k].file, "%s", file);
    dicts->dict[k].handle = h;
    return h;
}

/* Past this many answers a stripe starts again, so that memory stays bounded. */
#define ANSWERS_PER_STRIPE (200000 / TMA_STEM_ANSWER_STRIPES)

/* What dictionary FILE says of WORD (LEN bytes): with WHOLE, 1 if it lists WORD as a word of its
 * own (it then has a stem; a compound accepted part by part has none), else 1 if it accepts it;
 * 0 if not; -1 if FILE is not there. Asks hunspell only about what no thread asked before. */
static int ask(tma_stem_dicts *dicts, const char *file, const char *word, size_t len, int whole)
{
    char buf[256], key[300];
    if (len == 0 || len >= sizeof buf)
        return 0;
    int key_len = snprintf(key, sizeof key, "%s:%c:%.*s", file, whole ? 'w' : 's', (int)len, word);
    tma_stem_answers *kept =
        &dicts->answers[tma_hash_bytes(key, (size_t)key_len) % TMA_STEM_ANSWER_STRIPES];
    pthread_mutex_lock(&kept->lock);
    int answer = tma_table_get(&kept->table, key, (size_t)key_len);
    pthread_mutex_unlock(&kept->lock);
    if (answer >= 0)
        return answer - 1;
    memcpy(buf, word, len);
    buf[len] = '\0';
    pthread_mutex_lock(&dicts->lock);
    Hunhandle *h = dictionary(dicts, file);
    int yes = -1;
    if (h != NULL && !whole) {
        yes = Hunspell_spell(h, buf) != 0;
    } else if (h != NULL) {
        char **stems = NULL;
        int n = Hunspell_stem(h, &stems, buf);
        yes = n > 0;
        Hunspell_free_list(h, &stems, n);
    }
    pthread_mutex_unlock(&dicts->lock);
    pthread_mutex_lock(&kept->lock);
    if (kept->table.count >= ANSWERS_PER_STRIPE)
        tma_table_free(&kept->table);
    (void)tma_table_put(&kept->table, key, (size_t)key_len, yes + 1);
    pthread_mutex_unlock(&kept->lock);
    return yes;
}

int tma_stem_knows(tma_stem_dicts *dicts, const char *lang, const char *word, size_t len)
{
    char primary[16];
    int e = dict_entry(lang, primary);
    return ask(dicts, e >= 0 ? DICT_FILES[e].file : primary, word, len, 0);
}

int tma_stem_variant_knows(tma_stem_dicts *dicts, const char *lang, const char *word, size_t len)
{
    char primary[16];
    int e = dict_entry(lang, primary);
    if (e < 0 || DICT_FILES[e].variant == NULL)
        return -1;
    return ask(dicts, DICT_FILES[e].variant, word, len, 0);
}

/* The length of the start of hyphenated word W (LEN bytes) that compound_starts keys: up to the
 * first byte after its last hyphen; 0 if it has no hyphen with a byte after it. */
static size_t compound_start(const char *w, size_t len)
{
    size_t cut = len;
    while (cut > 0 && w[cut - 1] != '-')
        cut--;
    return cut > 0 && cut < len ? cut + 1 : 0;
}

/* Reads the starts of the hyphenated words of dictionary FILE into T: every entry line of the
 * .dic (its first line is a count) up to the affix flags ("/") or the morphology (a tab). */
static void read_compound_starts(tma_table *t, const char *dir, const char *file)
{
    char path[600], line[512];
    snprintf(path, sizeof path, "%s/%s.dic", dir, file);
    FILE *fp = fopen(path, "r");
    if (fp == NULL)
        return;
    while (fgets(line, sizeof line, fp) != NULL) {
        size_t len = strcspn(line, "/\t\r\n");
        size_t start = compound_start(line, len);
        if (start > 0 && tma_table_put(t, line, start, 0) < 0)
            break;
    }
    fclose(fp);
}

/* 1 if the compound dictionary of DICT_FILES[E] may list WORD: its start is that of a listed word,
 * the starts could not be read, or WORD is not ASCII (a .dic file need not be in UTF-8). */
static int may_list_compound(tma_stem_dicts *dicts, int e, const char *word, size_t len)
{
    if (!atomic_load_explicit(&dicts->compound_ready[e], memory_order_acquire)) {
        pthread_mutex_lock(&dicts->lock);
        if (!atomic_load_explicit(&dicts->compound_ready[e], memory_order_relaxed)) {
            read_compound_starts(&dicts->compound_starts[e], dicts->dir, DICT_FILES[e].variant);
            atomic_store_explicit(&dicts->compound_ready[e], 1, memory_order_release);
        }
        pthread_mutex_unlock(&dicts->lock);
    }
    const tma_table *starts = &dicts->compound_starts[e];
    for (size_t i = 0; i < len; i++) {
        if ((unsigned char)word[i] >= 0x80)
            return 1;
    }
    size_t start = compound_start(word, len);
    return starts->count == 0 || (start > 0 && tma_table_get(starts, word, start) >= 0);
}

int tma_stem_lists_compound(tma_stem_dicts *dicts, const char *lang, const char *word, size_t len)
{
    char primary[16];
    int e = dict_entry(lang, primary);
    if (e < 0 || DICT_FILES[e].variant == NULL)
        return -1;
    if (!may_list_compound(dicts, e, word, len))
        return 0;
    return ask(dicts, DICT_FILES[e].variant, word, len, 1);
}
