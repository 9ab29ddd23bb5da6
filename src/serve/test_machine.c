/* TestState's machine: the state under test (given alone, or found by
 * name in a whole definition) becomes state SFN_SERVE_TEST_STATE of a
 * small machine of its own, each transition it names (Next, Default, a
 * Choice rule's or a Catcher's Next) led to a Succeed stub, so that the
 * run stops right after it and the stub it entered says where it went.
 * Given variables are assigned first, by a Pass before it; a mocked Map
 * or Parallel runs as a Task that the mock answers. Knows nothing of
 * HTTP or of the run. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve/serve_int.h"

#define STUB_PREFIX "sfnc-next-"     /* stub I is "sfnc-next-I" */
#define VARS_STATE  "sfnc-variables" /* the Pass that assigns them */
/* The resource of a mocked Map or Parallel run as a Task: the mock
 * answers it by state name, so no function is ever called. */
#define MOCKED_RESOURCE                                                        \
	"arn:aws:lambda:us-east-1:123456789012:function:sfnc-test-state"

/* The index of TARGET in TARGETS, or -1. */
static int target_index(const cJSON *targets, const char *target)
{
	const cJSON *t;
	int i = 0;

	cJSON_ArrayForEach(t, targets)
	{
		if (strcmp(t->valuestring, target) == 0)
			return i;
		i++;
	}
	return -1;
}

/* Points member KEY of OBJ, a state name when a string, at a stub: a
 * Succeed in STATES, its original name kept in TARGETS. */
static int redirect(cJSON *obj, const char *key, cJSON *states, cJSON *targets)
{
	const cJSON *next = cJSON_GetObjectItemCaseSensitive(obj, key);
	char stub[32];
	int i;

	if (!cJSON_IsString(next))
		return 1;
	i = target_index(targets, next->valuestring);
	if (i < 0) {
		cJSON *s;

		i = cJSON_GetArraySize(targets);
		snprintf(stub, sizeof(stub), STUB_PREFIX "%d", i);
		if (!cJSON_AddItemToArray(
		            targets, cJSON_CreateString(next->valuestring)) ||
		    (s = cJSON_AddObjectToObject(states, stub)) == NULL ||
		    !cJSON_AddStringToObject(s, "Type", "Succeed"))
			return 0;
	}
	snprintf(stub, sizeof(stub), STUB_PREFIX "%d", i);
	return cJSON_SetValuestring(cJSON_GetObjectItemCaseSensitive(obj, key),
	                            stub) != NULL;
}

/* Each member KEY (an array) of STATE: its elements' Next redirected. */
static int redirect_each(cJSON *state, const char *key, cJSON *states,
                         cJSON *targets)
{
	cJSON *e;

	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(state, key))
	{
		if (cJSON_IsObject(e) && !redirect(e, "Next", states, targets))
			return 0;
	}
	return 1;
}

/* Only these: a member named "Next" inside Parameters or Result is
 * data, not a transition. */
static int redirect_all(cJSON *state, cJSON *states, cJSON *targets)
{
	return redirect(state, "Next", states, targets) &&
	       redirect(state, "Default", states, targets) &&
	       redirect_each(state, "Choices", states, targets) &&
	       redirect_each(state, "Catch", states, targets);
}

/* The fields of a Map or Parallel that a Task has too. */
static const char *const task_fields[] = {
	"Comment",    "InputPath", "OutputPath",     "ResultPath", "Catch",
	"Next",       "End",       "QueryLanguage",  "Assign",     "Output",
	"Parameters", "Arguments", "ResultSelector",
};

/* Map or Parallel STATE as a Task with its input and output processing;
 * a Map's Parameters are its items' (ItemSelector), so not kept. */
static cJSON *as_task(const cJSON *state)
{
	int map = strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(
	                         state, "Type")),
	                 "Map") == 0;
	cJSON *task = cJSON_CreateObject();

	if (task == NULL || !cJSON_AddStringToObject(task, "Type", "Task") ||
	    !cJSON_AddStringToObject(task, "Resource", MOCKED_RESOURCE)) {
		cJSON_Delete(task);
		return NULL;
	}
	for (size_t i = 0; i < sizeof(task_fields) / sizeof(task_fields[0]);
	     i++) {
		const cJSON *v =
		        cJSON_GetObjectItemCaseSensitive(state, task_fields[i]);

		if (v == NULL ||
		    (map && strcmp(task_fields[i], "Parameters") == 0))
			continue;
		if (!cJSON_AddItemToObject(task, task_fields[i],
		                           cJSON_Duplicate(v, 1))) {
			cJSON_Delete(task);
			return NULL;
		}
	}
	return task;
}

/* The state under test as it runs: a copy, retriers left out (the
 * reply says what the first one that names the error would do), the
 * machine's QueryLanguage carried over. */
