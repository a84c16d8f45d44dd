/* The data-table loader (tma_table_load) on a table made of the input. The first byte picks how
 * it is read: bit 0 case-folds the keys, bit 1 wants a kind after a TAB (as abbrev.*.tsv does).
 * A table that loads holds every entry line's key with a valid value; a table that is refused
 * names a line of the file. */
#include "fuzz.h"
#include "table.h"

static const char *const KINDS[] = {"prefix", "number", "year"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    int fold = data[0] & 1, with_kinds = (data[0] >> 1) & 1;
    size_t len = size - 1;
    /* An embedded file is LEN bytes with a NUL after them. */
    char *text = malloc(len + 1);
    FUZZ_CHECK(text != NULL);
    memcpy(text, data + 1, len);
    text[len] = '\0';
    tma_data_file file = {"fuzz.tsv", text, len};
    tma_table t = TMA_TABLE_INIT;
    tma_error err = {0};
    int rc = tma_table_load(&t, &file, fold, with_kinds ? KINDS : NULL, with_kinds ? 3 : 0, &err);

    long lines = fuzz_line_count(text, len);
    if (rc < 0) {
        fuzz_check_error(rc, &err);
        FUZZ_CHECK(rc == TMA_ERR_DATA);
        FUZZ_CHECK(strcmp(err.path, "fuzz.tsv") == 0);
        FUZZ_CHECK(err.line >= 1 && err.line <= lines);
    } else {
        /* Every entry line's key is in the table. */
        tma_buf key = TMA_BUF_INIT;
        size_t entries = 0;
        const char *p = text, *end = text + len;
        while (p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            const char *eol = nl ? nl : end;
            const char *tab = memchr(p, '\t', (size_t)(eol - p));
            size_t key_len = (size_t)((tab ? tab : eol) - p);
            if (key_len > 0 && *p != '#') {
                key.len = 0;
                FUZZ_CHECK((fold ? tma_fold_case(&key, p, key_len)
                                 : tma_buf_append(&key, p, key_len)) == 0);
                int value = tma_table_get(&t, key.data, key.len);
                FUZZ_CHECK(value >= 0 && value < (with_kinds ? 3 : 1));
                entries++;
            }
            p = nl ? nl + 1 : end;
        }
        FUZZ_CHECK(t.count <= entries);
        FUZZ_CHECK(t.count == 0 || (t.cap >= 2 * t.count && (t.cap & (t.cap - 1)) == 0));
        tma_buf_free(&key);
    }
    /* A key that no table line can hold is absent. */
    FUZZ_CHECK(tma_table_get(&t, "\n", 1) == -1);
    tma_table_free(&t);
    free(text);
    return 0;
}
