/* The DefinitionString as CDK 2.115.0 writes it: the definition in
 * compact JSON, Task states' keys in CDK's order (Next/End, Retry, Catch,
 * Type, Comment, ..., Resource, Parameters) and the top's StartAt,
 * States, TimeoutSeconds first, the partition of integration ARNs and the
 * partition and region of foundation-model ARNs left to CloudFormation
 * (Fn::Join), as is a value that stands for a template parameter. Knows
 * nothing of IAM or of the .sfn syntax. */
#include "config.h"

#include <stdint.h>
#include <string.h>

#include "asl/cfn_int.h"
#include "sfn/jsonout.h"
#include "sfn/resource.h"

/* What an object is, for its key order and the strings in it. */
enum role {
	R_PLAIN,  /* any value */
	R_TOP,    /* the definition */
	R_SCOPE,  /* a branch or an item processor */
	R_STATES, /* States: name to state */
	R_STATE,  /* one state */
	R_MODEL,  /* the Parameters of a Bedrock InvokeModel task */
	R_S3IO    /* a distributed map's ItemReader or ResultWriter */
};

struct defw {
	const struct sfn_cfn_stack *stack;
	const struct sfn_cfn_machine *m;
	struct cfn_join j;
	int too_deep;
	struct cfn_resource_memo memo;
};

static const char *const top_order[] = { "StartAt", "States", "TimeoutSeconds",
	                                 NULL };
static const char *const task_order[] = { "Next",
	                                  "End",
	                                  "Retry",
	                                  "Catch",
	                                  "Type",
	                                  "Comment",
	                                  "TimeoutSeconds",
	                                  "TimeoutSecondsPath",
	                                  "HeartbeatSeconds",
	                                  "HeartbeatSecondsPath",
	                                  "InputPath",
	                                  "OutputPath",
	                                  "ResultPath",
	                                  "ResultSelector",
	                                  "Credentials",
	                                  "Resource",
	                                  "Parameters",
	                                  NULL };

static void write_value(struct defw *w, const cJSON *v, enum role role,
                        int depth);

/* Whether V is of cJSON TYPE, told here rather than by cJSON_Is*, a
 * call into the shared library for every value. */
static int of_type(const cJSON *v, int type)
{
	return v != NULL && (v->type & 0xff) == type;
}

/* Punctuation C (no quote: nothing to escape) into the literal run,
 * without a call when there is room. */
static void punct(struct defw *w, char c)
{
	struct sfn_buf *b = &w->j.lit;

	if (b->status == SFN_OK && b->len < b->max && b->len + 2 <= b->cap) {
		b->data[b->len++] = c;
		b->data[b->len] = '\0';
	} else if (sfn_buf_addc(b, c) != SFN_OK) {
		w->j.fail = 1;
	}
}

/* Literal text into the literal run, escaped as it stands inside the
 * DefinitionString. */
static void text(struct defw *w, const char *s)
{
	if (s[0] != '\0')
		Sfn_cfn_join_text(&w->j, s, strlen(s));
}

/* Strings and numbers are written straight into the literal run. */
static void string(struct defw *w, const char *s)
{
	if (sfn_jsonout_string_escaped(s, 1, &w->j.lit) != SFN_OK)
		w->j.fail = 1;
}

/* Member key K and its colon, escaped as string() and punct() write
 * them: a plain ASCII key (most are) in one reservation. */
static void key(struct defw *w, const char *k)
{
	struct sfn_buf *b = &w->j.lit;
	size_t n = strlen(k);
	char *d;

	if (b->status == SFN_OK && n + 6 <= b->max - b->len &&
	    b->len + n + 6 <= b->cap && sfn_jsonout_plain(k, n) == n) {
		d = b->data + b->len;
		d[0] = '\\';
		d[1] = '"';
		memcpy(d + 2, k, n);
		memcpy(d + 2 + n, "\\\":", 4);
		b->len += n + 5;
		return;
	}
	string(w, k);
	punct(w, ':');
}

/* V as write_value writes a value of role R_PLAIN in a machine without
 * references: no roles, ARNs or references to look for. */
static void plain(struct defw *w, const cJSON *v, int depth)
{
	const cJSON *e;

	if (depth > SFN_CFN_MAX_DEPTH) {
		w->too_deep = 1;
		return;
	}
	switch (v->type & 0xff) {
	case cJSON_Object:
	case cJSON_Array:
		punct(w, of_type(v, cJSON_Object) ? '{' : '[');
		for (e = v->child; e != NULL; e = e->next) {
			if (e != v->child)
				punct(w, ',');
			if (of_type(v, cJSON_Object))
				key(w, e->string);
			plain(w, e, depth + 1);
		}
		punct(w, of_type(v, cJSON_Object) ? '}' : ']');
		break;
	case cJSON_String:
		string(w, v->valuestring);
		break;
	case cJSON_Number:
		if (sfn_jsonout_number(v->valuedouble, &w->j.lit) != SFN_OK)
			w->j.fail = 1;
		break;
	default:
		text(w, of_type(v, cJSON_True)    ? "true"
		        : of_type(v, cJSON_False) ? "false"
		                                  : "null");
	}
}

