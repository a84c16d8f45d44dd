/* For sync_file_range, Linux only: elsewhere the files are synced one after another. */
#define _GNU_SOURCE
#include "outfile.h"

#include "error.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

static char *str_dup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = malloc(n);
    if (p != NULL)
        memcpy(p, s, n);
    return p;
}

/* What the user can do about errno E while writing PATH. */
static const char *write_advice(int e)
{
    switch (e) {
    case ENOENT:
        return "create the folder first";
    case ENOTDIR:
        return "a part of the path is a file, not a folder; choose another output path";
    case EACCES:
    case EPERM:
    case EROFS:
        return "choose a folder you may write to";
    case ENOSPC:
    case EDQUOT:
        return "free some disk space and run again";
    case EFBIG:
        return "the file system or a limit (ulimit -f) does not allow a file this large";
    default:
        return "check the output path";
    }
}

static int write_failed(tma_outfile *out, int e, const char *what, tma_error *err)
{
    return tma_error_set(err, TMA_ERR_IO, out->path, 0, 0, "cannot %s: %s; %s", what, strerror(e),
                         write_advice(e));
}

/* Creates the file TEMPLATE names, its last six characters "XXXXXX" replaced by letters and
 * digits that make a name nobody has, as mkstemp does, but with mode 0666 less the umask, as for
 * any output (mkstemp makes 0600, and reading the umask means setting it, which races with other
 * threads). Returns the open descriptor, or -1 with errno set. */
