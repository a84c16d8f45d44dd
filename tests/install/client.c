/* A program of the library's users: aligns two versions of a story through libtmalign. */
#include <stdio.h>
#include <string.h>
#include <tmalign.h>

int main(void)
{
    const char *en = "The minister arrived in Yerevan on Monday. He met 12 officials.\n";
    const char *ru = "Министр прибыл в Ереван в понедельник. Он встретился с 12 чиновниками.\n";
    tma_error err;
    tma_ctx *ctx = NULL;
    tma_worker *w = NULL;
    tma_doc *docs[2] = {NULL, NULL};
    tma_story *story = NULL;
    if (tma_ctx_new(&ctx, NULL, &err) < 0 || tma_worker_new(&w, ctx, &err) < 0 ||
        tma_doc_read_mem(&docs[0], w, "en.txt", en, strlen(en), "en", &err) < 0 ||
        tma_doc_read_mem(&docs[1], w, "ru.txt", ru, strlen(ru), "ru", &err) < 0 ||
        tma_story_align(&story, w, docs, 2, &err) < 0) {
        fprintf(stderr, "client: %s\n", err.message);
        return 1;
    }
    size_t count;
    const tma_unit *units = tma_story_units(story, &count);
    for (size_t i = 0; i < count; i++)
        printf("%u-%u %.2f\n", units[i].count[0], units[i].count[1], units[i].score);
    tma_story_free(story);
    tma_doc_free(docs[0]);
    tma_doc_free(docs[1]);
    tma_worker_free(w);
    tma_ctx_free(ctx);
    return 0;
}
