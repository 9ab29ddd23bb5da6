/* TestState: one state run by the interpreter, as the service tests
 * one. The state becomes the only real state of a small machine whose
 * other states stand for its targets (each a Succeed named after a Next
 * or Default it names), so that where it went is the state the run
 * entered next. The reply is left pending until that run ends; the
 * state's processing steps come from the run's trace. Knows nothing of
 * HTTP. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "serve/serve_int.h"
#include "sfn/run.h"

#define TEST_STATE_NAME "TestState" /* the state's name in its machine */

struct Sfn_serve_test {
	struct Sfn_serve_machine *m; /* not in the store */
	struct sfn_run *run;
	int inspect; /* inspectionLevel DEBUG or TRACE */
};

void Sfn_serve_test_free(struct Sfn_serve_test *t)
{
	if (t == NULL)
		return;
	if (t->run != NULL && !sfn_run_done(t->run))
		sfn_run_abort(t->run);
	sfn_run_free(t->run);
	Sfn_store_machine_free(t->m);
	free(t);
}

int Sfn_serve_test_done(const struct Sfn_serve_test *t)
{
	return sfn_run_done(t->run);
}

/* ---- the machine around the state --------------------------------------- */

/* Adds a Succeed state to STATES for each Next and Default in NODE (the
 * state and its Choices and Catchers). */
static int add_targets(cJSON *states, const cJSON *node)
{
	const cJSON *m;

	cJSON_ArrayForEach(m, node)
	{
		if (cJSON_IsString(m) && m->string != NULL &&
		    (strcmp(m->string, "Next") == 0 ||
		     strcmp(m->string, "Default") == 0) &&
		    strcmp(m->valuestring, TEST_STATE_NAME) != 0 &&
		    !cJSON_HasObjectItem(states, m->valuestring)) {
			cJSON *s =
			        cJSON_AddObjectToObject(states, m->valuestring);

			if (s == NULL ||
			    !cJSON_AddStringToObject(s, "Type", "Succeed"))
				return 0;
		}
		if ((cJSON_IsArray(m) || cJSON_IsObject(m)) &&
		    !add_targets(states, m))
			return 0;
	}
	return 1;
}

/* The machine's text for state DEF (an object), or NULL with *WHY. */
static char *machine_text(const cJSON *def, const char **why)
{
	const cJSON *type = cJSON_GetObjectItemCaseSensitive(def, "Type");
	cJSON *root = cJSON_CreateObject(), *states, *state;
	char *text = NULL;

	*why = NULL;
	if (!cJSON_IsString(type) ||
	    strcmp(type->valuestring, "Parallel") == 0 ||
	    strcmp(type->valuestring, "Map") == 0) {
		*why = "sfnc's TestState takes a Task, Pass, Wait, Choice, "
		       "Succeed or Fail state";
		cJSON_Delete(root);
		return NULL;
	}
	states = cJSON_AddObjectToObject(root, "States");
	state = cJSON_Duplicate(def, 1);
	/* retriers are not run: a test shows the first attempt */
	if (state != NULL)
		cJSON_DeleteItemFromObjectCaseSensitive(state, "Retry");
	if (states != NULL && state != NULL &&
	    cJSON_AddItemToObject(states, TEST_STATE_NAME, state) &&
	    cJSON_AddStringToObject(root, "StartAt", TEST_STATE_NAME) &&
	    add_targets(states, def))
		text = cJSON_PrintUnformatted(root);
	else if (state != NULL && !cJSON_HasObjectItem(states, TEST_STATE_NAME))
		cJSON_Delete(state);
	cJSON_Delete(root);
	return text;
}

/* ---- the request -------------------------------------------------------- */

static int inspection_level(struct Sfn_serve_call *call, int *inspect)
{
	const char *level;

	*inspect = 0;
	if (!Sfn_serve_str(call, "inspectionLevel", 0, &level))
		return 0;
	if (level == NULL || strcmp(level, "INFO") == 0)
		return 1;
	if (strcmp(level, "DEBUG") == 0 || strcmp(level, "TRACE") == 0)
		return *inspect = 1;
	return Sfn_serve_fail400(call, "ValidationException",
	                         "1 validation error detected: Value '%s' at "
	                         "'inspectionLevel' failed to satisfy "
	                         "constraint: Member must satisfy enum value "
	                         "set: [INFO, DEBUG, TRACE]",
	                         level);
}

/* The state's machine, loaded, into T->m; 0 after the error reply. */
static int load(struct Sfn_serve_call *call, struct Sfn_serve_test *t,
                const char *text)
{
	cJSON *def = cJSON_Parse(text);
	const char *why = NULL;
	struct sfn_diags diags;
	enum sfn_status st;
	char *machine = cJSON_IsObject(def) ? machine_text(def, &why) : NULL;

	cJSON_Delete(def);
	if (machine == NULL)
		return Sfn_serve_fail400(call, "InvalidDefinition",
		                         "Invalid State Machine Definition: "
		                         "'%s'",
		                         why ? why
		                             : "the definition is no JSON "
		                               "object");
	t->m = Sfn_store_machine_new("", TEST_STATE_NAME, machine);
	free(machine);
	if (t->m == NULL || (t->m->type = strdup("STANDARD")) == NULL)
		return Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
	sfn_diags_init(&diags);
	st = Sfn_serve_machine_load(t->m, 0, &diags);
	if (st == SFN_ERR_NOMEM)
		Sfn_serve_fail_status(call, st);
	else if (st != SFN_OK)
		Sfn_serve_fail_definition(call, &diags);
	sfn_diags_free(&diags);
	return st == SFN_OK;
}

