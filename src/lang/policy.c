/* policy { Action: ..., Resource: ... }: IAM statements a machine's role
 * gets beside those its tasks need, checked (IAM's statement keys, plain
 * strings) and lowered to JSON in the key order IAM documents take.
 * Knows nothing of templates; the emitter copies the statements. */
#include "config.h"

#include <string.h>

#include "lang/lang_int.h"

/* A statement's keys in the order CDK writes them. */
static const char *const keys[] = { "Action",    "Condition",   "Effect",
	                            "NotAction", "NotResource", "Resource",
	                            "Sid",       NULL };

static int known_key(const char *k)
{
	for (const char *const *p = keys; *p != NULL; p++)
		if (strcmp(*p, k) == 0)
			return 1;
	return 0;
}

static const struct lang_member *member(const struct lang_value *v,
                                        const char *key)
{
	for (const struct lang_member *m = v->members; m; m = m->next)
		if (strcmp(m->key, key) == 0)
			return m;
	return NULL;
}

/* A string, or an array of strings. */
static int strings(const struct lang_value *v)
{
	if (v->kind == LV_STRING)
		return 1;
	if (v->kind != LV_ARRAY || v->items == NULL)
		return 0;
	for (const struct lang_value *e = v->items; e; e = e->next)
		if (e->kind != LV_STRING)
			return 0;
	return 1;
}

/* IAM's condition block: { OPERATOR: { KEY: strings } }. */
static int conditions(const struct lang_value *v)
{
	if (v->kind != LV_OBJECT)
		return 0;
	for (const struct lang_member *op = v->members; op; op = op->next) {
		if (op->value == NULL || op->value->kind != LV_OBJECT)
			return 0;
		for (const struct lang_member *k = op->value->members; k;
		     k = k->next)
			if (k->value == NULL || !strings(k->value))
				return 0;
	}
	return 1;
}

static void check_member(struct lang_ctx *ctx, const struct lang_member *m)
{
	const struct lang_value *v = m->value;

	if (!known_key(m->key))
		Sfn_lang_report(ctx, SFN_RULE_SFN_FIELD_VALUE, &m->key_span,
		                "'%s' is no key of an IAM statement (keys: "
		                "Action, NotAction, Resource, NotResource, "
		                "Effect, Condition, Sid)",
		                m->key);
	else if (strcmp(m->key, "Condition") == 0 ? !conditions(v)
	         : strcmp(m->key, "Sid") == 0     ? v->kind != LV_STRING
	         : strcmp(m->key, "Effect") == 0
	                 ? v->kind != LV_STRING ||
	                           (strcmp(v->text, "Allow") != 0 &&
	                            strcmp(v->text, "Deny") != 0)
	                 : !strings(v))
		Sfn_lang_report(ctx, SFN_RULE_SFN_FIELD_VALUE, &v->span,
		                "'%s' of a policy statement takes %s", m->key,
		                strcmp(m->key, "Condition") == 0
		                        ? "{ OPERATOR: { KEY: strings } }"
		                : strcmp(m->key, "Effect") == 0
		                        ? "\"Allow\" or \"Deny\""
		                        : "a string or a list of strings");
}

void Sfn_lang_check_policy(struct lang_ctx *ctx, const struct lang_item *it)
{
	const struct lang_value *v = it->value;

	if (v == NULL)
		return;
	if (v->kind != LV_OBJECT) {
		Sfn_lang_report(ctx, SFN_RULE_SFN_FIELD_VALUE, &v->span,
		                "a policy is one IAM statement: { Action: ..., "
		                "Resource: ... }");
		return;
	}
	for (const struct lang_member *m = v->members; m; m = m->next)
		if (m->value != NULL)
			check_member(ctx, m);
	if (member(v, "Action") == NULL && member(v, "NotAction") == NULL)
		Sfn_lang_report(ctx, SFN_RULE_SFN_FIELD_VALUE, &v->span,
		                "a policy statement needs an Action");
	if (member(v, "Resource") == NULL && member(v, "NotResource") == NULL)
		Sfn_lang_report(ctx, SFN_RULE_SFN_FIELD_VALUE, &v->span,
		                "a policy statement needs a Resource");
}

static cJSON *literal(const struct lang_value *v);

/* Adds X (taken) to O, under KEY unless NULL; 0 when memory ran out. */
static int put(cJSON *o, const char *key, cJSON *x)
{
	int ok = x != NULL && (key != NULL ? cJSON_AddItemToObject(o, key, x)
	                                   : cJSON_AddItemToArray(o, x));

	if (!ok)
		cJSON_Delete(x);
	return ok;
}

/* Plain JSON of V (checked: strings, and arrays and objects of them). */
static cJSON *literal(const struct lang_value *v)
{
	cJSON *o;
	int ok = 1;

	if (v->kind == LV_STRING)
		return cJSON_CreateString(v->text);
	o = v->kind == LV_ARRAY ? cJSON_CreateArray() : cJSON_CreateObject();
	if (o == NULL)
		return NULL;
	for (const struct lang_value *e = v->kind == LV_ARRAY ? v->items : NULL;
	     e && ok; e = e->next)
		ok = put(o, NULL, literal(e));
	for (const struct lang_member *m = v->kind == LV_OBJECT ? v->members
	                                                        : NULL;
	     m && ok; m = m->next)
		ok = m->value == NULL || put(o, m->key, literal(m->value));
	if (!ok) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

/* One statement: its keys in IAM's order, "Effect": "Allow" unless said. */
static cJSON *statement(const struct lang_value *v)
{
	cJSON *s = cJSON_CreateObject();

	for (const char *const *k = keys; *k != NULL && s != NULL; k++) {
		const struct lang_member *m = member(v, *k);
		cJSON *x = m != NULL ? literal(m->value)
		           : strcmp(*k, "Effect") == 0
		                   ? cJSON_CreateString("Allow")
		                   : NULL;

		if (m == NULL && x == NULL)
			continue;
		if (!put(s, *k, x)) {
			cJSON_Delete(s);
			s = NULL;
		}
	}
	return s;
}

cJSON *Sfn_lang_lower_policy(const struct lang_item *machine, int *nomem)
{
	cJSON *list = NULL;

	*nomem = 0;
	for (const struct lang_item *it = machine->body; Sfn_lang_clause(it);
	     it = it->next) {
		if (it->kind != LI_FIELD || strcmp(it->name, "policy") != 0 ||
		    it->value == NULL)
			continue;
		if (list == NULL)
			list = cJSON_CreateArray();
		if (list == NULL ||
		    !cJSON_AddItemToArray(list, statement(it->value))) {
			cJSON_Delete(list);
			*nomem = 1;
			return NULL;
		}
	}
	return list;
}
