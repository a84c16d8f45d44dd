/* XML that tmalign reads back: its own files, which a merge takes from folders anyone may have
 * handed over. */
#ifndef TMA_XMLIN_H
#define TMA_XMLIN_H

#include "tmalign.h"

#include <libxml/tree.h>

/* Reads PATH as a file tmalign wrote (tma_text_read_written: a regular file of at most CAP
 * bytes) and parses it with no network, no DTD loaded and no entity expanded, and nothing
 * printed by libxml2. A document type declaration, which tmalign never writes, is refused before
 * anything of the content is read (an entity could expand a small file into gigabytes). Returns
 * 0 with the document in *out (free it with xmlFreeDoc), or NULL there when PATH is not
 * well-formed, which the caller reports in its own words; or a negative tma_status. */
int tma_xml_read_written(xmlDocPtr *out, const char *path, size_t cap, tma_error *err);

#endif
