/* Outputs are written beside their final path and renamed into place only on commit. */
#define _POSIX_C_SOURCE 200809L
#include "check.h"
#include "outfile.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256];

static void write_file(const char *path, const char *text)
{
    FILE *fp = fopen(path, "w");
    fputs(text, fp);
    fclose(fp);
}

static char *read_file(const char *path)
{
    static char buf[256];
    FILE *fp = fopen(path, "r");
    size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;
    buf[n] = '\0';
    if (fp)
        fclose(fp);
    return buf;
}

static int files_in(const char *path)
{
    DIR *d = opendir(path);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;)
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/tmalign-outfile-%ld", (long)getpid());
    mkdir(dir, 0777);
    char path[512];
    snprintf(path, sizeof path, "%s/out.txt", dir);
    write_file(path, "old");
    tma_error err = {0};

    /* Discarded: the old file stays, the temporary file goes. */
    tma_outfile out = TMA_OUTFILE_INIT;
    CHECK_EQ_INT(tma_outfile_open(&out, path, &err), 0);
    fputs("half", out.fp);
    CHECK_EQ_INT(files_in(dir), 2);
    tma_outfile_discard(&out);
    CHECK_EQ_STR(read_file(path), "old");
    CHECK_EQ_INT(files_in(dir), 1);

    /* Committed: the new content replaces the old. */
    CHECK_EQ_INT(tma_outfile_open(&out, path, &err), 0);
    fputs("new", out.fp);
    CHECK_EQ_INT(tma_outfile_commit(&out, &err), 0);
    tma_outfile_discard(&out);
    CHECK_EQ_STR(read_file(path), "new");
    CHECK_EQ_INT(files_in(dir), 1);

    /* An output has the mode of any new file, 0666 less the umask, not mkstemp's 0600. */
    char mode_path[600];
    snprintf(mode_path, sizeof mode_path, "%s/mode.txt", dir);
    mode_t old_mask = umask(022);
    struct stat st;
    CHECK_EQ_INT(tma_outfile_open(&out, mode_path, &err), 0);
    CHECK_EQ_INT(tma_outfile_commit(&out, &err), 0);
    tma_outfile_discard(&out);
    CHECK(stat(mode_path, &st) == 0 && (st.st_mode & 0777) == 0644);
    umask(027);
    CHECK_EQ_INT(tma_outfile_open(&out, mode_path, &err), 0);
    CHECK_EQ_INT(tma_outfile_commit(&out, &err), 0);
    tma_outfile_discard(&out);
    CHECK(stat(mode_path, &st) == 0 && (st.st_mode & 0777) == 0640);
    umask(old_mask);
    unlink(mode_path);

    /* Several files committed together, one of them not synced: all in place, no temporary
     * file left. */
    tma_outfile group[3] = {TMA_OUTFILE_INIT, TMA_OUTFILE_INIT, TMA_OUTFILE_INIT};
    char paths[3][600];
    for (int k = 0; k < 3; k++) {
        snprintf(paths[k], sizeof paths[k], "%s/group%d.txt", dir, k);
        CHECK_EQ_INT(tma_outfile_open(&group[k], paths[k], &err), 0);
        fprintf(group[k].fp, "file %d", k);
    }
    group[2].no_sync = 1;
    CHECK_EQ_INT(tma_outfile_commit_all(group, 3, &err), 0);
    for (int k = 0; k < 3; k++) {
        char expected[16];
        snprintf(expected, sizeof expected, "file %d", k);
        CHECK_EQ_STR(read_file(paths[k]), expected);
        tma_outfile_discard(&group[k]);
        unlink(paths[k]);
    }
    CHECK_EQ_INT(files_in(dir), 1);

    /* A folder that does not exist, and a folder given as the file. */
    char missing[600];
    snprintf(missing, sizeof missing, "%s/nope/out.txt", dir);
    CHECK_EQ_INT(tma_outfile_open(&out, missing, &err), TMA_ERR_IO);
    CHECK_EQ_STR(err.path, missing);
    CHECK(strstr(err.message, "create the folder first") != NULL);
    CHECK_EQ_INT(tma_outfile_open(&out, dir, &err), TMA_ERR_IO);
    CHECK(strstr(err.message, "is a folder") != NULL);

    /* A disk that is full: /dev/full fails every write, and the commit reports it. */
    if (access("/dev/full", W_OK) == 0) {
        tma_outfile full = TMA_OUTFILE_INIT;
        CHECK_EQ_INT(tma_outfile_open(&full, path, &err), 0);
        FILE *devfull = fopen("/dev/full", "w");
        fclose(full.fp);
        full.fp = devfull;
        fputs("data that cannot be written", full.fp);
        CHECK_EQ_INT(tma_outfile_commit(&full, &err), TMA_ERR_IO);
        CHECK(strstr(err.message, "No space left") != NULL);
        tma_outfile_discard(&full);
        CHECK_EQ_STR(read_file(path), "new");
        CHECK_EQ_INT(files_in(dir), 1);
    }

    unlink(path);
    rmdir(dir);
    return check_summary();
}
