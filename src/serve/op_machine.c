/* The state machine operations: CreateStateMachine (the definition
 * loaded into the interpreter's model, refused with the validator's
 * findings), DescribeStateMachine, ListStateMachines,
 * DeleteStateMachine, and ValidateStateMachineDefinition answered by the
 * validator in the service's result shape. Knows nothing of HTTP. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve/serve_int.h"
#include "sfn/asl.h"
#include "sfn/model.h"

#define ARN_MAX 512 /* bytes of an ARN read from a request */

static const char definition_file[] = "<definition>";

static int64_t now_ms(const struct sfn_serve *srv)
{
	struct sfn_clock *clock = sfn_loop_clock(srv->loop);

	return clock->wall_ms(clock);
}

/* ---- loading a definition ----------------------------------------------- */

enum sfn_status Sfn_serve_machine_load(struct Sfn_serve_machine *m,
                                       int template, struct sfn_diags *diags)
{
	const char *text = m->definition;
	size_t len = strlen(text);
	struct sfn_asl_opts opts = { template, 0 };
	enum sfn_status st;

	opts.express = m->type != NULL && strcmp(m->type, "EXPRESS") == 0;
	st = sfn_json_parse(text, len, definition_file, NULL, diags, &m->doc);
	if (st == SFN_OK && !sfn_asl_is_definition(sfn_json_root(m->doc))) {
		sfn_diag_add(diags, SFN_RULE_ASL_NOT_A_MACHINE, NULL, "",
		             "The definition has no \"States\"");
		st = SFN_ERR_SYNTAX;
	}
	if (st == SFN_OK)
		st = sfn_asl_load(m->doc, sfn_json_root(m->doc), &opts, diags,
		                  &m->asl);
	return st;
}

/* Makes and stores machine NAME (of TYPE) from TEXT; *OUT is the new
 * machine, or the one of that name holding the same definition. */
static enum sfn_status create(struct sfn_serve *srv, const char *name,
                              const char *type, const char *text, int template,
                              struct sfn_diags *diags,
                              struct Sfn_serve_machine **out)
{
	struct Sfn_serve_machine *m;
	char arn[ARN_MAX];
	enum sfn_status st;

	*out = NULL;
	if (!Sfn_serve_name_ok(name))
		return SFN_ERR_USAGE;
	snprintf(arn, sizeof(arn), "%sstateMachine:%s", srv->prefix, name);
	m = Sfn_store_machine_get(srv->store, arn);
	if (m != NULL) {
		*out = m;
		return strcmp(m->definition, text) == 0 &&
		                       strcmp(m->type, type) == 0
		               ? SFN_OK
		               : SFN_ERR_USAGE;
	}
	m = Sfn_store_machine_new(arn, name, text);
	if (m == NULL || (m->type = strdup(type)) == NULL) {
		Sfn_store_machine_free(m);
		return SFN_ERR_NOMEM;
	}
	m->created_ms = now_ms(srv);
	st = Sfn_serve_machine_load(m, template, diags);
	if (st == SFN_OK)
		st = Sfn_store_machine_add(srv->store, m);
	if (st != SFN_OK)
		Sfn_store_machine_free(m);
	else
		*out = m;
	return st;
}

enum sfn_status sfn_serve_add_machine(struct sfn_serve *srv, const char *name,
                                      const cJSON *def, int template,
                                      struct sfn_diags *diags, const char **arn)
{
	struct Sfn_serve_machine *m;
	enum sfn_status st;
	char *text = cJSON_PrintUnformatted(def);

	*arn = NULL;
	if (text == NULL)
		return SFN_ERR_NOMEM;
	st = create(srv, name, "STANDARD", text, template, diags, &m);
	free(text);
	if (m != NULL)
		*arn = m->arn;
	return st;
}

/* ---- findings ----------------------------------------------------------- */

static const char *diag_code(const struct sfn_diag *d)
{
	const struct sfn_rule *r = sfn_rule_get(d->rule);

	return r->aws_code ? r->aws_code : r->name;
}

static const char *diag_where(const struct sfn_diag *d)
{
	return d->where ? d->where : d->pointer ? d->pointer : "";
}

void Sfn_serve_fail_definition(struct Sfn_serve_call *call,
                               const struct sfn_diags *diags)
{
	struct sfn_buf b;
	size_t shown = 0;

	sfn_buf_init(&b, 4 * SFN_DIAG_MESSAGE_MAX);
	for (size_t i = 0; i < diags->count && shown < 3; i++) {
		const struct sfn_diag *d = &diags->items[i];

		if (d->severity != SFN_SEV_ERROR)
			continue;
		sfn_buf_printf(&b, "%s'%s: %s at %s'", shown ? ", " : "",
		               diag_code(d), d->message, diag_where(d));
		shown++;
	}
	Sfn_serve_fail400(call, "InvalidDefinition",
	                  "Invalid State Machine Definition: %s",
	                  shown ? sfn_buf_str(&b)
	                        : "'the definition does "
	                          "not load'");
	sfn_buf_free(&b);
}

/* ---- the operations ----------------------------------------------------- */

