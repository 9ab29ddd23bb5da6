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

/* Whether NAME is written like a rule: a code (SFN and digits) or
 * lower-case words joined by dashes. The list ends at the first word
 * that is not, so that prose may follow it. */
static int rule_like(const char *name)
{
	if (strncmp(name, "SFN", 3) == 0)
		return name[3] != '\0' &&
		       strspn(name + 3, "0123456789") == strlen(name + 3);
	return strchr(name, '-') != NULL &&
	       strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") ==
	               strlen(name);
}

/* A name in the list that is written like a rule but is none: reported
 * at the Comment, with the closest rule name. */
static void unknown_rule(struct asl *a, const cJSON *comment, const char *name)
{
	const char *best = sfn_rule_closest(name);

	Sfn_asl_report(a, SFN_RULE_ASL_UNKNOWN_RULE, comment, 0, "Comment",
	               "sfnc-disable names '%s', which is not a rule%s%s%s",
	               name, ASL_HINT(best));
}

/* Reads the rule list after the mark; 0 when none names a rule. */
static int parse_rules(struct asl *a, const cJSON *comment, const char *s,
                       unsigned char *rules)
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
		if (r < 0 && !rule_like(name))
			return any;
		if (r < 0)
			unknown_rule(a, comment, name);
		else
			rules[r] = any = 1;
		s += n;
	}
}

void Sfn_asl_suppress_from_comment(struct asl *a, const cJSON *obj)
{
	const cJSON *comment = asl_get(obj, "Comment");
	const char *c = cJSON_GetStringValue(comment);
	const char *mark = c ? strstr(c, MARK) : NULL;
	struct suppression *s;

	if (mark == NULL)
		return;
	s = calloc(1, sizeof(*s));
	if (s == NULL) {
		a->diags->status = SFN_ERR_NOMEM;
		return;
	}
	if (!parse_rules(a, comment, mark + strlen(MARK), s->rules)) {
		free(s);
		return;
	}
	s->where = strdup(Sfn_asl_pointer(a));
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

	if (a->spare_reader && sfn_rule_get(d->rule)->code[3] == '1')
		return 0; /* SFN1xxx: the JSON reader's */
	for (size_t i = 0; i < a->nsuppressions; i++)
		if (a->suppressions[i].rules[d->rule] &&
		    inside(d->pointer, a->suppressions[i].where))
			return 1;
	return 0;
}

void Sfn_asl_apply_suppressions(struct asl *a, size_t from)
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
