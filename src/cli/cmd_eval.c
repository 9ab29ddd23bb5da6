/* sfnc eval: evaluates an intrinsic function call or a path the way a
 * payload template's "key.$" field would, against an input, a context
 * object and workflow variables, and prints the value, or the error name
 * and cause the service would fail with. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "sfn/exec.h"
#include "sfn/intrinsic.h"
#include "sfn/jsonout.h"
#include "sfn/path.h"

enum { OPT_INPUT, OPT_CONTEXT, OPT_VARS, OPT_COMPACT };

struct eval {
	const char *files[3]; /* --input, --context, --vars */
	int compact;
};

static const struct cli_opt eval_opts[] = {
	{ "input", 'i', "FILE", OPT_INPUT, "the input that $ paths read" },
	{ "context", 0, "FILE", OPT_CONTEXT,
	  "the context object that $$ paths read" },
	{ "vars", 0, "FILE", OPT_VARS,
	  "a JSON object of workflow variables for $name paths" },
	{ "compact", 'c', NULL, OPT_COMPACT, "print JSON on one line" },
	{ NULL, 0, NULL, 0, NULL }
};

static int eval_option(const struct cli_command *cmd, void *ctx,
                       const struct cli_opt *o, const char *v)
{
	struct eval *e = ctx;

	(void) cmd;
	if (o->id == OPT_COMPACT)
		e->compact = 1;
	else
		e->files[o->id] = v;
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
	struct cli_sources one = { &src, 1, 1 };
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
	if (st == SFN_OK) {
		rc = print_value(cmd, e, cJSON_GetObjectItem(out, "value"));
	} else if (st == SFN_ERR_FAILED) {
		fprintf(stderr, "%s: %s\n", err.name, err.cause);
		rc = CLI_FINDINGS;
	} else {
		rc = sfn_cli_error(cmd, "%s", sfn_status_str(st));
	}
	sfn_error_clear(&err);
	cJSON_Delete(out);
	cJSON_Delete(tmpl);
	return rc;
}

static int eval_run(const struct cli_command *cmd, void *ctx, int nops,
                    char **operands)
{
	struct eval *e = ctx;
	struct cli_sources sources = { NULL, 0, 0 };
	struct sfn_json_doc *docs[3] = { NULL, NULL, NULL };
	const cJSON *roots[3] = { NULL, NULL, NULL };
	cJSON *empty = cJSON_CreateObject();
	int rc = CLI_USAGE;

	if (nops != 1) {
		cJSON_Delete(empty);
		return sfn_cli_error(cmd, nops ? "one EXPR at a time (quote it)"
		                               : "missing EXPR (see 'sfnc eval "
		                                 "--help')");
	}
	for (int i = 0; i < 3; i++) {
		if (e->files[i] == NULL) {
			roots[i] = empty;
			continue;
		}
		docs[i] = sfn_cli_read_json(cmd, &sources, e->files[i]);
		if (docs[i] == NULL)
			goto done;
		roots[i] = sfn_json_root(docs[i]);
	}
	if (check_syntax(cmd, operands[0])) {
		struct sfn_exec_data data = { roots[0], roots[1], roots[2] };

		rc = evaluate(cmd, e, operands[0], &data);
	}
done:
	for (int i = 0; i < 3; i++)
		sfn_json_doc_free(docs[i]);
	cJSON_Delete(empty);
	sfn_cli_sources_free(&sources);
	return rc;
}

const struct cli_command sfn_cli_eval = {
	"eval",
	"Evaluate an intrinsic function call or a path.",
	"sfnc eval [OPTIONS] EXPR",
	"Evaluates EXPR as Step Functions evaluates the value of a \"key.$\"\n"
	"field in Parameters or ResultSelector: an intrinsic function call\n"
	"(States.Format, States.Array, ... all eighteen) or a path ($.x,\n"
	"$$.Execution.Input.x, $name.x). Paths read the --input document,\n"
	"the --context object and the --vars variables (each {} when not\n"
	"given). Prints the value; when the service would fail, prints the\n"
	"error name and cause it would give and exits 1.\n"
	"\n"
	"Examples:\n"
	"  sfnc eval \"States.Format('Hello, {}!', $.name)\" -i in.json\n"
	"  sfnc eval \"States.ArrayPartition(States.ArrayRange(1, 9, 1), "
	"4)\"\n"
	"  sfnc eval \"States.Hash('abc', 'SHA-256')\"\n"
	"  sfnc eval '$$.Execution.Input.prompt' --context ctx.json\n",
	"  0  the value was printed\n"
	"  1  the evaluation fails as the service would fail it\n"
	"  2  usage error, invalid expression, or unreadable input\n",
	eval_opts,
	eval_option,
	eval_run,
	sizeof(struct eval),
};
