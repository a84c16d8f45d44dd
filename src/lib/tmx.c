#define _XOPEN_SOURCE 700 /* realpath */
#include "tmx.h"

#include "bounds.h"
#include "buf.h"
#include "context.h"
#include "error.h"
#include "outfile.h"
#include "qa.h"
#include "text.h"
#include "writer.h"

#include <assert.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/xmlwriter.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

/* libxml2's output callback. A failed write is not passed on to libxml2, which would print it:
 * the outfile keeps its errno and tma_outfile_commit reports it ("No space left on device"). */
static int write_to_file(void *context, const char *buffer, int len)
{
    (void)tma_outfile_write(context, buffer, (size_t)len);
    return len;
}

xmlTextWriterPtr tma_tmx_writer_new(tma_outfile *out)
{
    xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(write_to_file, NULL, out, NULL);
    xmlTextWriterPtr xw = ob ? xmlNewTextWriter(ob) : NULL;
    if (xw == NULL && ob != NULL)
        xmlOutputBufferClose(ob);
    return xw;
}

/* Appends the LEN bytes at S to OUT as XML may hold them: characters XML forbids left out (white
 * space among them made a space), and each byte that is not part of valid UTF-8 (in a file name,
 * say) shown as U+FFFD. Adds to *dropped the characters it left out or replaced, white space not
 * counted: the count tma_doc_forbidden_chars gives for a whole file. */
static int xml_clean(tma_buf *out, const char *s, size_t len, size_t *dropped)
{
    /* [kept, i) is allowed as it is: copied at once when something is not, or at the end. */
    size_t i = 0, kept = 0;
    while (i < len) {
        size_t start = i;
        if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7F) {
            i++; /* printable ASCII, which XML allows */
            continue;
        }
        UChar32 c;
        U8_NEXT(s, i, len, c);
        if (c >= 0 && tma_xml_allows((uint32_t)c))
            continue;
        if (tma_buf_append(out, s + kept, start - kept) < 0)
            return -1;
        kept = i;
        if (c < 0) {
            ++*dropped;
            if (tma_buf_append(out, "\xEF\xBF\xBD", 3) < 0)
                return -1;
        } else if (!tma_is_space((uint32_t)c)) {
            /* NEL (U+0085) separates words like any white space; the rest are left out. */
            ++*dropped;
        } else if (tma_buf_push(out, ' ') < 0) {
            return -1;
        }
    }
    return tma_buf_append(out, s + kept, i - kept);
}

/* Normalises the UTF-8 text in B to NFC, in place: leaving a character out can put a combining
 * mark next to a base it composes with. */
static int nfc_in_place(tma_buf *b)
{
    UErrorCode st = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&st);
    if (U_FAILURE(st) || b->len > INT32_MAX / 8)
        return -1;
    if (b->len == 0)
        return 0;
    /* UTF-16 needs at most one unit per UTF-8 byte, and NFC makes text at most three times as
     * long (Unicode's stated bound); each unit is at most 3 bytes of UTF-8 again. */
    int32_t n = (int32_t)b->len;
    UChar *u = malloc((size_t)n * 4 * sizeof *u);
    if (u == NULL)
        return -1;
    int32_t n16 = 0, n8 = 0;
    u_strFromUTF8(u, n, &n16, b->data, n, &st);
    int32_t nn = unorm2_normalize(nfc, u, n16, u + n, 3 * n, &st);
    size_t need = (size_t)nn * 3 + 1;
    if (!U_FAILURE(st) && (need <= b->len || tma_buf_reserve(b, need - b->len) == 0))
        u_strToUTF8(b->data, (int32_t)need, &n8, u + n, nn, &st);
    else if (!U_FAILURE(st))
        st = U_MEMORY_ALLOCATION_ERROR;
    free(u);
    if (U_FAILURE(st))
        return -1;
    b->len = (size_t)n8;
    return 0;
}

/* The text of sentences [first, first + count) of DOC for a <seg>: characters XML forbids left
 * out, then white space collapsed (so that nothing left out can leave a space at either end), the
 * sentences joined by one space, in NFC. NUL-terminated in OUT; empty when nothing is left.
 * *dropped receives the number of characters left out, white space not counted. */
