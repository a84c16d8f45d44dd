/* Telling the format (tma_input_sniff) and tma_input_extract: byte 0 picks the file's name
 * (.txt, .html, .docx, none), the rest is the file. Sniffing never fails on the content; it
 * gives a format or a refusal with what the file is and a remedy, the same on a second call;
 * extraction refuses exactly the refusals, in one line that says what the file is, and reads
 * the rest as the format says (text left to the caller). */
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const NAMES[] = {"fuzz.txt", "fuzz.html", "fuzz.docx", "fuzz"};
    if (size == 0)
        return 0;
    const char *name = NAMES[data[0] % 4];
    const char *file = (const char *)data + 1;
    size_t len = size - 1;
    tma_input_sniffed s, again;
    tma_error err = {0};
    int rc = tma_input_sniff(&s, name, file, len, &err);
    if (rc < 0) {
        FUZZ_CHECK(rc == TMA_ERR_NOMEM);
        return 0;
    }
    FUZZ_CHECK(s.format >= TMA_INPUT_TEXT && s.format <= TMA_INPUT_ODT);
    FUZZ_CHECK((s.what == NULL) == (s.remedy == NULL));
    if (s.what != NULL) {
        FUZZ_CHECK(s.what[0] != '\0' && s.remedy[0] != '\0');
        FUZZ_CHECK(s.format == TMA_INPUT_TEXT);
    }
    FUZZ_CHECK(tma_input_sniff(&again, name, file, len, &err) == 0);
    FUZZ_CHECK(again.format == s.format && again.what == s.what && again.remedy == s.remedy);

    tma_buf out = TMA_BUF_INIT;
    tma_input_format format;
    rc = tma_input_extract(&out, &format, name, file, len, &err);
    if (s.what != NULL) {
        FUZZ_CHECK(rc == TMA_ERR_INPUT);
        FUZZ_CHECK(strstr(err.message, s.what) != NULL && strstr(err.message, s.remedy) != NULL);
    }
    if (rc < 0) {
        fuzz_check_refusal(rc, &err, name);
    } else {
        FUZZ_CHECK(format == s.format);
        FUZZ_CHECK(format == TMA_INPUT_TEXT ? out.len == 0 : out.len > 0);
        fuzz_check_extracted(out.data, out.len, format != TMA_INPUT_HTML);
    }
    tma_buf_free(&out);
    return 0;
}
