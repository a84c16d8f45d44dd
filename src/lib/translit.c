#include "translit.h"

#include "error.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uscript.h>
#include <unicode/ustring.h>

void tma_translit_free(tma_translit *t)
{
    UTransliterator *all[] = {t->cyrillic, t->armenian, t->latin, t->other};
    for (size_t k = 0; k < sizeof all / sizeof all[0]; k++) {
        if (all[k] != NULL)
            utrans_close(all[k]);
    }
    free(t->u16);
    tma_buf_free(&t->ascii);
    tma_table_free(&t->known);
    tma_buf_free(&t->forms);
    memset(t, 0, sizeof *t);
}

/* The sound class of each lowercase ASCII letter; 0 for none. Vowels and y are 'V'. */
static char letter_class(char c)
{
    switch (c) {
    case 'a': case 'e': case 'i': case 'o': case 'u': case 'y':
        return 'V';
    case 'b': case 'p':
        return 'P';
    case 'd': case 't':
        return 'T';
    case 'v': case 'f': case 'w':
        return 'F';
    case 'g': case 'h':
        return 'H';
    case 'k': case 'q': case 'c':
        return 'K';
    case 'z': case 's':
        return 'S';
    case 'j':
        return 'C';
    case 'l':
        return 'L';
    case 'm':
        return 'M';
    case 'n':
        return 'N';
    case 'r':
        return 'R';
    case 'x':
        return 'K';
    default:
        return 0;
    }
}

/* Letter groups that spell one sound, longest first: "shch" and "sh" and "zh" are one hissing
 * class, "dzh", "ch" and "j" one affricate class, "kh" and "gh" join h and g, and "th" is the t
 * that Russian and Armenian write for it ("Thompson" / "Томпсон", "Arthur" / "Артур"). */
static const struct {
    const char *letters;
    char cls;
} GROUPS[] = {
    {"shch", 'X'}, {"dzh", 'C'}, {"tch", 'C'}, {"sh", 'X'}, {"zh", 'X'}, {"ch", 'C'},
    {"kh", 'H'},   {"gh", 'H'},  {"ph", 'F'},  {"th", 'T'}, {"ck", 'K'},
};

int tma_translit_fold(tma_buf *out, const char *s, size_t len)
{
    size_t start = out->len;
    size_t i = 0;
    while (i < len) {
        char cls = 0;
        size_t used = 1;
        for (size_t g = 0; g < sizeof GROUPS / sizeof GROUPS[0]; g++) {
            size_t n = strlen(GROUPS[g].letters);
            if (n <= len - i && memcmp(s + i, GROUPS[g].letters, n) == 0) {
                cls = GROUPS[g].cls;
                used = n;
                break;
            }
        }
        if (cls == 0)
            cls = letter_class(s[i]);
        i += used;
        if (cls == 0 || (out->len > start && out->data[out->len - 1] == cls))
            continue;
        if (tma_buf_push(out, cls) < 0)
            return -1;
    }
    while (out->len > start + 1 && out->data[out->len - 1] == 'V')
        out->len--;
    return 0;
}

/* The ICU transform that brings words in SCRIPT into Latin letters, by the slot of tma_translit it
 * is kept in; the last entry serves every other script. */
static const struct {
    UScriptCode script;
    const char *transform;
} TRANSFORMS[] = {{USCRIPT_CYRILLIC, "Russian-Latin/BGN"},
                  {USCRIPT_ARMENIAN, "Armenian-Latin/BGN"},
                  {USCRIPT_LATIN, ""},
                  {USCRIPT_INVALID_CODE, "Any-Latin"}};
#define TRANSFORM_COUNT (sizeof TRANSFORMS / sizeof TRANSFORMS[0])

static size_t transform_index(UScriptCode script)
{
    size_t k = 0;
    while (k + 1 < TRANSFORM_COUNT && TRANSFORMS[k].script != script)
        k++;
    return k;
}

const char *tma_translit_transform(UScriptCode script)
{
    return TRANSFORMS[transform_index(script)].transform;
}

/* The transliterator for words in SCRIPT, opened on first use: to Latin, then plain lowercase
 * ASCII. */
static int transliterator(UTransliterator **out, tma_translit *t, UScriptCode script,
                          tma_error *err)
{
    UTransliterator **slots[] = {&t->cyrillic, &t->armenian, &t->latin, &t->other};
    _Static_assert(sizeof slots / sizeof slots[0] == TRANSFORM_COUNT, "a slot per transform");
    size_t k = transform_index(script);
    UTransliterator **slot = slots[k];
    char id[80];
    snprintf(id, sizeof id, "%s%sLatin-ASCII; Lower", TRANSFORMS[k].transform,
             TRANSFORMS[k].transform[0] ? "; " : "");
    if (*slot == NULL) {
        UChar uid[80];
        UErrorCode st = U_ZERO_ERROR;
        u_uastrcpy(uid, id);
        *slot = utrans_openU(uid, -1, UTRANS_FORWARD, NULL, 0, NULL, &st);
        if (U_FAILURE(st)) {
            *slot = NULL;
            return tma_error_icu(err, st, "opening a transliterator");
        }
    }
    *out = *slot;
    return 0;
}

