/* Request members as the service reads them (a string, a Boolean,
 * maxResults, nextToken), with its errors for a wrong type or a missing
 * member; names it accepts; timestamps as the protocol writes them.
 * Knows nothing of any one operation. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "serve/serve_int.h"

#define TOKEN_PREFIX "sfnc-"

int Sfn_serve_str(struct Sfn_serve_call *call, const char *key, int required,
                  const char **out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(call->in, key);

	*out = NULL;
	if (v == NULL || cJSON_IsNull(v)) {
		if (!required)
			return 1;
		return Sfn_serve_fail400(call, "ValidationException",
		                         "1 validation error detected: Value "
		                         "null at '%s' failed to satisfy "
		                         "constraint: Member must not be null",
		                         key);
	}
	if (!cJSON_IsString(v))
		return Sfn_serve_fail400(call, "SerializationException",
		                         "'%s' must be a string", key);
	*out = v->valuestring;
	return 1;
}

int Sfn_serve_bool(struct Sfn_serve_call *call, const char *key, int dflt,
                   int *out)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(call->in, key);

	*out = dflt;
	if (v == NULL || cJSON_IsNull(v))
		return 1;
	if (!cJSON_IsBool(v))
		return Sfn_serve_fail400(call, "SerializationException",
		                         "'%s' must be a Boolean", key);
	*out = cJSON_IsTrue(v);
	return 1;
}

int Sfn_serve_max_results(struct Sfn_serve_call *call, size_t *out)
{
	const cJSON *v =
	        cJSON_GetObjectItemCaseSensitive(call->in, "maxResults");
	double d;

	*out = SFN_SERVE_DEFAULT_RESULTS;
	if (v == NULL || cJSON_IsNull(v))
		return 1;
	if (!cJSON_IsNumber(v))
		return Sfn_serve_fail400(call, "SerializationException",
		                         "'maxResults' must be an integer");
	d = v->valuedouble;
	if (!(d >= 0 && d <= SFN_SERVE_MAX_RESULTS))
		return Sfn_serve_fail400(
		        call, "ValidationException",
		        "1 validation error detected: Value '%.0f' at "
		        "'maxResults' failed to satisfy constraint: Member "
		        "must "
		        "have value less than or equal to %d and greater than "
		        "or equal to 0",
		        d, SFN_SERVE_MAX_RESULTS);
	if ((double) (size_t) d != d)
		return Sfn_serve_fail400(call, "SerializationException",
		                         "'maxResults' must be an integer");
	if (d > 0)
		*out = (size_t) d;
	return 1;
}

int Sfn_serve_token(struct Sfn_serve_call *call, size_t count, size_t *out)
{
	size_t n = strlen(TOKEN_PREFIX);
	const char *tok, *p;
	char *end;
	unsigned long long v;

	*out = 0;
	if (!Sfn_serve_str(call, "nextToken", 0, &tok))
		return 0;
	if (tok == NULL)
		return 1;
	p = tok + n;
	if (strncmp(tok, TOKEN_PREFIX, n) != 0 || *p < '0' || *p > '9')
		return Sfn_serve_fail400(call, "InvalidToken",
		                         "Invalid Token: '%s'", tok);
	v = strtoull(p, &end, 10);
	if (*end != '\0' || v == 0 || v >= count)
		return Sfn_serve_fail400(call, "InvalidToken",
		                         "Invalid Token: '%s'", tok);
	*out = (size_t) v;
	return 1;
}

int Sfn_serve_add_token(struct Sfn_serve_call *call, cJSON *out, size_t next,
                        size_t count)
{
	char tok[48];

	if (next >= count)
		return 1;
	snprintf(tok, sizeof(tok), TOKEN_PREFIX "%zu", next);
	if (cJSON_AddStringToObject(out, "nextToken", tok) == NULL)
		return Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
	return 1;
}

int Sfn_serve_name_ok(const char *name)
{
	size_t n = strlen(name);

	if (n == 0 || n > 80)
		return 0;
	for (const unsigned char *p = (const unsigned char *) name; *p; p++) {
		if (*p <= 0x20 || *p == 0x7f ||
		    strchr("<>{}[]?*\"#%\\^|~`$&,;:/", *p) != NULL)
			return 0;
		/* U+0080 to U+009F, C1 controls, are C2 80 to C2 9F */
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return 0;
	}
	return 1;
}

cJSON *Sfn_serve_add_time(cJSON *obj, const char *key, int64_t ms)
{
	return cJSON_AddNumberToObject(obj, key, (double) ms / 1000.0);
}