static int seg_text(tma_buf *out, tma_buf *scratch, const tma_doc *doc, uint32_t first,
                    uint32_t count, size_t *dropped)
{
    size_t text_len;
    const char *text = tma_doc_text(doc, &text_len);
    *dropped = 0;
    out->len = 0;
    for (uint32_t i = first; i < first + count; i++) {
        const tma_sentence *s = tma_doc_sentence(doc, i);
        scratch->len = 0;
        if (xml_clean(scratch, text + s->start, s->len, dropped) < 0 ||
            tma_buf_reserve(out, scratch->len + 2) < 0)
            return -1;
        size_t at = out->len + (out->len > 0);
        size_t n = tma_text_collapse(out->data + at, scratch->len + 1,
                                     scratch->data ? scratch->data : "", scratch->len);
        if (n > 0) {
            if (out->len > 0)
                out->data[out->len] = ' ';
            out->len = at + n;
        }
    }
    /* White space made a space composes with nothing: only a character left out can bring a
     * combining mark next to a base. */
    if (*dropped > 0 && nfc_in_place(out) < 0)
        return -1;
    return tma_buf_push(out, '\0') < 0 ? -1 : 0;
}

void tma_tmx_format_date(char *buf, size_t size, long long seconds)
{
    time_t t = seconds < 0 ? time(NULL) : (time_t)seconds;
    struct tm tm;
    if (gmtime_r(&t, &tm) == NULL || strftime(buf, size, "%Y%m%dT%H%M%SZ", &tm) == 0)
        snprintf(buf, size, "19700101T000000Z");
}

/* The file name of PATH without its folder and extension: the default tuid prefix. */
static void base_name(char *buf, size_t size, const char *path)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    const char *dot = strrchr(name, '.');
    size_t n = dot && dot != name ? (size_t)(dot - name) : strlen(name);
    snprintf(buf, size, "%.*s", (int)(n < size ? n : size - 1), name);
}

int tma_tmx_write_prop(xmlTextWriterPtr xw, const char *type, const char *value)
{
    if (xmlTextWriterStartElement(xw, BAD_CAST "prop") < 0 ||
        xmlTextWriterWriteAttribute(xw, BAD_CAST "type", BAD_CAST type) < 0 ||
        xmlTextWriterWriteString(xw, BAD_CAST value) < 0 || xmlTextWriterEndElement(xw) < 0)
        return -1;
    return 0;
}

/* "1-1", "2-1-1": sentences per language, in file order. */
static void bead_type(char *buf, size_t size, const tma_unit *u, const size_t *langs, size_t nlangs)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < nlangs && used < size; k++)
        used += (size_t)snprintf(buf + used, size - used, "%s%u", k ? "-" : "",
                                 (unsigned)u->count[langs[k]]);
}

int tma_tmx_write_header(xmlTextWriterPtr xw, const char *srclang, const char *date)
{
    TMA_XW(xmlTextWriterSetIndent(xw, 1));
    TMA_XW(xmlTextWriterSetIndentString(xw, BAD_CAST "  "));
    TMA_XW(xmlTextWriterStartDocument(xw, "1.0", "UTF-8", NULL));
    TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "tmx"));
    TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "version", BAD_CAST "1.4"));
    TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "header"));
    TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "creationtool", BAD_CAST "tmalign"));
    TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "creationtoolversion", BAD_CAST TMA_VERSION));
    TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "segtype", BAD_CAST "sentence"));
    TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "o-tmf", BAD_CAST "tmalign"));
    TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "adminlang", BAD_CAST "en"));
    TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "srclang", BAD_CAST srclang));
    TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "datatype", BAD_CAST "plaintext"));
    TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "creationdate", BAD_CAST date));
    TMA_XW(xmlTextWriterEndElement(xw));
    TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "body"));
    return 0;
xml_failed:
    return -1;
}

/* Where MAP ("en=en-US,ru=ru-RU") gives LANG's code: its start, its length in *len; NULL when MAP
 * does not name LANG. */