/* Appends WORD in lowercase Latin letters to OUT, with ICU. */
static int latin_of(tma_buf *out, tma_translit *t, const char *word, size_t len, tma_error *err)
{
    size_t i = 0;
    UErrorCode st = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript((UChar32)tma_utf8_next(word, len, &i), &st);
    UTransliterator *tr;
    int rc = transliterator(&tr, t, script, err);
    if (rc < 0)
        return rc;
    /* Transliteration to Latin can lengthen a word several times ("щ" -> "shch"). */
    int32_t cap = (int32_t)len * 4 + 16;
    if (cap > t->u16_cap) {
        UChar *p = realloc(t->u16, (size_t)cap * sizeof *p);
        if (p == NULL)
            return tma_error_nomem(err, "transliterating names");
        t->u16 = p;
        t->u16_cap = cap;
    }
    int32_t n16 = 0;
    u_strFromUTF8(t->u16, cap, &n16, word, (int32_t)len, &st);
    if (U_FAILURE(st))
        return tma_error_icu(err, st, "converting a name");
    int32_t limit = n16;
    utrans_transUChars(tr, t->u16, &n16, cap, 0, &limit, &st);
    if (U_FAILURE(st))
        return 0; /* a name too long to transliterate in place has no skeleton */
    for (int32_t k = 0; k < n16; k++) {
        if (t->u16[k] >= 'a' && t->u16[k] <= 'z' && tma_buf_push(out, (char)t->u16[k]) < 0)
            return tma_error_nomem(err, "transliterating names");
    }
    return 0;
}

/* Past this many bytes of Latin forms and skeletons a thread's store starts again, so that memory
 * stays bounded however many documents a thread aligns. */
#define KNOWN_BYTES (4u << 20)
/* Longer words are transliterated anew each time, not kept. */
#define KNOWN_MAX_WORD 256

/* The Latin form of WORD and its skeleton, from T's store or made and kept there: *LATIN, then
 * *SKELETON right after its NUL, both valid until the next call. */
static int known_forms(const char **latin, const char **skeleton, tma_translit *t, const char *word,
                       size_t len, tma_error *err)
{
    int at = tma_table_get(&t->known, word, len);
    if (at < 0) {
        t->ascii.len = 0;
        int rc = latin_of(&t->ascii, t, word, len, err);
        if (rc < 0)
            return rc;
        if (t->forms.len > KNOWN_BYTES) {
            tma_table_free(&t->known);
            t->forms.len = 0;
        }
        size_t offset = t->forms.len;
        if (tma_buf_append(&t->forms, t->ascii.data, t->ascii.len) < 0 ||
            tma_buf_push(&t->forms, '\0') < 0 ||
            tma_translit_fold(&t->forms, t->ascii.data, t->ascii.len) < 0 ||
            tma_buf_push(&t->forms, '\0') < 0 ||
            tma_table_put(&t->known, word, len, (int)offset) < 0)
            return tma_error_nomem(err, "transliterating names");
        at = (int)offset;
    }
    *latin = t->forms.data + at;
    *skeleton = *latin + strlen(*latin) + 1;
    return 0;
}

int tma_translit_latin(tma_buf *out, tma_translit *t, const char *word, size_t len, tma_error *err)
{
    if (len == 0 || len > KNOWN_MAX_WORD)
        return latin_of(out, t, word, len, err);
    const char *latin = "", *skeleton = "";
    int rc = known_forms(&latin, &skeleton, t, word, len, err);
    if (rc == 0 && tma_buf_append(out, latin, strlen(latin)) < 0)
        rc = tma_error_nomem(err, "transliterating names");
    return rc;
}

int tma_translit_skeleton(tma_buf *out, tma_translit *t, const char *word, size_t len,
                          tma_error *err)
{
    out->len = 0;
    if (len == 0 || len > KNOWN_MAX_WORD)
        return 0;
    const char *latin = "", *skeleton = "";
    int rc = known_forms(&latin, &skeleton, t, word, len, err);
    if (rc == 0 && tma_buf_append(out, skeleton, strlen(skeleton)) < 0)
        rc = tma_error_nomem(err, "transliterating names");
    return rc;
}
