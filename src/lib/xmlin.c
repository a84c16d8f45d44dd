#include "xmlin.h"

#include "buf.h"
#include "error.h"
#include "text.h"

#include <limits.h>

#include <libxml/parser.h>

int tma_xml_read_written(xmlDocPtr *out, const char *path, size_t cap, tma_error *err)
{
    *out = NULL;
    tma_buf data = TMA_BUF_INIT;
    int rc = tma_text_read_written(&data, path, cap, err);
    if (rc < 0)
        return rc;
    xmlDocPtr doc = data.len > INT_MAX ? NULL
                                       : xmlReadMemory(data.data, (int)data.len, path, NULL,
                                                       XML_PARSE_NONET | XML_PARSE_NOBLANKS |
                                                           XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    tma_buf_free(&data);
    if (doc != NULL && (doc->intSubset != NULL || doc->extSubset != NULL)) {
        xmlFreeDoc(doc);
        return tma_error_about(err, "force",
                               tma_error_set(err, TMA_ERR_INPUT, path, 0, 0,
                                             "has a document type declaration, which tmalign "
                                             "never writes; align the story again"));
    }
    *out = doc;
    return 0;
}
