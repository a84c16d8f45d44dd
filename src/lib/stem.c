#define _POSIX_C_SOURCE 200809L
#include "stem.h"

#include "bounds.h"
#include "error.h"
#include "pool.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <hunspell/hunspell.h>

/* The dictionary files that Debian's hunspell-en-us, hunspell-ru and myspell-hy install, by
 * primary subtag; other languages take the first of LANG.dic, LANG_REGION.dic with the region
 * the language's own (de_DE, fr_FR) and any other LANG_*.dic (see installed_file). VARIANT: the dictionary of another variety of the
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
    size_t made = 0, total = 2 + TMA_STEM_MAX_DICTS + TMA_STEM_ANSWER_STRIPES;
    pthread_mutex_t *locks[2 + TMA_STEM_MAX_DICTS + TMA_STEM_ANSWER_STRIPES];
    locks[0] = &dicts->lock;
    locks[1] = &dicts->load_lock;
    for (size_t k = 0; k < TMA_STEM_MAX_DICTS; k++)
        locks[2 + k] = &dicts->dict[k].lock;
    for (size_t k = 0; k < TMA_STEM_ANSWER_STRIPES; k++)
        locks[2 + TMA_STEM_MAX_DICTS + k] = &dicts->answers[k].lock;
    while (made < total && pthread_mutex_init(locks[made], NULL) == 0)
        made++;
    if (made < total) {
        while (made-- > 0)
            pthread_mutex_destroy(locks[made]);
        return tma_error_set(err, TMA_ERR_INTERNAL, NULL, 0, 0, "cannot create a lock");
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
    if (dicts->primer != NULL)
        Hunspell_destroy(dicts->primer);
    for (size_t k = 0; k < TMA_STEM_MAX_DICTS; k++)
        pthread_mutex_destroy(&dicts->dict[k].lock);
    dicts->count = 0;
    for (size_t k = 0; k < TMA_STEM_LANGS; k++)
        tma_table_free(&dicts->compound_starts[k]);
    for (size_t k = 0; k < TMA_STEM_ANSWER_STRIPES; k++) {
        tma_table_free(&dicts->answers[k].table);
        pthread_mutex_destroy(&dicts->answers[k].lock);
    }
    pthread_mutex_destroy(&dicts->load_lock);
    pthread_mutex_destroy(&dicts->lock);
}

/* 1 if DIR holds FILE.aff and FILE.dic, both readable. */
static int dict_readable(const char *dir, const char *file)
{
    char aff[600], dic[600];
    snprintf(aff, sizeof aff, "%s/%s.aff", dir, file);
    snprintf(dic, sizeof dic, "%s/%s.dic", dir, file);
    return access(aff, R_OK) == 0 && access(dic, R_OK) == 0;
}

/* Writes into OUT (16 bytes) the dictionary of DIR that NAME stands for: NAME itself when it names
 * a region ("en_US") or is there; for a bare language ("de"), the language's own region (de_DE),
 * then the first other region by name (Debian's hunspell-de-de installs de_DE, de_AT, de_CH; fr
 * installs fr.dic beside fr_FR and others). Returns 1 if found, else 0 with NAME in OUT. */
static int installed_file(const char *dir, const char *name, char *out)
{
    snprintf(out, 16, "%s", name);
    if (strchr(name, '_') != NULL || dict_readable(dir, name))
        return dict_readable(dir, name);
    size_t n = strlen(name);
    char own[16];
    size_t k = (size_t)snprintf(own, sizeof own, "%.7s_", name);
    for (size_t i = 0; i < n && k < sizeof own - 1; i++)
        own[k++] = (char)toupper((unsigned char)name[i]);
    own[k] = '\0';
    if (dict_readable(dir, own)) {
        snprintf(out, 16, "%s", own);
        return 1;
    }
    DIR *d = opendir(dir);
    struct dirent *e;
    int found = 0;
    while (d != NULL && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (len > n + 5 && len - 4 < 16 && strncmp(e->d_name, name, n) == 0 &&
            e->d_name[n] == '_' && strcmp(e->d_name + len - 4, ".aff") == 0) {
            char file[16];
            snprintf(file, sizeof file, "%.*s", (int)(len - 4), e->d_name);
            if ((!found || strcmp(file, out) < 0) && dict_readable(dir, file)) {
                snprintf(out, 16, "%s", file);
                found = 1;
            }
        }
    }
    if (d != NULL)
        closedir(d);
    if (!found)
        snprintf(out, 16, "%s", name);
    return found;
}