static const char *map_find(const char *map, const char *lang, size_t *len)
{
    size_t lang_len = strlen(lang);
    for (const char *p = map; p != NULL && *p;) {
        size_t entry = strcspn(p, ",");
        const char *eq = memchr(p, '=', entry);
        if (eq != NULL && (size_t)(eq - p) == lang_len && memcmp(p, lang, lang_len) == 0) {
            *len = entry - lang_len - 1;
            return eq + 1;
        }
        p += entry + (p[entry] == ',');
    }
    return NULL;
}

void tma_tmx_lang_code(char *buf, size_t size, const char *map, const char *lang)
{
    size_t len;
    const char *code = map_find(map, lang, &len);
    if (code != NULL)
        snprintf(buf, size, "%.*s", (int)len, code);
    else
        snprintf(buf, size, "%s", lang);
}

int tma_tmx_check_lang_codes(const char *map, const char *const *langs, size_t count,
                             tma_error *err)
{
    char codes[TMA_MAX_LANGS][32];
    if (map == NULL)
        return 0;
    for (const char *p = map; *p;) {
        size_t entry = strcspn(p, ",");
        const char *eq = memchr(p, '=', entry);
        char lang[32], code[32];
        if (eq == NULL || eq == p || (size_t)(eq - p) >= sizeof lang ||
            entry - (size_t)(eq - p) - 1 >= sizeof code)
            return tma_error_about(err, "lang_codes",
                                   tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                                 "the language codes must be LANG=CODE pairs "
                                                 "separated by commas, as in en=en-US,ru=ru-RU, "
                                                 "not '%s'",
                                                 map));
        snprintf(lang, sizeof lang, "%.*s", (int)(eq - p), p);
        snprintf(code, sizeof code, "%.*s", (int)(entry - (size_t)(eq - p) - 1), eq + 1);
        if (!tma_lang_is_valid(code))
            return tma_error_about(err, "lang_codes",
                                   tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                                 "'%s' is not a language code (use a code such "
                                                 "as en-US, ru-RU, hy-AM)",
                                                 code));
        size_t k = 0;
        while (k < count && strcmp(langs[k], lang) != 0)
            k++;
        if (k == count)
            return tma_error_about(err, "lang_codes",
                                   tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                                 "the language codes name %s, which is not one "
                                                 "of the languages aligned; give codes for those "
                                                 "only",
                                                 lang));
        size_t len;
        if (map_find(map, lang, &len) != eq + 1)
            return tma_error_about(err, "lang_codes",
                                   tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                                 "the language codes name %s twice", lang));
        p += entry + (p[entry] == ',');
    }
    /* Two languages written with one code would make every unit hold that code twice. */
    for (size_t a = 0; a < count; a++) {
        tma_tmx_lang_code(codes[a], sizeof codes[a], map, langs[a]);
        for (size_t b = 0; b < a; b++) {
            if (strcasecmp(codes[a], codes[b]) == 0)
                return tma_error_about(err, "lang_codes",
                                       tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                                     "the language codes write both %s and %s "
                                                     "as %s; give each language its own code",
                                                     langs[b], langs[a], codes[a]));
        }
    }
    return 0;
}

/* Code points in the NUL-terminated UTF-8 string S. */
static size_t count_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Writes S as one field of a TSV line: a tab or a line separator (U+2028, U+2029) in it becomes
 * a space, so that every line is one unit with exactly its three fields. */
/* A <note> holding the text that FMT makes. */
static int write_note(xmlTextWriterPtr xw, const char *fmt, ...)
{
    char text[256];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (xmlTextWriterStartElement(xw, BAD_CAST "note") < 0 ||
        xmlTextWriterWriteString(xw, BAD_CAST text) < 0 || xmlTextWriterEndElement(xw) < 0)
        return -1;
    return 0;
}

