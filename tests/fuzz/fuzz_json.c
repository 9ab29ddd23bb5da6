/* libFuzzer target: bytes -> JSON reader -> every renderer. Any input must
 * end in a tree or in diagnostics, never a crash, leak or hang. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "sfn/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	sfn_diags_init(&d);
	sfn_json_parse(text, size, "fuzz.json", NULL, &d, &doc);
	fuzz_render_all(&d, "fuzz.json", text, size);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	return 0;
}
