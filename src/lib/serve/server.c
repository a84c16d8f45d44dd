#define _GNU_SOURCE /* open_memstream's buffer, getrandom */
/* `tmalign review`: the HTTP side. libmicrohttpd serves on 127.0.0.1 only, on its own one thread;
 * every request must carry the token, name this server in its Host header and, for the API, come
 * from this server's page (Origin); bodies are capped. Three routes, none a path to a file: the
 * page, a story, a decision. */
#include "serve.h"

#include "error.h"

#include <arpa/inet.h>
#include <dlfcn.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include <jansson.h>
#include <microhttpd.h>

/* libmicrohttpd is opened when a server starts, not linked: linked, it and the TLS libraries it
 * needs were loaded into every command (tmalign align peaked 2.9 MB higher). The functions the
 * server calls, found in it by name. */
#define MHD_SONAME "libmicrohttpd.so.12"
static struct {
    struct MHD_Daemon *(*start_daemon)(unsigned int, uint16_t, MHD_AcceptPolicyCallback, void *,
                                       MHD_AccessHandlerCallback, void *, ...);
    void (*stop_daemon)(struct MHD_Daemon *);
    const union MHD_DaemonInfo *(*get_daemon_info)(struct MHD_Daemon *, enum MHD_DaemonInfoType,
                                                   ...);
    const char *(*lookup_connection_value)(struct MHD_Connection *, enum MHD_ValueKind,
                                           const char *);
    enum MHD_Result (*queue_response)(struct MHD_Connection *, unsigned int, struct MHD_Response *);
    struct MHD_Response *(*create_response_from_buffer)(size_t, void *,
                                                        enum MHD_ResponseMemoryMode);
    void (*destroy_response)(struct MHD_Response *);
    enum MHD_Result (*add_response_header)(struct MHD_Response *, const char *, const char *);
} mhd;
static pthread_once_t mhd_once = PTHREAD_ONCE_INIT;
static char mhd_failure[200]; /* why it could not be opened; "" when it was */

static void *mhd_symbol(void *lib, const char *name)
{
    void *f = dlsym(lib, name);
    if (f == NULL && mhd_failure[0] == '\0')
        snprintf(mhd_failure, sizeof mhd_failure, "%s has no %s", MHD_SONAME, name);
    return f;
}

