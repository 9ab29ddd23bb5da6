/* sfnc lint: reads each input, reports what is wrong with it in the chosen
 * format, and exits 0 (clean), 1 (findings) or 2 (usage or I/O). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "sfn/asl.h"
#include "sfn/json.h"

enum { OPT_FORMAT, OPT_STRICT, OPT_DISABLE, OPT_ENABLE, OPT_LIST_RULES };
enum { OPT_INPUT_FORMAT = OPT_LIST_RULES + 1, OPT_COLOR, OPT_QUIET };

struct lint {
	enum sfn_format format;
	int strict;
	int list_rules;
	enum cli_reader reader;
	enum cli_color color;
	int quiet;              /* only what fails the run, no count */
	struct sfn_arena names; /* paths of DefinitionUri files */
	unsigned char changed[SFN_RULE_COUNT]; /* set by --enable/--disable */
	enum sfn_severity severity[SFN_RULE_COUNT];
};

static const struct cli_opt lint_opts[] = {
	{ "format", 'f', "FORMAT", OPT_FORMAT,
	  "text (default), json, sarif or github" },
	{ "strict", 0, NULL, OPT_STRICT, "exit 1 on warnings as well" },
	{ "disable", 0, "RULE", OPT_DISABLE,
	  "turn a rule off (name or code; repeatable)" },
	{ "enable", 0, "RULE", OPT_ENABLE,
	  "turn a rule on at its default severity" },
	{ "list-rules", 0, NULL, OPT_LIST_RULES,
	  "list every rule with its code and severity" },
	{ "color", 0, "WHEN", OPT_COLOR,
	  "colour text output: auto (default: on a terminal), always, never" },
	{ "quiet", 'q', NULL, OPT_QUIET,
	  "show only what fails the run, without the count" },
	{ "input-format", 0, "TYPE", OPT_INPUT_FORMAT,
	  "json, yaml or auto (default: by extension, then content)" },
	{ NULL, 0, NULL, 0, NULL }
};

static int set_rule(const struct cli_command *cmd, struct lint *l,
                    const char *name, int on)
{
	int rule = sfn_rule_find(name);
	const char *best = rule < 0 ? sfn_rule_closest(name) : NULL;

	if (best != NULL)
		return sfn_cli_error(cmd,
		                     "unknown rule '%s'; did you mean '%s'?",
		                     name, best);
	if (rule < 0)
		return sfn_cli_error(cmd,
		                     "unknown rule '%s' (see 'sfnc lint "
		                     "--list-rules')",
		                     name);
	l->changed[rule] = 1;
	l->severity[rule] = on ? sfn_rule_get((enum sfn_rule_id) rule)->severity
	                       : SFN_SEV_OFF;
	return -1;
}

static int lint_option(const struct cli_command *cmd, void *ctx,
                       const struct cli_opt *o, const char *v)
{
	struct lint *l = ctx;
	int format;

	switch (o->id) {
	case OPT_FORMAT:
		format = sfn_format_parse(v);
		if (format < 0)
			return sfn_cli_error(cmd,
			                     "unknown format '%s' (text, "
			                     "json, sarif or github)",
			                     v);
		l->format = (enum sfn_format) format;
		break;
	case OPT_STRICT:
		l->strict = 1;
		break;
	case OPT_DISABLE:
	case OPT_ENABLE:
		return set_rule(cmd, l, v, o->id == OPT_ENABLE);
	case OPT_LIST_RULES:
		l->list_rules = 1;
		break;
	case OPT_INPUT_FORMAT:
		format = sfn_cli_reader_parse(v);
		if (format < 0)
			return sfn_cli_error(cmd,
			                     "unknown input format '%s' (json, "
			                     "yaml or auto)",
			                     v);
		l->reader = (enum cli_reader) format;
		break;
	case OPT_COLOR:
		format = sfn_cli_color_parse(v);
		if (format < 0)
			return sfn_cli_error(cmd,
			                     "unknown --color '%s' (auto, "
			                     "always or never)",
			                     v);
		l->color = (enum cli_color) format;
		break;
	case OPT_QUIET:
		l->quiet = 1;
		break;
	}
	return -1;
}

