/*
 * builtin.h - data compiled into the library: the default dictionaries of
 * data/dict/ and the CAMEO table of data/cameo/. The build generates
 * builtin_data.c from those files with tools/embed.c (nothing generated is
 * committed), so build/dyad works from any directory.
 */
#ifndef DYAD_BUILTIN_H
#define DYAD_BUILTIN_H

#include <stddef.h>

typedef struct dyad__builtin_file {
    int kind;             /* dyad_dict_kind, or -1 for data that is not one */
    const char *name;     /* file name without directories */
    const char *data;     /* NUL-terminated */
    size_t len;
} dyad__builtin_file;

extern const dyad__builtin_file dyad__builtin_files[];
extern const size_t dyad__builtin_count;

/* Find a built-in data file by name; NULL if absent. */
const dyad__builtin_file *dyad__builtin_find(const char *name);

#endif /* DYAD_BUILTIN_H */