/* Writes what x-source-file records of PATH under MODE into BUF of SIZE bytes. */
static void source_name(char *buf, size_t size, const char *path, tma_source_path mode)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    if (mode == TMA_SOURCE_PATH_AS_GIVEN) {
        snprintf(buf, size, "%s", path);
        return;
    }
    snprintf(buf, size, "%s", name);
    if (mode != TMA_SOURCE_PATH_RELATIVE)
        return;
    if (path[0] != '/') {
        while (strncmp(path, "./", 2) == 0)
            path += 2;
        /* A path that climbs out of the working directory names folders outside it. */
        if (strncmp(path, "../", 3) != 0 && strstr(path, "/../") == NULL)
            snprintf(buf, size, "%s", path);
        return;
    }
    /* An absolute path inside the working directory, as given or once its links are resolved
     * (the working directory is a real path). */
    char cwd[TMA_PATH_BYTES], dir[TMA_PATH_BYTES], real[TMA_PATH_BYTES];
    if (getcwd(cwd, sizeof cwd) == NULL)
        return;
    size_t n = strlen(cwd);
    if (strncmp(path, cwd, n) == 0 && path[n] == '/' && n > 1) {
        snprintf(buf, size, "%s", path + n + 1);
        return;
    }
    snprintf(dir, sizeof dir, "%.*s", (int)(name - path), path);
    if (realpath(dir, real) == NULL || strncmp(real, cwd, n) != 0 ||
        (real[n] != '/' && real[n] != '\0') || n == 1)
        return;
    snprintf(buf, size, "%s%s%s", real[n] ? real + n + 1 : "", real[n] ? "/" : "", name);
}

/* Writes UNITS as a TMX document to OUT, an open outfile for PATH, without committing it; with
 * two languages and TSV not NULL, the same units as tab-separated lines to TSV. A <note> names
 * what QA's checks flag in a unit: with JOINED, UNITS are the story's joined units in every
 * language, whose checks QA keeps for the report as well; otherwise a pair's, checked here. */