static int list_rules(void)
{
	for (int i = 0; i < SFN_RULE_COUNT; i++) {
		const struct sfn_rule *r = sfn_rule_get((enum sfn_rule_id) i);

		printf("%s  %-22s %-8s %s\n", r->code, r->name,
		       sfn_severity_name(r->severity), r->summary);
	}
	return CLI_OK;
}

/* Checks the template DOC read from SRC and its DefinitionUri files
 * (the readers of sfn_cli_parse_lint leave SRC's text as it was given). */
static void lint_template(struct lint *l, struct sfn_diags *diags,
                          const struct sfn_json_doc *doc,
                          const struct sfn_source *src,
                          struct cli_sources *sources)
{
	const char *name = src->name; /* SRC moves as SOURCES grow */

	sfn_asl_validate_template(doc, src->text, src->len, diags);
	sfn_cli_follow_uris(doc, name, sources, &l->names, diags);
}

/* Reads SRC (JSON, or YAML for a template) and checks what it holds,
 * with the local DefinitionUri files of a template (read into SOURCES,
 * which SRC belongs to). Returns what kept it from being checked: a
 * reader's failure other than a syntax error it reported (out of memory,
 * a size or depth limit, a syntax error whose rule is off) or a failure
 * the checks recorded in DIAGS. */
static enum sfn_status lint_source(struct lint *l, struct sfn_diags *diags,
                                   const struct sfn_source *src,
                                   struct cli_sources *sources)
{
	struct sfn_json_doc *doc;
	const cJSON *root;
	struct sfn_loc at = { src->name, 1, 1, 1, 2 };
	size_t errors = diags->errors;
	enum sfn_status st, before = diags->status;
	int validated;

	if (sfn_cli_is_sfn(src->name))
		return sfn_cli_lint_sfn(src, diags);
	doc = sfn_cli_parse_lint(src, l->reader, diags, &st, &validated);
	if (doc == NULL) {
		if (st == SFN_ERR_SYNTAX && diags->errors > errors)
			return SFN_OK; /* a finding, shown as such */
		return st != SFN_OK ? st : SFN_ERR_NOMEM;
	}
	root = sfn_json_root(doc);
	if (validated && sfn_asl_is_template(root))
		/* checked as it was read but for its DefinitionUri files */
		sfn_cli_follow_uris(doc, src->name, sources, &l->names, diags);
	else if (validated)
		(void) root; /* a definition, checked as it was read */
	else if (sfn_asl_is_definition(root))
		sfn_asl_validate(doc, root, NULL, diags);
	else if (sfn_asl_is_template(root))
		lint_template(l, diags, doc, src, sources);
	else
		sfn_diag_add(diags, SFN_RULE_ASL_NOT_A_MACHINE, &at, NULL,
		             "this is neither a state machine definition (no "
		             "\"States\") nor a CloudFormation template (no "
		             "\"Resources\")");
	sfn_json_doc_free(doc);
	return before == SFN_OK ? diags->status : SFN_OK;
}

/* For --quiet: a finding that does not fail the run (CTX: --strict). */
static int harmless(const struct sfn_diag *d, void *ctx)
{
	const int *strict = ctx;

	return d->severity < (*strict ? SFN_SEV_WARNING : SFN_SEV_ERROR);
}

/* Renders DIAGS to standard output; a one-line count goes to standard
 * error in text form. Returns 0 when the output could not be written. */
static int report(const struct cli_command *cmd, const struct lint *l,
                  struct sfn_diags *diags, const struct cli_sources *sources)
{
	int ok;

	if (l->quiet)
		sfn_diags_remove_if(diags, 0, harmless, (void *) &l->strict);
	ok = sfn_cli_render(cmd, l->format, l->color, diags, sources);
	/* after running out of memory the counts are not to be trusted */
	if (l->format == SFN_FORMAT_TEXT && !l->quiet &&
	    diags->errors + diags->warnings && diags->status != SFN_ERR_NOMEM)
		fprintf(stderr, "sfnc lint: %zu error%s, %zu warning%s\n",
		        diags->errors, diags->errors == 1 ? "" : "s",
		        diags->warnings, diags->warnings == 1 ? "" : "s");
	return ok;
}

