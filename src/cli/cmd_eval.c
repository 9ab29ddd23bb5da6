/* sfnc eval: evaluates an intrinsic function call or a path the way a
 * payload template's "key.$" field would, or a "{% %}" JSONata
 * expression the way a JSONata state's field would, against an input, a
 * context object and workflow variables, and prints the value, or the
 * error name and cause the service would fail with. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "sfn/exec.h"
#include "sfn/intrinsic.h"
#include "sfn/json.h"
#include "sfn/jsonata.h"
#include "sfn/jsonout.h"
#include "sfn/path.h"

enum { OPT_INPUT, OPT_CONTEXT, OPT_VARS, OPT_COMPACT, OPT_VAR };

#define SFN_EVAL_MAX_VARS 64 /* --var options in one command */

/* Not an exit status: the text way hands over to the way of trees. */
#define CLI_TREES (-2)

struct eval {
	const char *args[3];  /* --input, --context, --vars: JSON|@FILE|- */
	const char *files[3]; /* the file each names, NULL for JSON text */
	int compact;
	const char *vars[SFN_EVAL_MAX_VARS]; /* --var NAME=JSON, in order */
	size_t nvars;
};

static const struct cli_opt eval_opts[] = {
	{ "input", 'i', "JSON|@FILE|-", OPT_INPUT,
	  "the input that $ paths read: JSON text, @FILE, or - for standard "
	  "input" },
	{ "context", 0, "JSON|@FILE|-", OPT_CONTEXT,
	  "the context object that $$ paths read" },
	{ "vars", 0, "JSON|@FILE|-", OPT_VARS,
	  "a JSON object of workflow variables for $name paths" },
	{ "var", 0, "NAME=JSON", OPT_VAR,
	  "one workflow variable (repeatable; over --vars)" },
	{ "compact", 'c', NULL, OPT_COMPACT, "print JSON on one line" },
	{ NULL, 0, NULL, 0, NULL }
};

/* NAME=JSON of a --var into VARS: a later one of the same name wins.
 * SFN_ERR_SYNTAX when it is no NAME=JSON, SFN_ERR_NOMEM. */
static enum sfn_status add_var(cJSON *vars, const char *v)
{
	const char *eq = strchr(v, '=');
	cJSON *value = eq ? cJSON_Parse(eq + 1) : NULL;
	char name[128];

	if (value == NULL || eq == v || (size_t) (eq - v) >= sizeof(name)) {
		cJSON_Delete(value);
		return SFN_ERR_SYNTAX;
	}
	memcpy(name, v, (size_t) (eq - v));
	name[eq - v] = '\0';
	cJSON_DeleteItemFromObjectCaseSensitive(vars, name);
	if (!cJSON_AddItemToObject(vars, name, value)) {
		cJSON_Delete(value);
		return SFN_ERR_NOMEM;
	}
	return SFN_OK;
}

static int eval_option(const struct cli_command *cmd, void *ctx,
                       const struct cli_opt *o, const char *v)
{
	struct eval *e = ctx;

	if (o->id == OPT_COMPACT)
		e->compact = 1;
	else if (o->id == OPT_VAR && e->nvars == SFN_EVAL_MAX_VARS)
		return sfn_cli_error(cmd, "at most %d --var options",
		                     SFN_EVAL_MAX_VARS);
	else if (o->id == OPT_VAR)
		e->vars[e->nvars++] = v;
	else
		e->args[o->id] = v;
	return -1;
}

/* Parses EXPR, a path, adding what is wrong with it to DIAGS. */
static void check_path(const char *expr, const struct sfn_loc *at,
                       struct sfn_diags *diags)
{
	struct sfn_path *p = NULL;
	enum sfn_status st = sfn_path_parse(expr, SFN_PATH_AWS, at, diags, &p);

	if (st != SFN_OK && st != SFN_ERR_SYNTAX && diags->status == SFN_OK)
		diags->status = st;
	sfn_path_free(p);
}

/* Checks EXPR's syntax first, so that a typo gets a caret under it and
 * exit status 2: a path when it starts with '$', else an intrinsic
 * function call (with a "did you mean" for a misspelled name). */
