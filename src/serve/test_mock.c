/* TestState's mock: the request's "mock" member checked as the service
 * checks it (for a Task, Map or Parallel only; a result or an error,
 * not both; a Map's result an array, a Parallel's one item a branch),
 * then made the MockConfigFile whose one test case answers the state
 * under test (src/exec/mock.c answers it). Knows nothing of HTTP. */
#include "config.h"

#include <string.h>

#include "serve/serve_int.h"

#define MOCK_NAME       "TestState" /* its test case and its response */
#define MAX_MOCK_ERROR  256         /* characters of errorOutput.error */
#define MAX_MOCK_CAUSE  32768       /* and of errorOutput.cause */
#define MOCK_VALIDATION "ValidationException"

static const char *type_of(const cJSON *state)
{
	const char *type = cJSON_GetStringValue(
	        cJSON_GetObjectItemCaseSensitive(state, "Type"));

	return type ? type : "";
}

static int is(const cJSON *state, const char *type)
{
	return strcmp(type_of(state), type) == 0;
}

/* The shape a Map's or a Parallel's mocked result must have. */
static int result_fits(struct Sfn_serve_call *call, const cJSON *state,
                       const cJSON *result)
{
	const cJSON *branches;

	if (is(state, "Map") && cJSON_HasObjectItem(state, "ResultWriter") &&
	    !cJSON_IsObject(result))
		return Sfn_serve_fail400(
		        call, MOCK_VALIDATION,
		        "Mocked result must be a JSON object.");
	if ((is(state, "Map") && !cJSON_HasObjectItem(state, "ResultWriter")) ||
	    is(state, "Parallel")) {
		if (!cJSON_IsArray(result))
			return Sfn_serve_fail400(
			        call, MOCK_VALIDATION,
			        "Mocked result must be an array.");
	}
	branches = cJSON_GetObjectItemCaseSensitive(state, "Branches");
	if (is(state, "Parallel") &&
	    cJSON_GetArraySize(result) != cJSON_GetArraySize(branches))
		return Sfn_serve_fail400(call, MOCK_VALIDATION,
		                         "Mocked result must contain the same "
		                         "number of items as number of "
		                         "Parallel branches.");
	return 1;
}

/* A string member KEY of OBJ of at most MAX characters; REQUIRED: not
 * null. */
static int mock_string(struct Sfn_serve_call *call, const cJSON *obj,
                       const char *key, int required, size_t max,
                       const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);

	*out = NULL;
	if (v == NULL || cJSON_IsNull(v)) {
		if (!required)
			return 1;
		return Sfn_serve_fail400(call, MOCK_VALIDATION,
		                         "1 validation error detected: Value "
		                         "null at 'mock.errorOutput.%s' failed "
		                         "to satisfy constraint: Member must "
		                         "not be null",
		                         key);
	}
	if (!cJSON_IsString(v))
		return Sfn_serve_fail400(call, "SerializationException",
		                         "'%s' must be a string", key);
	if (strlen(v->valuestring) > max)
		return Sfn_serve_fail400(
		        call, MOCK_VALIDATION,
		        "1 validation error detected: Value at "
		        "'mock.errorOutput.%s' failed to "
		        "satisfy constraint: Member must have "
		        "length less than or equal to %zu",
		        key, max);
	*out = v->valuestring;
	return 1;
}

static int validation_mode(struct Sfn_serve_call *call, const cJSON *mock)
{
	const cJSON *v =
	        cJSON_GetObjectItemCaseSensitive(mock, "fieldValidationMode");

	if (v == NULL || cJSON_IsNull(v))
		return 1;
	if (!cJSON_IsString(v))
		return Sfn_serve_fail400(call, "SerializationException",
		                         "'fieldValidationMode' must be a "
		                         "string");
	if (strcmp(v->valuestring, "STRICT") == 0 ||
	    strcmp(v->valuestring, "PRESENT") == 0 ||
	    strcmp(v->valuestring, "NONE") == 0)
		return 1;
	return Sfn_serve_fail400(call, MOCK_VALIDATION,
	                         "1 validation error detected: Value '%s' at "
	                         "'mock.fieldValidationMode' failed to satisfy "
	                         "constraint: Member must satisfy enum value "
	                         "set: [STRICT, PRESENT, NONE]",
	                         v->valuestring);
}

/* {"Return": RESULT} (taken over) or {"Throw": {"Error", "Cause"}}. */
static cJSON *response(cJSON *result, const char *error, const char *cause)
{
	cJSON *r = cJSON_CreateObject(), *thr;

	if (r != NULL && result != NULL) {
		if (cJSON_AddItemToObject(r, "Return", result))
			return r;
	} else if (r != NULL &&
	           (thr = cJSON_AddObjectToObject(r, "Throw")) != NULL &&
	           cJSON_AddStringToObject(thr, "Error", error) &&
	           (cause == NULL ||
	            cJSON_AddStringToObject(thr, "Cause", cause))) {
		return r;
	}
	cJSON_Delete(result);
	cJSON_Delete(r);
	return NULL;
}

/* The MockConfigFile: machine SFN_SERVE_TEST_MACHINE's test case
 * MOCK_NAME maps the state under test to RESPONSE (taken over). */
static struct sfn_json_doc *config(cJSON *resp)
{
	cJSON *root = cJSON_CreateObject(), *sm, *tc, *mr, *r;

