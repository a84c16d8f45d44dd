/* An HTML page, through libxml2's HTML parser (HTML_PARSE_NONET: nothing fetched; the HTML
 * parser loads no DTD and knows HTML's entities itself). The tree is walked without recursion,
 * so that however deep the page nests the stack stays small. */
#include "error.h"
#include "internal.h"
#include "text.h"

#include <limits.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>

/* The largest page read: a story's page is a few megabytes, and the parser's tree takes several
 * times the page's size. */
#define MAX_HTML_BYTES ((size_t)128 * 1024 * 1024)

static int named(const xmlNode *n, const char *const *names, size_t count)
{
    for (size_t k = 0; k < count; k++)
        if (strcasecmp((const char *)n->name, names[k]) == 0)
            return 1;
    return 0;
}

static int is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0;
}

/* 1 if attribute ATTR of N is VALUE (ASCII case ignored, white space around it too). */
static int attr_is(const xmlNode *n, const char *attr, const char *value)
{
    for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
        if (strcasecmp((const char *)a->name, attr) != 0)
            continue;
        const xmlNode *t = a->children;
        const char *v = t != NULL && t->type == XML_TEXT_NODE ? (const char *)t->content : "";
        while (*v == ' ' || *v == '\t' || *v == '\n')
            v++;
        size_t n_len = strlen(value);
        if (strncasecmp(v, value, n_len) != 0)
            return 0;
        for (v += n_len; *v == ' ' || *v == '\t' || *v == '\n'; v++)
            ;
        return *v == '\0';
    }
    return 0;
}

static int has_attr(const xmlNode *n, const char *attr)
{
    for (const xmlAttr *a = n->properties; a != NULL; a = a->next)
        if (strcasecmp((const char *)a->name, attr) == 0)
            return 1;
    return 0;
}

/* 1 if N's style attribute says display: none. */
static int styled_hidden(const xmlNode *n)
{
    for (const xmlAttr *a = n->properties; a != NULL; a = a->next) {
        if (strcasecmp((const char *)a->name, "style") != 0 || a->children == NULL ||
            a->children->type != XML_TEXT_NODE)
            continue;
        char squeezed[256];
        size_t k = 0;
        for (const char *v = (const char *)a->children->content; *v && k + 1 < sizeof squeezed; v++)
            if (*v != ' ' && *v != '\t' && *v != '\n')
                squeezed[k++] = *v;
        squeezed[k] = '\0';
        for (char *p = squeezed; (p = strstr(p, "isplay:")) != NULL; p++)
            if (strncasecmp(p + 7, "none", 4) == 0)
                return 1;
    }
    return 0;
}

/* Elements that never hold the story's text, wherever they are. */
static int never_read(const xmlNode *n)
{
    static const char *const NAMES[] = {
        "head",   "script",   "style",  "noscript", "template", "nav",    "aside",    "form",
        "button", "input",    "select", "textarea", "option",   "iframe", "object",   "embed",
        "applet", "svg",      "canvas", "audio",    "video",    "map",    "frameset", "rp",
        "rt",     "datalist", "output", "meter",    "progress", "menu",
    };
    if (n->type != XML_ELEMENT_NODE)
        return 0;
    if (named(n, NAMES, sizeof NAMES / sizeof NAMES[0]))
        return 1;
    if (is(n, "dialog") && !has_attr(n, "open"))
        return 1;
    static const char *const ROLES[] = {"navigation",    "banner", "contentinfo",
                                        "complementary", "search", "dialog",
                                        "alertdialog",   "menu",   "menubar"};
    for (size_t k = 0; k < sizeof ROLES / sizeof ROLES[0]; k++)
        if (attr_is(n, "role", ROLES[k]))
            return 1;
    return has_attr(n, "hidden") || attr_is(n, "aria-hidden", "true") || styled_hidden(n);
}

/* Elements that make paragraphs: a break before and after. */
static int is_block(const xmlNode *n)
{
    static const char *const NAMES[] = {
        "address",    "article", "blockquote", "body",   "caption", "center",    "dd",
        "details",    "dialog",  "dir",        "div",    "dl",      "dt",        "fieldset",
        "figcaption", "figure",  "footer",     "h1",     "h2",      "h3",        "h4",
        "h5",         "h6",      "header",     "hgroup", "hr",      "html",      "legend",
        "li",         "listing", "main",       "ol",     "p",       "plaintext", "pre",
        "section",    "summary", "table",      "tbody",  "td",      "tfoot",     "th",
        "thead",      "tr",      "ul",         "xmp",    "search",  "optgroup",  "title",
    };
    return named(n, NAMES, sizeof NAMES / sizeof NAMES[0]);
}

static int is_main(const xmlNode *n)
{
    return is(n, "main") || (n->type == XML_ELEMENT_NODE && attr_is(n, "role", "main"));
}

