/* The main of a fuzz target built without libFuzzer (gcc): runs LLVMFuzzerTestOneInput once on
 * each file named on the command line, and on each file of each folder named, in name order.
 * Each input is read into a buffer of exactly its size, as libFuzzer passes it, so that the
 * sanitizers catch a read past its end. Exits 0 when every input ran; a broken invariant
 * aborts. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz.h"

#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>

static int run_file(const char *path)
{
    FILE *fp = fopen(path, "rb");
    if (fp == NULL) {
        fprintf(stderr, "replay: cannot open %s: %s\n", path, strerror(errno));
        return -1;
    }
    size_t len = 0, cap = 0;
    uint8_t *data = NULL;
    for (;;) {
        if (len == cap) {
            cap = cap ? cap * 2 : 4096;
            uint8_t *p = realloc(data, cap);
            if (p == NULL) {
                fprintf(stderr, "replay: out of memory reading %s\n", path);
                free(data);
                fclose(fp);
                return -1;
            }
            data = p;
        }
        size_t n = fread(data + len, 1, cap - len, fp);
        len += n;
        if (n == 0)
            break;
    }
    int bad = ferror(fp);
    fclose(fp);
    if (bad) {
        fprintf(stderr, "replay: cannot read %s\n", path);
        free(data);
        return -1;
    }
    /* A buffer of exactly LEN bytes (a 1-byte one for an empty file, passed with size 0). */
    uint8_t *exact = malloc(len ? len : 1);
    if (exact == NULL) {
        free(data);
        return -1;
    }
    if (len > 0)
        memcpy(exact, data, len);
    free(data);
    printf("%s\n", path);
    fflush(stdout);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Runs every regular file in folder DIR in name order; stores how many in *count. */
static int run_folder(const char *dir, size_t *count)
{
    DIR *d = opendir(dir);
    if (d == NULL) {
        fprintf(stderr, "replay: cannot open %s: %s\n", dir, strerror(errno));
        return -1;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **p = realloc(names, cap * sizeof *p);
            if (p == NULL) {
                rc = -1;
                break;
            }
            names = p;
        }
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        if ((names[n] = malloc(len)) == NULL) {
            rc = -1;
            break;
        }
        snprintf(names[n++], len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    if (n > 0)
        qsort(names, n, sizeof *names, cmp_str);
    for (size_t k = 0; k < n; k++) {
        struct stat st;
        if (rc == 0 && stat(names[k], &st) == 0 && S_ISREG(st.st_mode)) {
            rc = run_file(names[k]);
            ++*count;
        }
        free(names[k]);
    }
    free(names);
    return rc;
}

int main(int argc, char **argv)
{
    size_t count = 0;
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE|FOLDER...\n", argv[0]);
        return 2;
    }
    for (int k = 1; k < argc; k++) {
        struct stat st;
        if (stat(argv[k], &st) != 0) {
            fprintf(stderr, "replay: %s: %s\n", argv[k], strerror(errno));
            return 1;
        }
        if (S_ISDIR(st.st_mode) ? run_folder(argv[k], &count) < 0 : run_file(argv[k]) < 0)
            return 1;
        count += !S_ISDIR(st.st_mode);
    }
    if (count == 0) {
        fprintf(stderr, "replay: no inputs: an empty seed corpus tests nothing\n");
        return 1;
    }
    printf("replayed %zu inputs\n", count);
    return 0;
}
