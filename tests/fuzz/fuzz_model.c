/* libFuzzer target over the ASL model: bytes -> JSON reader -> load with
 * the validator's rules (the first byte, when '!', turns every rule off so
 * that any shape reaches the loader) -> every JSONata slot visited, every
 * Choice state run and every compiled template run on the document's root
 * as input. Any input must end in a model or a status, never a crash,
 * leak or hang. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum sfn_status visit(void *ctx, struct sfn_asl_jsonata *slot)
{
	(void) slot;
	++*(size_t *) ctx;
	return SFN_OK;
}

/* Runs what a state holds that runs without an interpreter. */
static void run_state(const struct sfn_asl_state *s,
                      const struct sfn_exec_data *data)
{
	const struct sfn_asl_state *next;
	struct sfn_error err = { NULL, NULL };
	cJSON *out = NULL;

	if (s->type == SFN_ASL_CHOICE && s->language == SFN_ASL_JSONPATH)
		sfn_exec_choose(s, data, &next, NULL, &err);
	sfn_error_clear(&err);
	if (s->io->parameters.tmpl != NULL)
		sfn_exec_payload_compiled(s->io->parameters.tmpl, data, &out,
		                          &err);
	cJSON_Delete(out);
	sfn_error_clear(&err);
	out = NULL;
	sfn_exec_select_field(&s->io->input_path.field, data, &out, &err);
	cJSON_Delete(out);
	sfn_error_clear(&err);
}

static void exercise(struct sfn_asl_machine *m, const cJSON *root)
{
	struct sfn_exec_data data = { root, root, NULL };
	size_t slots = 0;

	sfn_asl_each_jsonata(m, visit, &slots);
	for (size_t i = 0; i < m->nscopes; i++)
		for (size_t j = 0; j < m->scopes[i]->nstates; j++)
			run_state(m->scopes[i]->states[j], &data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int unchecked = size > 0 && data[0] == '!';
	char *text = malloc(size + 1);
	struct sfn_json_doc *doc = NULL;
	struct sfn_asl_machine *m = NULL;
	struct sfn_diags d;

	if (text == NULL)
		return 0;
	memcpy(text, data + unchecked, size - (size_t) unchecked);
	text[size - (size_t) unchecked] = '\0';
	sfn_diags_init(&d);
	for (int r = 0; unchecked && r < SFN_RULE_COUNT; r++)
		sfn_diags_set_severity(&d, (enum sfn_rule_id) r, SFN_SEV_OFF);
	if (sfn_json_parse(text, size - (size_t) unchecked, "fuzz.json", NULL,
	                   &d, &doc) == SFN_OK &&
	    sfn_asl_load(doc, sfn_json_root(doc), NULL, &d, &m) == SFN_OK)
		exercise(m, sfn_json_root(doc));
	sfn_asl_machine_free(m);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	return 0;
}