static int check_syntax(const struct cli_command *cmd, const char *expr)
{
	struct sfn_source src = { "<expression>", expr, strlen(expr) };
	struct cli_sources one = { &src, 1, 1, NULL, 0, 0 };
	struct sfn_loc at = { "<expression>", 1, 1, 1, 1 };
	struct sfn_diags diags;
	struct sfn_intrinsic *call = NULL;
	int ok;

	sfn_diags_init(&diags);
	if (expr[0] == '$') {
		check_path(expr, &at, &diags);
	} else {
		sfn_intrinsic_parse(expr, &at, &diags, &call);
		if (call != NULL)
			sfn_intrinsic_check(call, &at, &diags);
	}
	ok = diags.errors == 0 && diags.status == SFN_OK;
	if (!ok && diags.count > 0)
		sfn_cli_print_diags(&diags, &one);
	else if (!ok)
		sfn_cli_error(cmd, "%s", sfn_status_str(diags.status));
	sfn_intrinsic_free(call);
	sfn_diags_free(&diags);
	return ok;
}

static int print_value(const struct cli_command *cmd, const struct eval *e,
                       const cJSON *v)
{
	struct sfn_buf out;
	int ok;

	sfn_buf_init(&out, (size_t) 1 << 30);
	sfn_jsonout_value(
	        v, e->compact ? SFN_JSONOUT_COMPACT : SFN_JSONOUT_PRETTY, &out);
	sfn_buf_addc(&out, '\n');
	ok = sfn_cli_write(cmd, &out);
	sfn_buf_free(&out);
	return ok ? CLI_OK : CLI_USAGE;
}

/* The outcome of one evaluation: VALUE printed, or the error. */
static int report(const struct cli_command *cmd, const struct eval *e,
                  enum sfn_status st, const cJSON *value,
                  const struct sfn_error *err)
{
	if (st == SFN_OK)
		return print_value(cmd, e, value);
	if (st == SFN_ERR_FAILED) {
		fprintf(stderr, "%s: %s\n", err->name, err->cause);
		return CLI_FINDINGS;
	}
	return sfn_cli_error(cmd, "%s", sfn_status_str(st));
}

/* Evaluates EXPR as the value of a "key.$" field named "value.$". */
static int evaluate(const struct cli_command *cmd, const struct eval *e,
                    const char *expr, const struct sfn_exec_data *data)
{
	cJSON *tmpl = cJSON_CreateObject(), *out = NULL;
	struct sfn_error err = { NULL, NULL };
	enum sfn_status st;
	int rc;

	if (cJSON_AddStringToObject(tmpl, "value.$", expr) == NULL) {
		cJSON_Delete(tmpl);
		return sfn_cli_error(cmd, "out of memory");
	}
	st = sfn_exec_payload(tmpl, data, &out, &err);
	rc = report(cmd, e, st, cJSON_GetObjectItem(out, "value"), &err);
	sfn_error_clear(&err);
	cJSON_Delete(out);
	cJSON_Delete(tmpl);
	return rc;
}

/* ERR, JSONata's error in the "{% %}" EXPR, as a RULE diagnostic:
 * its code and message, the caret at byte AT_BYTE of the expression;
 * 0 when it could not be shown (memory ran out: said). */
static int show_jsonata_error(const struct cli_command *cmd, const char *expr,
                              enum sfn_rule_id rule,
                              const struct sfn_jsonata_error *err,
                              size_t at_byte)
{
	struct sfn_source src = { "<expression>", expr, strlen(expr) };
	struct cli_sources one = { &src, 1, 1, NULL, 0, 0 };
	struct sfn_loc at = { "<expression>", 1, 3, 1, 3 };
	struct sfn_diags diags;
	int ok = 0;

	at.col += (unsigned) at_byte;
	at.end_col = at.col;
	sfn_diags_init(&diags);
	sfn_diag_add(&diags, rule, &at, NULL, "%s: %s", err->code,
	             err->message);
	if (diags.status == SFN_OK)
		ok = sfn_cli_print_diags(&diags, &one);
	else
		sfn_cli_error(cmd, "%s", sfn_status_str(diags.status));
	sfn_diags_free(&diags);
	return ok;
}

/* A "{% %}" EXPR that does not parse: JSONata's code and message, the
 * caret under the token. */
static int check_jsonata(const struct cli_command *cmd, const char *expr)
{
	struct sfn_jsonata_error err;
	struct sfn_jsonata *j = NULL;
	enum sfn_status st =
	        sfn_jsonata_parse(expr + 2, strlen(expr) - 4, &j, &err);

	sfn_jsonata_free(j);
	if (st == SFN_OK)
		return 1;
	if (st == SFN_ERR_NOMEM)
		sfn_cli_error(cmd, "out of memory");
	else
		show_jsonata_error(cmd, expr, SFN_RULE_ASL_JSONATA_SYNTAX, &err,
		                   err.position); /* the token's first */
	return 0;
}