/* The type member: STANDARD (the default) or EXPRESS. */
static int read_type(struct Sfn_serve_call *call, const char **type)
{
	if (!Sfn_serve_str(call, "type", 0, type))
		return 0;
	if (*type == NULL)
		*type = "STANDARD";
	if (strcmp(*type, "STANDARD") != 0 && strcmp(*type, "EXPRESS") != 0)
		return Sfn_serve_fail400(call, "ValidationException",
		                         "1 validation error detected: Value "
		                         "'%s' at 'type' failed to satisfy "
		                         "constraint: Member must satisfy enum "
		                         "value set: [STANDARD, EXPRESS]",
		                         *type);
	return 1;
}

static void create_failed(struct Sfn_serve_call *call, enum sfn_status st,
                          const char *name, const struct Sfn_serve_machine *m,
                          const struct sfn_diags *diags)
{
	if (st == SFN_ERR_USAGE && m != NULL)
		Sfn_serve_fail400(call, "StateMachineAlreadyExists",
		                  "State Machine Already Exists: '%s'", m->arn);
	else if (st == SFN_ERR_USAGE)
		Sfn_serve_fail400(call, "InvalidName", "Invalid Name: '%s'",
		                  name);
	else if (st == SFN_ERR_LIMIT && diags->errors == 0)
		Sfn_serve_fail400(call, "StateMachineLimitExceeded",
		                  "The server holds %d state machines already",
		                  SFN_SERVE_MAX_MACHINES);
	else if (st == SFN_ERR_NOMEM || st == SFN_ERR_IO)
		Sfn_serve_fail_status(call, st);
	else
		Sfn_serve_fail_definition(call, diags);
}

void Sfn_serve_create_machine(struct Sfn_serve_call *call)
{
	const char *name, *text, *type, *role;
	struct Sfn_serve_machine *m = NULL;
	struct sfn_diags diags;
	enum sfn_status st;
	cJSON *out;

	if (!Sfn_serve_str(call, "name", 1, &name) ||
	    !Sfn_serve_str(call, "definition", 1, &text) ||
	    !Sfn_serve_str(call, "roleArn", 0, &role) ||
	    !read_type(call, &type))
		return;
	sfn_diags_init(&diags);
	st = create(call->srv, name, type, text, 0, &diags, &m);
	if (st == SFN_OK && m->role_arn == NULL && role != NULL &&
	    (m->role_arn = strdup(role)) == NULL)
		st = SFN_ERR_NOMEM;
	else if (st == SFN_OK && role != NULL)
		st = Sfn_store_machine_changed(call->srv->store, m);
	if (st != SFN_OK)
		create_failed(call, st, name, m, &diags);
	sfn_diags_free(&diags);
	out = st == SFN_OK ? Sfn_serve_out(call) : NULL;
	if (out == NULL)
		return;
	if (cJSON_AddStringToObject(out, "stateMachineArn", m->arn) == NULL ||
	    Sfn_serve_add_time(out, "creationDate", m->created_ms) == NULL)
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
}

/* The ARN member KEY into BUF (what precedes a '#' when TEST_CASE is
 * given: *TEST_CASE is what follows it, or NULL); InvalidArn when it is
 * no state machine's ARN. */
static int machine_arn(struct Sfn_serve_call *call, const char *key,
                       char buf[ARN_MAX], const char **test_case)
{
	const char *arn, *hash;
	size_t len;

	if (!Sfn_serve_str(call, key, 1, &arn))
		return 0;
	hash = test_case ? strchr(arn, '#') : NULL;
	len = hash ? (size_t) (hash - arn) : strlen(arn);
	if (test_case)
		*test_case = hash ? hash + 1 : NULL;
	if (len >= ARN_MAX || strncmp(arn, "arn:", 4) != 0 ||
	    strstr(arn, ":stateMachine:") == NULL)
		return Sfn_serve_fail400(call, "InvalidArn",
		                         "Invalid Arn: '%s'", arn);
	memcpy(buf, arn, len);
	buf[len] = '\0';
	return 1;
}

struct Sfn_serve_machine *Sfn_serve_machine_arg(struct Sfn_serve_call *call,
                                                const char *key,
                                                const char **test_case)
{
	struct Sfn_serve_machine *m;
	char arn[ARN_MAX];

	if (!machine_arn(call, key, arn, test_case))
		return NULL;
	m = Sfn_store_machine_get(call->srv->store, arn);
	if (m == NULL)
		Sfn_serve_fail400(call, "StateMachineDoesNotExist",
		                  "State Machine Does Not Exist: '%s'", arn);
	return m;
}

static int describe(cJSON *out, const struct Sfn_serve_machine *m)
{
	cJSON *log = cJSON_AddObjectToObject(out, "loggingConfiguration");
	cJSON *trace = cJSON_AddObjectToObject(out, "tracingConfiguration");

	return cJSON_AddStringToObject(out, "stateMachineArn", m->arn) &&
	       cJSON_AddStringToObject(out, "name", m->name) &&
	       cJSON_AddStringToObject(out, "status", "ACTIVE") &&
	       cJSON_AddStringToObject(out, "definition", m->definition) &&
	       (m->role_arn == NULL ||
	        cJSON_AddStringToObject(out, "roleArn", m->role_arn)) &&
	       cJSON_AddStringToObject(out, "type", m->type) &&
	       Sfn_serve_add_time(out, "creationDate", m->created_ms) && log &&
	       cJSON_AddStringToObject(log, "level", "OFF") &&
	       cJSON_AddFalseToObject(log, "includeExecutionData") && trace &&
	       cJSON_AddFalseToObject(trace, "enabled");
}

