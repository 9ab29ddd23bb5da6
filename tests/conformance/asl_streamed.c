/* Checking a definition while it is read (sfn_asl_read_validate, what
 * sfnc lint does) finds exactly what reading it whole then checking it
 * finds: the same diagnostics (rule, severity, line and column, pointer,
 * the service's location, message) in the same order once sorted, and
 * the same status. Over every definition of the ASL lint corpus
 * ($SFN_SHARED/conformance/asl-lint), every JSON input of the golden
 * asl and lint tests (broken ones too), each also with the members of
 * every object reversed (a QueryLanguage or StartAt after States), and
 * the cases below that take the other paths. The same for a YAML
 * template (sfn_asl_read_validate_yaml against sfn_yaml_parse then
 * sfn_asl_validate_template): each corpus definition written as block
 * YAML in a template, as it is and reversed (a Type after Properties),
 * and the YAML cases below. One "ok" line per text. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/asl.h"
#include "sfn/json.h"

#include "manifest.h"

/* Texts that take the paths the corpus may not: read again whole (a
 * syntax error after states were checked, a JSONata QueryLanguage after
 * States), or not checked while read (States twice, States no object);
 * and findings that cross states once their trees are gone. */
static const struct {
	const char *name;
	int checked_while_read; /* what sfn_asl_read_validate must say */
	const char *text;
} cases[] = {
	{ "syntax-error-after-states", 0,
	  "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", "
	  "\"Nxt\": \"B\"},\n \"B\": {\"Type\": \"Succeed\",}}}" },
	{ "jsonata-after-states", 0,
	  "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", "
	  "\"Output\": \"{% $states.input %}\", \"ResultPath\": \"$.x\", "
	  "\"End\": true}}, \"QueryLanguage\": \"JSONata\"}" },
	{ "jsonpath-after-states", 1,
	  "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", "
	  "\"Output\": \"{% $states.input %}\", \"End\": true}}, "
	  "\"QueryLanguage\": \"JSONPath\"}" },
	{ "jsonata-before-states", 1,
	  "{\"QueryLanguage\": \"JSONata\", \"StartAt\": \"A\", \"States\": "
	  "{\"A\": {\"Type\": \"Pass\", \"ResultPath\": \"$.x\", \"End\": "
	  "true}}}" },
	{ "states-twice", 0,
	  "{\"StartAt\": \"A\", \"States\": [1], \"States\": {\"A\": "
	  "{\"Type\": \"Pass\", \"End\": true}}}" },
	{ "states-twice-object-first", 1,
	  "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", "
	  "\"End\": true}}, \"States\": {\"B\": {\"Type\": \"Nope\"}}}" },
	{ "states-empty", 0, "{\"StartAt\": \"A\", \"States\": {}}" },
	{ "duplicates-across-scopes", 1,
	  "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Parallel\", "
	  "\"Branches\": [{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": "
	  "\"Pass\", \"End\": true}}}], \"Next\": \"A\"},\n\"A\": {\"Type\": "
	  "\"Pass\", \"Next\": \"Z\"}, \"Z\": {\"Type\": \"Succeed\"}, \"Z\": "
	  "{\"Type\": \"Fail\"}, \"U\": {\"Type\": \"Pass\", \"Next\": "
	  "\"Zz\"}}}" },
	{ "escaped-names", 1,
	  "{\"StartAt\": \"\\u00e9t\\u00e9\", \"States\": {\"\\u00e9t\\u00e9\""
	  ": {\"Type\": \"Choice\", \"Choices\": [{\"Variable\": \"$.a\", "
	  "\"IsNull\": true, \"Next\": \"l\\u00e0\"}], \"Default\": "
	  "\"nowhere\"}"
	  ", \"l\\u00e0\": {\"Type\": \"Task\", \"Resource\": \"x\", "
	  "\"Catch\": "
	  "[{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"l\\u00e0\"}], "
	  "\"Next\": \"\\u00e9t\\u00e9\"}}}" },
	{ "suppressed-state", 1,
	  "{\"StartAt\": \"A\", \"States\": {\"A\": {\"Type\": \"Pass\", "
	  "\"Bogus\": 2, \"Next\": \"B\"}, \"B\": {\"Comment\": \"sfnc-disable "
	  "json-duplicate-key, asl-unknown-field\", \"Type\": \"Pass\", "
	  "\"Type\": \"Pass\", \"Bogus\": 1, \"End\": true}}}" },
	{ "suppressed-machine", 1,
	  "{\"Comment\": \"sfnc-disable all\", \"StartAt\": \"A\", \"States\": "
	  "{\"A\": {\"Type\": \"Pass\", \"Type\": \"Wait\"}}}" },
	{ "no-start-at", 1,
	  "{\"States\": {\"A\": {\"Type\": \"Pass\", \"Next\": \"A\"}}, "
	  "\"Version\": \"2.0\", \"TimeoutSeconds\": -1}" },
	{ "one-line", 1,
	  "{\"States\":{\"A\":{\"Type\":\"Pass\",\"Next\":\"B\"},\"B\":{"
	  "\"Type\":\"Pass\",\"Next\":\"A\"},\"C\":{\"Type\":\"Succeed\"}},"
	  "\"StartAt\":\"A\"}" },
};

