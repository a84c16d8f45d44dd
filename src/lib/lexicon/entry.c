/* Translations from the text of a dictd entry. Dictionaries write entries in two styles, told
 * apart by the line after the headword line:
 *
 * FreeDict (dictfmt from TEI), at the left margin:
 *
 *     Haus /haʊ̯s/ <n, neut>             headword, pronunciations, grammar
 *     1. maison 2.                        sense 1: its translations, then a sub-sense number
 *     zu einem bestimmten Zweck ...       a gloss in the headword's language
 *      3.                                 a sub-sense, glossed on the next line
 *     2. chambre                          sense 2
 *
 *   without numbers when there is one sense: the line after the headword line holds the
 *   translations and the rest are glosses.
 *
 * Mueller (mueller7), indented and wrapped at about 70 columns:
 *
 *     house
 *        1. _n. [haʊs], _pl. [↗haʊzɪz]
 *           1) дом; жилище; здание
 *           2) дом; семья; хозяйство; to keep house вести хозяйство; to keep the
 *           house сидеть дома
 *
 *   parts of speech (1.), senses (1), а)), ";"-separated groups of ","-separated translations,
 *   labels after "_", transcriptions in [ ], comments in ( ), references in { }, and examples:
 *   an English phrase followed by its Russian translation.
 *
 * Each rule below says which of these it is for. */
#include "internal.h"
#include "text.h"

#include <string.h>

#include <unicode/uchar.h>
#include <unicode/uscript.h>

/* At most this many translations from one entry: mueller7's "run" gives about 200. */
#define MAX_ITEMS 256

typedef struct parse {
    tma_buf *out;
    size_t count;
    UScriptCode headword_script; /* USCRIPT_INVALID_CODE: do not drop pieces by script */
    tma_buf piece;               /* a piece with brackets and labels removed */
} parse;

static int is_letter(uint32_t c)
{
    return c < 0x80 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : u_isalpha((UChar32)c);
}

static UScriptCode script_of(uint32_t c)
{
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode s = uscript_getScript((UChar32)c, &st);
    return U_FAILURE(st) ? USCRIPT_INVALID_CODE : s;
}

/* The script of the first letter of S[0..len) that has one, or USCRIPT_INVALID_CODE. */
static UScriptCode first_script(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        uint32_t c = tma_utf8_next(s, len, &i);
        UScriptCode sc = is_letter(c) ? script_of(c) : USCRIPT_INVALID_CODE;
        if (sc != USCRIPT_INVALID_CODE && sc != USCRIPT_COMMON && sc != USCRIPT_INHERITED)
            return sc;
    }
    return USCRIPT_INVALID_CODE;
}

/* 1 if S[0..len) holds a letter of script SC; with OTHER, a letter of a script other than SC. */
static int has_script(const char *s, size_t len, UScriptCode sc, int other)
{
    for (size_t i = 0; i < len;) {
        uint32_t c = tma_utf8_next(s, len, &i);
        if (!is_letter(c))
            continue;
        UScriptCode x = script_of(c);
        if (x == USCRIPT_COMMON || x == USCRIPT_INHERITED || x == USCRIPT_INVALID_CODE)
            continue;
        if ((x == sc) != other)
            return 1;
    }
    return 0;
}

/* Copies S[0..len) to OUT without what is not a translation: comments in ( ), transcriptions in
 * [ ] (mueller7; FreeDict puts them on the headword line in / /), references in { } ({см. тж.
 * go after}) and grammar in < >, each with what it holds, nested or not; and mueller7's labels, a
 * "_" and what follows up to white space (_n., _разг., _pl., _I), which name a part of speech, a
 * register or a field; a label may follow a sense number directly ("14)_attr."). A bracket that is
 * never closed is dropped alone, so that a stray "(" does not take the rest of the entry with it.
 * Each removal leaves a space, so that the words on both sides stay apart. */
static int strip(tma_buf *out, const char *s, size_t len)
{
    static const char open[] = "([{<", close[] = ")]}>";
    out->len = 0;
    for (size_t i = 0; i < len; i++) {
        const char *o = memchr(open, s[i], 4);
        if (o != NULL) {
            char want = close[o - open];
            size_t depth = 0, j = i;
            for (; j < len; j++) {
                depth += s[j] == s[i];
                if (s[j] == want && --depth == 0)
                    break;
            }
            if (j < len)
                i = j;
            if (tma_buf_push(out, ' ') < 0)
                return -1;
            continue;
        }
        if (s[i] == '_' &&
            (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\n' || s[i - 1] == ')' || s[i - 1] == '.')) {
            while (i + 1 < len && s[i + 1] != ' ' && s[i + 1] != '\n')
                i++;
            if (tma_buf_push(out, ' ') < 0)
                return -1;
            continue;
        }
        if (s[i] == '#') {
            /* FreeDict's "camper#se camper": a link target, then how the sense shows it. The
             * target is the word itself; what follows up to the next separator goes. */
            while (i + 1 < len && s[i + 1] != ',' && s[i + 1] != ';' && s[i + 1] != '\n')
                i++;
            continue;
        }
        if (tma_buf_push(out, s[i]) < 0)
            return -1;
    }
    return 0;
}

