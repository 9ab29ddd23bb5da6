/* libFuzzer target over the linter's whole pipeline: bytes -> JSON (or
 * YAML) reader -> every ASL rule, or the template walk -> every renderer.
 * Any input must end in diagnostics, never a crash, leak or hang; and a
 * definition checked while it is read (sfnc lint's way) must give the
 * diagnostics of its whole tree, and so must a YAML template's. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/asl.h"
#include "render.h"
#include "sfn/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int same_diag(const struct sfn_diag *x, const struct sfn_diag *y)
{
	return x->rule == y->rule && x->severity == y->severity &&
	       x->loc.line == y->loc.line && x->loc.col == y->loc.col &&
	       x->loc.end_line == y->loc.end_line &&
	       x->loc.end_col == y->loc.end_col &&
	       strcmp(x->message, y->message) == 0 &&
	       strcmp(x->pointer ? x->pointer : "",
	              y->pointer ? y->pointer : "") == 0 &&
	       strcmp(x->where ? x->where : "", y->where ? y->where : "") == 0;
}

/* DATA checked while it is read (sfn_asl_read_validate, or
 * sfn_asl_read_validate_yaml when YAML) must give WHOLE, the sorted
 * diagnostics of its whole tree; a difference aborts. */
static void same_while_read(const uint8_t *data, size_t size, int yaml,
                            const struct sfn_diags *whole)
{
	char *text = malloc(size + 1);
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	int validated = 0;

	if (text == NULL)
		return;
	memcpy(text, data, size);
	text[size] = '\0';
	sfn_diags_init(&d);
	if (yaml)
		sfn_asl_read_validate_yaml(text, size, "fuzz.json", &d, &doc,
		                           &validated);
	else
		sfn_asl_read_validate(text, size, "fuzz.json", NULL, &d, &doc,
		                      &validated);
	sfn_diags_sort(&d);
	if (validated && d.status == SFN_OK && whole->status == SFN_OK) {
		if (d.count != whole->count)
			abort();
		for (size_t i = 0; i < d.count; i++)
			if (!same_diag(&d.items[i], &whole->items[i]))
				abort();
	}
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
}

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
	if (text[0] != '#' && doc != NULL &&
	    sfn_asl_is_definition(sfn_json_root(doc)))
		same_while_read(data, size, 0, &d);
	else if (text[0] == '#' && doc != NULL &&
	         sfn_asl_is_template(sfn_json_root(doc)))
		same_while_read(data, size, 1, &d);
	fuzz_render_all(&d, "fuzz.json", text, size);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	return 0;
}