/* Templates that take the YAML paths the corpus may not: the checks'
 * assumptions undone after the states (an EXPRESS type, a QueryLanguage,
 * a Type that is no machine's), what the fast reader leaves to libyaml
 * after some states (an anchor, a duplicate state), a tagged Definition,
 * a second machine, a flow States, none at all. */
#define YAML_HEAD                                                              \
	"Resources:\n"                                                         \
	"  M:\n"                                                               \
	"    Type: AWS::StepFunctions::StateMachine\n"                         \
	"    Properties:\n"                                                    \
	"      Definition:\n"                                                  \
	"        StartAt: A\n"                                                 \
	"        States:\n"                                                    \
	"          A:\n"                                                       \
	"            Type: Pass\n"                                             \
	"            Bogus: 1\n"                                               \
	"            Next: B\n"                                                \
	"          B:\n"
static const struct {
	const char *name;
	int checked_while_read;
	const char *text;
} yaml_cases[] = {
	{ "plain", 1, YAML_HEAD "            Type: Succeed\n" },
	{ "express-after", 0,
	  YAML_HEAD "            Type: Map\n"
	            "            ItemProcessor:\n"
	            "              ProcessorConfig: {Mode: DISTRIBUTED}\n"
	            "              StartAt: X\n"
	            "              States: {X: {Type: Succeed}}\n"
	            "            End: true\n"
	            "      StateMachineType: EXPRESS\n" },
	{ "express-before", 0,
	  "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n"
	  "    Properties:\n      StateMachineType: EXPRESS\n"
	  "      Definition:\n        StartAt: A\n        States:\n"
	  "          A: {Type: Pass, Bogus: 1, End: true}\n" },
	{ "jsonata-after", 0,
	  YAML_HEAD "            Type: Pass\n"
	            "            Output: '{% $states.input %}'\n"
	            "            ResultPath: $.x\n"
	            "            End: true\n"
	            "        QueryLanguage: JSONata\n" },
	{ "jsonpath-after", 1,
	  YAML_HEAD "            Type: Succeed\n"
	            "        QueryLanguage: JSONPath\n" },
	{ "not-a-machine", 0,
	  "Resources:\n  M:\n    Properties:\n      Definition:\n"
	  "        StartAt: A\n        States:\n"
	  "          A: {Type: Pass, Bogus: 1, End: true}\n"
	  "    Type: AWS::Lambda::Function\n" },
	{ "type-after", 1,
	  "Resources:\n  M:\n    Properties:\n      Definition:\n"
	  "        StartAt: A\n        States:\n"
	  "          A: {Type: Pass, Bogus: 1, End: true}\n"
	  "    Type: AWS::Serverless::StateMachine\n" },
	{ "anchor-after", 0,
	  YAML_HEAD "            Type: Succeed\n"
	            "          C: &c {Type: Succeed}\n" },
	{ "duplicate-state", 0,
	  YAML_HEAD "            Type: Succeed\n"
	            "          A: {Type: Fail}\n" },
	{ "syntax-error-after", 0,
	  YAML_HEAD "            Type: Succeed\n"
	            "          C: [unclosed\n" },
	{ "tagged-definition", 0,
	  "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n"
	  "    Properties:\n      Definition: !Sub\n        StartAt: A\n"
	  "        States:\n          A: {Type: Pass, Bogus: 1, End: true}\n" },
	{ "two-machines", 1,
	  YAML_HEAD "            Type: Succeed\n"
	            "  N:\n    Type: AWS::StepFunctions::StateMachine\n"
	            "    Properties:\n      Definition:\n        StartAt: Z\n"
	            "        States:\n          Z: {Type: Nope}\n" },
	{ "flow-states", 0,
	  "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n"
	  "    Properties:\n      Definition:\n        StartAt: A\n"
	  "        States: {A: {Type: Pass, Bogus: 1, End: true}}\n" },
	{ "states-in-a-sequence", 0,
	  "Resources:\n  - Properties:\n      Definition:\n"
	  "        StartAt: A\n        States:\n"
	  "          A: {Type: Pass, Bogus: 1, End: true}\n" },
	{ "suppressed", 1,
	  "Resources:\n  M:\n    Type: AWS::StepFunctions::StateMachine\n"
	  "    Properties:\n      Definition:\n"
	  "        Comment: sfnc-disable asl-unknown-field\n"
	  "        StartAt: A\n        States:\n"
	  "          A: {Type: Pass, Bogus: 1, Next: Z}\n" },
	{ "definition-uri", 0,
	  "Resources:\n  M:\n    Type: AWS::Serverless::StateMachine\n"
	  "    Properties:\n      DefinitionUri: s3://b/k.json\n" },
};

