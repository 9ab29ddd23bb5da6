/* States.JsonMerge: a shallow merge of two objects whose keys come out in
 * java.util.HashMap order, as the service returns them. Knows nothing of
 * where the objects came from. */
#include "config.h"

#include <stdlib.h>

#include "intrinsic/intrinsic_int.h"

/* The member of LEFT or RIGHT named by M's key; RIGHT wins. */
static const cJSON *winner(const cJSON *left, const cJSON *right,
                           const cJSON *m)
{
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(right, m->string);

	return r != NULL ? r
	                 : cJSON_GetObjectItemCaseSensitive(left, m->string);
}

static cJSON *merge(const cJSON *left, const cJSON *right, cJSON **vals,
                    size_t *order, size_t n)
{
	cJSON *out = cJSON_CreateObject();
	size_t k = 0;

	for (const cJSON *e = left->child; e != NULL; e = e->next)
		vals[k++] = (cJSON *) e;
	for (const cJSON *e = right->child; e != NULL; e = e->next)
		vals[k++] = (cJSON *) e;
	k = Sfn_intr_hash_order(vals, n, 1, order);
	for (size_t i = 0; out != NULL && k != (size_t) -1 && i < k; i++) {
		const cJSON *m = vals[order[i]];
		cJSON *copy = cJSON_Duplicate(winner(left, right, m), 1);

		if (copy == NULL ||
		    !cJSON_AddItemToObject(out, m->string, copy)) {
			cJSON_Delete(copy);
			break;
		}
	}
	if (out != NULL && cJSON_GetArraySize(out) != (int) k) {
		cJSON_Delete(out);
		out = NULL;
	}
	return out;
}

/* States.JsonMerge(a, b, deep): deep must not be true (the service does
 * only shallow merges); other values, even 'false', mean shallow. */
enum sfn_status Sfn_intr_json_merge(struct intr_ctx *c, cJSON **argv,
                                    size_t argc, cJSON **out)
{
	size_t n;
	cJSON **vals;
	size_t *order;

	(void) argc;
	if (!cJSON_IsObject(argv[0]) || !cJSON_IsObject(argv[1]) ||
	    cJSON_IsTrue(argv[2]))
		return Sfn_intr_invalid(c);
	n = (size_t) cJSON_GetArraySize(argv[0]) +
	    (size_t) cJSON_GetArraySize(argv[1]);
	vals = malloc((n + 1) * sizeof(*vals));
	order = malloc((n + 1) * sizeof(*order));
	if (vals != NULL && order != NULL)
		*out = merge(argv[0], argv[1], vals, order, n);
	free(vals);
	free(order);
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}
