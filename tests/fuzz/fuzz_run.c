/* libFuzzer target over the interpreter: bytes -> JSON reader -> ASL
 * model (the first byte, when '!', turns every rule off so that any shape
 * reaches the loader) -> an execution on a virtual clock, every Task
 * answered on the loop's next turn by an echo of its input (a failure
 * when its Resource ends in "fail"), under small limits. What follows a
 * NUL byte, when it parses, is the execution's input (else a fixed one).
 * Any input must end in an ended execution or a status, never a crash,
 * leak or hang. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/model.h"
#include "sfn/run.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct echo {
	struct sfn_integration integration; /* ctx: this struct */
	struct sfn_loop *loop;
};

struct echo_task {
	struct sfn_task base; /* first, as the seam asks */
	struct sfn_loop *loop;
	struct sfn_defer defer;
	cJSON *output; /* NULL: the task fails */
	sfn_task_done_fn done;
	void *cb_ctx;
};

static void answer(struct sfn_loop *loop, void *ctx)
{
	struct echo_task *t = ctx;
	struct sfn_task_outcome out = { t->output, { NULL, NULL } };
	sfn_task_done_fn done = t->done;
	void *cb_ctx = t->cb_ctx;

	(void) loop;
	free(t);
	if (out.output == NULL)
		(void) sfn_error_set(&out.error, "Echo.Failed", "asked to");
	done(cb_ctx, &out);
}

static enum sfn_status start(void *ctx, const struct sfn_task_request *req,
                             sfn_task_done_fn done, void *cb_ctx,
                             struct sfn_task **out)
{
	struct echo *echo = ctx;
	struct echo_task *t = calloc(1, sizeof(*t));
	size_t n = strlen(req->resource);

	if (t == NULL)
		return SFN_ERR_NOMEM;
	t->base.integration = &echo->integration;
	t->loop = echo->loop;
	t->done = done;
	t->cb_ctx = cb_ctx;
	if (n < 4 || strcmp(req->resource + n - 4, "fail") != 0) {
		t->output = cJSON_Duplicate(req->input, 1);
		if (t->output == NULL) {
			free(t);
			return SFN_ERR_NOMEM;
		}
	}
	sfn_defer_init(&t->defer);
	sfn_loop_defer(t->loop, &t->defer, answer, t);
	*out = &t->base;
	return SFN_OK;
}

static void cancel(void *ctx, struct sfn_task *base)
{
	struct echo_task *t = (struct echo_task *) base;

	(void) ctx;
	sfn_loop_defer_cancel(t->loop, &t->defer);
	cJSON_Delete(t->output);
	free(t);
}

static void execute(const struct sfn_asl_machine *m, const cJSON *input)
{
	struct sfn_vclock clock;
	struct sfn_loop *loop;
	struct echo echo = { { "echo", start, cancel, NULL, 0 }, NULL };
	struct sfn_integrations table;
	struct sfn_run_opts opts;
	struct sfn_run *run = NULL;
	const char *why;

	sfn_vclock_init(&clock, 0);
	if (sfn_loop_new(&clock.clock, NULL, &loop) != SFN_OK)
		return;
	echo.integration.ctx = &echo;
	echo.loop = loop;
	sfn_integrations_init(&table);
	sfn_integrations_add(&table, "*", &echo.integration);
	memset(&opts, 0, sizeof(opts));
	opts.integrations = &table;
	opts.history = 1;
	opts.trace = 1;
	opts.max_transitions = 2000;
	opts.max_history = 4000;
	opts.max_frames = 200;
	opts.max_payload = 8192;
	opts.max_map_items = 64;
	if (sfn_run_start(m, input, &opts, loop, &run, &why) == SFN_OK) {
		sfn_loop_run_until(loop, sfn_run_done, run);
		if (!sfn_run_done(run))
			abort(); /* the loop went idle with the run still on */
		sfn_run_free(run);
	}
	sfn_loop_free(loop);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int unchecked = size > 0 && data[0] == '!';
	char *text = malloc(size + 1);
	struct sfn_json_doc *doc = NULL;
	struct sfn_asl_machine *m = NULL;
	struct sfn_diags diags;
	const uint8_t *nul = size ? memchr(data, '\0', size) : NULL;
	cJSON *input = NULL;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (nul != NULL) {
		input = cJSON_Parse(text + (nul - data) + 1);
		size = (size_t) (nul - data); /* the machine ends at the NUL */
	}
	if (input == NULL)
		input = cJSON_Parse("{\"items\": [1, {\"a\": 2}], \"n\": 3}");
	if (input == NULL) {
		free(text);
		return 0;
	}
	sfn_diags_init(&diags);
	if (unchecked)
		for (int i = 0; i < SFN_RULE_COUNT; i++)
			sfn_diags_set_severity(&diags, (enum sfn_rule_id) i,
			                       SFN_SEV_OFF);
	if (sfn_json_parse(text + unchecked, size - (size_t) unchecked,
	                   "fuzz.json", NULL, &diags, &doc) == SFN_OK &&
	    sfn_asl_load(doc, sfn_json_root(doc), NULL, &diags, &m) == SFN_OK)
		execute(m, input);
	sfn_asl_machine_free(m);
	sfn_json_doc_free(doc);
	sfn_diags_free(&diags);
	cJSON_Delete(input);
	free(text);
	return 0;
}