/* The entry of dictionary FILE ("en_US"), added if it is new; NULL when there is no room. */
static tma_stem_dict *dict_named(tma_stem_dicts *dicts, const char *file)
{
    tma_stem_dict *d = NULL;
    pthread_mutex_lock(&dicts->lock);
    for (size_t k = 0; k < dicts->count && d == NULL; k++) {
        if (strcmp(dicts->dict[k].file, file) == 0)
            d = &dicts->dict[k];
    }
    if (d == NULL && dicts->count < TMA_STEM_MAX_DICTS) {
        d = &dicts->dict[dicts->count++];
        snprintf(d->file, sizeof d->file, "%s", file);
    }
    pthread_mutex_unlock(&dicts->lock);
    return d;
}

/* Makes DICTS's primer from AFF, reading no words (/dev/null for its .dic), unless a UTF-8
 * dictionary is in (see load_handle). Called with the load lock held. */
static void make_primer(tma_stem_dicts *dicts, const char *aff)
{
    if (atomic_load(&dicts->utf8_loaded))
        return;
    Hunhandle *h = Hunspell_create(aff, "/dev/null");
    if (h != NULL && strcmp(Hunspell_get_dic_encoding(h), "UTF-8") == 0) {
        dicts->primer = h;
        atomic_store(&dicts->utf8_loaded, 1);
    } else if (h != NULL) {
        Hunspell_destroy(h);
    }
}

/* Loads D's handle unless that is done. Called with D's lock held.
 * Hunspell 1.7.1 keeps one case table for all its UTF-8 dictionaries: the first to load makes it
 * and each one counts itself in, with no lock (hunspell issue #727). Two first UTF-8 dictionaries
 * loading at once could both make it while the other reads it. So the first load makes the table
 * alone, with a primer: a handle on its .aff file and no words, which takes a millisecond where
 * the whole dictionary takes tens. Should that .aff not be in UTF-8, dictionaries load one at a
 * time until one in UTF-8 is in. After that, loads run side by side: the table is only read, and
 * a count that two loads raise at once only matters when handles are destroyed, which
 * tma_stem_free does to all of them, after every use. */
static void load_handle(tma_stem_dicts *dicts, tma_stem_dict *d)
{
    if (d->loaded)
        return;
    char aff[600], dic[600], file[16];
    if (installed_file(dicts->dir, d->file, file)) {
        snprintf(aff, sizeof aff, "%s/%s.aff", dicts->dir, file);
        snprintf(dic, sizeof dic, "%s/%s.dic", dicts->dir, file);
        int alone = !atomic_load(&dicts->utf8_loaded);
        if (alone) {
            pthread_mutex_lock(&dicts->load_lock);
            make_primer(dicts, aff);
            alone = !atomic_load(&dicts->utf8_loaded);
            if (!alone)
                pthread_mutex_unlock(&dicts->load_lock);
        }
        Hunhandle *h = Hunspell_create(aff, dic);
        if (h != NULL && strcmp(Hunspell_get_dic_encoding(h), "UTF-8") == 0)
            atomic_store(&dicts->utf8_loaded, 1);
        if (alone)
            pthread_mutex_unlock(&dicts->load_lock);
        d->handle = h;
    }
    d->loaded = 1;
}

typedef struct load_job {
    tma_stem_dicts *dicts;
    tma_stem_dict *list[TMA_STEM_MAX_DICTS];
    off_t size[TMA_STEM_MAX_DICTS]; /* of each one's .dic file, which its load time follows */
} load_job;

static void load_one(void *arg, size_t thread, size_t index)
{
    (void)thread;
    load_job *job = arg;
    tma_stem_dict *d = job->list[index];
    pthread_mutex_lock(&d->lock);
    load_handle(job->dicts, d);
    pthread_mutex_unlock(&d->lock);
}

int tma_stem_dict_file(char *buf, size_t size, const tma_stem_dicts *dicts, const char *lang)
{
    char primary[TMA_LANG_BYTES], file[16];
    int e = dict_entry(lang, primary);
    int found = installed_file(dicts->dir, e >= 0 ? DICT_FILES[e].file : primary, file);
    snprintf(buf, size, "%s", file);
    return found;
}

