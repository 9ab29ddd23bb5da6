/* UpdateStateMachine: a new definition (validated and loaded as
 * CreateStateMachine loads one) or role for a machine. Executions
 * started before go on with the definition they started with, as the
 * service's do: the replaced model is retired, not freed. Knows nothing
 * of HTTP. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "serve/serve_int.h"
#include "sfn/asl.h"
#include "sfn/model.h"

/* Loads TEXT as M's definition, M's old model retired; writes the error
 * reply and returns 0 when it does not load. */
static int new_definition(struct Sfn_serve_call *call,
                          struct Sfn_serve_machine *m, const char *text)
{
	struct Sfn_serve_machine *fresh;
	struct Sfn_serve_retired *r = calloc(1, sizeof(*r));
	struct sfn_diags diags;
	enum sfn_status st = SFN_ERR_NOMEM;
	char *old;

	fresh = Sfn_store_machine_new(m->arn, m->name, text);
	if (r != NULL && fresh != NULL) {
		fresh->type = m->type; /* borrowed while it loads */
		sfn_diags_init(&diags);
		st = Sfn_serve_machine_load(fresh, 0, &diags);
		fresh->type = NULL;
		if (st != SFN_OK && st != SFN_ERR_NOMEM)
			Sfn_serve_fail_definition(call, &diags);
		sfn_diags_free(&diags);
	}
	if (st == SFN_ERR_NOMEM)
		Sfn_serve_fail_status(call, st);
	if (st != SFN_OK) {
		free(r);
		Sfn_store_machine_free(fresh);
		return 0;
	}
	r->doc = m->doc;
	r->asl = m->asl;
	r->next = m->retired;
	m->retired = r;
	m->doc = fresh->doc;
	m->asl = fresh->asl;
	old = m->definition;
	m->definition = fresh->definition;
	fresh->definition = old;
	fresh->doc = NULL;
	fresh->asl = NULL;
	Sfn_store_machine_free(fresh);
	return 1;
}

static int new_role(struct Sfn_serve_call *call, struct Sfn_serve_machine *m,
                    const char *role)
{
	char *copy = strdup(role);

	if (copy == NULL)
		return Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
	free(m->role_arn);
	m->role_arn = copy;
	return 1;
}

/* Whether the request has member KEY (the configurations sfnc takes
 * but does not keep). */
static int has(const struct Sfn_serve_call *call, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(call->in, key) != NULL;
}

void Sfn_serve_update_machine(struct Sfn_serve_call *call)
{
	struct sfn_clock *clock = sfn_loop_clock(call->srv->loop);
	struct Sfn_serve_machine *m;
	const char *text, *role;
	cJSON *out;

	m = Sfn_serve_machine_arg(call, "stateMachineArn", NULL);
	if (m == NULL || !Sfn_serve_str(call, "definition", 0, &text) ||
	    !Sfn_serve_str(call, "roleArn", 0, &role))
		return;
	if (text == NULL && role == NULL &&
	    !has(call, "loggingConfiguration") &&
	    !has(call, "tracingConfiguration") &&
	    !has(call, "encryptionConfiguration")) {
		Sfn_serve_fail400(call, "MissingRequiredParameter",
		                  "Either the definition, the role ARN, the "
		                  "LoggingConfiguration, the "
		                  "EncryptionConfiguration or the "
		                  "TracingConfiguration must be specified");
		return;
	}
	if ((text != NULL && !new_definition(call, m, text)) ||
	    (role != NULL && !new_role(call, m, role)))
		return;
	if (Sfn_store_machine_changed(call->srv->store, m) != SFN_OK) {
		Sfn_serve_fail_status(call, SFN_ERR_IO);
		return;
	}
	out = Sfn_serve_out(call);
	if (out != NULL &&
	    !Sfn_serve_add_time(out, "updateDate", clock->wall_ms(clock)))
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
}
