/* The ASL linter over definitions other linters' authors wrote
 * ($SFN_SHARED/conformance/asl-lint, listed in manifest.json): every valid
 * one must give no error, every invalid one at least one. Cases whose
 * verdict rests on the source tool's own stricter rule ("doubt" in the
 * manifest) are scored apart: when sfnc disagrees they are reported as
 * skipped with the manifest's reason. Where the service's recorded
 * behaviour contradicts a fixture, the case is a documented disagreement,
 * listed with its evidence and counted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/asl.h"
#include "sfn/json.h"

#include "manifest.h"

#define CASES 184 /* in the manifest, for the skip count */

static const struct {
	const char *file;
	const char *evidence;
} disagreements[] = {
	{ "valid/asl-validator-map-with-item-batcher-jsonata.json",
	  "a state sets QueryLanguage JSONPath inside a JSONata machine; "
	  "ValidateStateMachineDefinition answers \"'QueryLanguage' can not be "
	  "'JSONPath' if set to 'JSONata' for whole state machine\" "
	  "(SCHEMA_VALIDATION_FAILED, as recorded from the service)" },
};

static const char *disagreement(const char *file)
{
	for (size_t i = 0; i < sizeof(disagreements) / sizeof(disagreements[0]);
	     i++)
		if (strcmp(disagreements[i].file, file) == 0)
			return disagreements[i].evidence;
	return NULL;
}

/* How many errors linting FILE gives; -1 when it cannot be read. */
static long lint_errors(const char *path, char *first, size_t size)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	char *text;
	size_t len;
	long errors;

	if (sfn_read_file(path, SFN_JSON_MAX_BYTES, &text, &len) != SFN_OK)
		return -1;
	sfn_diags_init(&d);
	if (sfn_json_parse(text, len, path, NULL, &d, &doc) == SFN_OK)
		sfn_asl_validate(doc, sfn_json_root(doc), NULL, &d);
	errors = (long) d.errors;
	first[0] = '\0';
	for (size_t i = 0; i < d.count; i++)
		if (d.items[i].severity == SFN_SEV_ERROR) {
			snprintf(first, size, "%u:%u: %s", d.items[i].loc.line,
			         d.items[i].loc.col, d.items[i].message);
			break;
		}
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(text);
	return errors;
}

struct tally {
	size_t pass, fail, doubt_agree, doubt_skip, disagree;
};

static void run_case(const char *dir, const cJSON *c, struct tally *t)
{
	const char *file = cJSON_GetStringValue(cJSON_GetObjectItem(c, "file"));
	const char *want =
	        cJSON_GetStringValue(cJSON_GetObjectItem(c, "expected"));
	const char *doubt =
	        cJSON_GetStringValue(cJSON_GetObjectItem(c, "doubt"));
	const char *evidence = disagreement(file);
	char path[8192], first[400];
	long errors;
	int agree;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	errors = lint_errors(path, first, sizeof(first));
	agree = errors >= 0 &&
	        (strcmp(want, "valid") == 0 ? errors == 0 : errors > 0);
	if (agree) {
		printf("ok conformance/asl-lint/%s\n", file);
		doubt ? t->doubt_agree++ : t->pass++;
	} else if (evidence != NULL) {
		printf("skip conformance/asl-lint/%s: documented disagreement: "
		       "%s\n",
		       file, evidence);
		t->disagree++;
	} else if (doubt != NULL) {
		printf("skip conformance/asl-lint/%s: doubt: %s\n", file,
		       doubt);
		t->doubt_skip++;
	} else {
		printf("FAIL conformance/asl-lint/%s: expected %s, %ld "
		       "error%s%s"
		       "%s\n",
		       file, want, errors, errors == 1 ? "" : "s",
		       first[0] ? ": " : "", first);
		t->fail++;
	}
}

int main(void)
{
	const char *shared = getenv("SFN_SHARED");
	char dir[4096], note[40];
	struct tally t = { 0, 0, 0, 0, 0 };
	cJSON *m;

	snprintf(dir, sizeof(dir), "%s/conformance/asl-lint",
	         shared ? shared : "../shared");
	snprintf(note, sizeof(note), " (%d cases)", CASES);
	m = manifest_load(dir, "conformance/asl-lint", note);
	if (m == NULL)
		return 0;
	for (const cJSON *c = manifest_cases(m); c != NULL; c = c->next)
		run_case(dir, c, &t);
	printf("# asl-lint: %zu of %zu agreed cases pass; doubt cases: %zu "
	       "agree, %zu skipped; %zu documented disagreement%s\n",
	       t.pass, t.pass + t.fail, t.doubt_agree, t.doubt_skip, t.disagree,
	       t.disagree == 1 ? "" : "s");
	cJSON_Delete(m);
	return t.fail ? 1 : 0;
}
