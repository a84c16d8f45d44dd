/* The Word reader (tma_input_docx). Byte 0: bit 0 set, the rest is the .docx file itself (the
 * zip container as it comes); otherwise the rest is word/document.xml, then, after 0xFF bytes,
 * word/footnotes.xml and word/endnotes.xml, put in a stored zip archive. A refusal is one line
 * (damaged, DTD or entity, past the caps); a document read gives text as fuzz_check_extracted
 * wants it, none of it indented, whatever the tracked changes, fields, notes and nesting. */
#include "fuzz_input.h"
#include "fuzz_zip.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] & 1) {
        fuzz_read(tma_input_docx, "fuzz.docx", (const char *)data + 1, size - 1, 1);
        return 0;
    }
    static const char *const NAMES[] = {"word/document.xml", "word/footnotes.xml",
                                        "word/endnotes.xml"};
    const char *parts[3];
    size_t lens[3], count;
    fuzz_split(data + 1, size - 1, parts, lens, 3, &count);
    char *zip;
    size_t zip_len;
    fuzz_zip(&zip, &zip_len, NAMES, parts, lens, count);
    fuzz_read(tma_input_docx, "fuzz.docx", zip, zip_len, 1);
    free(zip);
    return 0;
}