/* The status ST, then every diagnostic of D once sorted, one line each,
 * in OUT. */
static void print_findings(enum sfn_status st, struct sfn_diags *d,
                           struct sfn_buf *out)
{
	sfn_diags_sort(d);
	sfn_buf_printf(out, "status %s, status after %s\n", sfn_status_str(st),
	               sfn_status_str(d->status));
	for (size_t i = 0; i < d->count; i++) {
		const struct sfn_diag *g = &d->items[i];

		sfn_buf_printf(out, "%s %d %u:%u-%u:%u %s %s %s\n",
		               sfn_rule_get(g->rule)->name, (int) g->severity,
		               g->loc.line, g->loc.col, g->loc.end_line,
		               g->loc.end_col, g->pointer ? g->pointer : "-",
		               g->where ? g->where : "-", g->message);
	}
}

/* The text of a YAML template: status and sorted findings in OUT, read
 * while checked (sfn_asl_read_validate_yaml) when STREAMED; returns
 * whether it was checked while read. */
static int yaml_findings(const char *text, size_t len, const char *name,
                         int streamed, struct sfn_buf *out)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	enum sfn_status st;
	int validated = 0;

	sfn_diags_init(&d);
	st = streamed ? sfn_asl_read_validate_yaml(text, len, name, &d, &doc,
	                                           &validated)
	              : sfn_yaml_parse(text, len, name, &d, &doc);
	if (doc != NULL && !validated &&
	    sfn_asl_is_template(sfn_json_root(doc)))
		sfn_asl_validate_template(doc, text, len, &d);
	print_findings(st, &d, out);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	return validated;
}

/* What a caller gets: the status, then every diagnostic once sorted, one
 * line each, in OUT. */
static int findings(const char *text, size_t len, const char *name,
                    int streamed, struct sfn_buf *out)
{
	char *copy = malloc(len + 1);
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	enum sfn_status st = SFN_ERR_NOMEM;
	int validated = 0;

	sfn_diags_init(&d);
	if (copy != NULL) {
		memcpy(copy, text, len);
		copy[len] = '\0';
		st = streamed ? sfn_asl_read_validate(copy, len, name, NULL, &d,
		                                      &doc, &validated)
		              : sfn_json_parse_in_place(copy, len, name, NULL,
		                                        &d, &doc);
	}
	if (doc != NULL && !validated &&
	    sfn_asl_is_definition(sfn_json_root(doc)))
		sfn_asl_validate(doc, sfn_json_root(doc), NULL, &d);
	print_findings(st, &d, out);
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(copy);
	return validated;
}

static size_t checked_while_read; /* texts sfn_asl_read_validate checked */
static size_t yaml_texts, yaml_checked; /* YAML templates, and checked so */

/* 1 when TEXT gives the same both ways (FAIL line otherwise); *CHECKED
 * says whether sfn_asl_read_validate checked it while reading. */
static int compare_as(const char *text, size_t len, const char *name, int yaml,
                      int *checked)
{
	struct sfn_buf whole, streamed;
	size_t i = 0, lines = 0;
	int same;

	sfn_buf_init(&whole, (size_t) 1 << 26);
	sfn_buf_init(&streamed, (size_t) 1 << 26);
	if (yaml) {
		yaml_findings(text, len, name, 0, &whole);
		*checked = yaml_findings(text, len, name, 1, &streamed);
	} else {
		findings(text, len, name, 0, &whole);
		*checked = findings(text, len, name, 1, &streamed);
	}
	checked_while_read += (size_t) *checked;
	yaml_texts += (size_t) yaml;
	yaml_checked += (size_t) (yaml && *checked);
	same = whole.status == SFN_OK && streamed.status == SFN_OK &&
	       whole.len == streamed.len &&
	       memcmp(sfn_buf_str(&whole), sfn_buf_str(&streamed), whole.len) ==
	               0;
	while (i < whole.len && i < streamed.len &&
	       whole.data[i] == streamed.data[i])
		lines += whole.data[i++] == '\n';
	if (same)
		printf("ok streamed/%s (%zu lines)\n", name, lines);
	else
		printf("FAIL streamed/%s: differs from line %zu on\n", name,
		       lines + 1);
	sfn_buf_free(&whole);
	sfn_buf_free(&streamed);
	return same;
}