static int is_task(const cJSON *state)
{
	const cJSON *t = cfn_get(state, "Type");

	return of_type(t, cJSON_String) && strcmp(t->valuestring, "Task") == 0;
}

/* "arn:aws:states:::bedrock:invokeModel" and its patterns. */
static int is_model_task(struct defw *w, const cJSON *state)
{
	const cJSON *r = cfn_get(state, "Resource");
	struct sfn_resource res;

	return is_task(state) && of_type(r, cJSON_String) &&
	       cfn_resource(&w->memo, r->valuestring, &res) ==
	               SFN_RESOURCE_INTEGRATION &&
	       res.integration.len == 7 &&
	       memcmp(res.integration.ptr, "bedrock", 7) == 0;
}

/* Escaped text S (N bytes, as it stands in the DefinitionString) into
 * the literal run. */
static void raw_text(struct defw *w, const char *s, size_t n)
{
	if (sfn_buf_add(&w->j.lit, s, n) != SFN_OK)
		w->j.fail = 1;
}

/* S's escapes (without quotes) into the literal run. */
static void inner(struct defw *w, const char *s)
{
	if (sfn_jsonout_string_escaped(s, 0, &w->j.lit) != SFN_OK)
		w->j.fail = 1;
}

/* An integration's ARN: CDK writes its partition as a reference:
 * "arn:%P:REST" (Sfn_cfn_joinf's), its pieces appended directly. */
static int integration_arn(struct defw *w, const char *s)
{
	struct sfn_resource res;

	if (strncmp(s, "arn:aws:", 8) != 0 ||
	    cfn_resource(&w->memo, s, &res) != SFN_RESOURCE_INTEGRATION)
		return 0;
	raw_text(w, "\\\"arn:", 6);
	Sfn_cfn_join_partition(&w->j);
	punct(w, ':');
	inner(w, s + 8);
	raw_text(w, "\\\"", 2);
	return 1;
}

/* A foundation model's ARN in the stack's region: CDK builds it from
 * the partition and region the stack is deployed to:
 * "arn:%P:bedrock:%R::foundation-model/MODEL". */
static int model_arn(struct defw *w, const char *s)
{
	static const char fm[] = "::foundation-model/";
	const char *region = w->stack->region;
	size_t rl = strlen(region);

	if (strncmp(s, "arn:aws:bedrock:", 16) != 0 ||
	    strncmp(s + 16, region, rl) != 0 ||
	    strncmp(s + 16 + rl, fm, sizeof(fm) - 1) != 0)
		return 0;
	raw_text(w, "\\\"arn:", 6);
	Sfn_cfn_join_partition(&w->j);
	raw_text(w, ":bedrock:", 9);
	Sfn_cfn_join_region(&w->j);
	inner(w, s + 16 + rl);
	raw_text(w, "\\\"", 2);
	return 1;
}

/* Whether KEY is WORD: the first two bytes compared inline (most keys
 * differ there), the rest by strcmp. */
static int is(const char *key, const char *word)
{
	return key[0] == word[0] && key[1] == word[1] && strcmp(key, word) == 0;
}

/* The role of member KEY of an object of role ROLE (whose node is OBJ). */
static enum role member_role(struct defw *w, enum role role, const cJSON *obj,
                             const char *key)
{
	switch (role) {
	case R_TOP:
	case R_SCOPE:
		return is(key, "States") ? R_STATES : R_PLAIN;
	case R_STATES:
		return R_STATE;
	case R_STATE:
		if (is(key, "Branches"))
			return R_SCOPE;
		if (is(key, "ItemProcessor") || is(key, "Iterator"))
			return R_SCOPE;
		if (is(key, "Parameters") && is_model_task(w, obj))
			return R_MODEL;
		if (is(key, "ItemReader") || is(key, "ResultWriter"))
			return R_S3IO;
		return R_PLAIN;
	default:
		return R_PLAIN;
	}
}

