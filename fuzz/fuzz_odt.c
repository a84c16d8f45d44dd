/* The OpenDocument reader (tma_input_odt). Byte 0: bit 0 set, the rest is the .odt file itself
 * (the zip container as it comes); otherwise the rest is content.xml, put in a stored zip
 * archive after its mimetype member. A refusal is one line; a document read gives text as
 * fuzz_check_extracted wants it, none of it indented, whatever the tracked changes, notes,
 * frames and nesting. */
#include "fuzz_input.h"
#include "fuzz_zip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] & 1) {
        fuzz_read(tma_input_odt, "fuzz.odt", (const char *)data + 1, size - 1, 1);
        return 0;
    }
    static const char *const NAMES[] = {"mimetype", "content.xml"};
    static const char MIMETYPE[] = "application/vnd.oasis.opendocument.text";
    const char *parts[2] = {MIMETYPE, (const char *)data + 1};
    size_t lens[2] = {sizeof MIMETYPE - 1, size - 1};
    char *zip;
    size_t zip_len;
    fuzz_zip(&zip, &zip_len, NAMES, parts, lens, 2);
    fuzz_read(tma_input_odt, "fuzz.odt", zip, zip_len, 1);
    free(zip);
    return 0;
}
