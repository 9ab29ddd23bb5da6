/* Inline suppression: a Comment holding "sfnc-disable RULE[, RULE...]"
 * turns those rules (names or codes, or "all") off for the object it is
 * in: the whole definition at the top level, else one state with all it
 * contains. JSON has no comments, so Comment fields carry them. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "asl/asl_int.h"

#define MARK "sfnc-disable"

struct suppression {
	char *where;                         /* location prefix */
	unsigned char rules[SFN_RULE_COUNT]; /* 1: off */
};

/* Reads the rule list after the mark; 0 when none names a rule. */
static int parse_rules(const char *s, unsigned char *rules)
{
	int any = 0;

	for (;;) {
		char name[64];
		size_t n;
		int r;

		s += strspn(s, " \t,");
		n = strcspn(s, " \t,;.");
		if (n == 0 || n >= sizeof(name))
			return any;
		memcpy(name, s, n);
		name[n] = '\0';
		if (strcmp(name, "all") == 0) {
			memset(rules, 1, SFN_RULE_COUNT);
			return 1;
		}
		r = sfn_rule_find(name);
		if (r < 0)
			return any;
		rules[r] = 1;
		any = 1;
		s += n;
	}
}

void asl_suppress_from_comment(struct asl *a, const cJSON *obj)
{
	const char *c = cJSON_GetStringValue(asl_get(obj, "Comment"));
	const char *mark = c ? strstr(c, MARK) : NULL;
	struct suppression *s;

	if (mark == NULL)
		return;
	s = calloc(1, sizeof(*s));
	if (s == NULL || !parse_rules(mark + strlen(MARK), s->rules)) {
		free(s);
		return;
	}
	s->where = strdup(asl_pointer(a));
	if (s->where == NULL ||
	    sfn_vec_push(&a->suppressions, &a->nsuppressions,
	                 &a->suppressions_cap, s, sizeof(*s),
	                 SFN_VEC_UNCAPPED) != SFN_OK)
		free(s->where);
	free(s);
}

/* Whether POINTER is at or inside PREFIX, both RFC 6901 pointers. */
static int inside(const char *pointer, const char *prefix)
{
	size_t n = strlen(prefix);

	return pointer != NULL && strncmp(pointer, prefix, n) == 0 &&
	       (pointer[n] == '\0' || pointer[n] == '/');
}

static int suppressed(const struct sfn_diag *d, void *ctx)
{
	const struct asl *a = ctx;

	for (size_t i = 0; i < a->nsuppressions; i++)
		if (a->suppressions[i].rules[d->rule] &&
		    inside(d->pointer, a->suppressions[i].where))
			return 1;
	return 0;
}

void asl_apply_suppressions(struct asl *a, size_t from)
{
	if (a->nsuppressions > 0)
		sfn_diags_remove_if(a->diags, from, suppressed, a);
	for (size_t i = 0; i < a->nsuppressions; i++)
		free(a->suppressions[i].where);
	free(a->suppressions);
	a->suppressions = NULL;
	a->nsuppressions = 0;
	a->suppressions_cap = 0;
}