/* The outcome of the "{% %}" EXPR: as report() says it, and when the
 * engine failed with an error (JERR's code set), EXPR with a caret at
 * its position after the service's line. A runtime error's position
 * is the reference implementation's, just past the token at fault:
 * the caret goes under the token's last byte. */
static int report_jsonata(const struct cli_command *cmd, const struct eval *e,
                          const char *expr, enum sfn_status st,
                          const cJSON *value, const struct sfn_error *err,
                          const struct sfn_jsonata_error *jerr)
{
	int rc = report(cmd, e, st, value, err);

	if (st == SFN_ERR_FAILED && jerr->code[0] != '\0' &&
	    !show_jsonata_error(cmd, expr, SFN_RULE_ASL_JSONATA_ERROR, jerr,
	                        jerr->position > 0 ? jerr->position - 1 : 0))
		rc = CLI_USAGE;
	return rc;
}

/* Evaluates the "{% %}" EXPR as a JSONata state's field: $states.input
 * and $states.context are DATA's input and context. */
static int evaluate_jsonata(const struct cli_command *cmd, const struct eval *e,
                            const char *expr, const struct sfn_exec_data *data)
{
	struct sfn_exec_states s = { data->input, data->context, NULL, NULL,
		                     data->vars,  NULL,          NULL };
	cJSON *out = NULL;
	struct sfn_error err = { NULL, NULL };
	struct sfn_jsonata_error jerr;
	enum sfn_status st;
	int rc;

	st = sfn_exec_jsonata_one(expr, "expression", NULL, &s, &out, &err,
	                          &jerr);
	rc = report_jsonata(cmd, e, expr, st, out, &err, &jerr);
	sfn_error_clear(&err);
	cJSON_Delete(out);
	return rc;
}

/* --vars (FILE) with each --var over it into *OUT, a new object; *BAD
 * is the --var at fault when one is no NAME=JSON (SFN_ERR_SYNTAX). */
static enum sfn_status variables_of(const struct eval *e, const cJSON *file,
                                    cJSON **out, const char **bad)
{
	cJSON *vars = cJSON_Duplicate(file, 1);
	enum sfn_status st = vars != NULL ? SFN_OK : SFN_ERR_NOMEM;

	for (size_t i = 0; st == SFN_OK && i < e->nvars; i++) {
		*bad = e->vars[i];
		st = add_var(vars, e->vars[i]);
	}
	if (st != SFN_OK) {
		cJSON_Delete(vars);
		vars = NULL;
	}
	*out = vars;
	return st;
}

/* The same, saying what is wrong: NULL then. */
static cJSON *variables(const struct cli_command *cmd, const struct eval *e,
                        const cJSON *file)
{
	const char *bad = NULL;
	cJSON *vars;
	enum sfn_status st = variables_of(e, file, &vars, &bad);

	if (st == SFN_ERR_SYNTAX)
		sfn_cli_error(cmd, "--var wants NAME=JSON, not '%s'", bad);
	else if (st != SFN_OK)
		sfn_cli_error(cmd, "out of memory");
	return vars;
}

/* One expression: JSONata when wholly "{% %}", else a path or call. */
static int evaluate_one(const struct cli_command *cmd, const struct eval *e,
                        const char *expr, const cJSON *const roots[3])
{
	cJSON *vars = variables(cmd, e, roots[2]);
	struct sfn_exec_data data = { roots[0], roots[1], vars };
	int rc = CLI_USAGE;

	if (vars == NULL)
		return CLI_USAGE;
	if (sfn_exec_is_jsonata(expr, strlen(expr))) {
		if (check_jsonata(cmd, expr))
			rc = evaluate_jsonata(cmd, e, expr, &data);
	} else if (check_syntax(cmd, expr)) {
		rc = evaluate(cmd, e, expr, &data);
	}
	cJSON_Delete(vars);
	return rc;
}

/* What each of --input, --context and --vars is called as JSON text. */
static const char *const arg_names[3] = { "<input>", "<context>", "<vars>" };

