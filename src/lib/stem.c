#define _POSIX_C_SOURCE 200809L
#include "stem.h"

#include "error.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <hunspell/hunspell.h>

/* The dictionary files that Debian's hunspell-en-us, hunspell-ru and myspell-hy install, by
 * primary subtag; other languages try LANG.dic. */
static const struct {
    const char *lang, *file;
} DICT_FILES[] = {{"en", "en_US"}, {"ru", "ru_RU"}, {"hy", "hy_AM"}};

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

/* The handle for LANG, loading it on first use; NULL if LANG has no dictionary. Called with
 * the lock held. */
static Hunhandle *dictionary(tma_stem_dicts *dicts, const char *lang)
{
    char primary[16];
    size_t n = strcspn(lang, "-_");
    snprintf(primary, sizeof primary, "%.*s", (int)(n < 15 ? n : 15), lang);
    for (size_t k = 0; k < dicts->count; k++) {
        if (strcmp(dicts->dict[k].lang, primary) == 0)
            return dicts->dict[k].handle;
    }
    if (dicts->count == TMA_STEM_MAX_DICTS)
        return NULL;
    const char *file = primary;
    for (size_t k = 0; k < sizeof DICT_FILES / sizeof DICT_FILES[0]; k++) {
        if (strcmp(DICT_FILES[k].lang, primary) == 0)
            file = DICT_FILES[k].file;
    }
    char aff[600], dic[600];
    snprintf(aff, sizeof aff, "%s/%s.aff", dicts->dir, file);
    snprintf(dic, sizeof dic, "%s/%s.dic", dicts->dir, file);
    Hunhandle *h = NULL;
    if (access(aff, R_OK) == 0 && access(dic, R_OK) == 0)
        h = Hunspell_create(aff, dic);
    size_t k = dicts->count++;
    snprintf(dicts->dict[k].lang, sizeof dicts->dict[k].lang, "%s", primary);
    dicts->dict[k].handle = h;
    return h;
}

int tma_stem_knows(tma_stem_dicts *dicts, const char *lang, const char *word, size_t len)
{
    char buf[256];
    if (len == 0 || len >= sizeof buf)
        return 0;
    memcpy(buf, word, len);
    buf[len] = '\0';
    pthread_mutex_lock(&dicts->lock);
    Hunhandle *h = dictionary(dicts, lang);
    int known = h == NULL ? -1 : Hunspell_spell(h, buf) != 0;
    pthread_mutex_unlock(&dicts->lock);
    return known;
}