static int has_letter(const char *s, size_t len)
{
    for (size_t i = 0; i < len;) {
        if (is_letter(tma_utf8_next(s, len, &i)))
            return 1;
    }
    return 0;
}

static int is_edge_char(uint32_t c)
{
    return !is_letter(c) && !u_isdigit((UChar32)c);
}

/* Emits the one translation S[0..len), cleaned: words that end in a full stop are abbreviations
 * (т.п., кого-л., etc., usw.), placeholders or labels rather than parts of the equivalent, and
 * go, as does an "и"/"или" left dangling before them ("и т.п."); punctuation at either end
 * (quotes, "!", "...") goes; what is left must hold a letter and at most TMA_LEX_MAX_PHRASE_WORDS
 * words. */
static int emit(parse *p, const char *s, size_t len)
{
    char words[TMA_LEXICON_MAX_TERM_BYTES];
    size_t n = 0, word_count = 0;
    if (p->count >= MAX_ITEMS || len >= sizeof words)
        return 0;
    size_t i = 0;
    while (i < len) {
        /* A NUL, which no dictionary means, parts words as a space does: the translations are
         * kept NUL-terminated. */
        while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\0'))
            i++;
        size_t start = i;
        while (i < len && s[i] != ' ' && s[i] != '\t' && s[i] != '\n' && s[i] != '\0')
            i++;
        if (i == start || s[i - 1] == '.')
            continue;
        if (n > 0)
            words[n++] = ' ';
        memcpy(words + n, s + start, i - start);
        n += i - start;
        word_count++;
    }
    /* "и т.п." and "или что-л." leave their conjunction at the end. */
    while (n > 0) {
        const char *last = words + n;
        while (last > words && last[-1] != ' ')
            last--;
        size_t wl = (size_t)(words + n - last);
        if (!((wl == 2 && memcmp(last, "и", 2) == 0) || (wl == 6 && memcmp(last, "или", 6) == 0)))
            break;
        n = last > words ? (size_t)(last - words) - 1 : 0;
        word_count--;
    }
    /* Punctuation at the ends: quotes, "!", "?", a dash left by a removed label. */
    size_t a = 0, b = n;
    while (a < b) {
        size_t k = a;
        if (!is_edge_char(tma_utf8_next(words, b, &k)))
            break;
        a = k;
    }
    while (b > a) {
        size_t k = b;
        if (!is_edge_char(tma_utf8_prev(words, &k)))
            break;
        b = k;
    }
    if (a == b || word_count > TMA_LEX_MAX_PHRASE_WORDS || !has_letter(words + a, b - a))
        return 0;
    p->count++;
    if (tma_buf_append(p->out, words + a, b - a) < 0 || tma_buf_push(p->out, '\0') < 0)
        return -1;
    return 0;
}

/* Emits the ","- and ";"-separated translations of S[0..len) (brackets and labels removed). */
static int emit_list(parse *p, const char *s, size_t len)
{
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && s[i] != ',' && s[i] != ';')
            continue;
        if (emit(p, s + start, i - start) < 0)
            return -1;
        start = i + 1;
    }
    return 0;
}

/* The length of a sense number at S[0..len) ("1.", "12)", "а)", "b)"), or 0. */
static size_t sense_number(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++;
    if (i > 0 && i < len && (s[i] == '.' || s[i] == ')'))
        return i + 1;
    if (i > 0)
        return 0;
    size_t k = 0;
    uint32_t c = len > 0 ? tma_utf8_next(s, len, &k) : 0;
    return len > 0 && is_letter(c) && k < len && s[k] == ')' ? k + 1 : 0;
}

/* A mueller7 piece: between two separators. A piece after a ":" is kept, the one before it is a
 * note on usage ("употр. как глагол-связка:"). A piece with "=" refers to another headword
 * ("= because"). Where the entry mixes scripts, a piece holding a letter of the headword's script
 * is an example or an idiom ("to keep house вести хозяйство") or a reference ("см. riot"), not a
 * translation: the aligner would see the English words of an example as Russian. */
static int emit_piece(parse *p, const char *s, size_t len)
{
    if (memchr(s, '=', len) != NULL)
        return 0;
    if (p->headword_script != USCRIPT_INVALID_CODE && has_script(s, len, p->headword_script, 0))
        return 0;
    return emit_list(p, s, len);
}