static int is_article(const xmlNode *n)
{
    return is(n, "article") || (n->type == XML_ELEMENT_NODE && attr_is(n, "role", "article"));
}

/* The node after N in document order, its children passed over when SKIP, inside ROOT; NULL
 * after the last. */
static const xmlNode *next_node(const xmlNode *n, const xmlNode *root, int skip)
{
    if (!skip && n->children != NULL)
        return n->children;
    while (n != root && n->next == NULL)
        n = n->parent;
    return n == root ? NULL : n->next;
}

/* Bytes of text under ROOT that would be read. */
static size_t text_bytes(const xmlNode *root)
{
    size_t bytes = 0;
    for (const xmlNode *n = root->children; n != NULL;) {
        int skip = never_read(n);
        if (n->type == XML_TEXT_NODE && n->content != NULL)
            bytes += strlen((const char *)n->content);
        n = next_node(n, root, skip);
    }
    return bytes;
}

/* What is read: the page's main; else its article with the most text (a page's teasers of
 * other stories are articles too), not one inside another; else its body. */
static const xmlNode *content_root(const xmlNode *html)
{
    const xmlNode *body = NULL, *best = NULL;
    size_t best_bytes = 0;
    for (const xmlNode *n = html; n != NULL;) {
        int skip = never_read(n);
        if (!skip && is_main(n))
            return n;
        if (!skip && body == NULL && is(n, "body"))
            body = n;
        if (!skip && is_article(n)) {
            size_t bytes = text_bytes(n);
            if (best == NULL || bytes > best_bytes) {
                best = n;
                best_bytes = bytes;
            }
            /* An article inside it is part of it (its comments, say), and a main inside an
             * article is none of the page's. */
            skip = 1;
        }
        n = next_node(n, html, skip);
    }
    return best != NULL ? best : body != NULL ? body : html;
}

/* The header and footer of the page (not those of an article, a section or the main content,
 * which hold a story's headline, byline and credits). */
static int is_sectioning(const xmlNode *n)
{
    return is(n, "article") || is(n, "section") || is_main(n);
}

static int leave(tma_input_sink *s, const xmlNode *n, size_t *pre, size_t *sections)
{
    if (is(n, "pre") || is(n, "listing") || is(n, "xmp") || is(n, "plaintext"))
        --*pre;
    if (is_sectioning(n))
        --*sections;
    return is_block(n) ? tma_input_sink_break(s) : 0;
}

/* Writes the text under ROOT (ROOT itself included) to S. */
static int walk(tma_input_sink *s, const xmlNode *root)
{
    size_t pre = 0, sections = 0;
    /* The root's own sectioning counts for the headers and footers in it. */
    for (const xmlNode *a = root; a != NULL; a = a->parent)
        sections += a->type == XML_ELEMENT_NODE && is_sectioning(a);
    if (tma_input_sink_break(s) < 0)
        return -1;
    const xmlNode *n = root->children;
    while (n != NULL) {
        int descend = 0;
        if (n->type == XML_ELEMENT_NODE) {
            int site = (is(n, "header") || is(n, "footer")) && sections == 0;
            if (!site && !never_read(n)) {
                if (is_sectioning(n))
                    sections++;
                if (is(n, "pre") || is(n, "listing") || is(n, "xmp") || is(n, "plaintext"))
                    pre++;
                int rc = is(n, "br")   ? tma_input_sink_line_break(s)
                         : is_block(n) ? tma_input_sink_break(s)
                                       : 0;
                if (rc < 0)
                    return -1;
                descend = n->children != NULL;
                if (!descend && leave(s, n, &pre, &sections) < 0)
                    return -1;
            }
        } else if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) &&
                   n->content != NULL) {
            const char *t = (const char *)n->content;
            if (tma_input_sink_text(s, t, strlen(t),
                                    pre > 0 ? TMA_INPUT_SINK_PRE : TMA_INPUT_SINK_COLLAPSE) < 0)
                return -1;
        }
        if (descend) {
            n = n->children;
            continue;
        }
        while (n != root && n->next == NULL) {
            n = n->parent;
            if (n != root && leave(s, n, &pre, &sections) < 0)
                return -1;
        }
        n = n == root ? NULL : n->next;
    }
    return tma_input_sink_break(s);
}

/* libxml2's complaints about a page: the parser mends what it can, and what it cannot is told by
 * its context after the parse; but bytes the page's encoding cannot convert end the page there,
 * which only this tells. CONTEXT is an int set to 1 then. */
static void note_conversion_error(void *context, xmlErrorPtr e)
{
    if (e != NULL && (e->domain == XML_FROM_I18N || e->code == XML_IO_ENCODER ||
                      e->code == XML_ERR_INVALID_ENCODING))
        *(int *)context = 1;
}