static int write_units(tma_outfile *out, tma_outfile *tsv, const tma_story *story, tma_qa *qa,
                       const tma_unit *units, size_t count, int joined, const size_t *langs,
                       size_t nlangs, const char *path, const tma_tmx_options *options,
                       tma_tmx_counts *counts, tma_error *err)
{
    /* Per language: the text of a unit's <seg>, the file name as XML may hold it, the code
     * written as xml:lang, and the characters the unit's <seg> left out and holds. */
    tma_buf segs[TMA_MAX_LANGS] = {0}, names[TMA_MAX_LANGS] = {0};
    char codes[TMA_MAX_LANGS][32];
    size_t dropped[TMA_MAX_LANGS], chars[TMA_MAX_LANGS];
    tma_buf prefix = TMA_BUF_INIT, scratch = TMA_BUF_INIT;
    xmlTextWriterPtr xw = NULL;
    char date[32], base[256], value[64];
    int rc = 0;
    tma_tmx_format_date(date, sizeof date, options->creation_time);
    snprintf(base, sizeof base, "%s", options->tuid_prefix);
    size_t ignored = 0;
    rc = xml_clean(&prefix, base, strlen(base), &ignored) < 0 || tma_buf_push(&prefix, 0) < 0;
    for (size_t k = 0; k < nlangs && rc == 0; k++) {
        const tma_doc *doc = tma_story_doc(story, langs[k]);
        char name[TMA_PATH_BYTES];
        source_name(name, sizeof name, tma_doc_path(doc), options->source_path);
        rc = xml_clean(&names[k], name, strlen(name), &ignored) < 0 ||
             tma_buf_push(&names[k], 0) < 0;
        tma_tmx_lang_code(codes[k], sizeof codes[k], options->lang_codes, tma_doc_lang(doc));
    }
    if (rc != 0) {
        rc = tma_error_nomem(err, "writing TMX");
        goto cleanup;
    }

    if ((xw = tma_tmx_writer_new(out)) == NULL) {
        rc = tma_error_nomem(err, "writing TMX");
        goto cleanup;
    }
    TMA_XW(tma_tmx_write_header(xw, codes[0], date));
    for (size_t i = 0; i < count; i++) {
        const tma_unit *u = &units[i];
        int complete = u->score >= options->min_score, long_seg = 0;
        size_t left_out = 0;
        for (size_t k = 0; k < nlangs; k++)
            complete &= u->count[langs[k]] > 0;
        /* A unit whose text in some language is nothing but characters XML forbids has no
         * translation to offer: it is left out like a unit that lacks the language. */
        for (size_t k = 0; k < nlangs && complete; k++) {
            const tma_doc *doc = tma_story_doc(story, langs[k]);
            if (seg_text(&segs[k], &scratch, doc, u->first[langs[k]], u->count[langs[k]],
                         &dropped[k]) < 0) {
                rc = tma_error_nomem(err, "writing TMX");
                goto cleanup;
            }
            complete = segs[k].len > 1; /* the length counts the NUL */
            chars[k] = count_chars(segs[k].data);
            long_seg |= chars[k] > TMA_LONG_SEGMENT_CHARS;
            left_out += dropped[k];
        }
        if (!complete || (long_seg && options->skip_long))
            continue;
        /* A reviewer's rejection keeps a unit out of every TMX. */
        if (u->review == TMA_REVIEW_REJECTED ||
            (options->approved_only && u->review != TMA_REVIEW_APPROVED))
            continue;
        const tma_doc *first_doc = tma_story_doc(story, langs[0]);
        TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "tu"));
        TMA_XW(xmlTextWriterWriteFormatAttribute(xw, BAD_CAST "tuid", "%s-%s-%u", prefix.data,
                                             tma_doc_lang(first_doc),
                                             (unsigned)u->first[langs[0]] + 1));
        TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "creationdate", BAD_CAST date));
        bead_type(value, sizeof value, u, langs, nlangs);
        TMA_XW(tma_tmx_write_prop(xw, "x-align-type", value));
        snprintf(value, sizeof value, "%.4f", u->score);
        TMA_XW(tma_tmx_write_prop(xw, "x-align-score", value));
        if (u->review == TMA_REVIEW_APPROVED)
            TMA_XW(tma_tmx_write_prop(xw, "x-tmalign-review", "approved"));
        unsigned flags = 0;
        const tma_qa_result *checks;
        if (joined) {
            rc = tma_qa_story_unit(&checks, qa, i, err);
            flags = rc < 0 ? 0 : checks->flags;
        } else {
            rc = tma_qa_unit_flags(&flags, qa, u, langs, nlangs, err);
        }
        if (rc < 0)
            goto cleanup;
        if (flags != 0) {
            char note[160];
            snprintf(note, sizeof note, "tmalign QA:%s%s%s%s (see the QA report's findings)",
                     flags & TMA_QA_LOW_CONFIDENCE ? " low-confidence" : "",
                     flags & TMA_QA_LENGTH_RATIO ? " length-ratio" : "",
                     flags & TMA_QA_NUMBER_MISMATCH ? " number-mismatch" : "",
                     flags & TMA_QA_NAME_MISMATCH ? " name-mismatch" : "");
            TMA_XW(xmlTextWriterWriteElement(xw, BAD_CAST "note", BAD_CAST note));
        }
        /* Flags as props, which CAT tools can filter on, and as notes, which translators see. */
        if (long_seg)
            TMA_XW(tma_tmx_write_prop(xw, "x-tmalign-flag", "long-segment"));
        if (left_out > 0)
            TMA_XW(tma_tmx_write_prop(xw, "x-tmalign-flag", "removed-characters"));
        counts->units++;
        counts->flagged += flags != 0 || long_seg || left_out > 0;
        for (size_t k = 0; k < nlangs; k++) {
            if (chars[k] > TMA_LONG_SEGMENT_CHARS)
                TMA_XW(write_note(xw,
                              "tmalign: the %s segment is %zu characters long; Trados Cloud "
                              "refuses segments over %d characters",
                              codes[k], chars[k], TMA_LONG_SEGMENT_CHARS));
            if (dropped[k] > 0)
                TMA_XW(write_note(xw,
                              "tmalign: %zu character%s that XML forbids (control characters, "
                              "U+FFFE, U+FFFF) left out of the %s segment",
                              dropped[k], dropped[k] == 1 ? "" : "s", codes[k]));
        }
        for (size_t k = 0; k < nlangs; k++) {
            const tma_doc *doc = tma_story_doc(story, langs[k]);
            uint32_t first = u->first[langs[k]];
            TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "tuv"));
            TMA_XW(xmlTextWriterWriteAttribute(xw, BAD_CAST "xml:lang", BAD_CAST codes[k]));
            if (options->source_path != TMA_SOURCE_PATH_NONE)
                TMA_XW(tma_tmx_write_prop(xw, "x-source-file", names[k].data));
            /* A page or document read as its text says so; plain text, as before, says nothing. */
            if (strcmp(tma_doc_format(doc), "text") != 0)
                TMA_XW(tma_tmx_write_prop(xw, "x-source-format", tma_doc_format(doc)));
            snprintf(value, sizeof value, "%u",
                     (unsigned)tma_doc_sentence(doc, first)->paragraph + 1);
            TMA_XW(tma_tmx_write_prop(xw, "x-paragraph", value));
            TMA_XW(xmlTextWriterStartElement(xw, BAD_CAST "seg"));
            TMA_XW(xmlTextWriterWriteString(xw, BAD_CAST segs[k].data));
            TMA_XW(xmlTextWriterEndElement(xw));
            TMA_XW(xmlTextWriterEndElement(xw));
        }
        TMA_XW(xmlTextWriterEndElement(xw));
        if (tsv != NULL && nlangs == 2) {
            tma_write_tsv_field(tsv->fp, segs[0].data);
            (void)tma_outfile_write(tsv, "\t", 1);
            tma_write_tsv_field(tsv->fp, segs[1].data);
            int n = snprintf(value, sizeof value, "\t%.4f\n", u->score);
            (void)tma_outfile_write(tsv, value, (size_t)n);
        }
    }
    TMA_XW(xmlTextWriterEndDocument(xw));
    TMA_XW(xmlTextWriterFlush(xw));
    xmlFreeTextWriter(xw);
    xw = NULL;
    goto cleanup;
