/* A policy's statements made as few as CDK makes them (its
 * '@aws-cdk/aws-iam:minimizePolicies', on in new projects): two
 * statements with the same actions become one with both's resources, two
 * with the same resources one with both's actions, until none merge;
 * a merged statement's lists are sorted (an unmerged one keeps its
 * order), and a list of one value is written alone.
 * Knows nothing of tasks or templates. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "asl/cfn_int.h"

/* Where CDK sorts a value: a value CloudFormation puts together is a
 * "${Token[...]}" string to CDK, before every literal ARN. */
static int before(const cJSON *a, const cJSON *b)
{
	if (!cJSON_IsString(a) || !cJSON_IsString(b))
		return !cJSON_IsString(a) && cJSON_IsString(b);
	return strcmp(a->valuestring, b->valuestring) < 0;
}

static int has(const cJSON *list, const cJSON *v)
{
	for (const cJSON *e = list->child; e != NULL; e = e->next)
		if (cJSON_Compare(e, v, 1))
			return 1;
	return 0;
}

static int same_set(const cJSON *a, const cJSON *b)
{
	for (const cJSON *e = a->child; e != NULL; e = e->next)
		if (!has(b, e))
			return 0;
	for (const cJSON *e = b->child; e != NULL; e = e->next)
		if (!has(a, e))
			return 0;
	return 1;
}

/* KEY of statement S made a list in place; NULL when memory ran out. */
static cJSON *as_list(cJSON *s, const char *key)
{
	cJSON *v = cJSON_GetObjectItemCaseSensitive(s, key), *list;

	if (v == NULL || cJSON_IsArray(v))
		return v;
	list = cJSON_CreateArray();
	if (list == NULL ||
	    !cJSON_AddItemToArray(list, cJSON_Duplicate(v, 1)) ||
	    !cJSON_ReplaceItemInObjectCaseSensitive(s, key, list)) {
		cJSON_Delete(list);
		return NULL;
	}
	return list;
}

/* Adds FROM's values that TO lacks; 0 when memory ran out. */
static int union_into(cJSON *to, const cJSON *from)
{
	for (const cJSON *e = from->child; e != NULL; e = e->next)
		if (!has(to, e) &&
		    !cJSON_AddItemToArray(to, cJSON_Duplicate(e, 1)))
			return 0;
	return 1;
}

static int sort_list(cJSON *list);

/* Merges statement B into A when they share their actions or their
 * resources: 1 merged, 0 not, -1 out of memory. */
static int merge(cJSON *a, cJSON *b)
{
	cJSON *aa = as_list(a, "Action"), *ar = as_list(a, "Resource");
	cJSON *ba = as_list(b, "Action"), *br = as_list(b, "Resource");
	int ok;

	if (aa == NULL || ar == NULL || ba == NULL || br == NULL)
		return -1;
	if (same_set(aa, ba))
		ok = union_into(ar, br);
	else if (same_set(ar, br))
		ok = union_into(aa, ba);
	else
		return 0;
	return ok && sort_list(aa) && sort_list(ar) ? 1 : -1;
}

/* One pass over the list: 1 when something merged, -1 out of memory. */
static int one_pass(cJSON *statements)
{
	int merged = 0;

	for (cJSON *a = statements->child; a != NULL; a = a->next)
		for (cJSON *b = a->next; b != NULL; b = b->next) {
			int m = merge(a, b);

			if (m < 0)
				return -1;
			if (m == 0)
				continue;
			cJSON_Delete(cJSON_DetachItemViaPointer(statements, b));
			merged = 1;
			break;
		}
	return merged;
}

/* Sorts LIST (an insertion sort: lists are short); 0 when memory ran
 * out. */
static int sort_list(cJSON *list)
{
	int n = cJSON_GetArraySize(list);
	cJSON **v = malloc(sizeof(*v) * (size_t) (n > 0 ? n : 1));

	if (v == NULL)
		return 0;
	for (int i = 0; i < n; i++) {
		cJSON *e = cJSON_DetachItemFromArray(list, 0);
		int k = i;

		for (; k > 0 && before(e, v[k - 1]); k--)
			v[k] = v[k - 1];
		v[k] = e;
	}
	for (int i = 0; i < n; i++)
		cJSON_AddItemToArray(list, v[i]);
	free(v);
	return 1;
}

/* LIST written alone under KEY of S when it holds one value; 0 when
 * memory ran out. */
static int settle(cJSON *s, const char *key, cJSON *list)
{
	cJSON *one;

	if (cJSON_GetArraySize(list) != 1)
		return 1;
	one = cJSON_DetachItemFromArray(list, 0);
	if (cJSON_ReplaceItemInObjectCaseSensitive(s, key, one))
		return 1;
	cJSON_Delete(one);
	return 0;
}

enum sfn_status Sfn_cfn_minimize(cJSON *statements)
{
	int rc;

	do
		rc = one_pass(statements);
	while (rc > 0);
	if (rc < 0)
		return SFN_ERR_NOMEM;
	for (cJSON *s = statements->child; s != NULL; s = s->next) {
		cJSON *a = as_list(s, "Action"), *r = as_list(s, "Resource");

		if (a == NULL || r == NULL || !settle(s, "Action", a) ||
		    !settle(s, "Resource", r))
			return SFN_ERR_NOMEM;
	}
	return SFN_OK;
}
