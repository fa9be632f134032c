/*
 * metadata.h - document metadata found in the text: the publication date
 * written in a report's first lines ("Thursday, November 24, 2005",
 * "Friday, 10 August 2007", "September 13, 2006 17:26", "2005-11-24").
 * Sits between reading and sentence splitting; the date line itself is
 * excluded from coding. Also relative days in sentences and the names of
 * news agencies.
 */
#ifndef DYAD_METADATA_H
#define DYAD_METADATA_H

#include "base.h"

/* Scan the first lines of text for a line that is a date. Returns YYYYMMDD
 * and the line's byte span in line[0..1], or 0. */
int dyad__find_pub_date(const char *text, size_t len, uint32_t line[2]);

/* Parse a date written in words at s[0..n) ("Nov. 24, 2005", "10 August
 * 2007", with an optional leading weekday). Returns YYYYMMDD or 0 and the
 * bytes used in *used. */
int dyad__parse_text_date(const char *s, size_t n, size_t *used);

/* The date a sentence's events happened on, from its words (upper case)
 * and the publication date: "yesterday", "today", "tomorrow", "last
 * week", and weekdays ("on Saturday": the last Saturday on or before the
 * date; "next Monday", "last Friday"). The first such word decides;
 * without one, or without a date, the date itself. */
int dyad__relative_date(int date, const char *const *words, size_t n);

/* The usual name of a news agency written s[0..n) ("Agence
 * France-Presse", "the Associated Press", "(AFP)"), or NULL when it is not
 * one dyad knows. */
const char *dyad__agency_name(const char *s, size_t n);

#endif /* DYAD_METADATA_H */
