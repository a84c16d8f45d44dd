/* The format of a file, from its content: magic bytes, a zip archive's members, an OLE2 file's
 * streams, the start of an HTML page. */
#include "error.h"
#include "internal.h"

#include <stdint.h>
#include <string.h>
#include <strings.h>

static const char SAVE_AS[] = "save it as .docx, .odt, .html or UTF-8 text";

typedef struct magic {
    size_t offset;
    const char *bytes;
    size_t len;
    const char *what;
} magic;

#define M(off, s, what)                                                                            \
    {                                                                                              \
        off, s, sizeof(s) - 1, what                                                                \
    }

/* Files named by their first bytes. Nothing here starts as text could: two-byte signatures such
 * as "MZ" or "BM" are left to the NUL-byte check of the text reader. */
static const magic MAGICS[] = {
    M(0, "%PDF-", "a PDF document"),
    M(0, "{\\rtf", "an RTF document"),
    M(0, "%!PS-Adobe", "a PostScript document"),
    M(0, "AT&TFORM", "a DjVu document"),
    M(0, "\xFF\x57\x50\x43", "a WordPerfect document"),
    M(0, "\x89PNG\r\n\x1A\n", "a PNG image"),
    M(0, "\xFF\xD8\xFF", "a JPEG image"),
    M(0, "GIF87a", "a GIF image"),
    M(0, "GIF89a", "a GIF image"),
    M(0, "II*\0", "a TIFF image"),
    M(0, "MM\0*", "a TIFF image"),
    M(0, "\x1F\x8B", "a gzip archive"),
    M(0, "BZh", NULL), /* bzip2, checked further below */
    M(0,
      "\xFD"
      "7zXZ\0",
      "an xz archive"),
    M(0, "7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    M(0, "Rar!\x1A\x07", "a RAR archive"),
    M(0, "\x28\xB5\x2F\xFD", "a Zstandard archive"),
    M(257, "ustar", "a tar archive"),
    M(0,
      "\x7F"
      "ELF",
      "a program (ELF)"),
    M(0, "\xCA\xFE\xBA\xBE", "a program (Java class or Mach-O)"),
    M(0, "SQLite format 3\0", "an SQLite database"),
    M(0, "ID3", NULL), /* MP3, checked further below */
    M(0, "OggS\0", "an Ogg audio or video file"),
    M(0, "fLaC\0\0\0", "a FLAC audio file"),
    M(4, "ftyp", NULL), /* MP4 and its kin, checked further below */
};

static const char OLE2[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

static int starts(const char *data, size_t len, size_t offset, const char *bytes, size_t n)
{
    return len >= offset + n && memcmp(data + offset, bytes, n) == 0;
}

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The stream names of an OLE2 compound file that tell what it is, and what each is. */
static const struct {
    const char *stream;
    const char *what;
} OLE2_STREAMS[] = {
    {"WordDocument", "a Word 97-2003 document (.doc)"},
    {"EncryptedPackage", "a password-protected Office document"},
    {"Workbook", "an Excel 97-2003 workbook (.xls)"},
    {"Book", "an Excel 95 workbook (.xls)"},
    {"PowerPoint Document", "a PowerPoint 97-2003 presentation (.ppt)"},
};

/* Looks through the directory of the OLE2 (compound file) DATA for a stream that says what the
 * file is: the directory's chain of sectors is followed through the FAT sectors the header
 * lists, at most a bounded number of steps. NULL when none is found. */
static const char *ole2_kind(const char *data, size_t len)
{
    const unsigned char *u = (const unsigned char *)data;
    if (len < 512)
        return NULL;
    unsigned shift = (unsigned)u[0x1E] | (unsigned)u[0x1F] << 8;
    if (shift != 9 && shift != 12)
        return NULL;
    size_t sector = (size_t)1 << shift, per_fat = sector / 4;
    uint32_t fat_count = le32(u + 0x2C), dir = le32(u + 0x30);
    for (int steps = 0; steps < 1024 && dir < 0xFFFFFFFAu; steps++) {
        size_t at = ((size_t)dir + 1) << shift;
        if (at > len || len - at < sector)
            return NULL;
        for (size_t e = at; e + 128 <= at + sector; e += 128) {
            unsigned name_len = (unsigned)u[e + 0x40] | (unsigned)u[e + 0x41] << 8;
            if (u[e + 0x42] != 2 || name_len < 2 || name_len > 64)
                continue; /* not a stream */
            char name[32];
            size_t n = 0;
            for (size_t k = 0; k + 2 < name_len && n + 1 < sizeof name; k += 2)
                name[n++] =
                    u[e + k + 1] == 0 && u[e + k] >= 0x20 && u[e + k] < 0x7F ? (char)u[e + k] : '?';
            name[n] = '\0';
            for (size_t k = 0; k < sizeof OLE2_STREAMS / sizeof OLE2_STREAMS[0]; k++)
                if (strcmp(name, OLE2_STREAMS[k].stream) == 0)
                    return OLE2_STREAMS[k].what;
        }
        /* The next sector of the directory: its entry in the FAT. */
        size_t fat_index = dir / per_fat;
        if (fat_index >= 109 || fat_index >= fat_count)
            return NULL;
        uint32_t fat_sector = le32(u + 0x4C + 4 * fat_index);
        if (fat_sector >= 0xFFFFFFFAu)
            return NULL;
        size_t entry = (((size_t)fat_sector + 1) << shift) + (dir % per_fat) * 4;
        if (entry > len || len - entry < 4)
            return NULL;
        dir = le32(u + entry);
    }
    return NULL;
}

/* What a zip archive is, by its members. */
static int sniff_zip(tma_input_sniffed *out, const char *name, const char *data, size_t len,
                     tma_error *err)
{
    tma_input_zip z;
    tma_error e = {0};
    int rc = tma_input_zip_open(&z, name, "zip", data, len, &e);
    if (rc == TMA_ERR_NOMEM) {
        tma_input_zip_close(&z);
        if (err != NULL)
            *err = e;
        return rc;
    }
    if (rc < 0) {
        out->what = rc == TMA_ERR_LIMIT ? "a zip archive of more files than any document has"
                                        : "a damaged zip archive";
        out->remedy = rc == TMA_ERR_LIMIT ? SAVE_AS
                                          : "if it is a .docx or .odt, open it in Word or "
                                            "LibreOffice and save it again";
        tma_input_zip_close(&z);
        return 0;
    }
    /* An OpenDocument file names its type in its first member, "mimetype". */
    static const struct {
        const char *type;
        tma_input_format format;
        const char *what;
    } TYPES[] = {
        {"application/vnd.oasis.opendocument.text", TMA_INPUT_ODT, NULL},
        {"application/vnd.oasis.opendocument.spreadsheet", 0, "an OpenDocument spreadsheet (.ods)"},
        {"application/vnd.oasis.opendocument.presentation", 0,
         "an OpenDocument presentation (.odp)"},
        {"application/vnd.oasis.opendocument.", 0, "an OpenDocument file that is not text"},
        {"application/epub+zip", 0, "an EPUB book"},
    };
    tma_buf mimetype = TMA_BUF_INIT;
    int known = 0;
    rc = tma_input_zip_read(&z, "mimetype", 256, 0, &mimetype, &e);
    for (size_t k = 0; rc == 0 && !known && k < sizeof TYPES / sizeof TYPES[0]; k++) {
        size_t n = strlen(TYPES[k].type);
        if (mimetype.len >= n && memcmp(mimetype.data, TYPES[k].type, n) == 0) {
            out->format = TYPES[k].format;
            out->what = TYPES[k].what;
            known = 1;
        }
    }
    tma_buf_free(&mimetype);
    if (rc == TMA_ERR_NOMEM) {
        tma_input_zip_close(&z);
        if (err != NULL)
            *err = e;
        return rc;
    }
    /* Otherwise (no mimetype, or a damaged one) the members tell. */
    if (!known) {
        if (tma_input_zip_has(&z, "word/document.xml"))
            out->format = TMA_INPUT_DOCX;
        else if (tma_input_zip_has(&z, "xl/workbook.xml"))
            out->what = "an Excel workbook (.xlsx)";
        else if (tma_input_zip_has(&z, "ppt/presentation.xml"))
            out->what = "a PowerPoint presentation (.pptx)";
        else if (tma_input_zip_has(&z, "content.xml") &&
                 tma_input_zip_has(&z, "META-INF/manifest.xml"))
            out->format = TMA_INPUT_ODT;
        else
            out->what = "a zip archive that holds no Word or OpenDocument text";
    }
    if (out->what != NULL)
        out->remedy = SAVE_AS;
    tma_input_zip_close(&z);
    return 0;
}

/* Skips white space and comments from *i; 0 when a comment does not end. */
static int skip_space_and_comments(const char *data, size_t len, size_t *i)
{
    for (;;) {
        while (*i < len && (data[*i] == ' ' || data[*i] == '\t' || data[*i] == '\n' ||
                            data[*i] == '\r' || data[*i] == '\f'))
            ++*i;
        if (!starts(data, len, *i, "<!--", 4))
            return 1;
        const char *end = NULL;
        for (size_t k = *i + 4; k + 3 <= len; k++)
            if (memcmp(data + k, "-->", 3) == 0) {
                end = data + k + 3;
                break;
            }
        if (end == NULL)
            return 0;
        *i = (size_t)(end - data);
    }
}

static int starts_tag(const char *data, size_t len, size_t i, const char *tag)
{
    size_t n = strlen(tag);
    /* "<", the name, and the character after it. */
    if (len - i < n + 2 || data[i] != '<' || strncasecmp(data + i + 1, tag, n) != 0)
        return 0;
    char c = data[i + 1 + n];
    return c == '>' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '/' || c == '\f';
}

static int has_extension(const char *name, const char *const *exts)
{
    const char *dot = name != NULL ? strrchr(name, '.') : NULL;
    if (dot == NULL || strchr(dot, '/') != NULL)
        return 0;
    for (; *exts != NULL; exts++)
        if (strcasecmp(dot + 1, *exts) == 0)
            return 1;
    return 0;
}

/* Markup: an HTML page (TMA_INPUT_HTML), another XML document (a refusal), or text. */
static void sniff_markup(tma_input_sniffed *out, const char *name, const char *data, size_t len)
{
    static const char *const HTML_TAGS[] = {"html", "head",  "body",   "meta",   "title", "link",
                                            "base", "style", "script", "header", "nav"};
    static const char *const HTML_EXTS[] = {"html", "htm", "xhtml", "xht", "shtml", NULL};
    size_t i = starts(data, len, 0, "\xEF\xBB\xBF", 3) ? 3 : 0;
    /* Only the first few kilobytes are looked at: comments before a page are short. */
    size_t window = len < 65536 ? len : 65536;
    if (!skip_space_and_comments(data, window, &i))
        return;
    int xml = starts(data, window, i, "<?xml", 5);
    if (xml) {
        const char *end = NULL;
        for (size_t k = i; k + 2 <= window; k++)
            if (data[k] == '?' && data[k + 1] == '>') {
                end = data + k + 2;
                break;
            }
        if (end == NULL)
            return;
        i = (size_t)(end - data);
        if (!skip_space_and_comments(data, window, &i))
            return;
    }
    if (i + 14 <= window && strncasecmp(data + i, "<!doctype html", 14) == 0) {
        out->format = TMA_INPUT_HTML;
        return;
    }
    for (size_t k = 0; k < sizeof HTML_TAGS / sizeof HTML_TAGS[0]; k++)
        if (starts_tag(data, window, i, HTML_TAGS[k])) {
            out->format = TMA_INPUT_HTML;
            return;
        }
    /* A page saved without its <html>: the name says so, and it opens with a tag. */
    if (i < window && data[i] == '<' && has_extension(name, HTML_EXTS)) {
        out->format = TMA_INPUT_HTML;
        return;
    }
    if (!xml)
        return;
    /* An XML document that is not a page: a flat OpenDocument file, Word's 2003 XML. */
    if (i < window && data[i] == '<') {
        out->remedy = SAVE_AS;
        if (starts_tag(data, window, i, "office:document"))
            out->what = "a flat OpenDocument file (.fodt)";
        else if (starts_tag(data, window, i, "w:wordDocument") ||
                 starts(data, window, i, "<?mso-application", 17))
            out->what = "a Word 2003 XML document";
        else
            out->what = "an XML document, not a story's text";
    }
}

int tma_input_sniff(tma_input_sniffed *out, const char *name, const char *data, size_t len,
                    tma_error *err)
{
    *out = (tma_input_sniffed){TMA_INPUT_TEXT, NULL, NULL};
    if (starts(data, len, 0, "PK\x03\x04", 4) || starts(data, len, 0, "PK\x05\x06", 4))
        return sniff_zip(out, name, data, len, err);
    if (starts(data, len, 0, OLE2, 8)) {
        const char *kind = ole2_kind(data, len);
        out->what = kind != NULL ? kind : "a legacy Office file (OLE2 compound document)";
        out->remedy = kind != NULL && strstr(kind, "password") != NULL
                          ? "remove the password, then save it as .docx, .odt, .html or UTF-8 "
                            "text"
                          : SAVE_AS;
        return 0;
    }
    for (size_t k = 0; k < sizeof MAGICS / sizeof MAGICS[0]; k++) {
        const magic *m = &MAGICS[k];
        if (!starts(data, len, m->offset, m->bytes, m->len))
            continue;
        const char *what = m->what;
        if (strcmp(m->bytes, "BZh") == 0)
            what = starts(data, len, 4, "1AY&SY", 6) && data[3] >= '1' && data[3] <= '9'
                       ? "a bzip2 archive"
                       : NULL;
        else if (strcmp(m->bytes, "ID3") == 0)
            what = len >= 10 && (unsigned char)data[3] < 0x10 && (unsigned char)data[4] < 0x10
                       ? "an MP3 audio file"
                       : NULL;
        else if (m->offset == 4) /* ftyp: a size, then the brand */
            what = data[0] == 0 && data[1] == 0 ? "an MP4, QuickTime or HEIF file" : NULL;
        if (what == NULL)
            continue;
        out->what = what;
        out->remedy = SAVE_AS;
        return 0;
    }
    if (starts(data, len, 0, "RIFF", 4) && len >= 12) {
        out->what = starts(data, len, 8, "WAVE", 4)   ? "a WAV audio file"
                    : starts(data, len, 8, "WEBP", 4) ? "a WebP image"
                    : starts(data, len, 8, "AVI ", 4) ? "an AVI video"
                                                      : "a RIFF file (audio or video)";
        out->remedy = SAVE_AS;
        return 0;
    }
    sniff_markup(out, name, data, len);
    return 0;
}