/* The way of trees: every argument of E read into a tree (an empty object
 * for each not given), then EXPR evaluated over them; what is wrong is
 * said in the order it is met. */
static int eval_trees(const struct cli_command *cmd, const struct eval *e,
                      const char *expr)
{
	struct cli_sources sources = { NULL, 0, 0, NULL, 0, 0 };
	struct sfn_json_doc *docs[3] = { NULL, NULL, NULL };
	const cJSON *roots[3] = { NULL, NULL, NULL };
	cJSON *empty = cJSON_CreateObject();
	int rc = CLI_USAGE;

	for (int i = 0; i < 3; i++) {
		if (e->args[i] == NULL) {
			roots[i] = empty;
			continue;
		}
		docs[i] = sfn_cli_read_json_arg(cmd, &sources, e->args[i],
		                                arg_names[i], 1);
		if (docs[i] == NULL)
			goto done;
		roots[i] = sfn_json_root(docs[i]);
	}
	rc = evaluate_one(cmd, e, expr, roots);
done:
	for (int i = 0; i < 3; i++)
		sfn_json_doc_free(docs[i]);
	cJSON_Delete(empty);
	sfn_cli_sources_free(&sources);
	return rc;
}

/* Whether EXPR may take the text way: a JSONata expression with an
 * --input file, and every file given a regular file, which the way of
 * trees can read again (standard input, a pipe, could not be). JSON
 * text given inline goes the way of trees. */
static int text_way(const struct eval *e, const char *expr)
{
	struct stat sb;

	if (e->files[OPT_INPUT] == NULL ||
	    !sfn_exec_is_jsonata(expr, strlen(expr)))
		return 0;
	for (int i = 0; i < 3; i++) {
		if (e->files[i] != NULL &&
		    (strcmp(e->files[i], "-") == 0 ||
		     stat(e->files[i], &sb) != 0 || !S_ISREG(sb.st_mode)))
			return 0;
	}
	return 1;
}

/* The JSON document of E's argument I, read without a word (the way of
 * trees says what is wrong with it); NULL when it cannot be read or is
 * not JSON. */
static struct sfn_json_doc *read_quiet(struct cli_sources *sources,
                                       const struct eval *e, int i)
{
	struct sfn_source text = { arg_names[i], e->args[i],
		                   strlen(e->args[i]) };
	const struct sfn_source *src = &text;
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags diags;
	enum sfn_status st;

	if (e->files[i] != NULL)
		src = sfn_cli_read_quiet(sources, e->files[i],
		                         SFN_JSON_MAX_BYTES + 1, &st);
	if (src == NULL)
		return NULL;
	sfn_diags_init(&diags);
	sfn_diags_set_severity(&diags, SFN_RULE_JSON_DUPLICATE_KEY,
	                       SFN_SEV_OFF);
	sfn_diags_set_severity(&diags, SFN_RULE_JSON_NUMBER_PRECISION,
	                       SFN_SEV_OFF);
	sfn_json_parse(src->text, src->len, src->name, NULL, &diags, &doc);
	sfn_diags_free(&diags);
	return doc;
}

/* The JSONata EXPR over the --input file read as text, $states.input
 * built with only what EXPR reads of it, given ROOTS[1] and ROOTS[2],
 * the context and --vars documents. CLI_TREES when anything is wrong. */
static int jsonata_text(const struct cli_command *cmd, const struct eval *e,
                        const char *expr, const cJSON *const roots[3])
{
	const char *bad = NULL;
	cJSON *vars = NULL, *out = NULL;
	struct sfn_jsonata *j = NULL;
	struct sfn_error err = { NULL, NULL };
	struct sfn_jsonata_error jerr;
	enum sfn_status st = variables_of(e, roots[2], &vars, &bad);
	int rc = CLI_TREES;

	if (st == SFN_OK)
		st = sfn_jsonata_parse(expr + 2, strlen(expr) - 4, &j, NULL);
	sfn_jsonata_free(j);
	if (st == SFN_OK) {
		struct sfn_exec_states s = { NULL, roots[1], NULL, NULL,
			                     vars, NULL,     NULL };

		st = sfn_exec_jsonata_one(expr, "expression",
		                          e->files[OPT_INPUT], &s, &out, &err,
		                          &jerr);
		if (st == SFN_OK || st == SFN_ERR_FAILED || st == SFN_ERR_NOMEM)
			rc = report_jsonata(cmd, e, expr, st, out, &err, &jerr);
	}
	sfn_error_clear(&err);
	cJSON_Delete(out);
	cJSON_Delete(vars);
	return rc;
}