static int create_temp(char *template)
{
    static const char letters[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static atomic_uint counter;
    char *x = template + strlen(template) - 6;
    for (int attempt = 0; attempt < 1000; attempt++) {
        unsigned char bytes[6];
        if (getrandom(bytes, sizeof bytes, 0) != (ssize_t)sizeof bytes) {
            /* No random bytes: a counter and the process and thread make the name. */
            unsigned v = atomic_fetch_add(&counter, 1) * 2654435761u ^ (unsigned)getpid() ^
                         (unsigned)(uintptr_t)&bytes;
            for (size_t i = 0; i < sizeof bytes; i++, v /= 62)
                bytes[i] = (unsigned char)(v % 62);
        }
        for (size_t i = 0; i < 6; i++)
            x[i] = letters[bytes[i] % (sizeof letters - 1)];
        int fd = open(template, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

int tma_outfile_open(tma_outfile *out, const char *path, tma_error *err)
{
    static const char suffix[] = TMA_OUTFILE_TEMP_MARKER "XXXXXX";
    struct stat st;

    out->fp = NULL;
    out->committed = 0;
    out->write_errno = 0;
    out->finished = 0;
    out->no_sync = 0;
    out->path = str_dup(path);
    out->temp_path = calloc(1, strlen(path) + sizeof suffix);
    if (out->path == NULL || out->temp_path == NULL) {
        tma_outfile_discard(out);
        return tma_error_nomem(err, "opening an output file");
    }
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        int rc = tma_error_set(err, TMA_ERR_IO, path, 0, 0,
                               "is a folder, not a file; give a file name for the output");
        tma_outfile_discard(out);
        return rc;
    }
    strcpy(out->temp_path, path);
    strcat(out->temp_path, suffix);
    int fd = create_temp(out->temp_path);
    if (fd < 0) {
        int rc = write_failed(out, errno, "create a file in its folder", err);
        out->temp_path[0] = '\0';
        tma_outfile_discard(out);
        return rc;
    }
    /* The lock says that the file is being written: tma_outfile_remove_stale leaves it alone. */
    struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
    (void)fcntl(fd, F_SETLK, &lock);
    out->fp = fdopen(fd, "wb");
    if (out->fp == NULL) {
        int rc = write_failed(out, errno, "open for writing", err);
        close(fd);
        tma_outfile_discard(out);
        return rc;
    }
    return 0;
}

int tma_outfile_write(tma_outfile *out, const void *data, size_t len)
{
    if (out->write_errno != 0 || ferror(out->fp))
        return -1;
    if (fwrite(data, 1, len, out->fp) != len) {
        out->write_errno = errno ? errno : EIO;
        return -1;
    }
    return 0;
}

void tma_outfile_sync_folder(const char *path)
{
    char *copy = str_dup(path);
    if (copy == NULL)
        return;
    int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    if (fd >= 0) {
        (void)fsync(fd);
        close(fd);
    }
    free(copy);
}

int tma_outfile_finish(tma_outfile *out, tma_error *err)
{
    if (out->fp == NULL)
        return tma_error_set(err, TMA_ERR_INTERNAL, out->path, 0, 0,
                             "output file finished twice or never opened");
    FILE *fp = out->fp;
    out->fp = NULL;
    if (out->write_errno != 0 || ferror(fp)) {
        int e = out->write_errno ? out->write_errno : errno ? errno : EIO;
        fclose(fp);
        return write_failed(out, e, "write", err);
    }
    if (fflush(fp) != 0 || (!out->no_sync && fsync(fileno(fp)) != 0)) {
        int e = errno;
        fclose(fp);
        return write_failed(out, e, "write", err);
    }
    if (fclose(fp) != 0)
        return write_failed(out, errno, "write", err);
    out->finished = 1;
    return 0;
}

void tma_outfile_start_writeback(tma_outfile *outs, size_t count)
{
#ifdef SYNC_FILE_RANGE_WRITE
    for (size_t k = 0; k < count; k++) {
        if (outs[k].fp != NULL && !outs[k].no_sync && fflush(outs[k].fp) == 0)
            (void)sync_file_range(fileno(outs[k].fp), 0, 0, SYNC_FILE_RANGE_WRITE);
    }
#else
    (void)outs;
    (void)count;
#endif
}

/* Renames the finished OUT into place without syncing its folder. */
static int rename_into_place(tma_outfile *out, tma_error *err)
{
    if (!out->finished) {
        int rc = tma_outfile_finish(out, err);
        if (rc < 0)
            return rc;
    }
    if (out->committed)
        return tma_error_set(err, TMA_ERR_INTERNAL, out->path, 0, 0,
                             "output file committed twice");
    if (rename(out->temp_path, out->path) != 0)
        return write_failed(out, errno, "replace", err);
    out->committed = 1;
    return 0;
}

int tma_outfile_commit(tma_outfile *out, tma_error *err)
{
    int rc = rename_into_place(out, err);
    if (rc == 0 && !out->no_sync)
        tma_outfile_sync_folder(out->path);
    return rc;
}

/* 1 if PATH and OTHER are in the same folder. */
static int same_folder(const char *path, const char *other)
{
    const char *a = strrchr(path, '/'), *b = strrchr(other, '/');
    size_t la = a ? (size_t)(a - path) : 0, lb = b ? (size_t)(b - other) : 0;
    return la == lb && memcmp(path, other, la) == 0;
}

int tma_outfile_rename_all(tma_outfile *outs, size_t count, tma_error *err)
{
    int rc = 0;
    for (size_t k = 0; k < count && rc == 0; k++) {
        if (!outs[k].finished)
            rc = tma_outfile_finish(&outs[k], err);
    }
    for (size_t k = 0; k < count && rc == 0; k++)
        rc = rename_into_place(&outs[k], err);
    return rc;
}

int tma_outfile_commit_all(tma_outfile *outs, size_t count, tma_error *err)
{
    tma_outfile_start_writeback(outs, count);
    int rc = tma_outfile_rename_all(outs, count, err);
    size_t renamed = 0;
    while (renamed < count && outs[renamed].committed)
        renamed++;
    for (size_t k = 0; k < renamed; k++) {
        size_t j = 0;
        while (j < k && !same_folder(outs[j].path, outs[k].path))
            j++;
        if (j == k && !outs[k].no_sync)
            tma_outfile_sync_folder(outs[k].path);
    }
    return rc;
}

/* 1 if NAME ends as tma_outfile_open's temporary files do: the marker and six letters or digits. */
static int is_temp_name(const char *name)
{
    static const char marker[] = TMA_OUTFILE_TEMP_MARKER;
    size_t len = strlen(name), tail = sizeof marker - 1 + 6;
    if (len <= tail || memcmp(name + len - tail, marker, sizeof marker - 1) != 0)
        return 0;
    for (size_t i = len - 6; i < len; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
            return 0;
    }
    return 1;
}

void tma_outfile_remove_stale(const char *dir, const char *prefix, const struct timespec *before)
{
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    int dfd = dirfd(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct stat st;
        if (!is_temp_name(e->d_name) ||
            (prefix != NULL && strncmp(e->d_name, prefix, strlen(prefix)) != 0) ||
            fstatat(dfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
            st.st_uid != geteuid() || st.st_mtim.tv_sec > before->tv_sec ||
            (st.st_mtim.tv_sec == before->tv_sec && st.st_mtim.tv_nsec >= before->tv_nsec))
            continue;
        int fd = openat(dfd, e->d_name, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
        struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
        if (fd >= 0 && fcntl(fd, F_SETLK, &lock) == 0)
            (void)unlinkat(dfd, e->d_name, 0);
        if (fd >= 0)
            close(fd);
    }
    closedir(d);
}

void tma_outfile_discard(tma_outfile *out)
{
    if (out->fp != NULL) {
        fclose(out->fp);
        out->fp = NULL;
    }
    if (!out->committed && out->temp_path != NULL && out->temp_path[0] != '\0')
        (void)unlink(out->temp_path);
    free(out->path);
    free(out->temp_path);
    out->path = NULL;
    out->temp_path = NULL;
}
