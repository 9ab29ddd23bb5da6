/* TestState: one state run by the interpreter, as the service tests
 * one. The request is checked as the service checks it (the state, or
 * stateName in a whole definition; a mock only for a Task, Map or
 * Parallel; Map, Parallel, activities, .sync and .waitForTaskToken only
 * mocked; roleArn for a Task that is not; variables, context and
 * stateConfiguration), then the state runs in a small machine of its
 * own (test_machine.c), answered by the mock when given
 * (test_mock.c); the reply waits for that run (test_result.c). Knows
 * nothing of HTTP. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "serve/serve_int.h"
#include "sfn/mock.h"
#include "sfn/run.h"
#include "sfn/utf8.h"

#define MAX_STATE_NAME    80 /* characters of stateName */
#define MAX_VARIABLE_NAME 80 /* characters of a variable's name */

void Sfn_serve_test_free(struct Sfn_serve_test *t)
{
	if (t == NULL)
		return;
	if (t->loop != NULL)
		sfn_loop_timer_stop(t->loop, &t->limit);
	if (t->run != NULL && !sfn_run_done(t->run))
		sfn_run_abort(t->run);
	sfn_run_free(t->run);
	sfn_mock_free(t->mock);
	sfn_json_doc_free(t->mock_doc);
	Sfn_store_machine_free(t->m);
	cJSON_Delete(t->state);
	cJSON_Delete(t->targets);
	cJSON_Delete(t->vars);
	cJSON_Delete(t->context);
	free(t);
}

int Sfn_serve_test_done(const struct Sfn_serve_test *t)
{
	return sfn_run_done(t->run);
}

/* ---- the request's members ---------------------------------------------- */

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

/* Member KEY, JSON text of an object, parsed into *OUT (NULL when
 * absent). */
static int json_object(struct Sfn_serve_call *call, const char *key,
                       cJSON **out)
{
	const char *text;

	*out = NULL;
	if (!Sfn_serve_str(call, key, 0, &text))
		return 0;
	if (text == NULL)
		return 1;
	*out = cJSON_Parse(text);
	if (cJSON_IsObject(*out))
		return 1;
	cJSON_Delete(*out);
	*out = NULL;
	return Sfn_serve_fail400(call, "ValidationException",
	                         "'%s' must be a JSON object literal", key);
}

/* A variable's name as Assign takes one: an identifier of letters,
 * digits and '_' not starting with a digit, at most 80 characters, not
 * "states". */
