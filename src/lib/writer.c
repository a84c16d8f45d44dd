#include "writer.h"

/* The length of the TSV separator or line break at S (a tab, LF, CR, U+2028 or U+2029), 0 if
 * none. */
static size_t tsv_break(const unsigned char *s)
{
    if (*s == '\t' || *s == '\n' || *s == '\r')
        return 1;
    if (s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0xA8 || s[2] == 0xA9))
        return 3;
    return 0;
}

void tma_write_tsv_field(FILE *fp, const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t start = 0, i = 0;
    while (u[i]) {
        size_t n = tsv_break(u + i);
        if (n == 0) {
            i++;
            continue;
        }
        fwrite(u + start, 1, i - start, fp);
        fputc(' ', fp);
        i += n;
        start = i;
    }
    fwrite(u + start, 1, i - start, fp);
}

void tma_write_json_string(FILE *fp, const char *s, size_t len)
{
    fputc('"', fp);
    size_t start = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        fwrite(s + start, 1, i - start, fp);
        start = i + 1;
        if (c == '"' || c == '\\')
            fprintf(fp, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", fp);
        else if (c == '\t')
            fputs("\\t", fp);
        else
            fprintf(fp, "\\u%04x", c);
    }
    fwrite(s + start, 1, len - start, fp);
    fputc('"', fp);
}