xml_failed:
    rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                       "cannot write the TMX (libxml2 failed; is the disk full?); free some disk "
                       "space and run again");
cleanup:
    if (xw != NULL)
        xmlFreeTextWriter(xw);
    for (size_t k = 0; k < TMA_MAX_LANGS; k++) {
        tma_buf_free(&segs[k]);
        tma_buf_free(&names[k]);
    }
    tma_buf_free(&prefix);
    tma_buf_free(&scratch);
    return rc;
}

int tma_tmx_pair_path(char *buf, size_t size, const char *path, const char *la, const char *lb,
                      tma_error *err)
{
    size_t len = strlen(path);
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(path, '.');
    if (dot == NULL || (slash != NULL && dot < slash))
        dot = path + len;
    int n = snprintf(buf, size, "%.*s.%s-%s%s", (int)(dot - path), path, la, lb,
                     *dot ? dot : ".tmx");
    if (n < 0 || (size_t)n >= size)
        return tma_error_set(err, TMA_ERR_USAGE, path, 0, 0,
                             "the output path is too long; choose a shorter one");
    return 0;
}

int tma_tmx_tsv_path(char *buf, size_t size, const char *path, tma_error *err)
{
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    const char *dot = strrchr(name, '.');
    size_t stem = dot && dot != name ? (size_t)(dot - path) : strlen(path);
    int n = snprintf(buf, size, "%.*s.tsv", (int)stem, path);
    if (n < 0 || (size_t)n >= size)
        return tma_error_set(err, TMA_ERR_USAGE, path, 0, 0,
                             "the output path is too long; choose a shorter one");
    if (strcmp(buf, path) == 0)
        return tma_error_set(err, TMA_ERR_USAGE, path, 0, 0,
                             "the TMX and its TSV would be the same file; give the output a name "
                             "ending in .tmx");
    return 0;
}

/* With options->tsv, opens the TSV that goes beside the TMX file TMX_PATH as the next of OUTS
 * (*files of them open so far) and points *TSV at it; otherwise sets *TSV to NULL. */
/* Opens OUT for PATH, one of STORY's outputs, unless PATH is one of its input files (the same
 * file, by device and inode, whatever the name): an output never replaces an input. */
