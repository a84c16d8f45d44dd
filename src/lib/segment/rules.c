/* Loading one language's splitting rules from the embedded data files: owned by the ctx, built
 * once and then only read. */
#include "segment.h"

#include <stdio.h>
#include <string.h>

static const char *const ABBREV_KINDS[] = {"prefix", "number",  "year", "end",
                                           "final",  "ordinal", "title"};
static const char *const OPENER_KINDS[] = {"opener", "article", "link"};

/* The splitting tables of a language: "abbrev.LANG.tsv" and so on. */
static const char *const RULE_FILES[] = {"abbrev.", "starters.", "openers."};

size_t tma_seg_rule_langs(char (*out)[TMA_LANG_BYTES], size_t max)
{
    size_t count = 0;
    for (size_t k = 0; k < tma_data_file_count; k++) {
        const char *name = tma_data_files[k].name;
        for (size_t f = 0; f < sizeof RULE_FILES / sizeof RULE_FILES[0]; f++) {
            size_t prefix = strlen(RULE_FILES[f]);
            if (strncmp(name, RULE_FILES[f], prefix) != 0)
                continue;
            const char *dot = strchr(name + prefix, '.');
            size_t n = dot != NULL ? (size_t)(dot - name) - prefix : 0;
            if (n == 0 || n >= TMA_LANG_BYTES || strcmp(dot, ".tsv") != 0)
                continue;
            size_t i = 0;
            while (i < count && !(strlen(out[i]) == n && strncmp(out[i], name + prefix, n) == 0))
                i++;
            if (i == count && count < max) {
                memcpy(out[count], name + prefix, n);
                out[count++][n] = '\0';
            }
        }
    }
    return count;
}

int tma_seg_rules_load(tma_seg_rules *out, const char *lang, tma_error *err)
{
    char name[64];
    memset(out, 0, sizeof *out);
    snprintf(out->lang, sizeof out->lang, "%s", lang);
    snprintf(name, sizeof name, "abbrev.%s.tsv", lang);
    const tma_data_file *file = tma_data_find(name);
    int rc = 0;
    if (file != NULL)
        rc = tma_table_load(&out->abbrev, file, 1, ABBREV_KINDS,
                            sizeof ABBREV_KINDS / sizeof ABBREV_KINDS[0], err);
    snprintf(name, sizeof name, "starters.%s.tsv", lang);
    file = tma_data_find(name);
    if (rc == 0 && file != NULL)
        rc = tma_table_load(&out->starters, file, 0, NULL, 0, err);
    snprintf(name, sizeof name, "openers.%s.tsv", lang);
    file = tma_data_find(name);
    if (rc == 0 && file != NULL)
        rc = tma_table_load(&out->openers, file, 0, OPENER_KINDS,
                            sizeof OPENER_KINDS / sizeof OPENER_KINDS[0], err);
    for (size_t k = 0; rc == 0 && k < out->abbrev.cap; k++) {
        const tma_table_entry *e = &out->abbrev.slots[k];
        if (e->key != NULL && e->key[0] == '-' && e->key_len > out->suffix_max)
            out->suffix_max = e->key_len;
    }
    for (size_t k = 0; rc == 0 && k < out->openers.cap; k++) {
        const tma_table_entry *e = &out->openers.slots[k];
        if (e->key == NULL || e->value != TMA_OPENER_WORD)
            continue;
        unsigned char lead = (unsigned char)e->key[0];
        out->opener_bytes[lead] |= TMA_OPENER_LEAD;
        if (lead < 0x80)
            out->opener_bytes[lead] |= TMA_OPENER_AT;
        else if (e->key_len >= 2)
            out->opener_bytes[(unsigned char)e->key[1]] |= TMA_OPENER_AT;
    }
    if (rc < 0)
        tma_seg_rules_free(out);
    return rc;
}

void tma_seg_rules_free(tma_seg_rules *rules)
{
    tma_table_free(&rules->abbrev);
    tma_table_free(&rules->starters);
    tma_table_free(&rules->openers);
}
