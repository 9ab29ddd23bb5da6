/* One state: its Type, the query language in force, every field checked
 * against the field matrix (known to the type, of the right language, of
 * the right kind of value), required fields, fields that exclude each
 * other, and Next/End. Transitions are checked with the scope. */
#include "config.h"

#include <string.h>

#include "asl/fields.h"

static const char *const languages[] = { "JSONPath", "JSONata", NULL };
static const char *const types[] = { "Task",     "Wait", "Pass",
	                             "Succeed",  "Fail", "Choice",
	                             "Parallel", "Map",  NULL };

static void check_type(struct asl *a, const cJSON *state, unsigned *type)
{
	const cJSON *t = asl_get(state, "Type"), *typo = NULL;

	*type = 0;
	if (t == NULL)
		typo = Sfn_asl_misspelling(state, "Type");
	if (typo != NULL) {
		Sfn_asl_report(
		        a, SFN_RULE_ASL_UNKNOWN_FIELD, typo, 1, NULL,
		        "Field '%s' is not supported; did you mean 'Type'?",
		        typo->string);
		return;
	}
	if (t == NULL) {
		Sfn_asl_report(
		        a, SFN_RULE_ASL_MISSING_FIELD, state, 1, NULL,
		        "a state needs a Type: These fields are required: "
		        "[Type]");
		return;
	}
	*type = Sfn_asl_state_type(cJSON_GetStringValue(t));
	if (*type == 0) {
		const char *best =
		        cJSON_IsString(t)
		                ? Sfn_asl_closest(t->valuestring, types)
		                : NULL;

		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_VALUE, t, 0, "Type",
		        "The field 'Type' should have one of these values: "
		        "[Task, Wait, Pass, Succeed, Fail, Choice, Parallel, "
		        "Map]%s%s%s",
		        ASL_HINT(best));
	}
}

/* The language of the state: its own QueryLanguage, else the machine's;
 * only the exact "JSONPath" means JSONPath. */
static void check_language(struct asl *a, const cJSON *state)
{
	const cJSON *q = asl_get(state, "QueryLanguage");
	const char *s = cJSON_GetStringValue(q);

	a->jsonata = a->machine_jsonata;
	if (q == NULL)
		return;
	Sfn_asl_check_enum(a, q, "QueryLanguage", languages);
	a->jsonata = s == NULL || strcmp(s, "JSONPath") != 0;
	if (!a->jsonata && a->machine_jsonata)
		Sfn_asl_report(
		        a, SFN_RULE_ASL_QUERY_LANGUAGE, q, 0, NULL,
		        "'QueryLanguage' can not be 'JSONPath' if set to "
		        "'JSONata' for whole state machine");
}

/* Credentials: an object, a payload template in JSONPath states (the
 * service needs RoleArn, the States Language leaves it open). */
static void check_credentials(struct asl *a, const cJSON *v)
{
	if (!cJSON_IsObject(v) && !Sfn_asl_is_placeholder(a, v)) {
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_TYPE, v, 0, "Credentials",
		        "'Credentials' must be an object: Expected value of "
		        "type [OBJECT]");
		return;
	}
	if (a->jsonata)
		Sfn_asl_check_output(a, v, "Credentials");
	else
		Sfn_asl_check_template(a, v, "Credentials");
}

static void check_items(struct asl *a, const cJSON *v)
{
	if (cJSON_IsArray(v) || Sfn_asl_is_jsonata(v))
		Sfn_asl_check_output(a, v, "Items");
	else if (!Sfn_asl_is_placeholder(a, v))
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_TYPE, v, 0, "Items",
		        "'Items' must be an array or a JSONata expression");
}

static void check_object(struct asl *a, const cJSON *v, const char *field)
{
	if (!cJSON_IsObject(v) && !Sfn_asl_is_placeholder(a, v))
		Sfn_asl_report(a, SFN_RULE_ASL_FIELD_TYPE, v, 0, field,
		               "'%s' must be an object: Expected value of type "
		               "[OBJECT]",
		               field);
}

/* A timestamp: YYYY-MM-DDThh:mm:ss, a fraction, then Z or an offset. */
static int is_timestamp(const char *s)
{
	static const char shape[] = "dddd-dd-ddTdd:dd:dd";
	size_t i = 0;

	for (; shape[i] != '\0'; i++) {
		if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9')
		                    : s[i] != shape[i])
			return 0;
	}
	if (s[i] == '.') {
		for (i++; s[i] >= '0' && s[i] <= '9'; i++)
			;
	}
	if (s[i] == 'Z')
		return s[i + 1] == '\0';
	return (s[i] == '+' || s[i] == '-') && strlen(s + i) == 6 &&
	       s[i + 3] == ':';
}

