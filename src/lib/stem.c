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

/* What dictionary FILE says of WORD (LEN bytes): with WHOLE, 1 if it lists WORD as a word of its
 * own (it then has a stem; a compound accepted part by part has none), else 1 if it accepts it;
 * 0 if not; -1 if FILE is not there. */
static int ask(tma_stem_dicts *dicts, const char *file, const char *word, size_t len, int whole)
{
    char buf[256];
    if (len == 0 || len >= sizeof buf)
        return 0;
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

int tma_stem_lists_compound(tma_stem_dicts *dicts, const char *lang, const char *word, size_t len)
{
    char primary[16];
    int e = dict_entry(lang, primary);
    if (e < 0 || DICT_FILES[e].variant == NULL)
        return -1;
    return ask(dicts, DICT_FILES[e].variant, word, len, 1);
}