static int compare(const char *text, size_t len, const char *name)
{
	int checked;

	return compare_as(text, len, name, 0, &checked);
}

/* One case of a table: the same findings, and checked while read or not
 * as it says. */
static int compare_case(const char *text, const char *what, int expected,
                        int yaml)
{
	char name[100];
	int checked, same;

	snprintf(name, sizeof(name), "case/%s", what);
	same = compare_as(text, strlen(text), name, yaml, &checked);
	if (checked != expected) {
		printf("FAIL streamed/%s/path: %s while read\n", name,
		       checked ? "checked" : "not checked");
		return 0;
	}
	printf("ok streamed/%s/path\n", name);
	return same;
}

/* Past the nesting limit after a state was checked: the reader's limit
 * finding alone, as when read whole. */
static int compare_limit(void)
{
	const char *head = "{\"States\": {\"A\": {\"Type\": \"Pas\"}, "
	                   "\"B\": ";
	size_t deep = SFN_JSON_MAX_DEPTH, len = strlen(head) + 2 * deep + 2;
	char *text = malloc(len + 1);
	int same;

	if (text == NULL)
		return 0;
	memcpy(text, head, strlen(head));
	memset(text + strlen(head), '[', deep);
	memset(text + strlen(head) + deep, ']', deep);
	memcpy(text + len - 2, "}}", 3);
	same = compare(text, len, "case/limit-after-states");
	free(text);
	return same;
}

/* Reverses the members of every object under NODE (cJSON's own tree). */
static void reverse(cJSON *node)
{
	cJSON *m = node->child, *rev = NULL;

	for (cJSON *c = node->child; c != NULL; c = c->next)
		reverse(c);
	if (!cJSON_IsObject(node) || m == NULL)
		return;
	while (m != NULL) {
		cJSON *next = m->next;

		m->next = rev;
		if (rev != NULL)
			rev->prev = m;
		rev = m;
		m = next;
	}
	rev->prev = node->child; /* the old head is the new tail */
	node->child = rev;
}

/* NODE as block YAML at INDENT (two spaces a level): strings and keys
 * as JSON writes them (double-quoted YAML), empty collections in flow. */
static void block_yaml(const cJSON *node, int indent, struct sfn_buf *out)
{
	for (const cJSON *c = node->child; c != NULL; c = c->next) {
		char *key = NULL, *value = NULL;
		int nested = (cJSON_IsObject(c) || cJSON_IsArray(c)) &&
		             c->child != NULL;

		if (cJSON_IsObject(node)) {
			cJSON *k = cJSON_CreateString(c->string);

			key = k != NULL ? cJSON_PrintUnformatted(k) : NULL;
			cJSON_Delete(k);
		}
		if (!nested)
			value = cJSON_PrintUnformatted(c);
		sfn_buf_printf(out, "%*s%s%s%s%s\n", indent, "",
		               key != NULL ? key : "-", key != NULL ? ":" : "",
		               value != NULL ? " " : "",
		               value != NULL ? value : "");
		if (nested)
			block_yaml(c, indent + 2, out);
		cJSON_free(key);
		cJSON_free(value);
	}
}

/* DEF (cJSON's, taken) in a template, as block YAML, and again with the
 * members of every object reversed; the number of texts that differ. */
static size_t compare_template(cJSON *def, const char *name, size_t *n)
{
	cJSON *t = cJSON_CreateObject(),
	      *res = cJSON_AddObjectToObject(t, "Resources"),
	      *m = cJSON_AddObjectToObject(res, "Machine"), *props;
	char rname[4300];
	size_t failed = 0;
	int checked;

	cJSON_AddStringToObject(m, "Type", "AWS::StepFunctions::StateMachine");
	props = cJSON_AddObjectToObject(m, "Properties");
	cJSON_AddItemToObject(props, "Definition", def);
	for (int flip = 0; flip < 2; flip++) {
		struct sfn_buf yaml;

		sfn_buf_init(&yaml, (size_t) 1 << 26);
		if (flip)
			reverse(t);
		block_yaml(t, 0, &yaml);
		snprintf(rname, sizeof(rname), "%s/yaml%s", name,
		         flip ? "/reversed" : "");
		failed += yaml.status != SFN_OK ||
		          !compare_as(sfn_buf_str(&yaml), yaml.len, rname, 1,
		                      &checked);
		sfn_buf_free(&yaml);
		*n += 1;
	}
	cJSON_Delete(t);
	return failed;
}

