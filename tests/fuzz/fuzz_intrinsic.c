/* libFuzzer target: bytes -> intrinsic parser -> checks -> evaluation with
 * a fake resolver. The bytes up to the first NUL are the call; any after
 * it are the JSON input its paths read. Any input must end in a value or
 * an error, never a crash, leak or hang. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "sfn/intrinsic.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char default_input[] =
        "{\"a\":[1,2,2,\"x\",{\"k\":null}],\"s\":\"a,b,,c\",\"n\":3.5,"
        "\"o\":{\"z\":1,\"y\":[true]},\"t\":\"{} and {}\",\"b\":\"aGk=\"}";

/* "$" is the input, "$.name" one member of it; anything else fails. */
static enum sfn_status resolve(void *ctx, const char *path, cJSON **value,
                               struct sfn_error *err)
{
	const cJSON *input = ctx, *v = NULL;

	if (strcmp(path, "$") == 0)
		v = input;
	else if (strncmp(path, "$.", 2) == 0)
		v = cJSON_GetObjectItemCaseSensitive(input, path + 2);
	if (v != NULL) {
		*value = cJSON_Duplicate(v, 1);
		return *value != NULL ? SFN_OK : SFN_ERR_NOMEM;
	}
	err->name = strdup("States.Runtime");
	err->cause = strdup("not found");
	return SFN_ERR_FAILED;
}

static int fixed_random(void *ctx, unsigned char *buf, size_t n)
{
	(void) ctx;
	memset(buf, 0x5a, n);
	return 1;
}

static void evaluate(const struct sfn_intrinsic *call, cJSON *input)
{
	struct sfn_intrinsic_env env = { resolve, fixed_random, input };
	struct sfn_error err = { NULL, NULL };
	cJSON *result = NULL;
	char *text;

	if (sfn_intrinsic_eval(call, &env, &result, &err) == SFN_OK) {
		text = cJSON_PrintUnformatted(result);
		free(text);
	}
	cJSON_Delete(result);
	sfn_error_clear(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct sfn_intrinsic *call = NULL;
	struct sfn_loc at = { "fuzz", 1, 1, 1, 1 };
	struct sfn_diags d;
	cJSON *input;
	size_t n;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	n = strlen(text);
	input = n < size ? cJSON_ParseWithLength(text + n + 1, size - n - 1)
	                 : cJSON_Parse(default_input);
	sfn_diags_init(&d);
	if (sfn_intrinsic_parse(text, &at, &d, &call) == SFN_OK) {
		sfn_intrinsic_check(call, &at, &d);
		evaluate(call, input);
	}
	fuzz_render_all(&d, "fuzz", text, strlen(text));
	sfn_intrinsic_free(call);
	sfn_diags_free(&d);
	cJSON_Delete(input);
	free(text);
	return 0;
}
