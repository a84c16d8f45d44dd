/* A doc's sentences as text or JSON lines: what `tmalign split` prints. */
#include "tmalign.h"

#include "buf.h"
#include "error.h"
#include "writer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The anchors of sentence S as a JSON array of {"kind", "text"}. */
static void write_anchors(FILE *fp, const tma_doc *doc, const tma_sentence *s)
{
    static const char *const kinds[] = {"", "number", "name", "lexicon", "verbatim"};
    size_t count, text_len;
    const tma_anchor *anchors = tma_doc_anchors(doc, &count);
    const char *text = tma_doc_text(doc, &text_len);
    fputc('[', fp);
    for (uint32_t k = 0; k < s->anchor_count; k++) {
        const tma_anchor *a = &anchors[s->anchor_first + k];
        fprintf(fp, "%s{\"kind\":\"%s\",\"text\":", k ? "," : "",
                kinds[a->kind <= TMA_ANCHOR_VERBATIM ? a->kind : 0]);
        tma_write_json_string(fp, text + a->start, a->len);
        fputc('}', fp);
    }
    fputc(']', fp);
}

static void write_sentence(FILE *fp, const tma_doc *doc, size_t i, const char *text,
                           tma_sentence_format format)
{
    const tma_sentence *s = tma_doc_sentence(doc, i);
    if (format == TMA_SENTENCES_JSONL) {
        fprintf(fp, "{\"paragraph\":%u,\"start\":%zu,\"end\":%zu,\"text\":", (unsigned)s->paragraph,
                s->orig_start, s->orig_start + s->orig_len);
        tma_write_json_string(fp, text, strlen(text));
        fputs(",\"anchors\":", fp);
        write_anchors(fp, doc, s);
        fputs("}\n", fp);
        return;
    }
    if (i > 0 && s->paragraph != tma_doc_sentence(doc, i - 1)->paragraph)
        fputc('\n', fp);
    fputs(text, fp);
    fputc('\n', fp);
}

int tma_doc_write_sentences(const tma_doc *doc, FILE *fp, tma_sentence_format format,
                            tma_error *err)
{
    tma_buf line = TMA_BUF_INIT;
    for (size_t i = 0; i < tma_doc_sentence_count(doc); i++) {
        size_t need = tma_doc_sentence(doc, i)->len + 1;
        if (line.cap < need && tma_buf_reserve(&line, need) < 0) {
            tma_buf_free(&line);
            return tma_error_nomem(err, "writing the sentences");
        }
        tma_doc_sentence_text(doc, i, line.data, line.cap);
        write_sentence(fp, doc, i, line.data, format);
    }
    tma_buf_free(&line);
    if (fflush(fp) != 0 || ferror(fp))
        return tma_error_set(err, TMA_ERR_IO, NULL, 0, 0, "cannot write the sentences out: %s",
                             strerror(errno ? errno : EIO));
    return 0;
}