/* The file PATH as written and, when cJSON reads it, reversed, and as
 * a YAML template when TEMPLATE; the number of texts that differ. */
static size_t compare_file(const char *path, const char *name, int template,
                           size_t *n)
{
	char *text, *flipped = NULL, rname[4300];
	size_t len, failed = 0;
	cJSON *tree;

	if (sfn_read_file(path, SFN_JSON_MAX_BYTES, &text, &len) != SFN_OK) {
		printf("FAIL streamed/%s: cannot read it\n", name);
		return 1;
	}
	failed += !compare(text, len, name);
	tree = cJSON_ParseWithLength(text, len);
	if (tree != NULL && template) {
		failed += compare_template(tree, name, n);
		tree = cJSON_ParseWithLength(text, len);
	}
	if (tree != NULL) {
		reverse(tree);
		flipped = cJSON_Print(tree);
		cJSON_Delete(tree);
	}
	if (flipped != NULL) {
		snprintf(rname, sizeof(rname), "%s/reversed", name);
		failed += !compare(flipped, strlen(flipped), rname);
		*n += 1;
	}
	cJSON_free(flipped);
	free(text);
	*n += 1;
	return failed;
}

static size_t corpus(const char *shared, size_t *n)
{
	char dir[4096], path[8192], name[4200];
	size_t failed = 0;
	cJSON *m;

	snprintf(dir, sizeof(dir), "%s/conformance/asl-lint", shared);
	m = manifest_load(dir, "streamed/asl-lint", "");
	if (m == NULL)
		return 0;
	for (const cJSON *c = manifest_cases(m); c != NULL; c = c->next) {
		const char *file =
		        cJSON_GetStringValue(cJSON_GetObjectItem(c, "file"));

		snprintf(path, sizeof(path), "%s/%s", dir, file);
		snprintf(name, sizeof(name), "asl-lint/%s", file);
		failed += compare_file(path, name, 1, n);
	}
	cJSON_Delete(m);
	return failed;
}

static int is_json(const char *name)
{
	size_t n = strlen(name);

	return n > 5 && strcmp(name + n - 5, ".json") == 0;
}

static size_t golden(const char *srcdir, const char *kind, size_t *n)
{
	char dir[4096], path[8192], name[4200];
	struct dirent *e;
	size_t failed = 0;
	DIR *d;

	snprintf(dir, sizeof(dir), "%s/tests/golden/%s", srcdir, kind);
	d = opendir(dir);
	if (d == NULL) {
		printf("FAIL streamed/golden/%s: %s not found\n", kind, dir);
		return 1;
	}
	while ((e = readdir(d)) != NULL) {
		if (!is_json(e->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		snprintf(name, sizeof(name), "golden/%s/%s", kind, e->d_name);
		failed += compare_file(path, name, 0, n);
	}
	closedir(d);
	return failed;
}

int main(void)
{
	const char *shared = getenv("SFN_SHARED");
	const char *srcdir = getenv("SFN_SRCDIR");
	size_t failed = 0, n = 0;

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++, n++)
		failed += !compare_case(cases[i].text, cases[i].name,
		                        cases[i].checked_while_read, 0);
	for (size_t i = 0; i < sizeof(yaml_cases) / sizeof(*yaml_cases);
	     i++, n++)
		failed += !compare_case(yaml_cases[i].text, yaml_cases[i].name,
		                        yaml_cases[i].checked_while_read, 1);
	failed += !compare_limit();
	n++;
	failed += corpus(shared ? shared : "../shared", &n);
	failed += golden(srcdir ? srcdir : ".", "asl", &n);
	failed += golden(srcdir ? srcdir : ".", "lint", &n);
	/* most templates of the corpus take the path under test: were they
	 * all read again whole, every comparison above would still hold */
	if (yaml_texts == sizeof(yaml_cases) / sizeof(*yaml_cases)) {
		printf("skip streamed/yaml-path: no corpus templates were "
		       "read\n");
	} else if (yaml_checked * 2 < yaml_texts) {
		printf("FAIL streamed/yaml-path: %zu of %zu YAML templates "
		       "checked while read\n",
		       yaml_checked, yaml_texts);
		failed++;
	} else {
		printf("ok streamed/yaml-path (%zu of %zu YAML templates "
		       "checked while read)\n",
		       yaml_checked, yaml_texts);
	}
	printf("# streamed: %zu texts compared (%zu checked while read), %zu "
	       "differ\n",
	       n, checked_while_read, failed);
	return failed ? 1 : 0;
}