	if (resp == NULL || root == NULL ||
	    (sm = cJSON_AddObjectToObject(root, "StateMachines")) == NULL ||
	    (sm = cJSON_AddObjectToObject(sm, SFN_SERVE_TEST_MACHINE)) ==
	            NULL ||
	    (tc = cJSON_AddObjectToObject(sm, "TestCases")) == NULL ||
	    (tc = cJSON_AddObjectToObject(tc, MOCK_NAME)) == NULL ||
	    !cJSON_AddStringToObject(tc, SFN_SERVE_TEST_STATE, MOCK_NAME) ||
	    (mr = cJSON_AddObjectToObject(root, "MockedResponses")) == NULL ||
	    (r = cJSON_AddObjectToObject(mr, MOCK_NAME)) == NULL ||
	    !cJSON_AddItemToObject(r, "0", resp)) {
		cJSON_Delete(resp);
		cJSON_Delete(root);
		return NULL;
	}
	return sfn_json_doc_wrap_take(root, "mock");
}

/* Whether FAILURES iterations failing is past what Map STATE, whose
 * mocked RESULT holds an item an iteration, tolerates. Only a tolerance
 * given counts: the service let a Map without one succeed with failures
 * given (LocalStack's recordings of it, docs/serve.md). */
static int intolerable(const cJSON *state, const cJSON *result,
                       const struct Sfn_serve_test_failures *failures)
{
	const cJSON *count = cJSON_GetObjectItemCaseSensitive(
	        state, "ToleratedFailureCount");
	const cJSON *pct = cJSON_GetObjectItemCaseSensitive(
	        state, "ToleratedFailurePercentage");
	double items = cJSON_GetArraySize(result);

	if (!is(state, "Map") || !failures->given)
		return 0;
	if (cJSON_IsNumber(count) && failures->count > count->valuedouble)
		return 1;
	return cJSON_IsNumber(pct) && cJSON_IsArray(result) && items > 0 &&
	       failures->count * 100.0 / items > pct->valuedouble;
}

/* RESULT or ERROR and CAUSE of MOCK into *DOC. */
static int read_mock(struct Sfn_serve_call *call, const cJSON *state,
                     const cJSON *mock,
                     const struct Sfn_serve_test_failures *failures,
                     struct sfn_json_doc **doc)
{
	const cJSON *res = cJSON_GetObjectItemCaseSensitive(mock, "result");
	const cJSON *eo = cJSON_GetObjectItemCaseSensitive(mock, "errorOutput");
	const char *error = NULL, *cause = NULL;
	cJSON *result = NULL;

	if (cJSON_IsNull(res))
		res = NULL;
	if (cJSON_IsNull(eo))
		eo = NULL;
	if ((res == NULL) == (eo == NULL))
		return Sfn_serve_fail400(call, MOCK_VALIDATION,
		                         "A test mock should have only one of "
		                         "the following fields: [result, "
		                         "errorOutput].");
	if (res != NULL && !cJSON_IsString(res))
		return Sfn_serve_fail400(call, "SerializationException",
		                         "'result' must be a string");
	if (eo != NULL && !cJSON_IsObject(eo))
		return Sfn_serve_fail400(call, "SerializationException",
		                         "'errorOutput' must be an object");
	if (res != NULL && (result = cJSON_Parse(res->valuestring)) == NULL)
		return Sfn_serve_fail400(call, MOCK_VALIDATION,
		                         "Mocked result must be valid JSON");
	if ((result != NULL && !result_fits(call, state, result)) ||
	    (eo != NULL &&
	     (!mock_string(call, eo, "error", 1, MAX_MOCK_ERROR, &error) ||
	      !mock_string(call, eo, "cause", 0, MAX_MOCK_CAUSE, &cause)))) {
		cJSON_Delete(result);
		return 0;
	}
	if (result != NULL && intolerable(state, result, failures)) {
		cJSON_Delete(result);
		result = NULL;
		error = "States.ExceedToleratedFailureThreshold";
		cause = "The specified tolerated failure threshold was "
		        "exceeded";
	}
	*doc = config(response(result, error, cause));
	return *doc != NULL || Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
}

int Sfn_serve_test_mock(struct Sfn_serve_call *call, const cJSON *state,
                        int reveal,
                        const struct Sfn_serve_test_failures *failures,
                        struct sfn_json_doc **doc)
{
	const cJSON *mock = cJSON_GetObjectItemCaseSensitive(call->in, "mock");

	*doc = NULL;
	if (mock == NULL || cJSON_IsNull(mock))
		return 1;
	if (!cJSON_IsObject(mock))
		return Sfn_serve_fail400(call, "SerializationException",
		                         "'mock' must be an object");
	if (!is(state, "Task") && !is(state, "Map") && !is(state, "Parallel"))
		return Sfn_serve_fail400(
		        call, MOCK_VALIDATION,
		        "State type '%s' is not supported when "
		        "a mock is specified",
		        type_of(state));
	if (reveal)
		return Sfn_serve_fail400(call, MOCK_VALIDATION,
		                         "TestState does not support "
		                         "RevealSecrets when a mock is "
		                         "specified.");
	return validation_mode(call, mock) &&
	       read_mock(call, state, mock, failures, doc);
}
