/* The array functions: States.Array, ArrayPartition, ArrayContains,
 * ArrayRange, ArrayGetItem, ArrayLength and ArrayUnique. Argument values
 * arrive evaluated; where they came from is not known here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "intrinsic/intrinsic_int.h"

/* States.Array(v...): the arguments as an array. */
enum sfn_status Sfn_intr_array(struct intr_ctx *c, cJSON **argv, size_t argc,
                               cJSON **out)
{
	(void) c;
	*out = cJSON_CreateArray();
	if (*out == NULL)
		return SFN_ERR_NOMEM;
	for (size_t i = 0; i < argc; i++) {
		if (!cJSON_AddItemToArray(*out, argv[i]))
			return SFN_ERR_NOMEM;
		argv[i] = NULL;
	}
	return SFN_OK;
}

/* Adds a deep copy of ITEM to ARRAY; 0 when memory ran out. */
static int add_copy(cJSON *array, const cJSON *item)
{
	cJSON *copy = cJSON_Duplicate(item, 1);

	if (copy == NULL || !cJSON_AddItemToArray(array, copy)) {
		cJSON_Delete(copy);
		return 0;
	}
	return 1;
}

static cJSON *chunks(const cJSON *array, int32_t size)
{
	cJSON *out = cJSON_CreateArray(), *chunk = NULL;
	int32_t n = 0;

	for (const cJSON *e = array->child; out && e; e = e->next, n++) {
		if (n % size == 0) {
			chunk = cJSON_CreateArray();
			if (!cJSON_AddItemToArray(out, chunk)) {
				cJSON_Delete(chunk);
				break;
			}
		}
		if (!add_copy(chunk, e))
			break;
	}
	if (out != NULL && n != cJSON_GetArraySize(array)) {
		cJSON_Delete(out);
		out = NULL;
	}
	return out;
}

/* States.ArrayPartition(array, size): chunks of SIZE (truncated, > 0). */
enum sfn_status Sfn_intr_array_partition(struct intr_ctx *c, cJSON **argv,
                                         size_t argc, cJSON **out)
{
	int32_t size;

	(void) argc;
	if (!cJSON_IsArray(argv[0]) || !Sfn_intr_trunc_int(argv[1], &size) ||
	    size <= 0)
		return Sfn_intr_invalid(c);
	*out = chunks(argv[0], size);
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}

/* States.ArrayContains(array, value). The service compares the Java
 * toString() texts, so "true" matches true and key order matters. */
enum sfn_status Sfn_intr_array_contains(struct intr_ctx *c, cJSON **argv,
                                        size_t argc, cJSON **out)
{
	struct sfn_buf want, got;
	int found = 0;

	(void) argc;
	if (!cJSON_IsArray(argv[0]))
		return Sfn_intr_invalid(c);
	sfn_buf_init(&want, INTR_MAX_TEXT);
	sfn_buf_init(&got, INTR_MAX_TEXT);
	Sfn_intr_render_java(argv[1], &want);
	for (const cJSON *e = argv[0]->child; e && !found; e = e->next) {
		sfn_buf_reset(&got);
		Sfn_intr_render_java(e, &got);
		found = strcmp(sfn_buf_str(&got), sfn_buf_str(&want)) == 0;
	}
	*out = want.status == SFN_OK && got.status == SFN_OK
	               ? cJSON_CreateBool(found)
	               : NULL;
	sfn_buf_free(&want);
	sfn_buf_free(&got);
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}

/* How many items FIRST, FIRST+STEP, ... up to LAST (inclusive) has. */
static int64_t range_count(int64_t first, int64_t last, int64_t step)
{
	if (step > 0)
		return last < first ? 0 : (last - first) / step + 1;
	return last > first ? 0 : (first - last) / -step + 1;
}

/* States.ArrayRange(first, last, step): all truncated, step non-zero, at
 * most INTR_MAX_RANGE items; the wrong direction gives []. */
enum sfn_status Sfn_intr_array_range(struct intr_ctx *c, cJSON **argv,
                                     size_t argc, cJSON **out)
{
	int32_t first, last, step;
	int64_t n;

	(void) argc;
	if (!Sfn_intr_trunc_int(argv[0], &first) ||
	    !Sfn_intr_trunc_int(argv[1], &last) ||
	    !Sfn_intr_trunc_int(argv[2], &step) || step == 0)
		return Sfn_intr_invalid(c);
	n = range_count(first, last, step);
	if (n > INTR_MAX_RANGE)
		return Sfn_intr_invalid(c);
	*out = cJSON_CreateArray();
	for (int64_t i = 0; *out != NULL && i < n; i++) {
		cJSON *v = cJSON_CreateNumber((double) (first + i * step));

		if (!cJSON_AddItemToArray(*out, v)) {
			cJSON_Delete(v);
			return SFN_ERR_NOMEM;
		}
	}
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}

/* States.ArrayGetItem(array, index): index truncated; any index of an
 * empty array gives null, as the service does. */
enum sfn_status Sfn_intr_array_get_item(struct intr_ctx *c, cJSON **argv,
                                        size_t argc, cJSON **out)
{
	int32_t i;
	int n;

	(void) argc;
	if (!cJSON_IsArray(argv[0]) || !cJSON_IsNumber(argv[1]))
		return Sfn_intr_invalid(c);
	n = cJSON_GetArraySize(argv[0]);
	if (n == 0)
		*out = cJSON_CreateNull();
	else if (!Sfn_intr_trunc_int(argv[1], &i) || i < 0 || i >= n)
		return Sfn_intr_invalid(c);
	else
		*out = cJSON_DetachItemFromArray(argv[0], i);
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}

/* States.ArrayLength(array). */
enum sfn_status Sfn_intr_array_length(struct intr_ctx *c, cJSON **argv,
                                      size_t argc, cJSON **out)
{
	(void) argc;
	if (!cJSON_IsArray(argv[0]))
		return Sfn_intr_invalid(c);
	*out = cJSON_CreateNumber(cJSON_GetArraySize(argv[0]));
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}

/* Copies VALS[ORDER[0..N)] into a new array. */
static cJSON *pick(cJSON *const *vals, const size_t *order, size_t n)
{
	cJSON *out = cJSON_CreateArray();

	for (size_t k = 0; out != NULL && k < n; k++) {
		if (!add_copy(out, vals[order[k]])) {
			cJSON_Delete(out);
			out = NULL;
		}
	}
	return out;
}

/* States.ArrayUnique(array): distinct values in java.util.HashSet order,
 * which is what the service returns. */
enum sfn_status Sfn_intr_array_unique(struct intr_ctx *c, cJSON **argv,
                                      size_t argc, cJSON **out)
{
	size_t n = 0, k;
	cJSON **vals;
	size_t *order;

	(void) argc;
	if (!cJSON_IsArray(argv[0]))
		return Sfn_intr_invalid(c);
	n = (size_t) cJSON_GetArraySize(argv[0]);
	vals = malloc((n + 1) * sizeof(*vals));
	order = malloc((n + 1) * sizeof(*order));
	if (vals != NULL && order != NULL) {
		k = 0;
		for (cJSON *e = argv[0]->child; e != NULL; e = e->next)
			vals[k++] = e;
		k = Sfn_intr_hash_order(vals, n, 0, order);
		*out = k != (size_t) -1 ? pick(vals, order, k) : NULL;
	}
	free(vals);
	free(order);
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}