static cJSON *tested_state(const struct Sfn_serve_test_def *def)
{
	cJSON *s = def->as_task ? as_task(def->state)
	                        : cJSON_Duplicate(def->state, 1);

	if (s == NULL)
		return NULL;
	cJSON_DeleteItemFromObjectCaseSensitive(s, "Retry");
	if (def->jsonata && !cJSON_HasObjectItem(s, "QueryLanguage") &&
	    !cJSON_AddStringToObject(s, "QueryLanguage", "JSONata")) {
		cJSON_Delete(s);
		return NULL;
	}
	return s;
}

/* A Pass that assigns VARS (an object, each name checked) from its
 * Result, a literal, so that no value is read as a path; its output is
 * its input. */
static cJSON *vars_state(const cJSON *vars)
{
	cJSON *s = cJSON_CreateObject(), *assign;
	const cJSON *v;

	if (s == NULL || !cJSON_AddStringToObject(s, "Type", "Pass") ||
	    !cJSON_AddItemToObject(s, "Result", cJSON_Duplicate(vars, 1)) ||
	    !cJSON_AddNullToObject(s, "ResultPath") ||
	    (assign = cJSON_AddObjectToObject(s, "Assign")) == NULL ||
	    !cJSON_AddStringToObject(s, "Next", SFN_SERVE_TEST_STATE)) {
		cJSON_Delete(s);
		return NULL;
	}
	cJSON_ArrayForEach(v, vars)
	{
		char key[400], path[400]; /* 80 characters of UTF-8 */

		snprintf(key, sizeof(key), "%s.$", v->string);
		snprintf(path, sizeof(path), "$['%s']", v->string);
		if (!cJSON_AddStringToObject(assign, key, path)) {
			cJSON_Delete(s);
			return NULL;
		}
	}
	return s;
}

char *Sfn_serve_test_machine(const struct Sfn_serve_test_def *def,
                             cJSON *targets)
{
	cJSON *root = cJSON_CreateObject(), *states = NULL, *state = NULL;
	char *text = NULL;
	int ok;

	ok = root != NULL &&
	     (states = cJSON_AddObjectToObject(root, "States")) != NULL &&
	     cJSON_AddStringToObject(root, "StartAt",
	                             def->vars ? VARS_STATE
	                                       : SFN_SERVE_TEST_STATE) &&
	     (state = tested_state(def)) != NULL &&
	     cJSON_AddItemToObject(states, SFN_SERVE_TEST_STATE, state);
	if (!ok)
		cJSON_Delete(state);
	ok = ok && redirect_all(state, states, targets) &&
	     (def->vars == NULL ||
	      cJSON_AddItemToObject(states, VARS_STATE, vars_state(def->vars)));
	if (ok)
		text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	return text;
}

const char *Sfn_serve_test_target(const cJSON *targets, const char *stub)
{
	size_t n = strlen(STUB_PREFIX);
	const cJSON *t;
	char *end;
	long i;

	if (stub == NULL || strncmp(stub, STUB_PREFIX, n) != 0)
		return NULL;
	i = strtol(stub + n, &end, 10);
	if (*end != '\0' || i < 0)
		return NULL;
	t = cJSON_GetArrayItem(targets, (int) i);
	return t ? t->valuestring : NULL;
}

static const cJSON *find_in(const cJSON *machine, const char *name);

/* NAME among the machines nested in STATE: a Parallel's branches, a
 * Map's processor (ItemProcessor, or Iterator before it). */
static const cJSON *find_nested(const cJSON *state, const char *name)
{
	const cJSON *b, *found;

	cJSON_ArrayForEach(b,
	                   cJSON_GetObjectItemCaseSensitive(state, "Branches"))
	{
		if ((found = find_in(b, name)) != NULL)
			return found;
	}
	found = find_in(
	        cJSON_GetObjectItemCaseSensitive(state, "ItemProcessor"), name);
	if (found == NULL)
		found = find_in(
		        cJSON_GetObjectItemCaseSensitive(state, "Iterator"),
		        name);
	return found;
}

/* The recursion follows the machine's nesting, which the validator
 * bounded (the definition was loaded before anything is looked up). */
static const cJSON *find_in(const cJSON *machine, const char *name)
{
	const cJSON *states =
	        cJSON_GetObjectItemCaseSensitive(machine, "States");
	const cJSON *s, *found;

	if (!cJSON_IsObject(states))
		return NULL;
	cJSON_ArrayForEach(s, states)
	{
		if (strcmp(s->string, name) == 0 && cJSON_IsObject(s))
			return s;
	}
	cJSON_ArrayForEach(s, states)
	{
		if ((found = find_nested(s, name)) != NULL)
			return found;
	}
	return NULL;
}

const cJSON *Sfn_serve_test_find(const cJSON *machine, const char *name)
{
	return find_in(machine, name);
}