static void write_member(struct defw *w, const cJSON *obj, enum role role,
                         const cJSON *m, int depth, int *first)
{
	enum role r = member_role(w, role, obj, m->string);

	if (!*first)
		punct(w, ',');
	*first = 0;
	key(w, m->string);
	if (of_type(m, cJSON_String) && is(m->string, "Resource") &&
	    ((role == R_STATE && is_task(obj)) || role == R_S3IO) &&
	    integration_arn(w, m->valuestring))
		return;
	if (of_type(m, cJSON_String) && role == R_MODEL &&
	    is(m->string, "ModelId") && model_arn(w, m->valuestring))
		return;
	/* Branches is an array of scopes. */
	if (r == R_SCOPE && of_type(m, cJSON_Array)) {
		int f = 1;

		punct(w, '[');
		for (const cJSON *b = m->child; b != NULL; b = b->next) {
			if (!f)
				punct(w, ',');
			f = 0;
			write_value(w, b, R_SCOPE, depth + 2);
		}
		punct(w, ']');
		return;
	}
	write_value(w, m, r, depth + 1);
}

/* Where KEY stands in ORDER (which may be NULL), or -1. */
static int rank(const char *const *order, const char *key)
{
	for (int i = 0; order != NULL && order[i] != NULL; i++)
		if (is(key, order[i]))
			return i;
	return -1;
}

/* The members ORDER lists, in its order (the first of each name), then
 * the others as they come: one pass to find them, one to write. */
static void write_object(struct defw *w, const cJSON *v, enum role role,
                         int depth)
{
	const char *const *order = role == R_TOP                   ? top_order
	                           : role == R_STATE && is_task(v) ? task_order
	                                                           : NULL;
	const cJSON *slot[sizeof(task_order) / sizeof(task_order[0])] = {
		NULL
	};
	uint64_t ranked = 0; /* which of the first 64 members ORDER lists */
	const cJSON *m;
	int first = 1, i = 0;

	punct(w, '{');
	for (m = v->child; order != NULL && m != NULL; m = m->next, i++) {
		int r = rank(order, m->string);

		if (r >= 0 && i < 64)
			ranked |= (uint64_t) 1 << i;
		if (r >= 0 && slot[r] == NULL)
			slot[r] = m;
	}
	for (size_t k = 0; order != NULL && k < sizeof(slot) / sizeof(slot[0]);
	     k++)
		if (slot[k] != NULL)
			write_member(w, v, role, slot[k], depth, &first);
	for (m = v->child, i = 0; m != NULL; m = m->next, i++)
		if (i < 64 ? !(ranked >> i & 1) : rank(order, m->string) < 0)
			write_member(w, v, role, m, depth, &first);
	punct(w, '}');
}

static void write_value(struct defw *w, const cJSON *v, enum role role,
                        int depth)
{
	const struct sfn_cfn_ref *ref;

	if (depth > SFN_CFN_MAX_DEPTH) {
		w->too_deep = 1;
		return;
	}
	if (role == R_PLAIN && w->m->ref_count == 0) {
		plain(w, v, depth);
		return;
	}
	ref = Sfn_cfn_ref_of(w->m, v);
	if (ref != NULL) {
		text(w, ref->number ? "" : "\"");
		Sfn_cfn_join_ref(&w->j, ref->param);
		text(w, ref->number ? "" : "\"");
	} else if (of_type(v, cJSON_Object)) {
		write_object(w, v, role, depth);
	} else if (of_type(v, cJSON_Array)) {
		punct(w, '[');
		for (const cJSON *e = v->child; e != NULL; e = e->next) {
			write_value(w, e, R_PLAIN, depth + 1);
			if (e->next != NULL)
				punct(w, ',');
		}
		punct(w, ']');
	} else if (of_type(v, cJSON_String)) {
		string(w, v->valuestring);
	} else if (of_type(v, cJSON_Number)) {
		if (sfn_jsonout_number(v->valuedouble, &w->j.lit) != SFN_OK)
			w->j.fail = 1;
	} else {
		text(w, of_type(v, cJSON_True)    ? "true"
		        : of_type(v, cJSON_False) ? "false"
		                                  : "null");
	}
}

enum sfn_status Sfn_cfn_definition(const struct sfn_cfn_stack *st,
                                   const struct sfn_cfn_machine *m, int depth,
                                   cJSON **out)
{
	struct defw w;

	memset(&w, 0, sizeof(w));
	w.stack = st;
	w.m = m;
	Sfn_cfn_join_init(&w.j, st);
	w.j.escape = 1;
	if (depth > 0)
		Sfn_cfn_join_printed(&w.j, depth);
	write_value(&w, m->asl, R_TOP, 1);
	*out = NULL;
	if (w.too_deep) {
		Sfn_cfn_join_free(&w.j);
		return SFN_ERR_LIMIT;
	}
	*out = Sfn_cfn_join_take(&w.j);
	Sfn_cfn_join_free(&w.j);
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}