static int start(struct Sfn_serve_call *call, struct Sfn_serve_test *t,
                 const cJSON *input)
{
	struct sfn_run_opts opts = { 0 };
	const char *why = NULL;
	enum sfn_status st;

	opts.name = "test";
	opts.machine_name = TEST_STATE_NAME;
	opts.integrations = &call->srv->table;
	opts.history = 1;
	opts.trace = 1;
	opts.on_event = Sfn_serve_on_test_event;
	opts.event_ctx = call->srv;
	st = sfn_run_start(t->m->asl, input, &opts, call->srv->loop, &t->run,
	                   &why);
	if (st == SFN_ERR_LIMIT || st == SFN_ERR_USAGE)
		return Sfn_serve_fail400(call, "InvalidExecutionInput", "%s",
		                         why ? why : sfn_status_str(st));
	if (st != SFN_OK)
		return Sfn_serve_fail_status(call, st);
	return 1;
}

struct Sfn_serve_test *Sfn_serve_test_start(struct Sfn_serve_call *call)
{
	struct Sfn_serve_test *t;
	const char *text, *in;
	cJSON *input;
	int ok;

	if (!Sfn_serve_str(call, "definition", 1, &text) ||
	    !Sfn_serve_str(call, "input", 0, &in))
		return NULL;
	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return Sfn_serve_fail_status(call, SFN_ERR_NOMEM), NULL;
	if (!inspection_level(call, &t->inspect) || !load(call, t, text)) {
		Sfn_serve_test_free(t);
		return NULL;
	}
	input = cJSON_Parse(in ? in : "{}");
	if (input == NULL)
		Sfn_serve_fail400(call, "InvalidExecutionInput",
		                  "Invalid State Machine Execution Input: 'The "
		                  "input is not valid JSON'");
	ok = input != NULL && start(call, t, input);
	cJSON_Delete(input);
	if (!ok) {
		Sfn_serve_test_free(t);
		return NULL;
	}
	return t;
}

/* ---- the result --------------------------------------------------------- */

/* The last attempt of the state in the trace. */
static const cJSON *attempt(const struct Sfn_serve_test *t)
{
	const cJSON *trace = sfn_run_trace(t->run), *a, *last = NULL;

	cJSON_ArrayForEach(a, trace)
	{
		const cJSON *s = cJSON_GetObjectItemCaseSensitive(a, "state");

		if (cJSON_IsString(s) &&
		    strcmp(s->valuestring, TEST_STATE_NAME) == 0)
			last = a;
	}
	return last;
}

/* The state the run entered after the tested one, or NULL. */
static const char *next_state(const struct Sfn_serve_test *t)
{
	const cJSON *events = cJSON_GetObjectItemCaseSensitive(
	        sfn_run_history(t->run), "events");
	const cJSON *ev;
	int seen = 0;

	cJSON_ArrayForEach(ev, events)
	{
		const cJSON *d = cJSON_GetObjectItemCaseSensitive(
		        ev, "stateEnteredEventDetails");
		const cJSON *name = cJSON_GetObjectItemCaseSensitive(d, "name");

		if (!cJSON_IsString(name))
			continue;
		if (seen++)
			return name->valuestring;
	}
	return NULL;
}

static int add_text(cJSON *out, const char *key, const cJSON *value)
{
	char *text;
	int ok;

	if (value == NULL)
		return 1;
	text = cJSON_PrintUnformatted(value);
	ok = text != NULL && cJSON_AddStringToObject(out, key, text);
	free(text);
	return ok;
}

static const char *const steps[] = {
	"input",     "afterInputPath",      "afterParameters",
	"result",    "afterResultSelector", "afterResultPath",
	"variables",
};

static int inspection(cJSON *out, const cJSON *a)
{
	cJSON *data = cJSON_AddObjectToObject(out, "inspectionData");

	if (data == NULL)
		return 0;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (!add_text(data, steps[i],
		              cJSON_GetObjectItemCaseSensitive(a, steps[i])))
			return 0;
	return 1;
}

static int add_error(cJSON *out, const char *name, const char *cause)
{
	return (name == NULL || cJSON_AddStringToObject(out, "error", name)) &&
	       (cause == NULL || cJSON_AddStringToObject(out, "cause", cause));
}

int Sfn_serve_test_result(cJSON *out, const struct Sfn_serve_test *t)
{
	const cJSON *a = attempt(t);
	const cJSON *err = cJSON_GetObjectItemCaseSensitive(a, "error");
	const struct sfn_error *fail = sfn_run_error(t->run);
	const char *next = next_state(t);
	const char *status = "SUCCEEDED";

	if (sfn_run_state(t->run) != SFN_RUN_SUCCEEDED) {
		status = "FAILED";
		if (!add_error(out, fail ? fail->name : NULL,
		               fail ? fail->cause : NULL))
			return 0;
	} else if (cJSON_IsObject(err)) {
		status = "CAUGHT_ERROR";
		if (!add_error(out,
		               cJSON_GetStringValue(
		                       cJSON_GetObjectItem(err, "Error")),
		               cJSON_GetStringValue(
		                       cJSON_GetObjectItem(err, "Cause"))))
			return 0;
	}
	return cJSON_AddStringToObject(out, "status", status) &&
	       (sfn_run_state(t->run) != SFN_RUN_SUCCEEDED ||
	        add_text(out, "output", sfn_run_output(t->run))) &&
	       (next == NULL ||
	        cJSON_AddStringToObject(out, "nextState", next)) &&
	       (!t->inspect || a == NULL || inspection(out, a));
}