static int lint_run(const struct cli_command *cmd, void *ctx, int nops,
                    char **operands)
{
	struct lint *l = ctx;
	struct cli_sources sources = { NULL, 0, 0, NULL, 0, 0 };
	struct sfn_diags diags;
	int rc = CLI_OK, io_failed = 0;
	enum sfn_status st;

	if (l->list_rules)
		return list_rules();
	if (nops == 0)
		return sfn_cli_error(cmd, "no input files (use '-' for "
		                          "standard input)");
	sfn_diags_init(&diags);
	sfn_arena_init(&l->names);
	for (int i = 0; i < SFN_RULE_COUNT; i++) {
		if (l->changed[i])
			sfn_diags_set_severity(&diags, (enum sfn_rule_id) i,
			                       l->severity[i]);
	}
	for (int i = 0; i < nops; i++) {
		/* the readers of definitions and templates do not write
		 * into the text: a mapping of the file spares a copy of it
		 * and the fresh pages it would fill */
		const struct sfn_source *src =
		        (sfn_cli_is_sfn(operands[i]) ? sfn_cli_read_diag
		                                     : sfn_cli_read_diag_const)(
		                cmd, &sources, operands[i],
		                SFN_JSON_MAX_BYTES + 1,
		                l->format == SFN_FORMAT_TEXT ? NULL : &diags);

		if (src == NULL) {
			io_failed = 1;
		} else if ((st = lint_source(l, &diags, src, &sources)) !=
		           SFN_OK) {
			sfn_cli_error(cmd, "cannot check '%s': %s", src->name,
			              sfn_status_str(st));
			io_failed = 1;
		}
	}
	if (!report(cmd, l, &diags, &sources) || io_failed ||
	    diags.status != SFN_OK)
		rc = CLI_USAGE;
	else if (diags.errors > 0 || (l->strict && diags.warnings > 0))
		rc = CLI_FINDINGS;
	sfn_cli_sources_free(&sources);
	sfn_arena_free(&l->names);
	sfn_diags_free(&diags);
	return rc;
}

const struct cli_command sfn_cli_lint = {
	"lint",
	"Check JSON state machine definitions for mistakes.",
	"sfnc lint [OPTIONS] FILE...",
	"Reads each FILE ('-' for standard input): a state machine definition\n"
	"(ASL JSON) or a CloudFormation template (JSON or YAML) holding\n"
	"AWS::StepFunctions::StateMachine or AWS::Serverless::StateMachine\n"
	"resources (a local DefinitionUri file is checked too), and reports\n"
	"every problem at file:line:column with the source line and a\n"
	"caret. Rules cover the whole States Language:\n"
	"fields of every state type and query language, transitions and\n"
	"reachability, Retry/Catch, Choice rules, paths and intrinsic\n"
	"functions, JSONata expressions. Where the service's\n"
	"ValidateStateMachineDefinition has a code for a finding, the code\n"
	"and the service's location are shown too. 'sfnc lint --list-rules'\n"
	"lists the rules; docs/lint-rules.md explains each.\n"
	"\n"
	"A file named *.json is read as JSON, *.yaml, *.yml or *.template as\n"
	"YAML; standard input and other names as JSON when they start with\n"
	"'{' or '[', else as YAML. A syntax error says which reader was used\n"
	"and why; --input-format json or yaml chooses one.\n"
	"\n"
	"To silence a finding in the file itself, write 'sfnc-disable' and\n"
	"the rules (names or codes, comma-separated, or 'all') in the\n"
	"Comment of the state, or of the whole definition.\n"
	"\n"
	"Text output is coloured on a terminal, unless NO_COLOR is set;\n"
	"--color always or never decides instead. --quiet shows only the\n"
	"findings that fail the run: errors, and warnings with --strict.\n"
	"\n"
	"Examples:\n"
	"  sfnc lint machine.asl.json\n"
	"  sfnc lint --format sarif *.json > lint.sarif\n"
	"  sfnc lint --format github --strict machine.asl.json\n"
	"  sfnc lint -q --color=always *.asl.json | less -R\n",
	"  0  no errors (and, with --strict, no warnings)\n"
	"  1  errors found (or warnings, with --strict)\n"
	"  2  usage error, or a file that cannot be read\n",
	lint_opts,
	lint_option,
	lint_run,
	sizeof(struct lint),
};
