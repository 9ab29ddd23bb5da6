/* I-Regexp (RFC 9485) for RFC 9535's match() and search(), on PCRE2.
 * Private to src/path. */
#ifndef SFN_PATH_REGEX_H
#define SFN_PATH_REGEX_H

/* PCRE2 must be loaded (Sfn_pcre2_load: the parser loads it for a
 * filter that calls match() or search()).
 * Whether SUBJECT matches PATTERN: the whole subject when FULL (match()),
 * any substring otherwise (search()). Returns 1 or 0; -1 when PATTERN is
 * not a valid I-Regexp (the functions then yield false); -2 when memory
 * ran out. */
int Sfn_iregexp_test(const char *pattern, const char *subject, int full);

#endif
