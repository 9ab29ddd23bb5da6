/* libFuzzer target over the linter's whole pipeline: bytes -> JSON (or
 * YAML) reader -> every ASL rule, or the template walk -> every renderer.
 * Any input must end in diagnostics, never a crash, leak or hang. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/asl.h"
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
	/* a leading '#' picks the YAML reader, as a template file would */
	if (size > 0 && text[0] == '#')
		sfn_yaml_parse(text, size, "fuzz.json", &d, &doc);
	else
		sfn_json_parse(text, size, "fuzz.json", NULL, &d, &doc);
	if (doc != NULL && sfn_asl_is_definition(sfn_json_root(doc)))
		sfn_asl_validate(doc, sfn_json_root(doc), NULL, &d);
	else if (doc != NULL && sfn_asl_is_template(sfn_json_root(doc)))
		sfn_asl_validate_template(doc, text, size, &d);
	sfn_diags_sort(&d);
	fuzz_render_all(&d, "fuzz.json", text, size);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	return 0;
}
