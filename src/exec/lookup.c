/* Looking a path up in the data of one field: $ is the field's input, $$
 * the context object, $name a workflow variable. Definite paths give the
 * value, indefinite ones an array, as Step Functions does. The text form
 * parses, then runs the parsed form. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sfn/exec.h"
#include "sfn/path.h"

static const cJSON *root_of(const struct sfn_path *p,
                            const struct sfn_exec_data *data)
{
	switch (sfn_path_root_kind(p)) {
	case SFN_PATH_ROOT_CONTEXT:
		return data->context;
	case SFN_PATH_ROOT_VARIABLE:
		return cJSON_GetObjectItemCaseSensitive(data->vars,
		                                        sfn_path_variable(p));
	default:
		return data->input;
	}
}

static cJSON *as_value(const struct sfn_path *p, const struct sfn_nodelist *l)
{
	cJSON *a;

	if (sfn_path_is_definite(p))
		return cJSON_Duplicate(l->nodes[0], 1);
	a = cJSON_CreateArray();
	for (size_t i = 0; a != NULL && i < l->count; i++) {
		cJSON *copy = cJSON_Duplicate(l->nodes[i], 1);

		if (copy == NULL) {
			cJSON_Delete(a);
			return NULL;
		}
		cJSON_AddItemToArray(a, copy);
	}
	return a;
}

/* The node a path of member names and indexes ("$.a.b[2]", as most are)
 * names under ROOT, found by following them with no node list; NULL when
 * P has another step or names nothing (the evaluator then says why). The
 * evaluator's rules: the first member of a name, an index from the end
 * when negative. */
static const cJSON *follow(const struct sfn_path *p, const cJSON *root)
{
	size_t n = sfn_path_length(p);
	const char *name;
	long index;

	for (size_t i = 0; i < n && root != NULL; i++) {
		if (!sfn_path_step(p, i, &name, &index))
			return NULL;
		if (name != NULL) {
			root = cJSON_IsObject(root)
			               ? cJSON_GetObjectItemCaseSensitive(root,
			                                                  name)
			               : NULL;
			continue;
		}
		if (!cJSON_IsArray(root))
			return NULL;
		if (index < 0)
			index += cJSON_GetArraySize(root);
		root = index >= 0 ? cJSON_GetArrayItem(root, (int) index)
		                  : NULL;
	}
	return root;
}

enum sfn_status sfn_exec_lookup_path(const struct sfn_path *p,
                                     const struct sfn_exec_data *data,
                                     cJSON **out, char **canonical)
{
	struct sfn_path_miss miss = { 0, 0, NULL, NULL };
	struct sfn_nodelist l = { NULL, NULL, 0, 0 };
	const cJSON *root = root_of(p, data), *found;
	enum sfn_status st = SFN_OK;

	*out = NULL;
	if (canonical != NULL)
		*canonical = NULL;
	if (root != NULL && sfn_path_is_definite(p) &&
	    (found = follow(p, root)) != NULL) {
		*out = cJSON_Duplicate(found, 1);
		return *out ? SFN_OK : SFN_ERR_NOMEM;
	}
	if (root != NULL)
		st = sfn_path_eval(p, root, 0, &l, &miss);
	else if (canonical != NULL) /* no such variable */
		miss.canonical = strdup(sfn_path_text(p));
	if (st == SFN_OK && (l.count > 0 || !sfn_path_is_definite(p))) {
		*out = as_value(p, &l);
		st = *out ? SFN_OK : SFN_ERR_NOMEM;
	} else if (st == SFN_OK && canonical != NULL) {
		*canonical = miss.canonical;
		miss.canonical = NULL;
	}
	sfn_path_miss_clear(&miss);
	sfn_nodelist_free(&l);
	return st;
}

enum sfn_status sfn_exec_lookup(const char *path,
                                const struct sfn_exec_data *data, cJSON **out,
                                char **canonical)
{
	struct sfn_diags diags;
	struct sfn_path *p;
	enum sfn_status st;

	*out = NULL;
	if (canonical != NULL)
		*canonical = NULL;
	sfn_diags_init(&diags);
	st = sfn_path_parse(path, SFN_PATH_AWS, NULL, &diags, &p);
	sfn_diags_free(&diags);
	if (st != SFN_OK)
		return st;
	st = sfn_exec_lookup_path(p, data, out, canonical);
	sfn_path_free(p);
	return st;
}
