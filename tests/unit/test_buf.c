/* The byte buffer grows as needed and keeps what it holds; tma_grow doubles an array's capacity
 * and refuses a size that would overflow, leaving the array to its owner; tma_zeroed's memory is
 * all zero, and it too refuses an overflowing size. */
#include "buf.h"
#include "check.h"

#include <stdint.h>
#include <stdlib.h>

static void test_buf_append(void)
{
    tma_buf b = TMA_BUF_INIT;
    for (int i = 0; i < 1000; i++)
        CHECK_EQ_INT(tma_buf_push(&b, (char)('a' + i % 26)), 0);
    CHECK_EQ_INT(tma_buf_append(&b, "xyz", 3), 0);
    CHECK_EQ_INT(b.len, 1003);
    CHECK(b.cap >= b.len);
    CHECK(b.data[0] == 'a' && b.data[25] == 'z' && b.data[1002] == 'z');
    char *data = tma_buf_detach(&b);
    CHECK(data != NULL && b.data == NULL && b.len == 0 && b.cap == 0);
    free(data);
    tma_buf_free(&b);
}

static void test_grow(void)
{
    size_t cap = 0;
    int *items = tma_grow(NULL, &cap, 1, sizeof *items, 16);
    CHECK(items != NULL);
    CHECK_EQ_INT(cap, 16);
    items[15] = 7;
    int *same = tma_grow(items, &cap, 16, sizeof *items, 16);
    CHECK(same == items);
    CHECK_EQ_INT(cap, 16);
    int *grown = tma_grow(items, &cap, 17, sizeof *items, 16);
    CHECK(grown != NULL);
    CHECK_EQ_INT(cap, 32);
    CHECK_EQ_INT(grown[15], 7);
    grown = tma_grow(grown, &cap, 100, sizeof *grown, 16);
    CHECK_EQ_INT(cap, 128);

    size_t before = cap;
    CHECK(tma_grow(grown, &cap, SIZE_MAX / 2 + 2, sizeof *grown, 16) == NULL);
    CHECK(tma_grow(grown, &cap, SIZE_MAX / sizeof *grown + 1, sizeof *grown, 16) == NULL);
    CHECK_EQ_INT(cap, before);
    CHECK_EQ_INT(grown[15], 7);
    free(grown);

    size_t zero_cap = 0;
    char *one = tma_grow(NULL, &zero_cap, 1, 1, 0);
    CHECK(one != NULL && zero_cap == 1);
    free(one);
}

static void test_zeroed(void)
{
    size_t n = 300000;
    uint32_t *v = tma_zeroed(n, sizeof *v);
    CHECK(v != NULL);
    size_t nonzero = 0;
    for (size_t k = 0; k < n; k++)
        nonzero += v[k] != 0;
    CHECK_EQ_INT(nonzero, 0);
    free(v);
    CHECK(tma_zeroed(SIZE_MAX / 2, 4) == NULL);
    void *none = tma_zeroed(0, 8);
    CHECK(none != NULL);
    free(none);
}

int main(void)
{
    test_buf_append();
    test_grow();
    test_zeroed();
    return check_summary();
}
