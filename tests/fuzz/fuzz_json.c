/* libFuzzer target: bytes -> JSON reader -> every renderer. Any input must
 * end in a tree or in diagnostics, never a crash, leak or hang. A text the
 * reader accepts and cJSON parses too must give the same tree: a check of
 * the string scanning, escapes and numbers against an independent parser. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render.h"
#include "sfn/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Member by member, in order (cJSON_Compare looks members up by name,
 * which duplicate keys defeat); numbers must be the same double. */
static int same_tree(const cJSON *a, const cJSON *b)
{
	if ((a->type & 0xff) != (b->type & 0xff))
		return 0;
	if ((a->string == NULL) != (b->string == NULL) ||
	    (a->string != NULL && strcmp(a->string, b->string) != 0))
		return 0;
	if (cJSON_IsString(a))
		return strcmp(a->valuestring, b->valuestring) == 0;
	if (cJSON_IsNumber(a))
		return memcmp(&a->valuedouble, &b->valuedouble,
		              sizeof(double)) == 0;
	for (a = a->child, b = b->child; a != NULL && b != NULL;
	     a = a->next, b = b->next)
		if (!same_tree(a, b))
			return 0;
	return a == NULL && b == NULL;
}

static void same_as_cjson(const char *text, size_t size, const cJSON *ours)
{
	cJSON *theirs = cJSON_ParseWithLength(text, size);

	if (theirs != NULL && !same_tree(ours, theirs))
		abort();
	cJSON_Delete(theirs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;

	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	sfn_diags_init(&d);
	sfn_json_parse(text, size, "fuzz.json", NULL, &d, &doc);
	if (doc != NULL)
		same_as_cjson(text, size, sfn_json_root(doc));
	fuzz_render_all(&d, "fuzz.json", text, size);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	return 0;
}
