/* State machines of a template that sfnc cannot check where they stand:
 * a definition in S3 (DefinitionS3Location, an s3:// or object
 * DefinitionUri), none at all, a DefinitionString of a form it cannot put
 * together, or a template with no state machine. Each gets a warning that
 * nothing was checked and why, so that silence always means "checked".
 * Local DefinitionUri files are for the caller to read. Knows nothing of
 * the ASL rules. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "asl/asl_int.h"

/* ASL_NOTHING_CHECKED at the key of member M (its value when it has no
 * key span), with the pointer /Resources/NAME[/Properties/FIELD]. */
static void report(const struct sfn_json_doc *doc, struct sfn_diags *diags,
                   const cJSON *m, const char *resource, const char *field,
                   const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static void report(const struct sfn_json_doc *doc, struct sfn_diags *diags,
                   const cJSON *m, const char *resource, const char *field,
                   const char *fmt, ...)
{
	struct sfn_loc loc = sfn_json_loc(doc, m);
	struct sfn_span key;
	struct sfn_buf msg, where;
	va_list ap;

	if (sfn_json_key_span(doc, m, &key)) {
		loc.line = key.line;
		loc.col = key.col;
		loc.end_line = key.end_line;
		loc.end_col = key.end_col;
	}
	sfn_buf_init(&msg, (size_t) 1 << 16);
	sfn_buf_init(&where, (size_t) 1 << 16);
	va_start(ap, fmt);
	sfn_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	sfn_buf_adds(&where, "/Resources");
	if (resource != NULL)
		sfn_buf_printf(&where, "/%s", resource);
	if (field != NULL)
		sfn_buf_printf(&where, "/Properties/%s", field);
	if (msg.status != SFN_OK || where.status != SFN_OK)
		diags->status = SFN_ERR_NOMEM;
	else
		sfn_diag_add(diags, SFN_RULE_ASL_NOTHING_CHECKED, &loc,
		             sfn_buf_str(&where), "%s", sfn_buf_str(&msg));
	sfn_buf_free(&msg);
	sfn_buf_free(&where);
}

int Sfn_asl_is_local_uri(const cJSON *uri)
{
	const char *s = cJSON_GetStringValue(uri);

	return s != NULL && s[0] != '\0' && strncmp(s, "s3://", 5) != 0 &&
	       strstr(s, "${") == NULL;
}

void Sfn_asl_template_elsewhere(const struct sfn_json_doc *doc,
                                const cJSON *resource, struct sfn_diags *diags)
{
	const cJSON *props = asl_get(resource, "Properties");
	const cJSON *uri = asl_get(props, "DefinitionUri");
	const cJSON *s3 = asl_get(props, "DefinitionS3Location");
	const cJSON *def = asl_get(props, "Definition");
	const char *name = resource->string;

	if (uri != NULL && Sfn_asl_is_local_uri(uri))
		return; /* the caller reads it */
	if (def != NULL)
		report(doc, diags, def, name, "Definition",
		       "the Definition of state machine '%s' is not an "
		       "object: nothing was checked",
		       name);
	else if (uri != NULL || s3 != NULL)
		report(doc, diags, uri ? uri : s3, name,
		       uri ? "DefinitionUri" : "DefinitionS3Location",
		       "the definition of state machine '%s' is in S3 "
		       "(%s), which sfnc does not read: nothing was checked",
		       name, uri ? "DefinitionUri" : "DefinitionS3Location");
	else
		report(doc, diags, resource, name, NULL,
		       "state machine '%s' has no Definition, "
		       "DefinitionString, DefinitionUri or "
		       "DefinitionS3Location: nothing was checked",
		       name);
}

void Sfn_asl_template_unassembled(const struct sfn_json_doc *doc,
                                  const cJSON *resource, const cJSON *str,
                                  struct sfn_diags *diags)
{
	report(doc, diags, str, resource->string, "DefinitionString",
	       "the DefinitionString of state machine '%s' is not a string, "
	       "Fn::Sub or Fn::Join (nested at most %d deep) that sfnc can "
	       "put together: nothing was checked",
	       resource->string, SFN_ASL_MAX_JOIN_DEPTH);
}

void Sfn_asl_template_none(const struct sfn_json_doc *doc,
                           struct sfn_diags *diags)
{
	const cJSON *resources = asl_get(sfn_json_root(doc), "Resources");

	report(doc, diags, resources, NULL, NULL,
	       "the template has no AWS::StepFunctions::StateMachine or "
	       "AWS::Serverless::StateMachine resource: nothing was checked");
}

size_t sfn_asl_template_local_uris(const struct sfn_json_doc *doc,
                                   void (*fn)(void *ctx, const cJSON *resource,
                                              const cJSON *uri),
                                   void *ctx)
{
	const cJSON *resources = asl_get(sfn_json_root(doc), "Resources");
	size_t n = 0;

	for (const cJSON *r = resources ? resources->child : NULL; r;
	     r = r->next) {
		const cJSON *props = asl_get(r, "Properties");
		const cJSON *uri = asl_get(props, "DefinitionUri");

		if (!Sfn_asl_is_machine(r) || asl_get(props, "Definition") ||
		    asl_get(props, "DefinitionString") ||
		    !Sfn_asl_is_local_uri(uri))
			continue;
		fn(ctx, r, uri);
		n++;
	}
	return n;
}