/* The text way: the context and --vars read first without a word; any
 * trouble (a file, a --var, EXPR's syntax, the input not JSON) and
 * CLI_TREES, for the way of trees to say what is wrong in its order. */
static int eval_text(const struct cli_command *cmd, const struct eval *e,
                     const char *expr)
{
	struct cli_sources sources = { NULL, 0, 0, NULL, 0, 0 };
	struct sfn_json_doc *docs[3] = { NULL, NULL, NULL };
	const cJSON *roots[3] = { NULL, NULL, NULL };
	cJSON *empty = cJSON_CreateObject();
	int rc = CLI_TREES;

	for (int i = OPT_CONTEXT; empty != NULL && i <= OPT_VARS; i++) {
		if (e->args[i] == NULL) {
			roots[i] = empty;
			continue;
		}
		docs[i] = read_quiet(&sources, e, i);
		if (docs[i] == NULL)
			goto done;
		roots[i] = sfn_json_root(docs[i]);
	}
	if (empty != NULL)
		rc = jsonata_text(cmd, e, expr, roots);
done:
	for (int i = 0; i < 3; i++)
		sfn_json_doc_free(docs[i]);
	cJSON_Delete(empty);
	sfn_cli_sources_free(&sources);
	return rc;
}

static int eval_run(const struct cli_command *cmd, void *ctx, int nops,
                    char **operands)
{
	struct eval *e = ctx;
	int rc = CLI_TREES;

	if (nops != 1)
		return sfn_cli_error(cmd, nops ? "one EXPR at a time (quote it)"
		                               : "missing EXPR (see 'sfnc eval "
		                                 "--help')");
	for (int i = 0; i < 3; i++)
		if (e->args[i] != NULL)
			e->files[i] = sfn_cli_json_arg_file(e->args[i], 1);
	if (text_way(e, operands[0]))
		rc = eval_text(cmd, e, operands[0]);
	if (rc == CLI_TREES)
		rc = eval_trees(cmd, e, operands[0]);
	return rc;
}

const struct cli_command sfn_cli_eval = {
	"eval",
	"Evaluate a path, an intrinsic call or a JSONata expression.",
	"sfnc eval [OPTIONS] EXPR",
	"Evaluates EXPR as Step Functions evaluates the value of a \"key.$\"\n"
	"field in Parameters or ResultSelector: an intrinsic function call\n"
	"(States.Format, States.Array, ... all eighteen) or a path ($.x,\n"
	"$$.Execution.Input.x, $name.x). Paths read the --input document,\n"
	"the --context object and the --vars variables (each {} when not\n"
	"given; --var NAME=JSON adds or replaces one variable). Each of\n"
	"--input, --context and --vars is JSON text, @FILE, or - for\n"
	"standard input; an argument that is not JSON text but names an\n"
	"existing file is read as that file.\n"
	"EXPR wholly wrapped in {% and %} is a JSONata expression, evaluated\n"
	"as a JSONata state's field is: $states.input is the --input\n"
	"document, $states.context the --context object, $name a variable;\n"
	"Step Functions' functions ($partition, $range, $hash, $random,\n"
	"$uuid, $parse) are there, $eval is not.\n"
	"Prints the value; when the service would fail, prints the\n"
	"error name and cause it would give and exits 1 (a JSONata error\n"
	"then shows the expression with a caret at the token at fault).\n"
	"\n"
	"Examples:\n"
	"  sfnc eval \"States.Format('Hello, {}!', $.name)\" -i in.json\n"
	"  sfnc eval \"States.ArrayPartition(States.ArrayRange(1, 9, 1), "
	"4)\"\n"
	"  sfnc eval \"States.Hash('abc', 'SHA-256')\"\n"
	"  sfnc eval '$$.Execution.Input.prompt' --context ctx.json\n"
	"  sfnc eval '{% $states.input.n * $k %}' -i @in.json --var k=2\n"
	"  sfnc eval '{% $states.input.a + 1 %}' --input '{\"a\": 2}'\n",
	"  0  the value was printed\n"
	"  1  the evaluation fails as the service would fail it\n"
	"  2  usage error, invalid expression, or unreadable input\n",
	eval_opts,
	eval_option,
	eval_run,
	sizeof(struct eval),
};