static int variable_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || strcmp(name, "states") == 0 ||
	    (name[0] >= '0' && name[0] <= '9') ||
	    sfn_utf8_count(name, n) > MAX_VARIABLE_NAME)
		return 0;
	for (const unsigned char *p = (const unsigned char *) name; *p; p++)
		if (*p < 0x80 && *p != '_' && !(*p >= '0' && *p <= '9') &&
		    !((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			return 0;
	return 1;
}

static int variables(struct Sfn_serve_call *call, struct Sfn_serve_test *t)
{
	const cJSON *v;

	if (!json_object(call, "variables", &t->vars))
		return 0;
	cJSON_ArrayForEach(v, t->vars)
	{
		if (!variable_name_ok(v->string))
			return Sfn_serve_fail400(
			        call, "ValidationException",
			        "Invalid variable name '%s' in "
			        "'variables'",
			        v->string);
	}
	if (cJSON_GetArraySize(t->vars) == 0) {
		cJSON_Delete(t->vars);
		t->vars = NULL;
	}
	return 1;
}

/* An integer member KEY of stateConfiguration, at least 0; past
 * UINT_MAX it counts as UINT_MAX, more than any Retrier or Map has. */
static int config_count(struct Sfn_serve_call *call, const cJSON *cfg,
                        const char *key, unsigned *out, int *given)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(cfg, key);
	double d;

	*out = 0;
	*given = 0;
	if (v == NULL || cJSON_IsNull(v))
		return 1;
	*given = 1;
	if (!cJSON_IsNumber(v))
		return Sfn_serve_fail400(call, "SerializationException",
		                         "'%s' must be an integer", key);
	d = v->valuedouble;
	if (d < 0)
		return Sfn_serve_fail400(
		        call, "ValidationException",
		        "1 validation error detected: Value '%.0f' at "
		        "'stateConfiguration.%s' failed to satisfy constraint: "
		        "Member must have value greater than or equal to 0",
		        d, key);
	*out = d > UINT_MAX ? UINT_MAX : (unsigned) d;
	if (d <= UINT_MAX && (double) *out != d)
		return Sfn_serve_fail400(call, "SerializationException",
		                         "'%s' must be an integer", key);
	return 1;
}

/* stateConfiguration: retrierRetryCount and a mocked Map's
 * mapIterationFailureCount are used; errorCausedByState and
 * mapItemReaderData are taken, not used (docs/serve.md). */
static int state_configuration(struct Sfn_serve_call *call,
                               struct Sfn_serve_test *t)
{
	const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(
	        call->in, "stateConfiguration");
	int given;

	if (cfg == NULL || cJSON_IsNull(cfg))
		return 1;
	if (!cJSON_IsObject(cfg))
		return Sfn_serve_fail400(call, "SerializationException",
		                         "'stateConfiguration' must be an "
		                         "object");
	return config_count(call, cfg, "retrierRetryCount", &t->retries,
	                    &given) &&
	       config_count(call, cfg, "mapIterationFailureCount",
	                    &t->failures.count, &t->failures.given);
}

/* ---- the state ---------------------------------------------------------- */

/* The machine of DEFINITION validated as CreateStateMachine validates
 * one, into *M; 0 after the error reply. */
static int load_machine(struct Sfn_serve_call *call, const char *definition,
                        struct Sfn_serve_machine **m)
{
	struct sfn_diags diags;
	enum sfn_status st;

	*m = Sfn_store_machine_new("", SFN_SERVE_TEST_MACHINE, definition);
	if (*m == NULL || ((*m)->type = strdup("STANDARD")) == NULL)
		return Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
	sfn_diags_init(&diags);
	st = Sfn_serve_machine_load(*m, 0, &diags);
	if (st == SFN_ERR_NOMEM)
		Sfn_serve_fail_status(call, st);
	else if (st != SFN_OK)
		Sfn_serve_fail_definition(call, &diags);
	sfn_diags_free(&diags);
	return st == SFN_OK;
}

/* stateName: the state of that name in the whole machine DEFINITION
 * (validated first), with the machine's query language. */
static int named_state(struct Sfn_serve_call *call, struct Sfn_serve_test *t,
                       const char *definition, const char *name)
{
	struct Sfn_serve_machine *whole;
	const cJSON *root, *found, *ql;
	int ok;

	if (sfn_utf8_count(name, strlen(name)) > MAX_STATE_NAME)
		return Sfn_serve_fail400(
		        call, "ValidationException",
		        "1 validation error detected: Value at "
		        "'stateName' failed to satisfy "
		        "constraint: Member must have length "
		        "less than or equal to %d",
		        MAX_STATE_NAME);
	if (!load_machine(call, definition, &whole)) {
		Sfn_store_machine_free(whole);
		return 0;
	}
	root = sfn_json_root(whole->doc);
	found = Sfn_serve_test_find(root, name);
	ql = cJSON_GetObjectItemCaseSensitive(root, "QueryLanguage");
	t->jsonata =
	        cJSON_IsString(ql) && strcmp(ql->valuestring, "JSONata") == 0;
	t->state = found ? cJSON_Duplicate(found, 1) : NULL;
	ok = found == NULL      ? Sfn_serve_fail400(call, "ValidationException",
	                                            "State not found in definition")
	     : t->state == NULL ? Sfn_serve_fail_status(call, SFN_ERR_NOMEM)
	                        : 1;
	Sfn_store_machine_free(whole);
	return ok;
}

/* The state under test into T->state: DEFINITION itself, or its state
 * stateName. */
static int the_state(struct Sfn_serve_call *call, struct Sfn_serve_test *t,
                     const char *definition)
{
	const char *name;
	const cJSON *type;

	if (!Sfn_serve_str(call, "stateName", 0, &name))
		return 0;
	if (name != NULL && !named_state(call, t, definition, name))
		return 0;
	if (name == NULL)
		t->state = cJSON_Parse(definition);
	type = cJSON_GetObjectItemCaseSensitive(t->state, "Type");
	if (!cJSON_IsObject(t->state) || !cJSON_IsString(type))
		return Sfn_serve_fail400(call, "InvalidDefinition",
		                         "Invalid State Machine Definition: "
		                         "'%s'",
		                         cJSON_IsObject(t->state)
		                                 ? "the state has no Type"
		                                 : "the definition is no JSON "
		                                   "object");
	return 1;
}

static int is(const cJSON *state, const char *type)
{
	const char *t = cJSON_GetStringValue(
	        cJSON_GetObjectItemCaseSensitive(state, "Type"));

	return t != NULL && strcmp(t, type) == 0;
}

/* A Task the service runs only mocked: an activity, or the .sync and
 * .waitForTaskToken patterns. */
static int needs_mock(const cJSON *state)
{
	const char *r = cJSON_GetStringValue(
	        cJSON_GetObjectItemCaseSensitive(state, "Resource"));
	size_t n = r ? strlen(r) : 0;

	if (r == NULL)
		return 0;
	return strstr(r, ":activity:") != NULL ||
	       (n >= 5 && strcmp(r + n - 5, ".sync") == 0) ||
	       strstr(r, ".sync:") != NULL ||
	       (n >= 17 && strcmp(r + n - 17, ".waitForTaskToken") == 0);
}

/* What the service refuses to run without a mock, or without a role. */
static int runnable(struct Sfn_serve_call *call, const struct Sfn_serve_test *t)
{
	const char *role;

	if (!Sfn_serve_str(call, "roleArn", 0, &role))
		return 0;
	if (t->mock_doc != NULL)
		return 1;
	if (is(t->state, "Map") || is(t->state, "Parallel"))
		return Sfn_serve_fail400(
		        call, "InvalidDefinition",
		        "TestState API does not support Map or "
		        "Parallel states. Supported state types "
		        "include: [Task, Wait, Pass, Succeed, "
		        "Fail, Choice]");
	if (is(t->state, "Task") && needs_mock(t->state))
		return Sfn_serve_fail400(
		        call, "InvalidDefinition",
		        "TestState API supports activities and "
		        "the .sync and .waitForTaskToken "
		        "integration patterns only when a mock "
		        "is specified");
	if (is(t->state, "Task") && role == NULL)
		return Sfn_serve_fail400(
		        call, "ValidationException",
		        "RoleArn must be specified when testing "
		        "a Task state");
	return 1;
}

/* revealSecrets, the mock and the context, which needs the mock. */
static int mock_and_context(struct Sfn_serve_call *call,
                            struct Sfn_serve_test *t)
{
	int reveal;

	if (!Sfn_serve_bool(call, "revealSecrets", 0, &reveal) ||
	    !Sfn_serve_test_mock(call, t->state, reveal, &t->failures,
	                         &t->mock_doc) ||
	    !json_object(call, "context", &t->context))
		return 0;
	if (t->context != NULL && t->mock_doc == NULL)
		return Sfn_serve_fail400(call, "ValidationException",
		                         "A context can only be specified when "
		                         "a mock is specified");
	return 1;
}

/* ---- the run ------------------------------------------------------------ */

/* The small machine around the state, loaded into T->m. */
static int build(struct Sfn_serve_call *call, struct Sfn_serve_test *t)
{
	struct Sfn_serve_test_def def;
	char *text;
	int ok;

	def.state = t->state;
	def.jsonata = t->jsonata;
	def.vars = t->vars;
	def.as_task = is(t->state, "Map") || is(t->state, "Parallel");
	t->targets = cJSON_CreateArray();
	text = t->targets ? Sfn_serve_test_machine(&def, t->targets) : NULL;
	if (text == NULL)
		return Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
	ok = load_machine(call, text, &t->m);
	free(text);
	return ok;
}

static int load_mock(struct Sfn_serve_call *call, struct Sfn_serve_test *t)
{
	struct sfn_diags diags;
	enum sfn_status st;

	if (t->mock_doc == NULL)
		return 1;
	sfn_diags_init(&diags);
	st = sfn_mock_load(t->mock_doc, SFN_SERVE_TEST_MACHINE, "TestState",
	                   call->srv->loop, &diags, &t->mock);
	sfn_diags_free(&diags);
	/* the file is made here: only memory can fail it */
	return st == SFN_OK || Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
}

/* The run took longer than the service allows: it ends, the reply says
 * States.Timeout (test_result.c). */
static void too_long(struct sfn_loop *loop, void *ctx)
{
	struct Sfn_serve_test *t = ctx;

	(void) loop;
	if (sfn_run_done(t->run))
		return;
	t->timed_out = 1;
	sfn_run_abort(t->run);
}

static int start(struct Sfn_serve_call *call, struct Sfn_serve_test *t,
                 const cJSON *input)
{
	struct sfn_run_opts opts = { 0 };
	const char *why = NULL;
	enum sfn_status st;

	opts.name = "test";
	opts.machine_name = SFN_SERVE_TEST_MACHINE;
	opts.context = t->context;
	opts.integrations = &call->srv->table;
	opts.mock = t->mock;
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
	t->loop = call->srv->loop;
	st = sfn_loop_timer_start(t->loop, &t->limit,
	                          (int64_t) SFN_SERVE_TEST_MAX_SECONDS * 1000,
	                          0, too_long, t);
	return st == SFN_OK || Sfn_serve_fail_status(call, st);
}

/* The input, parsed, and the run started. */
static int run(struct Sfn_serve_call *call, struct Sfn_serve_test *t)
{
	const char *in;
	cJSON *input;
	int ok;

	if (!Sfn_serve_str(call, "input", 0, &in))
		return 0;
	input = cJSON_Parse(in ? in : "{}");
	if (input == NULL)
		return Sfn_serve_fail400(
		        call, "InvalidExecutionInput",
		        "Invalid State Machine Execution Input: "
		        "'The input is not valid JSON'");
	ok = start(call, t, input);
	cJSON_Delete(input);
	return ok;
}

struct Sfn_serve_test *Sfn_serve_test_start(struct Sfn_serve_call *call)
{
	struct Sfn_serve_test *t;
	const char *text;

	if (!Sfn_serve_str(call, "definition", 1, &text))
		return NULL;
	t = calloc(1, sizeof(*t));
	if (t == NULL)
		return Sfn_serve_fail_status(call, SFN_ERR_NOMEM), NULL;
	sfn_timer_init(&t->limit);
	if (!inspection_level(call, &t->inspect) || !the_state(call, t, text) ||
	    !state_configuration(call, t) || !mock_and_context(call, t) ||
	    !runnable(call, t) || !variables(call, t) || !build(call, t) ||
	    !load_mock(call, t) || !run(call, t)) {
		Sfn_serve_test_free(t);
		return NULL;
	}
	return t;
}
