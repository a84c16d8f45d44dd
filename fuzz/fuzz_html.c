/* The HTML reader (tma_input_html) on the input as a page: a refusal is one line (invalid UTF-8
 * with its place); a page read gives text as fuzz_check_extracted wants it, whatever the markup,
 * its nesting, entities, encodings or <pre>. */
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_read(tma_input_html, "fuzz.html", (const char *)data, size, 0);
    return 0;
}