static void mhd_open(void)
{
    void *lib = dlopen(MHD_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (lib == NULL) {
        const char *why = dlerror();
        snprintf(mhd_failure, sizeof mhd_failure, "%.180s", why ? why : MHD_SONAME);
        return;
    }
    /* POSIX: a function pointer converts from dlsym's void * by copying its bytes. */
    void *f[8] = {
        mhd_symbol(lib, "MHD_start_daemon"),     mhd_symbol(lib, "MHD_stop_daemon"),
        mhd_symbol(lib, "MHD_get_daemon_info"),  mhd_symbol(lib, "MHD_lookup_connection_value"),
        mhd_symbol(lib, "MHD_queue_response"),   mhd_symbol(lib, "MHD_create_response_from_buffer"),
        mhd_symbol(lib, "MHD_destroy_response"), mhd_symbol(lib, "MHD_add_response_header")};
    if (mhd_failure[0] != '\0')
        return;
    memcpy(&mhd.start_daemon, &f[0], sizeof f[0]);
    memcpy(&mhd.stop_daemon, &f[1], sizeof f[1]);
    memcpy(&mhd.get_daemon_info, &f[2], sizeof f[2]);
    memcpy(&mhd.lookup_connection_value, &f[3], sizeof f[3]);
    memcpy(&mhd.queue_response, &f[4], sizeof f[4]);
    memcpy(&mhd.create_response_from_buffer, &f[5], sizeof f[5]);
    memcpy(&mhd.destroy_response, &f[6], sizeof f[6]);
    memcpy(&mhd.add_response_header, &f[7], sizeof f[7]);
}

/* Opens libmicrohttpd once per process. Returns 0, or TMA_ERR_INTERNAL saying what to install. */
static int mhd_load(tma_error *err)
{
    pthread_once(&mhd_once, mhd_open);
    if (mhd_failure[0] == '\0')
        return 0;
    return tma_error_set(err, TMA_ERR_INTERNAL, NULL, 0, 0,
                         "cannot open the HTTP server library (%s); install libmicrohttpd12",
                         mhd_failure);
}

/* A request body over this is refused (413) before it is read: a decision is far smaller. */
#define BODY_MAX_BYTES             ((size_t)TMA_REVIEW_MAX_DECISION_BYTES)
#define CONNECTION_LIMIT           32
#define CONNECTION_TIMEOUT_SECONDS 60
#define TOKEN_BYTES                32

struct tma_review_server {
    struct MHD_Daemon *daemon;
    tma_serve_stories stories;
    char token[2 * TOKEN_BYTES + 1]; /* hex */
    char host_name[256];             /* a Host name accepted besides 127.0.0.1 and localhost */
    unsigned port;
    char url[512];
};

/* What a request has sent so far: its body, up to BODY_MAX_BYTES. */
typedef struct request {
    char *body;
    size_t len;
    int refused; /* a response went out already */
} request;

/* ---- Responses ----------------------------------------------------------------------------- */

static enum MHD_Result respond(struct MHD_Connection *c, unsigned status, const char *type,
                               char *data, size_t len)
{
    struct MHD_Response *r = mhd.create_response_from_buffer(len, data, MHD_RESPMEM_MUST_FREE);
    if (r == NULL) {
        free(data);
        return MHD_NO;
    }
    mhd.add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    mhd.add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    mhd.add_response_header(r, "X-Content-Type-Options", "nosniff");
    mhd.add_response_header(r, "X-Frame-Options", "DENY");
    /* The token is in the page's address: never send it on. */
    mhd.add_response_header(r, "Referrer-Policy", "no-referrer");
    mhd.add_response_header(r, "Content-Security-Policy",
                            "default-src 'none'; style-src 'unsafe-inline'; script-src "
                            "'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'");
    enum MHD_Result ok = mhd.queue_response(c, status, r);
    mhd.destroy_response(r);
    return ok;
}

static enum MHD_Result respond_json(struct MHD_Connection *c, unsigned status, json_t *j)
{
    char *text = j ? json_dumps(j, JSON_COMPACT) : NULL;
    json_decref(j);
    if (text == NULL)
        return MHD_NO;
    size_t len = strlen(text);
    char *line = realloc(text, len + 2); /* one line */
    if (line == NULL) {
        free(text);
        return MHD_NO;
    }
    line[len] = '\n';
    line[len + 1] = '\0';
    return respond(c, status, "application/json; charset=utf-8", line, len + 1);
}

/* An error as one line of JSON, {"error": MESSAGE}. */
static enum MHD_Result refuse(struct MHD_Connection *c, unsigned status, const char *message)
{
    return respond_json(c, status, json_pack("{ss}", "error", message));
}

/* ERR as a refusal: bad or oversized input is the client's (400, 413), the rest ours (500). */
static enum MHD_Result refuse_error(struct MHD_Connection *c, const tma_error *err)
{
    char line[sizeof err->path + sizeof err->message + 32];
    unsigned status = err->code == TMA_ERR_INPUT   ? MHD_HTTP_BAD_REQUEST
                      : err->code == TMA_ERR_LIMIT ? MHD_HTTP_CONTENT_TOO_LARGE
                                                   : MHD_HTTP_INTERNAL_SERVER_ERROR;
    if (err->path[0] && err->line > 0)
        snprintf(line, sizeof line, "%s:%ld: %s", err->path, err->line, err->message);
    else if (err->path[0])
        snprintf(line, sizeof line, "%s: %s", err->path, err->message);
    else
        snprintf(line, sizeof line, "%s", err->message);
    return refuse(c, status, line);
}

/* ---- The checks every request passes ------------------------------------------------------- */

/* 1 if A is the token: every byte compared whatever the first difference, so that the time taken
 * says nothing of how much of a guess was right. */
static int token_matches(const char *token, const char *a)
{
    size_t n = strlen(token);
    unsigned char diff = a == NULL || strlen(a) != n;
    for (size_t i = 0; a != NULL && i < n; i++)
        diff |= (unsigned char)(token[i] ^ (a[i] ? a[i] : 0));
    return diff == 0;
}

/* 1 if AUTHORITY ("127.0.0.1:8080") names this server: 127.0.0.1, localhost or its host name,
 * with its port. What a DNS rebinding page's requests say is its own name, refused here. */
static int is_own_authority(const tma_review_server *s, const char *authority)
{
    const char *names[] = {"127.0.0.1", "localhost", s->host_name};
    char want[300];
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (names[i][0] == '\0')
            continue;
        snprintf(want, sizeof want, "%s:%u", names[i], s->port);
        if (authority != NULL && strcmp(authority, want) == 0)
            return 1;
    }
    return 0;
}