static void check_timestamp(struct asl *a, const cJSON *v)
{
	const char *s = cJSON_GetStringValue(v);

	if (Sfn_asl_is_placeholder(a, v) ||
	    (a->jsonata && Sfn_asl_is_jsonata(v))) {
		Sfn_asl_check_jsonata(a, v, "Timestamp");
		return;
	}
	if (s != NULL && s[0] == '$')
		Sfn_asl_report(
		        a, SFN_RULE_ASL_NO_PATH, v, 0, "Timestamp",
		        "'Timestamp' holds a path, but only fields whose name "
		        "ends in \"Path\" take one (write 'TimestampPath')");
	if (s == NULL)
		Sfn_asl_check_string(a, v, "Timestamp");
	else if (!is_timestamp(s))
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_VALUE, v, 0, "Timestamp",
		        "'Timestamp' must be an RFC 3339 timestamp such as "
		        "2026-01-31T23:59:59Z, found \"%s\"",
		        s);
}

/* Checks V, the value of FIELD, by the kind of value the field takes. */
static void check_value(struct asl *a, const struct field *f, const cJSON *v)
{
	const char *name = f->name;

	switch (f->kind) {
	case K_STRING:
	case K_NEXT:
	case K_DEFAULT:
		Sfn_asl_check_string(a, v, name); /* literal, even in JSONata */
		break;
	case K_TEXT:
		if (a->jsonata && Sfn_asl_is_jsonata(v))
			Sfn_asl_check_jsonata(a, v, name);
		else
			Sfn_asl_check_string(a, v, name);
		break;
	case K_END:
		if (!cJSON_IsBool(v))
			Sfn_asl_report(
			        a, SFN_RULE_ASL_FIELD_TYPE, v, 0, name,
			        "'End' must be true or false: Expected value "
			        "of type [BOOLEAN]");
		break;
	case K_INT:
	case K_NUMBER:
		Sfn_asl_check_number(a, v, name, f->kind == K_INT, f->min,
		                     f->max);
		break;
	case K_PATH_NULL:
		Sfn_asl_check_path(a, v, name, 0, 1);
		break;
	case K_RESULT_PATH:
		Sfn_asl_check_result_path(a, v, name);
		break;
	case K_REF_PATH:
		Sfn_asl_check_path(a, v, name, 1, 0);
		break;
	case K_ERROR_PATH:
		Sfn_asl_check_dynamic(a, v, name);
		break;
	case K_TEMPLATE:
		Sfn_asl_check_template(a, v, name);
		break;
	case K_ARGUMENTS:
		if (!cJSON_IsObject(v) && !Sfn_asl_is_jsonata(v))
			check_object(a, v, name);
		Sfn_asl_check_output(a, v, name);
		break;
	case K_OUTPUT:
		Sfn_asl_check_output(a, v, name);
		break;
	case K_ASSIGN:
		Sfn_asl_check_assign(a, v, name);
		break;
	case K_RESULT:
		Sfn_asl_check_pass_result(a, v);
		break;
	case K_RESOURCE:
		Sfn_asl_check_resource(a, v);
		break;
	case K_CREDENTIALS:
		check_credentials(a, v);
		break;
	case K_ITEMS:
		check_items(a, v);
		break;
	case K_ITEM_SELECTOR:
		if (a->jsonata)
			Sfn_asl_check_output(a, v, name);
		else
			Sfn_asl_check_template(a, v, name);
		break;
	case K_OBJECT:
		check_object(a, v, name);
		break;
	case K_TIMESTAMP:
		check_timestamp(a, v);
		break;
	default:
		break; /* checked with their state type */
	}
}

/* A field the type does not have, or of the other query language. */
static int check_membership(struct asl *a, const cJSON *m, unsigned type,
                            const struct field *f)
{
	unsigned lang = a->jsonata ? L_A : L_P;

	if (f == NULL || !(f->types & type)) {
		const char *best = Sfn_asl_closest_field(m->string, type);

		Sfn_asl_report(a, SFN_RULE_ASL_UNKNOWN_FIELD, m, 1, NULL,
		               "Field '%s' is not supported%s%s%s", m->string,
		               ASL_HINT(best));
		return 0;
	}
	if (!(f->lang & lang)) {
		Sfn_asl_report_wrong_language(a, m);
		return 0;
	}
	return 1;
}

/* The most fields one rule of exclusive fields names. */
#define ONE_OF_MAX 8

