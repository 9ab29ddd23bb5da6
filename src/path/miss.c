/* Why a definite aws path selected nothing: walks it again segment by
 * segment and says what stood where the next step was expected, as the
 * user needs it, beside the message the service gives ("No results for
 * path: $['a']['b']"). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "path/eval.h"

static const char *kind_name(const cJSON *v)
{
	switch (v->type & 0xff) {
	case cJSON_Object:
		return "an object";
	case cJSON_Array:
		return "an array";
	case cJSON_String:
		return "a string";
	case cJSON_Number:
		return "a number";
	case cJSON_NULL:
		return "null";
	default:
		return "a boolean";
	}
}

/* One step of a definite path; NULL when it finds nothing. */
static const cJSON *step(const cJSON *node, const struct selector *s)
{
	long i;

	if (s->kind == SEL_NAME)
		return cJSON_IsObject(node)
		               ? cJSON_GetObjectItemCaseSensitive(node, s->name)
		               : NULL;
	if (!cJSON_IsArray(node))
		return NULL;
	i = (long) s->index;
	if (i < 0)
		i += cJSON_GetArraySize(node);
	return i < 0 ? NULL : cJSON_GetArrayItem(node, (int) i);
}

static void describe(struct sfn_buf *msg, const cJSON *node,
                     const struct selector *s, const char *where)
{
	if (s->kind == SEL_NAME && cJSON_IsObject(node))
		sfn_buf_printf(msg, "the object at %s has no member '%s'",
		               where, s->name);
	else if (s->kind == SEL_NAME)
		sfn_buf_printf(msg, "the value at %s is %s, not an object",
		               where, kind_name(node));
	else if (cJSON_IsArray(node))
		sfn_buf_printf(msg,
		               "index %lld is out of range: the array at "
		               "%s has %d element%s",
		               (long long) s->index, where,
		               cJSON_GetArraySize(node),
		               cJSON_GetArraySize(node) == 1 ? "" : "s");
	else
		sfn_buf_printf(msg, "the value at %s is %s, not an array",
		               where, kind_name(node));
}

/* Jayway's canonical form of the first N segments: $['a'][0]. */
static void canonical(const struct sfn_path *path, size_t n,
                      struct sfn_buf *out)
{
	sfn_buf_addc(out, '$');
	for (size_t k = 0; k < n; k++) {
		const struct selector *s = &path->segs[k].sels[0];

		Sfn_pe_path_step(out, s->kind == SEL_NAME ? s->name : NULL,
		                 (long) s->index);
	}
}

enum sfn_status Sfn_pe_explain_miss(const struct sfn_path *path,
                                    const cJSON *root,
                                    struct sfn_path_miss *miss)
{
	struct sfn_buf canon, msg, where;
	const cJSON *node = root, *next;
	size_t i = 0;

	memset(miss, 0, sizeof(*miss));
	if (path->nsegs == 0)
		return SFN_OK; /* $ always matches */
	while (i + 1 < path->nsegs &&
	       (next = step(node, &path->segs[i].sels[0])) != NULL) {
		node = next;
		i++;
	}
	sfn_buf_init(&canon, (size_t) 1 << 24);
	sfn_buf_init(&msg, (size_t) 1 << 24);
	sfn_buf_init(&where, (size_t) 1 << 24);
	canonical(path, path->nsegs, &canon);
	canonical(path, i, &where);
	describe(&msg, node, &path->segs[i].sels[0], sfn_buf_str(&where));
	sfn_buf_free(&where);
	miss->segment = i;
	miss->col = path->segs[i].col;
	miss->message = sfn_buf_take(&msg);
	miss->canonical = sfn_buf_take(&canon);
	if (miss->message == NULL || miss->canonical == NULL) {
		sfn_path_miss_clear(miss);
		return SFN_ERR_NOMEM;
	}
	return SFN_OK;
}

void sfn_path_miss_clear(struct sfn_path_miss *miss)
{
	free(miss->message);
	free(miss->canonical);
	memset(miss, 0, sizeof(*miss));
}