void Sfn_serve_describe_machine(struct Sfn_serve_call *call)
{
	struct Sfn_serve_machine *m;
	cJSON *out;

	m = Sfn_serve_machine_arg(call, "stateMachineArn", NULL);
	out = m ? Sfn_serve_out(call) : NULL;
	if (out != NULL && !describe(out, m))
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
}

static int list_item(cJSON *list, const struct Sfn_serve_machine *m)
{
	cJSON *it = cJSON_CreateObject();

	if (it == NULL || !cJSON_AddItemToArray(list, it))
		return cJSON_Delete(it), 0;
	return cJSON_AddStringToObject(it, "stateMachineArn", m->arn) &&
	       cJSON_AddStringToObject(it, "name", m->name) &&
	       cJSON_AddStringToObject(it, "type", m->type) &&
	       Sfn_serve_add_time(it, "creationDate", m->created_ms);
}

void Sfn_serve_list_machines(struct Sfn_serve_call *call)
{
	struct Sfn_serve_machine **all;
	size_t n = Sfn_store_machines(call->srv->store, &all), max, at, i;
	cJSON *out, *list;

	if (!Sfn_serve_max_results(call, &max) ||
	    !Sfn_serve_token(call, n, &at) ||
	    (out = Sfn_serve_out(call)) == NULL)
		return;
	list = cJSON_AddArrayToObject(out, "stateMachines");
	for (i = at; list != NULL && i < n && i - at < max; i++)
		if (!list_item(list, all[i]))
			break;
	if (list == NULL || (i < n && i - at < max))
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
	else
		Sfn_serve_add_token(call, out, i, n);
}

/* Deleting a machine that is not there succeeds, as the service's
 * does. */
void Sfn_serve_delete_machine(struct Sfn_serve_call *call)
{
	struct Sfn_serve_machine *m;
	char arn[ARN_MAX];

	if (!machine_arn(call, "stateMachineArn", arn, NULL))
		return;
	m = Sfn_store_machine_get(call->srv->store, arn);
	if (m != NULL)
		Sfn_store_machine_delete(call->srv->store, m);
	(void) Sfn_serve_out(call);
}

/* ---- ValidateStateMachineDefinition ------------------------------------- */

static int add_finding(cJSON *list, const struct sfn_diag *d)
{
	cJSON *it = cJSON_CreateObject();

	if (it == NULL || !cJSON_AddItemToArray(list, it))
		return cJSON_Delete(it), 0;
	return cJSON_AddStringToObject(
	               it, "severity",
	               d->severity == SFN_SEV_ERROR ? "ERROR" : "WARNING") &&
	       cJSON_AddStringToObject(it, "code", diag_code(d)) &&
	       cJSON_AddStringToObject(it, "message", d->message) &&
	       cJSON_AddStringToObject(it, "location", diag_where(d));
}

static int validate_out(cJSON *out, const struct sfn_diags *diags, size_t max)
{
	cJSON *list;
	size_t shown = 0, i;

	if (!cJSON_AddStringToObject(out, "result",
	                             diags->errors ? "FAIL" : "OK") ||
	    (list = cJSON_AddArrayToObject(out, "diagnostics")) == NULL)
		return 0;
	for (i = 0; i < diags->count && shown < max; i++) {
		if (diags->items[i].severity < SFN_SEV_WARNING)
			continue;
		if (!add_finding(list, &diags->items[i]))
			return 0;
		shown++;
	}
	while (i < diags->count && diags->items[i].severity < SFN_SEV_WARNING)
		i++;
	return cJSON_AddBoolToObject(out, "truncated",
	                             i < diags->count || diags->dropped) !=
	       NULL;
}

void Sfn_serve_validate(struct Sfn_serve_call *call)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_asl_opts opts = { 0, 0 };
	const char *text, *type;
	struct sfn_diags diags;
	size_t max;
	cJSON *out;

	if (!Sfn_serve_str(call, "definition", 1, &text) ||
	    !read_type(call, &type) || !Sfn_serve_max_results(call, &max))
		return;
	opts.express = strcmp(type, "EXPRESS") == 0;
	sfn_diags_init(&diags);
	if (sfn_json_parse(text, strlen(text), definition_file, NULL, &diags,
	                   &doc) == SFN_OK)
		sfn_asl_validate(doc, sfn_json_root(doc), &opts, &diags);
	if (diags.status != SFN_OK)
		Sfn_serve_fail_status(call, diags.status);
	else if ((out = Sfn_serve_out(call)) != NULL &&
	         !validate_out(out, &diags, max))
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
	sfn_diags_free(&diags);
	sfn_json_doc_free(doc);
}
