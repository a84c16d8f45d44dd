#include "qanumber.h"

#include "error.h"
#include "text.h"

#include <string.h>

#include <unicode/uchar.h>

/* Numbers longer than this (digits) are never written as words here. */
#define MAX_WORD_NUMBER_DIGITS 9

/* The value of the LEN bytes at S when they are digits, grouped by commas or spaces or not (at
 * most nine), else -1: "1,000" is 1000, "5.2" none. */
static long plain_value(const char *s, size_t len)
{
    long v = 0;
    size_t digits = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] == ',' || s[i] == ' ')
            continue;
        if (s[i] < '0' || s[i] > '9' || ++digits > MAX_WORD_NUMBER_DIGITS)
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return digits > 0 ? v : -1;
}

/* The hour of anchor A of TEXT on the 24-hour clock when A is the hour of a time followed by
 * "am" or "pm" ("11:35 pm" is 23, "12:10 a.m." is 0); -1 otherwise. */
static long hour_24(const char *text, size_t len, const tma_anchor *a)
{
    long h = plain_value(text + a->start, a->len);
    size_t i = a->start + a->len;
    if (h < 1 || h > 12 || a->len > 2 || i + 3 > len || text[i] != ':' ||
        plain_value(text + i + 1, 2) < 0)
        return -1;
    i += 3;
    while (i < len && text[i] == ' ')
        i++;
    if (i + 1 >= len)
        return -1;
    char half = (char)(text[i] | 0x20); /* ASCII lowercase */
    i += 1 + (text[i + 1] == '.');
    if ((half != 'a' && half != 'p') || i >= len || (text[i] | 0x20) != 'm')
        return -1;
    if (i + 1 < len && u_isalpha((UChar32)(unsigned char)text[i + 1]))
        return -1;
    return half == 'p' ? h % 12 + 12 : h % 12;
}

/* The value of the Roman numeral W (LEN bytes of I, V, X, L, C, D and M) written the standard
 * way ("XIV", not "IIII" or "VX"), or -1. */
static long roman_value(const char *w, size_t len)
{
    static const char *const ones[] = {"", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX"};
    static const char *const tens[] = {"", "X", "XX", "XXX", "XL", "L", "LX", "LXX", "LXXX", "XC"};
    static const char *const hundreds[] = {"",  "C",  "CC",  "CCC",  "CD",
                                           "D", "DC", "DCC", "DCCC", "CM"};
    const char *const *digits[3] = {hundreds, tens, ones};
    size_t i = 0;
    long v = 0;
    while (i < len && w[i] == 'M' && v < 3000) {
        v += 1000;
        i++;
    }
    for (int place = 0; place < 3; place++) {
        int best = 0;
        for (int d = 9; d > 0 && best == 0; d--) {
            size_t n = strlen(digits[place][d]);
            if (n <= len - i && memcmp(w + i, digits[place][d], n) == 0)
                best = d;
        }
        i += strlen(digits[place][best]);
        v = v * 10 + best;
    }
    return i == len && v > 0 ? v : -1;
}

/* 1 if a number anchor of SIDE writes A's digits, whatever scale word follows ("340 to 500
 * million" and "340 million to 500 million"), or A's hour on the other clock. */
static int same_digits(const char *atext, size_t atext_len, const tma_anchor *a,
                       const tma_qa_side_text *side)
{
    long ha = hour_24(atext, atext_len, a), va = plain_value(atext + a->start, a->len);
    for (size_t k = 0; k < side->count; k++) {
        const tma_anchor *b = &side->anchors[k];
        if (b->kind != TMA_ANCHOR_NUMBER)
            continue;
        long hb = hour_24(side->text, side->text_len, b);
        long vb = plain_value(side->text + b->start, b->len);
        if (vb == va || (ha >= 0 && ha == vb) || (hb >= 0 && hb == va))
            return 1;
    }
    return 0;
}

int tma_qa_number_elsewhere(int *out, const tma_anchor_tables *tables, const char *atext,
                            size_t atext_len, const tma_anchor *a, const tma_qa_side_text *side,
                            tma_buf *word, tma_error *err)
{
    long value = plain_value(atext + a->start, a->len);
    *out = 0;
    if (value < 0)
        return 0;
    /* Whole hours: "12:00" is "noon", "15:00" is "3 p.m.". */
    int whole_hour = value == 0 && a->start > 0 && atext[a->start - 1] == ':';
    if (whole_hour || same_digits(atext, atext_len, a, side)) {
        *out = 1;
        return 0;
    }
    const char *text = side->text;
    long before = -1; /* the value of the word before, when it is a number word */
    for (size_t p = side->start; p < side->end && !*out;) {
        size_t q = p;
        uint32_t c = tma_utf8_next(text, side->end, &q);
        if (!u_isalpha((UChar32)c)) {
            if (!tma_is_space(c))
                before = -1;
            p = q;
            continue;
        }
        for (size_t r = q; r < side->end && u_isalpha((UChar32)tma_utf8_next(text, side->end, &r));)
            q = r;
        long roman = roman_value(text + p, q - p);
        word->len = 0;
        if (tma_fold_case(word, text + p, q - p) < 0)
            return tma_error_nomem(err, "checking the numbers");
        long number = tma_anchor_number_word(tables, word->data, word->len);
        /* A number word before a scale word multiplies it: "three thousand" is 3000. */
        int power = before > 0 ? tma_anchor_scale_power(tables, word->data, word->len) : 0;
        long scaled = before;
        for (int k = 0; k < power && scaled <= value; k++)
            scaled *= 10;
        *out = roman == value || number == value || (power > 0 && scaled == value);
        before = number;
        p = q;
    }
    return 0;
}