/* 1 if the page is read as UTF-8: it names no encoding, or UTF-8, or UTF-16, which HTML reads
 * as UTF-8 when a <meta> names it (a page in UTF-16 starts with its byte order mark, and is no
 * page to the sniffing). */
static int utf8_page(const xmlDoc *doc)
{
    const char *e = (const char *)doc->encoding;
    return e == NULL || strcasecmp(e, "utf-8") == 0 || strcasecmp(e, "utf8") == 0 ||
           strncasecmp(e, "utf-16", 6) == 0;
}

/* Parses the page DATA into *out (NULL when libxml2 makes no page of it), nothing printed. */
static int parse_page(htmlDocPtr *out, const char *name, const char *data, size_t len,
                      tma_error *err)
{
    *out = NULL;
    htmlParserCtxtPtr ctxt = htmlNewParserCtxt();
    if (ctxt == NULL)
        return tma_error_nomem(err, "reading an HTML page");
    tma_xml_quiet quiet;
    int conversion_failed = 0;
    tma_xml_quiet_begin(&quiet, &conversion_failed, note_conversion_error);
    /* XML_PARSE_HUGE lifts the parser's cap of 256 on nesting, which a page of unclosed <font>
     * tags passes: without it the parser stops there and the rest of the page is lost. Nothing
     * here recurses on the depth. */
    htmlDocPtr doc = htmlCtxtReadMemory(ctxt, data, (int)len, NULL, NULL,
                                        HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                                            HTML_PARSE_NOWARNING | XML_PARSE_HUGE);
    /* The HTML parser mends what it can; one that gave up did not read the whole page. */
    int stopped = ctxt->disableSAX != 0 || ctxt->instate == XML_PARSER_EOF;
    int nomem = ctxt->errNo == XML_ERR_NO_MEMORY;
    htmlFreeParserCtxt(ctxt);
    /* An encoding libxml2 has no converter for: it read the page as Latin-1. */
    int unknown_encoding = 0;
    if (doc != NULL && !utf8_page(doc)) {
        xmlCharEncodingHandlerPtr converter =
            xmlFindCharEncodingHandler((const char *)doc->encoding);
        unknown_encoding = converter == NULL;
        if (converter != NULL)
            xmlCharEncCloseFunc(converter);
    }
    tma_xml_quiet_end(&quiet);
    int rc = 0;
    if (nomem)
        rc = tma_error_nomem(err, "reading an HTML page");
    else if (stopped && doc != NULL)
        rc = tma_error_set(err, TMA_ERR_INPUT, name, 0, 0,
                           "is an HTML page that libxml2 cannot read to its end; save its text "
                           "as UTF-8 text");
    else if (unknown_encoding)
        rc = tma_error_set(err, TMA_ERR_INPUT, name, 0, 0,
                           "is an HTML page in %.60s, an encoding tmalign cannot read; save it as "
                           "UTF-8",
                           (const char *)doc->encoding);
    else if (conversion_failed && doc != NULL && !utf8_page(doc))
        rc = tma_error_set(err, TMA_ERR_INPUT, name, 0, 0,
                           "is an HTML page whose bytes are not %.60s, the encoding it names; save "
                           "it as UTF-8",
                           (const char *)doc->encoding);
    /* A page in UTF-8, or naming no encoding, must be UTF-8: libxml2 would read bytes that are
     * not as Latin-1 from there on. Refused as a text file is, with the first bad byte. */
    else if (doc != NULL && utf8_page(doc))
        rc = tma_text_check_utf8(name, data, len, err);
    if (rc < 0)
        xmlFreeDoc(doc);
    else
        *out = doc;
    return rc;
}

int tma_input_html(tma_buf *out, const char *name, const char *data, size_t len, tma_error *err)
{
    if (len > MAX_HTML_BYTES)
        return tma_error_set(err, TMA_ERR_LIMIT, name, 0, 0,
                             "is an HTML page larger than %zu MiB; save its text as UTF-8 text",
                             MAX_HTML_BYTES >> 20);
    htmlDocPtr doc;
    int rc = parse_page(&doc, name, data, len, err);
    if (rc < 0 || doc == NULL)
        return rc; /* a refusal, or nothing libxml2 could make a page of: no text */
    tma_input_sink sink = {0};
    const xmlNode *html = xmlDocGetRootElement(doc);
    if (html != NULL && (walk(&sink, content_root(html)) < 0 || tma_input_sink_finish(&sink) < 0))
        rc = tma_input_sink_fail(&sink, name, err);
    if (rc == 0 && tma_buf_append(out, sink.out.data, sink.out.len) < 0)
        rc = tma_error_nomem(err, "reading an HTML page");
    tma_input_sink_free(&sink);
    xmlFreeDoc(doc);
    return rc;
}
