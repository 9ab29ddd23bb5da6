/* libFuzzer target for the JsonPath parser and evaluator: the first byte
 * picks the dialect, the rest up to a NUL is the expression, what follows
 * is a JSON document it is evaluated on (with paths). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/json.h"
#include "sfn/path.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void evaluate(const struct sfn_path *p, const char *json, size_t len)
{
	struct sfn_path_miss miss = { 0, 0, NULL, NULL };
	struct sfn_json_doc *doc = NULL;
	struct sfn_nodelist l;
	struct sfn_diags d;

	sfn_diags_init(&d);
	if (sfn_json_parse(json, len, "doc", NULL, &d, &doc) == SFN_OK &&
	    sfn_path_eval(p, sfn_json_root(doc), 1, &l, &miss) == SFN_OK)
		sfn_nodelist_free(&l);
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
