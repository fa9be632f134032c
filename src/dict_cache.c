/*
 * dict_cache.c - the binary dictionary cache.
 *
 * An image is written as a header, a table of (offset, count, element size)
 * for every array, and the arrays themselves, 16-byte aligned. Loading maps
 * the file read-only and points the image arrays into the mapping: no
 * parsing, no allocation. The header holds the content key of the sources
 * (so a changed dictionary never loads a stale image), the build's record
 * sizes, and a checksum of the data (so a damaged file is refused and
 * rebuilt). Files are written to a temporary name and renamed into place.
 */
#include "dict.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAGIC "DYADDIC1"

enum { N_ARRAYS = dyad__slot_count };

typedef struct arr_desc {
    uint64_t off, count;
    uint32_t elem, pad;
} arr_desc;

typedef struct header {
    char magic[8];
    uint32_t endian, n_arrays;
    uint64_t key[2];
    uint64_t data_sum;          /* hash of everything after the header */
    uint64_t total;             /* file size */
    uint32_t roots[DYAD__ROOTS];
    uint32_t n_stems;
    uint64_t stem_lengths;
    arr_desc a[N_ARRAYS];
} header;

static size_t align16(size_t x) { return (x + 15u) & ~(size_t)15u; }

static void describe(const dyad__image *im, header *h)
{
    size_t off = align16(sizeof *h);
    int i = 0;
#define DYAD__DESC(T, name)                                                  \
    h->a[i].off = off;                                                       \
    h->a[i].count = im->n_##name;                                            \
    h->a[i].elem = (uint32_t)sizeof(T);                                      \
    off = align16(off + im->n_##name * sizeof(T));                           \
    i++;
    DYAD__IMAGE_ARRAYS(DYAD__DESC)
#undef DYAD__DESC
    h->total = off;
}

dyad_status dyad__cache_save(const char *path, uint64_t key[2],
                             const dyad__image *im)
{
    header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, 8);
    h.endian = 0x01020304u;
    h.n_arrays = N_ARRAYS;
    h.key[0] = key[0];
    h.key[1] = key[1];
    memcpy(h.roots, im->roots, sizeof h.roots);
    h.n_stems = im->n_stems;
    h.stem_lengths = im->stem_lengths;
    describe(im, &h);
    char *blob = calloc(1, h.total);
    if (!blob) return DYAD_ENOMEM;
    int i = 0;
#define DYAD__COPY(T, name)                                                  \
    if (im->n_##name)                                                        \
        memcpy(blob + h.a[i].off, im->name, im->n_##name * sizeof(T));       \
    i++;
    DYAD__IMAGE_ARRAYS(DYAD__COPY)
#undef DYAD__COPY
    size_t hs = align16(sizeof h);
    h.data_sum = dyad__hash(blob + hs, h.total - hs, 99);
    memcpy(blob, &h, sizeof h);
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    dyad_status rc = DYAD_OK;
    FILE *f = fopen(tmp, "wb");
    if (!f) {
        free(blob);
        return DYAD_EIO;
    }
    if (fwrite(blob, 1, h.total, f) != h.total) rc = DYAD_EIO;
    if (fclose(f) != 0) rc = DYAD_EIO;
    free(blob);
    if (rc == DYAD_OK && rename(tmp, path) != 0) rc = DYAD_EIO;
    if (rc) unlink(tmp);
    return rc;
}

static int check_header(const header *h, size_t size, const uint64_t key[2])
{
    if (memcmp(h->magic, MAGIC, 8) || h->endian != 0x01020304u ||
        h->n_arrays != N_ARRAYS || h->total != size || h->key[0] != key[0] ||
        h->key[1] != key[1])
        return -1;
    int i = 0;
    int bad = 0;
#define DYAD__CHECK(T, name)                                                 \
    if (h->a[i].elem != sizeof(T) || h->a[i].off > size ||                   \
        h->a[i].count > (size - h->a[i].off) / sizeof(T) ||                  \
        (h->a[i].off & 15u))                                                 \
        bad = 1;                                                             \
    i++;
    DYAD__IMAGE_ARRAYS(DYAD__CHECK)
#undef DYAD__CHECK
    return bad ? -1 : 0;
}

dyad_status dyad__cache_load(const char *path, uint64_t key[2], dyad_dict *d)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return DYAD_EIO;
    struct stat st;
    if (fstat(fd, &st) != 0 || (size_t)st.st_size < sizeof(header)) {
        close(fd);
        return DYAD_ECACHE;
    }
    size_t size = (size_t)st.st_size;
    void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (map == MAP_FAILED) return DYAD_EIO;
    const header *h = map;
    size_t hs = align16(sizeof *h);
    if (check_header(h, size, key) ||
        dyad__hash((const char *)map + hs, size - hs, 99) != h->data_sum) {
        munmap(map, size);
        return DYAD_ECACHE;
    }
    dyad__image *im = &d->im;
    memset(im, 0, sizeof *im);
    int i = 0;
#define DYAD__POINT(T, name)                                                 \
    im->name = (T *)(void *)((char *)map + h->a[i].off);                     \
    im->n_##name = h->a[i].count;                                            \
    i++;
    DYAD__IMAGE_ARRAYS(DYAD__POINT)
#undef DYAD__POINT
    memcpy(im->roots, h->roots, sizeof im->roots);
    im->n_stems = h->n_stems;
    im->stem_lengths = h->stem_lengths;
    d->map = map;
    d->map_len = size;
    return DYAD_OK;
}

void dyad__cache_unmap(dyad_dict *d)
{
    munmap(d->map, d->map_len);
    d->map = NULL;
}