static int open_output(tma_outfile *out, const tma_story *story, const char *path, tma_error *err)
{
    struct stat written;
    for (size_t k = 0; stat(path, &written) == 0 && k < tma_story_lang_count(story); k++) {
        struct stat read;
        const char *input = tma_doc_path(tma_story_doc(story, k));
        if (stat(input, &read) == 0 && read.st_dev == written.st_dev &&
            read.st_ino == written.st_ino)
            return tma_error_set(err, TMA_ERR_USAGE, path, 0, 0,
                                 "is the input file %s; choose another output", input);
    }
    return tma_outfile_open(out, path, err);
}

static int open_tsv(tma_outfile **tsv, tma_outfile *outs, size_t *files, const tma_story *story,
                    const char *tmx_path, const tma_tmx_options *options, tma_error *err)
{
    char tsv_path[TMA_PATH_BYTES];
    *tsv = NULL;
    if (!options->tsv)
        return 0;
    int rc = tma_tmx_tsv_path(tsv_path, sizeof tsv_path, tmx_path, err);
    if (rc == 0) {
        *tsv = &outs[(*files)++];
        rc = open_output(*tsv, story, tsv_path, err);
    }
    return rc;
}

/* What tma_story_stage_tmx and tma_story_stage_pair_tmx write: with WHOLE, the file with every
 * language (PATH) and, with three languages or more, the pair files beside it; without, the pair
 * files alone. Unless PARTIAL, OPTIONS->lang_codes must name the story's languages only; a
 * partial story's are the run's, which it may lack. */
static int stage_files(tma_tmx_counts *counts, const tma_story *story, tma_qa *qa, const char *path,
                       const tma_tmx_options *options, tma_outfile *outs, size_t *count, int whole,
                       int partial, tma_error *err)
{
    tma_tmx_counts pair_counts = {0, 0};
    *counts = pair_counts;
    static const tma_tmx_options defaults = TMA_TMX_OPTIONS_INIT;
    tma_tmx_options opts = options ? *options : defaults;
    char prefix[256];
    size_t n = tma_story_lang_count(story);
    size_t all[TMA_MAX_LANGS] = {0};
    const char *langs[TMA_MAX_LANGS] = {0};
    size_t unit_count, files = 0;
    const tma_unit *units = tma_story_units(story, &unit_count);
    assert(qa->story == story);
    /* The TMX's name, which names the story as a batch's story name does: two stories whose
     * files share a name (en.txt) still get tuids of their own. */
    if (opts.tuid_prefix == NULL) {
        base_name(prefix, sizeof prefix, path);
        opts.tuid_prefix = prefix;
    }
    options = &opts;
    for (size_t k = 0; k < n; k++) {
        all[k] = k;
        langs[k] = tma_doc_lang(tma_story_doc(story, k));
    }
    int rc = partial ? 0 : tma_tmx_check_lang_codes(options->lang_codes, langs, n, err);
    /* With two languages, PATH is the pair's file and its TSV goes beside it. */
    tma_outfile *tsv = NULL;
    if (rc == 0 && whole && n == 2)
        rc = open_tsv(&tsv, outs, &files, story, path, options, err);
    if (rc == 0 && whole)
        rc = open_output(&outs[files++], story, path, err);
    if (rc == 0 && whole)
        rc = write_units(&outs[files - 1], tsv, story, qa, units, unit_count, 1, all, n, path,
                         options, counts, err);
    for (size_t a = 0; a < n && rc == 0 && n > 2; a++) {
        for (size_t b = a + 1; b < n && rc == 0; b++) {
            char pair_path[TMA_PATH_BYTES];
            tma_unit *pair;
            size_t pair_count;
            size_t pair_langs[2] = {a, b};
            rc = tma_tmx_pair_path(pair_path, sizeof pair_path, path, langs[a], langs[b], err);
            if (rc == 0)
                rc = open_tsv(&tsv, outs, &files, story, pair_path, options, err);
            if (rc == 0)
                rc = open_output(&outs[files++], story, pair_path, err);
            if (rc == 0)
                rc = tma_story_pair_units(&pair, &pair_count, story, a, b, err);
            if (rc == 0) {
                rc = write_units(&outs[files - 1], tsv, story, qa, pair, pair_count, 0, pair_langs,
                                 2, pair_path, options, &pair_counts, err);
                free(pair);
            }
        }
    }
    *count = files;
    return rc;
}