/* Mueller style: BODY is the indented text after the headword line. */
static int parse_mueller(parse *p, const char *body, size_t len)
{
    /* Lines wrap at about 70 columns: join them. A line that ends in a letter and "-" wrapped a
     * hyphenated word ("северо-" / "восток"); otherwise the break was a space. */
    tma_buf joined = TMA_BUF_INIT;
    int rc = -1;
    for (size_t i = 0; i < len;) {
        while (i < len && (body[i] == ' ' || body[i] == '\t'))
            i++;
        const char *nl = memchr(body + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - body) : len;
        if (joined.len > 0 &&
            !(joined.len >= 2 && joined.data[joined.len - 1] == '-' &&
              joined.data[joined.len - 2] != ' ') &&
            tma_buf_push(&joined, ' ') < 0)
            goto cleanup;
        if (tma_buf_append(&joined, body + i, end - i) < 0)
            goto cleanup;
        i = end + 1;
    }
    if (strip(&p->piece, joined.data ? joined.data : "", joined.len) < 0)
        goto cleanup;
    const char *s = p->piece.data ? p->piece.data : "";
    size_t n = p->piece.len, start = 0;
    /* The script rule is for entries that mix scripts (see emit_piece). */
    if (p->headword_script != USCRIPT_INVALID_CODE && !has_script(s, n, p->headword_script, 1))
        p->headword_script = USCRIPT_INVALID_CODE;
    for (size_t i = 0; i <= n; i++) {
        size_t mark = 0;
        if (i < n && s[i] != ';' && s[i] != ':') {
            if (i > 0 && s[i - 1] != ' ')
                continue;
            mark = sense_number(s + i, n - i);
            if (mark == 0)
                continue;
        }
        if (i == n || s[i] != ':') {
            if (emit_piece(p, s + start, i - start) < 0)
                goto cleanup;
        }
        start = i + (mark ? mark : 1);
        if (mark)
            i += mark - 1;
    }
    rc = 0;
cleanup:
    tma_buf_free(&joined);
    return rc;
}

/* FreeDict style: BODY is the text after the headword line. With numbered senses, each line that
 * starts with a number at the left margin holds a sense's translations (the lines between are
 * glosses in the headword's language, and the " 3." lines sub-senses of those glosses); without,
 * only the first line does. A translation line may end in the number of its gloss's first
 * sub-sense ("maison 2."), which goes. */
static int parse_freedict(parse *p, const char *body, size_t len)
{
    int numbered = -1;
    for (size_t i = 0; i < len;) {
        const char *nl = memchr(body + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - body) : len, start = i;
        i = end + 1;
        if (start == end)
            continue;
        size_t mark = sense_number(body + start, end - start);
        int has_number =
            mark > 0 && body[start + mark - 1] == '.' && body[start] >= '0' && body[start] <= '9';
        if (numbered < 0)
            numbered = has_number;
        else if (!numbered)
            break;
        if (numbered && !has_number)
            continue;
        start += numbered ? mark : 0;
        /* The sub-sense number at the end: " 2." */
        size_t e = end;
        while (e > start && body[e - 1] == ' ')
            e--;
        if (e > start && body[e - 1] == '.') {
            size_t d = e - 1;
            while (d > start && body[d - 1] >= '0' && body[d - 1] <= '9')
                d--;
            if (d < e - 1 && d > start && body[d - 1] == ' ')
                e = d - 1;
        }
        if (strip(&p->piece, body + start, e - start) < 0 ||
            emit_list(p, p->piece.data ? p->piece.data : "", p->piece.len) < 0)
            return -1;
    }
    return 0;
}

int tma_lex_entry_translations(tma_buf *out, size_t *count, size_t *headword_len, const char *text,
                               size_t len)
{
    parse p = {out, 0, USCRIPT_INVALID_CODE, TMA_BUF_INIT};
    const char *nl = memchr(text, '\n', len);
    size_t line1 = nl ? (size_t)(nl - text) : len;
    /* The headword ends where its pronunciation (" /"), grammar (" <") or transcription (" [")
     * starts. */
    size_t h = 0;
    while (h < line1 &&
           !(text[h] == ' ' && h + 1 < line1 &&
             (text[h + 1] == '/' || text[h + 1] == '<' || text[h + 1] == '[')) &&
           text[h] != '\t')
        h++;
    while (h > 0 && text[h - 1] == ' ')
        h--;
    *headword_len = h;
    *count = 0;
    p.headword_script = first_script(text, h);
    size_t at = nl ? line1 + 1 : len;
    while (at < len && text[at] == '\n')
        at++;
    int rc = 0;
    if (at < len) {
        if (text[at] == ' ' || text[at] == '\t')
            rc = parse_mueller(&p, text + at, len - at);
        else
            rc = parse_freedict(&p, text + at, len - at);
    }
    tma_buf_free(&p.piece);
    *count = p.count;
    return rc;
}
