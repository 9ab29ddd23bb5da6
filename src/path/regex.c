/* I-Regexp on PCRE2. I-Regexp is a subset of PCRE2's syntax: patterns
 * are first checked to use only what I-Regexp allows (no \d-style or
 * anchor escapes, no groups with '?', no backreferences), then compiled
 * as UTF with '.' excluding CR and LF, as RFC 9485 defines it. */
#include "config.h"

#include <string.h>

#include "path/regex.h"
#include "util/pcre2_api.h"

/* Escapes I-Regexp allows after a backslash, besides \p{..} and \P{..}. */
static const char single_escapes[] = "\\.-^?*+{}()|[]nrt";

static int valid_iregexp(const char *p)
{
	for (; *p != '\0'; p++) {
		if (*p == '(' && p[1] == '?')
			return 0;
		if (*p != '\\')
			continue;
		p++;
		if (*p == 'p' || *p == 'P') {
			if (p[1] != '{')
				return 0;
			continue;
		}
		if (*p == '\0' || strchr(single_escapes, *p) == NULL)
			return 0;
	}
	return 1;
}

static pcre2_code *compile(const char *pattern, int full)
{
	pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
	uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_DOLLAR_ENDONLY;
	pcre2_code *re;
	PCRE2_SIZE off;
	int err;

	if (cc == NULL)
		return NULL;
	pcre2_set_newline(cc, PCRE2_NEWLINE_ANYCRLF);
	if (full)
		opts |= PCRE2_ANCHORED | PCRE2_ENDANCHORED;
	re = pcre2_compile((PCRE2_SPTR) pattern, PCRE2_ZERO_TERMINATED, opts,
	                   &err, &off, cc);
	pcre2_compile_context_free(cc);
	return re;
}

int Sfn_iregexp_test(const char *pattern, const char *subject, int full)
{
	pcre2_match_data *md;
	pcre2_code *re;
	int rc;

	if (!valid_iregexp(pattern))
		return -1;
	re = compile(pattern, full);
	if (re == NULL)
		return -1;
	md = pcre2_match_data_create_from_pattern(re, NULL);
	if (md == NULL) {
		pcre2_code_free(re);
		return -2;
	}
	rc = pcre2_match(re, (PCRE2_SPTR) subject, strlen(subject), 0, 0, md,
	                 NULL);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
	if (rc == PCRE2_ERROR_NOMEMORY)
		return -2;
	return rc >= 0;
}
