/* The Resource of a Task state taken apart: ARN fields, then what the
 * resource part says for service integrations, Lambda functions and
 * activities. "${...}" placeholders of templates are opaque runs. Knows
 * nothing of the validator's messages. */
#include "config.h"

#include <string.h>

#include "sfn/resource.h"

int sfn_text_is(struct sfn_text part, const char *word)
{
	return part.ptr != NULL && strlen(word) == part.len &&
	       memcmp(part.ptr, word, part.len) == 0;
}

static struct sfn_text text_of(const char *from, const char *to)
{
	struct sfn_text t = { from, (size_t) (to - from) };

	return t;
}

/* Where the next top-level C at or after S is (a "${...}" hides its
 * content), or NULL; *PH is set when a placeholder was crossed. */
static const char *find(const char *s, const char *end, char c, int *ph)
{
	while (s < end) {
		const char *close;

		if (s[0] == '$' && s + 1 < end && s[1] == '{') {
			close = memchr(s, '}', (size_t) (end - s));
			*ph = 1;
			if (close == NULL)
				return NULL;
			s = close + 1;
			continue;
		}
		if (*s == c)
			return s;
		s++;
	}
	return NULL;
}

/* scheme ":" rest, the scheme a letter then letters, digits, + - . */
static int is_uri(const char *s)
{
	size_t i = 0;

	if (!((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
		return 0;
	while (s[i] != ':' && s[i] != '\0' &&
	       (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') ||
	        (s[i] >= '0' && s[i] <= '9') || strchr("+-.", s[i])))
		i++;
	return s[i] == ':' && s[i + 1] != '\0';
}

/* arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE; 0 (and R's parts
 * untouched) when S has fewer fields. */
static int split_arn(const char *s, const char *end, struct sfn_resource *r)
{
	struct sfn_text fields[4];
	const char *p = s + 4, *colon;

	if (strncmp(s, "arn:", 4) != 0)
		return 0;
	for (size_t i = 0; i < 4; i++) {
		colon = find(p, end, ':', &r->placeholders);
		if (colon == NULL)
			return 0;
		fields[i] = text_of(p, colon);
		p = colon + 1;
	}
	r->partition = fields[0];
	r->service = fields[1];
	r->region = fields[2];
	r->account = fields[3];
	r->resource = text_of(p, end);
	return 1;
}

static const struct {
	const char *suffix;
	enum sfn_resource_pattern pattern;
} patterns[] = {
	{ "", SFN_PATTERN_REQUEST_RESPONSE },
	{ ".sync", SFN_PATTERN_SYNC },
	{ ".sync:2", SFN_PATTERN_SYNC2 },
	{ ".waitForTaskToken", SFN_PATTERN_TOKEN },
};

#define NPATTERNS (sizeof(patterns) / sizeof(patterns[0]))

static enum sfn_resource_pattern pattern_of(struct sfn_text suffix)
{
	for (size_t i = 0; i < NPATTERNS; i++)
		if (sfn_text_is(suffix, patterns[i].suffix))
			return patterns[i].pattern;
	return SFN_PATTERN_UNKNOWN;
}

/* SERVICE:ACTION[.PATTERN], or aws-sdk:SERVICE:ACTION[.PATTERN]: the
 * resource part of arn:P:states:::... */
static int split_integration(struct sfn_resource *r)
{
	const char *p = r->resource.ptr, *end = p + r->resource.len;
	const char *colon = find(p, end, ':', &r->placeholders), *dot;

	if (colon == NULL || colon == p)
		return 0;
	if (sfn_text_is(text_of(p, colon), "aws-sdk"))
		colon = find(colon + 1, end, ':', &r->placeholders);
	if (colon == NULL || colon + 1 == end)
		return 0;
	dot = find(colon + 1, end, '.', &r->placeholders);
	if (dot == NULL)
		dot = end;
	if (dot == colon + 1)
		return 0;
	r->integration = text_of(p, colon);
	r->action = text_of(colon + 1, dot);
	r->pattern_text = text_of(dot, end);
	r->pattern = pattern_of(r->pattern_text);
	return 1;
}

/* NAME[:QUALIFIER] after "function:" or "activity:". */
static void split_name(struct sfn_resource *r, size_t prefix)
{
	const char *p = r->resource.ptr + prefix;
	const char *end = r->resource.ptr + r->resource.len;
	const char *colon = find(p, end, ':', &r->placeholders);

	r->name = text_of(p, colon ? colon : end);
	r->qualifier = colon ? text_of(colon + 1, end) : text_of(end, end);
}

static int starts(struct sfn_text t, const char *prefix)
{
	size_t n = strlen(prefix);

	return t.len > n && memcmp(t.ptr, prefix, n) == 0;
}

static enum sfn_resource_kind kind_of(struct sfn_resource *r)
{
	if (sfn_text_is(r->service, "lambda") &&
	    starts(r->resource, "function:")) {
		split_name(r, strlen("function:"));
		return SFN_RESOURCE_LAMBDA;
	}
	if (!sfn_text_is(r->service, "states"))
		return SFN_RESOURCE_ARN;
	if (starts(r->resource, "activity:")) {
		split_name(r, strlen("activity:"));
		return SFN_RESOURCE_ACTIVITY;
	}
	if (r->region.len == 0 && r->account.len == 0 && split_integration(r))
		return SFN_RESOURCE_INTEGRATION;
	return SFN_RESOURCE_ARN;
}

enum sfn_resource_kind sfn_resource_parse(const char *text,
                                          struct sfn_resource *out)
{
	const char *end = text + strlen(text);

	memset(out, 0, sizeof(*out));
	if (split_arn(text, end, out))
		out->kind = kind_of(out);
	else
		out->kind =
		        is_uri(text) ? SFN_RESOURCE_URI : SFN_RESOURCE_NOT_URI;
	if (!out->placeholders)
		out->placeholders = strstr(text, "${") != NULL;
	return out->kind;
}

const char *sfn_resource_pattern_name(enum sfn_resource_pattern pattern)
{
	switch (pattern) {
	case SFN_PATTERN_REQUEST_RESPONSE:
		return "Request Response";
	case SFN_PATTERN_SYNC:
		return "Run a Job (.sync)";
	case SFN_PATTERN_SYNC2:
		return "Run a Job (.sync:2)";
	case SFN_PATTERN_TOKEN:
		return "Wait for a Callback (.waitForTaskToken)";
	default:
		return "unknown pattern";
	}
}
