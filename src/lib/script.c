/* Whether a text is written in its language's script: a Russian story given as English, an
 * Armenian one as Russian, is refused before it is aligned as nonsense. */
#include "error.h"
#include "lang.h"

#include <stdio.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* The most scripts whose letters are counted one by one; letters of more go uncounted, which
 * changes only which script the message names. */
#define COUNTED_SCRIPTS 16

typedef struct script_count {
    UScriptCode script;
    size_t letters;
} script_count;

/* Writes the names of SCRIPTS[0..n) into BUF of SIZE bytes: "Latin", "Hiragana or Han". */
static void script_names(char *buf, size_t size, const UScriptCode *scripts, int n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int k = 0; k < n && used < size; k++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s",
                                 k == 0       ? ""
                                 : k + 1 == n ? " or "
                                              : ", ",
                                 uscript_getName(scripts[k]));
}

int tma_lang_check_script(const char *name, const char *text, size_t len, const char *lang,
                          tma_error *err)
{
    UScriptCode expected[8];
    int n = tma_lang_scripts(expected, 8, lang);
    if (n == 0)
        return 0;
    script_count counts[COUNTED_SCRIPTS];
    size_t kinds = 0, letters = 0, fitting = 0;
    /* ASCII letters, most of many a text, are Latin: decided once, without asking ICU. */
    int latin_fits = 0;
    for (int k = 0; k < n; k++)
        latin_fits |= expected[k] == USCRIPT_LATIN;
    for (size_t i = 0; i < len;) {
        UChar32 c;
        U8_NEXT(text, i, len, c);
        UScriptCode script = USCRIPT_LATIN;
        int fits = latin_fits;
        if (c < 0x80) {
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
                continue;
        } else {
            UErrorCode st = U_ZERO_ERROR;
            if (c < 0 || !u_isalpha(c))
                continue;
            script = uscript_getScript(c, &st);
            /* Letters shared by scripts (Common, Inherited) say nothing. */
            if (U_FAILURE(st) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED)
                continue;
            fits = 0;
            for (int k = 0; k < n && !fits; k++)
                fits = uscript_hasScript(c, expected[k]);
        }
        letters++;
        fitting += (size_t)fits;
        size_t j = 0;
        while (j < kinds && counts[j].script != script)
            j++;
        if (j == kinds && kinds < COUNTED_SCRIPTS)
            counts[kinds++] = (script_count){script, 0};
        if (j < kinds)
            counts[j].letters++;
    }
    /* Half is the margin: quotes, names and terms in other scripts stay well under it. */
    if (letters == 0 || 2 * fitting >= letters)
        return 0;
    size_t most = 0;
    for (size_t j = 1; j < kinds; j++) {
        if (counts[j].letters > counts[most].letters)
            most = j;
    }
    char names[96];
    script_names(names, sizeof names, expected, n);
    return tma_error_about(
        err, "langs",
        tma_error_set(err, TMA_ERR_INPUT, name, 0, 0,
                      "%zu%% of the letters are %s, and %s is written in %s; give the file's "
                      "own language, or check that this is the right file",
                      (counts[most].letters * 100 + letters / 2) / letters,
                      uscript_getName(counts[most].script), lang, names));
}