/* Why the request cannot go on (its status in *status), or NULL when it may. */
static const char *refusal(const tma_review_server *s, struct MHD_Connection *c, const char *url,
                           const char *method, unsigned *status)
{
    *status = MHD_HTTP_FORBIDDEN;
    if (!is_own_authority(s, mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Host")))
        return "the Host header does not name this server; open the address tmalign review "
               "printed";
    const char *token = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "X-Tmalign-Token");
    if (token == NULL)
        token = mhd.lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "token");
    if (!token_matches(s->token, token))
        return "no token or a wrong one; open the address tmalign review printed, with its "
               "token";
    const char *origin = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Origin");
    int api = strncmp(url, "/api/", 5) == 0;
    if ((api || strcmp(method, "GET") != 0) && origin != NULL) {
        if (strncmp(origin, "http://", 7) != 0 || !is_own_authority(s, origin + 7))
            return "a page of another site may not use this server";
    }
    const char *site = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Sec-Fetch-Site");
    if (api && site != NULL && strcmp(site, "same-origin") != 0 && strcmp(site, "none") != 0)
        return "a page of another site may not use this server";
    *status = MHD_HTTP_METHOD_NOT_ALLOWED;
    if (strcmp(method, "GET") != 0 && strcmp(method, "POST") != 0)
        return "only GET and POST are served";
    const char *length = mhd.lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    /* Without a length the cap could only be known by reading on: such a body is refused at
     * once, as every browser says the length of what it sends. */
    *status = MHD_HTTP_LENGTH_REQUIRED;
    if (strcmp(method, "POST") == 0 && length == NULL)
        return "a request with a body must say its Content-Length";
    *status = MHD_HTTP_CONTENT_TOO_LARGE;
    if (length != NULL && strtoull(length, NULL, 10) > BODY_MAX_BYTES)
        return "the request is too large: a decision is at most 64 KB";
    return NULL;
}

/* ---- Routes -------------------------------------------------------------------------------- */

/* Writes with WRITE into memory; NULL when out of memory. */
static char *render(void (*write)(void *arg, FILE *fp), void *arg, size_t *len)
{
    char *text = NULL;
    FILE *fp = open_memstream(&text, len);
    if (fp == NULL)
        return NULL;
    write(arg, fp);
    if (fclose(fp) != 0) {
        free(text);
        return NULL;
    }
    return text;
}

typedef struct story_render {
    tma_serve_stories *stories;
    size_t index;
} story_render;

static void write_page(void *arg, FILE *fp)
{
    tma_report_html_page(&((tma_serve_stories *)arg)->view, fp, 1);
}

static void write_story(void *arg, FILE *fp)
{
    story_render *r = arg;
    tma_report_html_story(&r->stories->view, &r->stories->view.stories[r->index], r->index, fp);
}

