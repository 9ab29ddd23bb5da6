/* libFuzzer target for the JsonPath parser and evaluator: the first byte
 * picks the dialect, the rest up to a NUL is the expression, what follows
 * is a JSON document it is evaluated on (with paths), on the tree, the
 * stream and the tape, which must agree. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/json.h"
#include "sfn/jsonout.h"
#include "sfn/path.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum sfn_status collect(void *ctx, const char *text, size_t len)
{
	return sfn_buf_add(ctx, text, len);
}

/* The streaming evaluator must print exactly what the tree evaluator
 * found; a difference is a bug, reported as a crash. */
static void same_as_stream(const struct sfn_path *p, const char *json,
                           size_t len, const struct sfn_nodelist *l)
{
	struct sfn_buf want, got;
	struct sfn_path_stream_opts so = { SFN_JSONOUT_COMPACT, 1, collect,
		                           &got, 0 };
	size_t count;
	cJSON *a;

	if (!sfn_path_streamable(p))
		return;
	sfn_buf_init(&want, (size_t) 1 << 26);
	sfn_buf_init(&got, (size_t) 1 << 26);
	a = cJSON_CreateArray();
	for (size_t i = 0; i < l->count; i++)
		cJSON_AddItemToArray(a, cJSON_Duplicate(l->nodes[i], 1));
	sfn_jsonout_value(a, SFN_JSONOUT_COMPACT, &want);
	if (sfn_path_stream(p, json, len, &so, &count) != SFN_OK ||
	    strcmp(sfn_buf_str(&want), sfn_buf_str(&got)) != 0)
		abort();
	cJSON_Delete(a);
	sfn_buf_free(&want);
	sfn_buf_free(&got);
}

/* The tape evaluator must print exactly what the tree evaluator found,
 * values and normalized paths, for every path on the input. */
static void same_as_tape(const struct sfn_path *p, const char *json, size_t len,
                         const struct sfn_nodelist *l)
{
	struct sfn_buf want, got;
	struct sfn_path_stream_opts so = { SFN_JSONOUT_COMPACT, 1, collect,
		                           &got, 0 };
	size_t count;

	if (sfn_path_root_kind(p) != SFN_PATH_ROOT_INPUT)
		return;
	for (int paths = 0; paths < 2; paths++) {
		cJSON *a = cJSON_CreateArray();

		sfn_buf_init(&want, (size_t) 1 << 26);
		sfn_buf_init(&got, (size_t) 1 << 26);
		for (size_t i = 0; i < l->count; i++)
			cJSON_AddItemToArray(
			        a, paths ? cJSON_CreateString(l->paths[i])
			                 : cJSON_Duplicate(l->nodes[i], 1));
		sfn_jsonout_value(a, SFN_JSONOUT_COMPACT, &want);
		if (sfn_path_tape(p, json, len, &so, paths, &count) != SFN_OK ||
		    strcmp(sfn_buf_str(&want), sfn_buf_str(&got)) != 0)
			abort();
		cJSON_Delete(a);
		sfn_buf_free(&want);
		sfn_buf_free(&got);
	}
}

static void evaluate(const struct sfn_path *p, const char *json, size_t len)
{
	struct sfn_path_miss miss = { 0, 0, NULL, NULL };
	struct sfn_json_doc *doc = NULL;
	struct sfn_nodelist l;
	struct sfn_diags d;

	sfn_diags_init(&d);
	if (sfn_json_parse(json, len, "doc", NULL, &d, &doc) == SFN_OK &&
	    sfn_path_eval(p, sfn_json_root(doc), 1, &l, &miss) == SFN_OK) {
		same_as_stream(p, json, len, &l);
		same_as_tape(p, json, len, &l);
		sfn_nodelist_free(&l);
	} else if (doc == NULL) {
		/* what the reader refuses, the scanner refuses too */
		struct sfn_path_stream_opts so = { SFN_JSONOUT_COMPACT, 1,
			                           collect, NULL, 0 };
		size_t count;
		enum sfn_status st = sfn_path_stream(p, json, len, &so, &count);

		if (st == SFN_OK)
			abort();
		if (sfn_path_root_kind(p) == SFN_PATH_ROOT_INPUT &&
		    sfn_path_tape(p, json, len, &so, 0, &count) !=
		            SFN_ERR_SYNTAX)
			abort();
	}
	sfn_path_miss_clear(&miss);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul;
	char *copy;
	size_t n;
	struct sfn_diags d;
	struct sfn_path *p = NULL;

	if (size < 1)
		return 0;
	copy = malloc(size);
	if (copy == NULL)
		return 0;
	memcpy(copy, data + 1, size - 1);
	copy[size - 1] = '\0';
	nul = memchr(data + 1, 0, size - 1);
	n = nul ? (size_t) (nul - (data + 1)) : size - 1;
	sfn_diags_init(&d);
	if (sfn_path_parse(copy, data[0] & 1 ? SFN_PATH_RFC9535 : SFN_PATH_AWS,
	                   NULL, &d, &p) == SFN_OK) {
		sfn_path_check_reference(p, NULL, &d);
		if (nul != NULL)
			evaluate(p, copy + n + 1, size - 2 - n);
	}
	sfn_path_free(p);
	sfn_diags_free(&d);
	free(copy);
	return 0;
}