/* At most one of the N fields NAMES, found in STATE as FOUND (NULL where
 * absent); with REQUIRED, at least one. */
static void exclusive(struct asl *a, const cJSON *state,
                      const cJSON *const *found, const char *const *names,
                      size_t count, int required)
{
	const cJSON *second = NULL;
	char list[200] = "";
	size_t n = 0;

	for (size_t i = 0; i < count; i++)
		if (found[i] != NULL && n++ == 1)
			second = found[i];
	if (second == NULL && (!required || n > 0))
		return;
	for (size_t i = 0; i < count; i++) {
		strncat(list, i ? ", " : "", sizeof(list) - strlen(list) - 1);
		strncat(list, names[i], sizeof(list) - strlen(list) - 1);
	}
	if (second != NULL)
		Sfn_asl_report(
		        a, SFN_RULE_ASL_EXCLUSIVE_FIELDS, second, 1, NULL,
		        "There should only be one of the following fields: "
		        "[%s]",
		        list);
	else if (required && n == 0)
		Sfn_asl_report(
		        a, SFN_RULE_ASL_EXCLUSIVE_FIELDS, state, 1, NULL,
		        "This object should have only one of the following "
		        "fields: [%s]",
		        list);
}

void Sfn_asl_one_of(struct asl *a, const cJSON *obj, const char *const *names,
                    int required)
{
	const cJSON *found[ONE_OF_MAX];
	size_t n = 0;

	for (; names[n] != NULL && n < ONE_OF_MAX; n++)
		found[n] = asl_get(obj, names[n]);
	exclusive(a, obj, found, names, n, required);
}

/* A state's members by field (the first of each name), gathered in the
 * walk that checks them: the checks of combinations and parts look
 * fields up here rather than walking the members a dozen times. */
struct members {
	const cJSON *of[F_COUNT];
};

/* Sfn_asl_one_of for the N fields IDS of a state. */
static void one_of(struct asl *a, const cJSON *state, const struct members *ms,
                   const enum field_id *ids, size_t n, int required)
{
	const cJSON *found[ONE_OF_MAX];
	const char *names[ONE_OF_MAX];

	for (size_t i = 0; i < n && i < ONE_OF_MAX; i++) {
		found[i] = ms->of[ids[i]];
		names[i] = Sfn_asl_field_name(ids[i]);
	}
	exclusive(a, state, found, names, n < ONE_OF_MAX ? n : ONE_OF_MAX,
	          required);
}

#define ONE_OF(a, state, ms, ids, required)                                    \
	one_of(a, state, ms, ids, sizeof(ids) / sizeof(ids[0]), required)

static void check_next_end(struct asl *a, const cJSON *state,
                           const struct members *ms)
{
	const cJSON *end = ms->of[F_END];

	if (cJSON_IsFalse(end) && !(ms->of[F_NEXT] != NULL))
		Sfn_asl_report(a, SFN_RULE_ASL_NEXT_END, end, 1, NULL,
		               "a state with End false needs Next: This object "
		               "should have only one of the following fields: "
		               "[Next, End]");
	else if (cJSON_IsFalse(end))
		return; /* Next, and End false as well: nothing decided */
	else if (end != NULL && (ms->of[F_NEXT] != NULL))
		Sfn_asl_report(
		        a, SFN_RULE_ASL_NEXT_END, end, 1, NULL,
		        "a state cannot both go on and end: There should "
		        "only be one of the following fields: [Next, End]");
	else if (end == NULL && !(ms->of[F_NEXT] != NULL) &&
	         !Sfn_asl_misspelled_next(state))
		Sfn_asl_report(
		        a, SFN_RULE_ASL_NEXT_END, state, 1, NULL,
		        "the state has neither Next nor End: This object "
		        "should have only one of the following fields: "
		        "[Next, End]");
}

static void require(struct asl *a, const cJSON *state, const struct members *ms,
                    enum field_id id)
{
	if (ms->of[id] == NULL)
		Sfn_asl_report(a, SFN_RULE_ASL_MISSING_FIELD, state, 1, NULL,
		               "These fields are required: [%s]",
		               Sfn_asl_field_name(id));
}

static const enum field_id timeouts[] = { F_TIMEOUT_SECONDS,
	                                  F_TIMEOUT_SECONDS_PATH };
static const enum field_id heartbeats[] = { F_HEARTBEAT_SECONDS,
	                                    F_HEARTBEAT_SECONDS_PATH };
static const enum field_id waits[] = { F_SECONDS, F_SECONDS_PATH, F_TIMESTAMP,
	                               F_TIMESTAMP_PATH };
