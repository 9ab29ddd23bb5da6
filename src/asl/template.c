/* CloudFormation templates: every AWS::StepFunctions::StateMachine and
 * AWS::Serverless::StateMachine. Definition objects are checked in place
 * (intrinsic objects and ${...} placeholders stand for unknown values). */
#include "config.h"

#include <string.h>

#include "asl/asl_int.h"

static int is_machine(const cJSON *resource, int *express)
{
	const char *type = cJSON_GetStringValue(
	        cJSON_GetObjectItemCaseSensitive(resource, "Type"));
	const cJSON *props =
	        cJSON_GetObjectItemCaseSensitive(resource, "Properties");
	const char *kind = cJSON_GetStringValue(
	        cJSON_GetObjectItemCaseSensitive(props, "StateMachineType"));

	if (kind == NULL)
		kind = cJSON_GetStringValue(
		        cJSON_GetObjectItemCaseSensitive(props, "Type"));
	*express = kind != NULL && strcmp(kind, "EXPRESS") == 0;
	return type != NULL &&
	       (strcmp(type, "AWS::StepFunctions::StateMachine") == 0 ||
	        strcmp(type, "AWS::Serverless::StateMachine") == 0);
}

size_t sfn_asl_validate_template(const struct sfn_json_doc *doc,
                                 const char *text, size_t len,
                                 struct sfn_diags *diags)
{
	const cJSON *resources = cJSON_GetObjectItemCaseSensitive(
	        sfn_json_root(doc), "Resources");
	size_t found = 0;

	(void) text;
	(void) len;
	for (const cJSON *r = resources ? resources->child : NULL; r;
	     r = r->next) {
		const cJSON *props =
		        cJSON_GetObjectItemCaseSensitive(r, "Properties");
		const cJSON *def =
		        cJSON_GetObjectItemCaseSensitive(props, "Definition");
		struct sfn_asl_opts opts = { 1, 0 };

		if (!is_machine(r, &opts.express))
			continue;
		found++;
		if (cJSON_IsObject(def))
			sfn_asl_validate(doc, def, &opts, diags);
	}
	return found;
}
