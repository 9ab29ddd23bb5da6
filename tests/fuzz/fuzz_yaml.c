/* libFuzzer target: bytes -> both YAML readers. The fast reader must give
 * up or build exactly what the reader over libyaml's events builds (tree,
 * node types, values, every value and key span): a difference aborts.
 * Then sfn_yaml_parse reads the text as lint does, so that whichever
 * reader answers, any input ends in a tree or in diagnostics, never a
 * crash, leak or hang. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yaml_same.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), why[300];
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (yaml_compare(text, size, why, sizeof(why)) == YAML_DIFFER) {
		fprintf(stderr, "fuzz_yaml: the readers differ: %s\n", why);
		abort();
	}
	sfn_diags_init(&d);
	sfn_yaml_parse(text, size, "fuzz.yaml", &d, &doc);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	return 0;
}