int tma_story_stage_tmx(tma_tmx_counts *counts, const tma_story *story, tma_qa *qa,
                        const char *path, const tma_tmx_options *options, tma_outfile *outs,
                        size_t *count, tma_error *err)
{
    return stage_files(counts, story, qa, path, options, outs, count, 1, 0, err);
}

int tma_story_stage_pair_tmx(const tma_story *story, tma_qa *qa, const char *path,
                             const tma_tmx_options *options, tma_outfile *outs, size_t *count,
                             tma_error *err)
{
    tma_tmx_counts counts;
    *count = 0;
    if (tma_story_lang_count(story) > 2)
        return stage_files(&counts, story, qa, path, options, outs, count, 0, 1, err);
    /* Two languages: the story's own units are the pair's, written as its pair file. */
    char pair[TMA_PATH_BYTES];
    int rc = tma_tmx_pair_path(pair, sizeof pair, path, tma_doc_lang(tma_story_doc(story, 0)),
                               tma_doc_lang(tma_story_doc(story, 1)), err);
    return rc < 0 ? rc : stage_files(&counts, story, qa, pair, options, outs, count, 1, 1, err);
}

int tma_story_write_tmx(const tma_story *story, tma_worker *w, const char *path,
                        const tma_tmx_options *options, tma_error *err)
{
    tma_tmx_counts counts;
    return tma_story_write_tmx_counted(&counts, story, w, path, options, err);
}

int tma_story_write_tmx_counted(tma_tmx_counts *out, const tma_story *story, tma_worker *w,
                                const char *path, const tma_tmx_options *options, tma_error *err)
{
    static const tma_tmx_options defaults = TMA_TMX_OPTIONS_INIT;
    tma_outfile outs[TMA_TMX_MAX_FILES];
    size_t files = 0;
    for (size_t k = 0; k < TMA_TMX_MAX_FILES; k++)
        outs[k] = (tma_outfile)TMA_OUTFILE_INIT;
    /* The story's QA checks, run once for the notes of all its files. */
    tma_qa qa;
    int rc = tma_qa_init(&qa, story, w,
                         (options ? options : &defaults)->qa_threshold, err);
    if (rc == 0)
        tma_qa_start_ahead(&qa, w, TMA_QA_AHEAD_MIN_UNITS);
    /* Every file is written and finished before any is renamed into place
     * (tma_outfile_commit_all): a full disk or any other failure while writing leaves all the
     * earlier files as they were. Renames within one folder do not fail for want of space; should
     * one fail all the same, the files before it are already in place. */
    if (rc == 0)
        rc = tma_story_stage_tmx(out, story, &qa, path, options, outs, &files, err);
    if (rc == 0)
        rc = tma_outfile_commit_all(outs, files, err);
    for (size_t k = 0; k < files; k++)
        tma_outfile_discard(&outs[k]);
    tma_qa_free(&qa);
    return rc;
}

void tma_tmx_remove_stale(const char *path)
{
    /* PATH's folder, and its name up to the extension: "out/x.tmx" -> "out", "x." (the prefix of
     * x.tmx, x.en-ru.tmx and x.tsv). */
    char dir[TMA_PATH_BYTES], prefix[256];
    const char *slash = strrchr(path, '/');
    const char *name = slash ? slash + 1 : path;
    const char *dot = strrchr(name, '.');
    size_t stem = dot != NULL && dot != name ? (size_t)(dot - name) : strlen(name);
    if (slash == NULL)
        snprintf(dir, sizeof dir, ".");
    else
        snprintf(dir, sizeof dir, "%.*s", slash == path ? 1 : (int)(slash - path), path);
    int n = snprintf(prefix, sizeof prefix, "%.*s.", (int)stem, name);
    if (n > 0 && (size_t)n < sizeof prefix) {
        struct timespec now;
        clock_gettime(CLOCK_REALTIME, &now);
        tma_outfile_remove_stale(dir, prefix, &now);
    }
}
