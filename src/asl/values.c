/* Checks of plain field values: strings, enums, numbers and their ranges,
 * template placeholders, and Task resources (through the resource
 * parser). Paths and intrinsic calls are in exprs.c, payloads in
 * payloads.c. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "asl/asl_int.h"
#include "sfn/resource.h"

static const char *type_name(const cJSON *v)
{
	switch (v->type & 0xff) {
	case cJSON_String:
		return "STRING";
	case cJSON_Number:
		return "NUMBER";
	case cJSON_True:
	case cJSON_False:
		return "BOOLEAN";
	case cJSON_NULL:
		return "NULL";
	case cJSON_Array:
		return "ARRAY";
	default:
		return "OBJECT";
	}
}

int Sfn_asl_has_placeholder(const char *s)
{
	for (; s != NULL && (s = strchr(s, '$')) != NULL; s++)
		if (s[1] == '{')
			return 1;
	return 0;
}

int Sfn_asl_is_placeholder(const struct asl *a, const cJSON *v)
{
	(void) a; /* definitions meant for substitution live outside
	             templates too (SAM DefinitionUri, CDK assets) */
	if (Sfn_asl_has_placeholder(cJSON_GetStringValue(v)))
		return 1;
	if (cJSON_IsString(v))
		return 0;
	return cJSON_IsObject(v) && v->child != NULL &&
	       v->child->next == NULL &&
	       (strcmp(v->child->string, "Ref") == 0 ||
	        strncmp(v->child->string, "Fn::", 4) == 0);
}

int Sfn_asl_is_jsonata(const cJSON *v)
{
	const char *s = cJSON_GetStringValue(v);
	size_t n;

	if (s == NULL || s[0] != '{' || s[1] != '%')
		return 0;
	n = strlen(s);
	return n >= 4 && s[n - 2] == '%' && s[n - 1] == '}';
}

void Sfn_asl_check_string(struct asl *a, const cJSON *v, const char *field)
{
	if (!cJSON_IsString(v) && !Sfn_asl_is_placeholder(a, v))
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_TYPE, v, 0, field,
		        "'%s' must be a string, found %s: Expected value of "
		        "type [STRING]",
		        field, type_name(v));
}

void Sfn_asl_check_enum(struct asl *a, const cJSON *v, const char *field,
                        const char *const *values)
{
	const char *s = cJSON_GetStringValue(v), *best;
	char list[200] = "";

	if (Sfn_asl_is_placeholder(a, v))
		return;
	for (size_t i = 0; values[i] != NULL; i++) {
		if (s != NULL && strcmp(s, values[i]) == 0)
			return;
		strncat(list, i ? ", " : "", sizeof(list) - strlen(list) - 1);
		strncat(list, values[i], sizeof(list) - strlen(list) - 1);
	}
	/* one allowed value: the list says it all */
	best = s != NULL && values[1] != NULL ? Sfn_asl_closest(s, values)
	                                      : NULL;
	Sfn_asl_report(a, SFN_RULE_ASL_FIELD_VALUE, v, 0, field,
	               "'%s' must be one of [%s]: Value should be one of the "
	               "following: [%s]%s%s%s",
	               field, list, list, ASL_HINT(best));
}

void Sfn_asl_check_number(struct asl *a, const cJSON *v, const char *field,
                          int integer, double min, double max)
{
	double d;

	if (Sfn_asl_is_placeholder(a, v))
		return;
	if (a->jsonata && Sfn_asl_is_jsonata(v)) {
		Sfn_asl_check_jsonata(a, v, field);
		return;
	}
	if (cJSON_IsString(v) && v->valuestring[0] == '$')
		Sfn_asl_report(
		        a, SFN_RULE_ASL_NO_PATH, v, 0, field,
		        "'%s' holds a path, but only fields whose name ends "
		        "in \"Path\" take one (write '%sPath')",
		        field, field);
	if (!cJSON_IsNumber(v)) {
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_TYPE, v, 0, field,
		        "'%s' must be %s, found %s: Expected value of type "
		        "%s",
		        field, integer ? "an integer" : "a number",
		        type_name(v), integer ? "Integer" : "Number");
		return;
	}
	d = v->valuedouble;
	if (integer && d != floor(d))
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_TYPE, v, 0, field,
		        "'%s' must be an integer: Expected value of type "
		        "Integer",
		        field);
	else if (d < min)
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_VALUE, v, 0, field,
		        "'%s' is below its minimum: Minimum value is %.17g",
		        field, min);
	else if (d > max)
		Sfn_asl_report(
		        a, SFN_RULE_ASL_FIELD_VALUE, v, 0, field,
		        "'%s' is above its maximum: Maximum value is %.17g",
		        field, max);
}

/* ---- Task resources ---------------------------------------------------------
 */

/* Lambda functions, activities and arn:PARTITION:states::: integrations
 * are what the service runs; other ARNs and URIs it may not know. */
void Sfn_asl_check_resource(struct asl *a, const cJSON *v)
{
	const char *s = cJSON_GetStringValue(v);
	struct sfn_resource r;

	if (Sfn_asl_is_placeholder(a, v))
		return;
	if (s == NULL) {
		Sfn_asl_check_string(a, v, "Resource");
		return;
	}
	if (a->resource_text != s) {
		sfn_resource_parse(s, &a->resource);
		a->resource_text = s;
	}
	r = a->resource;
	switch (r.kind) {
	case SFN_RESOURCE_NOT_URI:
		Sfn_asl_report(
		        a, SFN_RULE_ASL_RESOURCE, v, 0, "Resource",
		        "Resource '%s' is not a URI: Value is not a valid "
		        "resource ARN",
		        s);
		return;
	case SFN_RESOURCE_URI:
		Sfn_asl_report(
		        a, SFN_RULE_ASL_RESOURCE_UNKNOWN, v, 0, "Resource",
		        "Resource '%s' is a URI but not an ARN: the States "
		        "Language allows it, the service accepts only ARNs",
		        s);
		return;
	case SFN_RESOURCE_INTEGRATION:
		if (r.pattern == SFN_PATTERN_UNKNOWN)
			Sfn_asl_report(
			        a, SFN_RULE_ASL_RESOURCE_UNKNOWN, v, 0,
			        "Resource",
			        "Resource '%s' ends in '%.*s', which is no "
			        "integration pattern (.sync, .sync:2, "
			        ".waitForTaskToken)",
			        s, (int) r.pattern_text.len,
			        r.pattern_text.ptr);
		return;
	case SFN_RESOURCE_LAMBDA:
	case SFN_RESOURCE_ACTIVITY:
		return;
	default:
		break;
	}
	Sfn_asl_report(
	        a, SFN_RULE_ASL_RESOURCE_UNKNOWN, v, 0, "Resource",
	        "Resource '%s' is neither a Lambda function, an activity "
	        "nor an arn:aws:states::: integration; the service may "
	        "not recognize it",
	        s);
}