static enum MHD_Result serve_page(tma_review_server *s, struct MHD_Connection *c)
{
    tma_error err = {0};
    for (size_t i = 0; i < s->stories.report.story_count; i++) {
        /* A story that cannot be re-aligned (its files moved) shows as the batch left it. */
        if (tma_serve_story_refresh(&s->stories, i, &err) < 0)
            err = (tma_error){0};
    }
    size_t len;
    char *page = render(write_page, &s->stories, &len);
    if (page == NULL)
        return refuse(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    return respond(c, MHD_HTTP_OK, "text/html; charset=utf-8", page, len);
}

/* Story I as the page shows it: its section, and what an undo would take back. */
static enum MHD_Result serve_story(tma_review_server *s, struct MHD_Connection *c, size_t i,
                                   long id)
{
    story_render r = {&s->stories, i};
    size_t len;
    char *html = render(write_story, &r, &len);
    if (html == NULL)
        return refuse(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory");
    json_t *j = json_pack("{ss#sIsI}", "html", html, len, "undo",
                          (json_int_t)s->stories.current[i].undo, "id", (json_int_t)id);
    free(html);
    return respond_json(c, MHD_HTTP_OK, j);
}

static size_t story_named(tma_review_server *s, struct MHD_Connection *c, const char *key)
{
    const char *name = mhd.lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, key);
    return name ? tma_serve_story_find(&s->stories, name, strlen(name))
                : s->stories.report.story_count;
}

static enum MHD_Result route(tma_review_server *s, struct MHD_Connection *c, const char *url,
                             const char *method, const request *rq)
{
    int get = strcmp(method, "GET") == 0;
    tma_error err = {0};
    if (strcmp(url, "/") == 0 && get)
        return serve_page(s, c);
    if (strcmp(url, "/api/story") == 0 && get) {
        size_t i = story_named(s, c, "name");
        if (i == s->stories.report.story_count)
            return refuse(c, MHD_HTTP_NOT_FOUND, "no such story in this folder");
        if (tma_serve_story_refresh(&s->stories, i, &err) < 0)
            return refuse_error(c, &err);
        return serve_story(s, c, i, 0);
    }
    if (strcmp(url, "/api/decision") == 0 && !get) {
        size_t i = story_named(s, c, "story");
        long id = 0;
        if (i == s->stories.report.story_count)
            return refuse(c, MHD_HTTP_NOT_FOUND, "no such story in this folder");
        if (tma_serve_story_decide(&s->stories, i, rq->body ? rq->body : "", rq->len, &id, &err) <
            0)
            return refuse_error(c, &err);
        return serve_story(s, c, i, id);
    }
    if (strcmp(url, "/") == 0 || strcmp(url, "/api/story") == 0 ||
        strcmp(url, "/api/decision") == 0)
        return refuse(c, MHD_HTTP_METHOD_NOT_ALLOWED, "not with this method");
    return refuse(c, MHD_HTTP_NOT_FOUND, "nothing here: the page is at /, with its token");
}

/* libmicrohttpd's handler: called once with the headers (*con_cls NULL), then with each piece of
 * the body, then once more with none. */
static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    tma_review_server *s = cls;
    request *rq = *con_cls;
    (void)version;
    if (rq == NULL) {
        unsigned status;
        const char *why = refusal(s, c, url, method, &status);
        if ((rq = calloc(1, sizeof *rq)) == NULL)
            return MHD_NO;
        *con_cls = rq;
        if (why != NULL) {
            rq->refused = 1;
            return refuse(c, status, why);
        }
        return MHD_YES;
    }
    if (rq->refused) {
        *upload_data_size = 0; /* what is left of a refused body is not read */
        return MHD_YES;
    }
    if (*upload_data_size > 0) {
        size_t n = *upload_data_size;
        *upload_data_size = 0;
        if (rq->len + n > BODY_MAX_BYTES) {
            rq->refused = 1;
            return refuse(c, MHD_HTTP_CONTENT_TOO_LARGE,
                          "the request is too large: a decision is at most 64 KB");
        }
        char *grown = realloc(rq->body, rq->len + n + 1);
        if (grown == NULL)
            return MHD_NO;
        memcpy(grown + rq->len, upload_data, n);
        rq->body = grown;
        rq->len += n;
        rq->body[rq->len] = '\0';
        return MHD_YES;
    }
    return route(s, c, url, method, rq);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    request *rq = *con_cls;
    (void)cls, (void)c, (void)code;
    if (rq != NULL) {
        free(rq->body);
        free(rq);
        *con_cls = NULL;
    }
}