void tma_stem_load(tma_stem_dicts *dicts, const char *const *langs, size_t n, int variants,
                   size_t threads)
{
    load_job job = {dicts, {0}, {0}};
    size_t count = 0;
    for (size_t k = 0; k < n; k++) {
        char primary[TMA_LANG_BYTES];
        int e = dict_entry(langs[k], primary);
        const char *files[2] = {e >= 0 ? DICT_FILES[e].file : primary,
                                e >= 0 && variants ? DICT_FILES[e].variant : NULL};
        for (size_t f = 0; f < 2 && files[f] != NULL; f++) {
            tma_stem_dict *d = dict_named(dicts, files[f]);
            size_t j = 0;
            while (j < count && job.list[j] != d)
                j++;
            if (d != NULL && j == count)
                job.list[count++] = d;
        }
    }
    /* The biggest first: the threads then finish at about the same time. */
    for (size_t j = 0; j < count; j++) {
        char dic[600];
        struct stat st;
        char file[16];
        installed_file(dicts->dir, job.list[j]->file, file);
        snprintf(dic, sizeof dic, "%s/%s.dic", dicts->dir, file);
        job.size[j] = stat(dic, &st) == 0 ? st.st_size : 0;
        for (size_t i = j; i > 0 && job.size[i] > job.size[i - 1]; i--) {
            tma_stem_dict *d = job.list[i];
            off_t size = job.size[i];
            job.list[i] = job.list[i - 1];
            job.size[i] = job.size[i - 1];
            job.list[i - 1] = d;
            job.size[i - 1] = size;
        }
    }
    tma_pool_run(threads, count, load_one, NULL, &job);
}

/* Past this many answers a stripe starts again, so that memory stays bounded. */
#define ANSWERS_PER_STRIPE (200000 / TMA_STEM_ANSWER_STRIPES)

/* What dictionary FILE says of WORD (LEN bytes): with WHOLE, 1 if it lists WORD as a word of its
 * own (it then has a stem; a compound accepted part by part has none), else 1 if it accepts it;
 * 0 if not; -1 if FILE is not there. Asks hunspell only about what no thread asked before. */
static int ask(tma_stem_dicts *dicts, const char *file, const char *word, size_t len, int whole)
{
    char buf[256], key[300];
    size_t file_len = strlen(file);
    if (len == 0 || len >= sizeof buf || file_len + 3 + len > sizeof key)
        return 0;
    /* "FILE:w:WORD" or "FILE:s:WORD", without snprintf: every capitalised word of a document
     * asks, and most are answered from the table. */
    memcpy(key, file, file_len);
    key[file_len] = ':';
    key[file_len + 1] = whole ? 'w' : 's';
    key[file_len + 2] = ':';
    memcpy(key + file_len + 3, word, len);
    int key_len = (int)(file_len + 3 + len);
    tma_stem_answers *kept =
        &dicts->answers[tma_hash_bytes(key, (size_t)key_len) % TMA_STEM_ANSWER_STRIPES];
    pthread_mutex_lock(&kept->lock);
    int answer = tma_table_get(&kept->table, key, (size_t)key_len);
    pthread_mutex_unlock(&kept->lock);
    if (answer >= 0)
        return answer - 1;
    memcpy(buf, word, len);
    buf[len] = '\0';
    tma_stem_dict *d = dict_named(dicts, file);
    if (d == NULL)
        return -1;
    pthread_mutex_lock(&d->lock);
    load_handle(dicts, d);
    Hunhandle *h = d->handle;
    int yes = -1;
    if (h != NULL && !whole) {
        yes = Hunspell_spell(h, buf) != 0;
    } else if (h != NULL) {
        char **stems = NULL;
        int n = Hunspell_stem(h, &stems, buf);
        yes = n > 0;
        Hunspell_free_list(h, &stems, n);
    }
    pthread_mutex_unlock(&d->lock);
    pthread_mutex_lock(&kept->lock);
    if (kept->table.count >= ANSWERS_PER_STRIPE)
        tma_table_free(&kept->table);
    (void)tma_table_put(&kept->table, key, (size_t)key_len, yes + 1);
    pthread_mutex_unlock(&kept->lock);
    return yes;
}

int tma_stem_knows(tma_stem_dicts *dicts, const char *lang, const char *word, size_t len)
{
    char primary[TMA_LANG_BYTES];
    int e = dict_entry(lang, primary);
    return ask(dicts, e >= 0 ? DICT_FILES[e].file : primary, word, len, 0);
}

int tma_stem_variant_knows(tma_stem_dicts *dicts, const char *lang, const char *word, size_t len)
{
    char primary[TMA_LANG_BYTES];
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
    char primary[TMA_LANG_BYTES];
    int e = dict_entry(lang, primary);
    if (e < 0 || DICT_FILES[e].variant == NULL)
        return -1;
    if (!may_list_compound(dicts, e, word, len))
        return 0;
    return ask(dicts, DICT_FILES[e].variant, word, len, 1);
}