static const enum field_id errors[] = { F_ERROR, F_ERROR_PATH };
static const enum field_id causes[] = { F_CAUSE, F_CAUSE_PATH };
static const enum field_id concurrency[] = { F_MAX_CONCURRENCY,
	                                     F_MAX_CONCURRENCY_PATH };
static const enum field_id count[] = { F_TOLERATED_FAILURE_COUNT,
	                               F_TOLERATED_FAILURE_COUNT_PATH };
static const enum field_id percent[] = { F_TOLERATED_FAILURE_PERCENTAGE,
	                                 F_TOLERATED_FAILURE_PERCENTAGE_PATH };
static const enum field_id processors[] = { F_ITEM_PROCESSOR, F_ITERATOR };
static const enum field_id selectors[] = { F_ITEM_SELECTOR, F_PARAMETERS };

static void heartbeat_below_timeout(struct asl *a, const struct members *ms)
{
	const cJSON *t = ms->of[F_TIMEOUT_SECONDS];
	const cJSON *h = ms->of[F_HEARTBEAT_SECONDS];

	if (cJSON_IsNumber(t) && cJSON_IsNumber(h) &&
	    h->valuedouble >= t->valuedouble)
		Sfn_asl_report(a, SFN_RULE_ASL_HEARTBEAT, h, 0,
		               "HeartbeatSeconds",
		               "HeartbeatSeconds (%.17g) should be less than "
		               "TimeoutSeconds (%.17g)",
		               h->valuedouble, t->valuedouble);
}

/* What each type requires, and which of its fields exclude each other. */
static void check_combinations(struct asl *a, const cJSON *state,
                               const struct members *ms, unsigned type)
{
	if (type & (ST_TASK | ST_PARALLEL | ST_MAP | ST_PASS | ST_WAIT))
		check_next_end(a, state, ms);
	switch (type) {
	case ST_TASK:
		require(a, state, ms, F_RESOURCE);
		ONE_OF(a, state, ms, timeouts, 0);
		ONE_OF(a, state, ms, heartbeats, 0);
		heartbeat_below_timeout(a, ms);
		break;
	case ST_WAIT:
		ONE_OF(a, state, ms, waits, 1);
		break;
	case ST_FAIL:
		ONE_OF(a, state, ms, errors, 0);
		ONE_OF(a, state, ms, causes, 0);
		break;
	case ST_CHOICE:
		require(a, state, ms, F_CHOICES);
		break;
	case ST_PARALLEL:
		require(a, state, ms, F_BRANCHES);
		break;
	case ST_MAP:
		ONE_OF(a, state, ms, processors, 1);
		ONE_OF(a, state, ms, selectors, 0);
		ONE_OF(a, state, ms, concurrency, 0);
		ONE_OF(a, state, ms, count, 0);
		ONE_OF(a, state, ms, percent, 0);
		break;
	}
}

/* The parts of a type that have checks of their own. */
static void check_parts(struct asl *a, const cJSON *state,
                        const struct members *ms, unsigned type)
{
	if (ms->of[F_RETRY] != NULL)
		Sfn_asl_check_retry(a, state);
	if (ms->of[F_CATCH] != NULL)
		Sfn_asl_check_catch(a, state);
	if (type == ST_CHOICE)
		Sfn_asl_check_choice(a, state);
	else if (type == ST_MAP)
		Sfn_asl_check_map(a, state);
	else if (type == ST_PARALLEL)
		Sfn_asl_check_parallel(a, state);
}

void Sfn_asl_check_state(struct asl *a, const cJSON *state)
{
	struct members ms = { { NULL } };
	unsigned type;

	if (!cJSON_IsObject(state)) {
		Sfn_asl_report(a, SFN_RULE_ASL_FIELD_TYPE, state, 0, NULL,
		               "a state must be an object");
		return;
	}
	check_type(a, state, &type);
	check_language(a, state);
	if (type == 0)
		return;
	for (const cJSON *m = state->child; m != NULL; m = m->next) {
		const struct field *f;

		if (asl_same(m->string, "Type") ||
		    asl_same(m->string, "QueryLanguage"))
			continue;
		f = Sfn_asl_field(m->string);
		if (f != NULL) {
			enum field_id id = Sfn_asl_field_id(f);

			if (ms.of[id] == NULL)
				ms.of[id] = m;
		}
		if (check_membership(a, m, type, f))
			check_value(a, f, m);
	}
	check_combinations(a, state, &ms, type);
	check_parts(a, state, &ms, type);
}