/* ---- Starting and stopping ----------------------------------------------------------------- */

static int make_token(char *hex, tma_error *err)
{
    unsigned char bytes[TOKEN_BYTES];
    size_t got = 0;
    while (got < sizeof bytes) {
        ssize_t n = getrandom(bytes + got, sizeof bytes - got, 0);
        if (n < 0)
            return tma_error_set(err, TMA_ERR_IO, NULL, 0, 0,
                                 "cannot get random bytes for the token (getrandom)");
        got += (size_t)n;
    }
    for (size_t i = 0; i < sizeof bytes; i++)
        snprintf(hex + 2 * i, 3, "%02x", bytes[i]);
    return 0;
}

int tma_review_server_start(tma_review_server **out, const char *folder,
                            const tma_review_server_options *options, const tma_options *base,
                            tma_error *err)
{
    *out = NULL;
    int loaded = mhd_load(err);
    if (loaded < 0)
        return loaded;
    tma_review_server *s = calloc(1, sizeof *s);
    if (s == NULL)
        return tma_error_nomem(err, "starting the review server");
    int rc = make_token(s->token, err);
    if (rc == 0 && options->host_name != NULL &&
        (strlen(options->host_name) >= sizeof s->host_name ||
         strpbrk(options->host_name, ":/ ?#@") != NULL || options->host_name[0] == '\0'))
        rc = tma_error_about(err, "host_name",
                             tma_error_set(err, TMA_ERR_USAGE, NULL, 0, 0,
                                           "host name '%s' is not a name: give a host name "
                                           "alone, without port or path",
                                           options->host_name));
    if (rc == 0 && options->host_name != NULL)
        snprintf(s->host_name, sizeof s->host_name, "%s", options->host_name);
    if (rc == 0)
        rc = options->file_count > 0
                 ? tma_serve_stories_open_align(&s->stories, folder, options->files, options->langs,
                                                options->file_count, base, err)
                 : tma_serve_stories_open(&s->stories, folder, base, err);
    if (rc < 0) {
        free(s);
        return rc;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((uint16_t)options->port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    s->daemon = mhd.start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD, (uint16_t)options->port, NULL, NULL, on_request, s,
        MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr, MHD_OPTION_CONNECTION_LIMIT,
        (unsigned)CONNECTION_LIMIT, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)CONNECTION_TIMEOUT_SECONDS, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)65536,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_END);
    if (s->daemon == NULL) {
        tma_serve_stories_free(&s->stories);
        free(s);
        return tma_error_about(err, "port",
                               tma_error_set(err, TMA_ERR_IO, NULL, 0, 0,
                                             "cannot listen on 127.0.0.1 port %u: in use, or "
                                             "not allowed; give another port, or 0 for any",
                                             options->port));
    }
    const union MHD_DaemonInfo *info = mhd.get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : options->port;
    snprintf(s->url, sizeof s->url, "http://%s:%u/?token=%s",
             s->host_name[0] ? s->host_name : "127.0.0.1", s->port, s->token);
    *out = s;
    return 0;
}

const char *tma_review_server_url(const tma_review_server *server)
{
    return server->url;
}

void tma_review_server_stop(tma_review_server *server)
{
    if (server == NULL)
        return;
    mhd.stop_daemon(server->daemon);
    tma_serve_stories_free(&server->stories);
    free(server);
}
