/*
 * util.h - the few helpers the C test programs share: CHECK macros that
 * count failures and print file:line, and a summary. Header-only, no
 * framework.
 */
#ifndef DYAD_TEST_UTIL_H
#define DYAD_TEST_UTIL_H

#include <stdio.h>
#include <string.h>

static int test_failures, test_checks;

#define CHECK(cond)                                                        \
    do {                                                                   \
        test_checks++;                                                     \
        if (!(cond)) {                                                     \
            test_failures++;                                               \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__,         \
                    __LINE__, #cond);                                      \
        }                                                                  \
    } while (0)

#define CHECK_STR(got, want)                                               \
    do {                                                                   \
        const char *g_ = (got), *w_ = (want);                              \
        test_checks++;                                                     \
        if (!g_ || strcmp(g_, w_) != 0) {                                  \
            test_failures++;                                               \
            fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__,  \
                    __LINE__, g_ ? g_ : "(null)", w_);                     \
        }                                                                  \
    } while (0)

#define CHECK_INT(got, want)                                               \
    do {                                                                   \
        long g_ = (long)(got), w_ = (long)(want);                          \
        test_checks++;                                                     \
        if (g_ != w_) {                                                    \
            test_failures++;                                               \
            fprintf(stderr, "%s:%d: %s = %ld, want %ld\n", __FILE__,       \
                    __LINE__, #got, g_, w_);                               \
        }                                                                  \
    } while (0)

static inline int test_summary(const char *name)
{
    printf("%s: %d checks, %d failed\n", name, test_checks, test_failures);
    return test_failures ? 1 : 0;
}

#endif /* DYAD_TEST_UTIL_H */
