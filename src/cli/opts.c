/* Option parsing from a table, with getopt's conventions: -x, -xVALUE,
 * -x VALUE, bundled flags (-cq), --name, --name=VALUE, --name VALUE, "--"
 * ending options and "-" as an operand (standard input). */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "cli/cli.h"
#include "sfn/suggest.h"
#include "sfn/utf8.h"

#define ERROR_MAX 4096 /* bytes of an error message; more are cut, marked */

/* -h, --help: every command takes it, as the program itself does. */
static const struct cli_opt *const help_opt = &sfn_cli_global_opts[0];

int sfn_cli_error(const struct cli_command *cmd, const char *fmt, ...)
{
	struct sfn_buf text, shown;
	va_list ap;
	int cut;

	sfn_buf_init(&text, ERROR_MAX + SFN_UTF8_SEQ_MAX);
	sfn_buf_init(&shown, 4 * (ERROR_MAX + SFN_UTF8_SEQ_MAX));
	va_start(ap, fmt);
	sfn_buf_vprintf_cut(&text, ERROR_MAX, &cut, fmt, ap);
	va_end(ap);
	/* names come from the user: escaped, never raw to the terminal */
	sfn_utf8_put_shown(&shown, sfn_buf_str(&text), text.len);
	if (text.status == SFN_ERR_NOMEM || shown.status == SFN_ERR_NOMEM)
		fprintf(stderr, "sfnc %s: out of memory\n", cmd->name);
	else
		fprintf(stderr, "sfnc %s: %s%s\n", cmd->name,
		        sfn_buf_str(&shown), cut ? "..." : "");
	sfn_buf_free(&text);
	sfn_buf_free(&shown);
	return CLI_USAGE;
}

static const struct cli_opt *by_long(const struct cli_command *cmd,
                                     const char *name, size_t len)
{
	if (strlen(help_opt->name) == len &&
	    !strncmp(help_opt->name, name, len))
		return help_opt;
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++) {
		if (strlen(o->name) == len && strncmp(o->name, name, len) == 0)
			return o;
	}
	return NULL;
}

static const struct cli_opt *by_short(const struct cli_command *cmd, char c)
{
	if (c == help_opt->short_name)
		return help_opt;
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++) {
		if (o->short_name == c)
			return o;
	}
	return NULL;
}

static int unknown_long(const struct cli_command *cmd, const char *name,
                        size_t len)
{
	const char *best;
	struct sfn_suggest s;

	sfn_suggest_init(&s, name, len);
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
		sfn_suggest_add(&s, o->name);
	best = sfn_suggest_best(&s);
	if (best != NULL)
		return sfn_cli_error(cmd,
		                     "unknown option '--%.*s'; did you "
		                     "mean '--%s'?",
		                     (int) len, name, best);
	return sfn_cli_error(cmd,
	                     "unknown option '--%.*s' (see 'sfnc %s "
	                     "--help')",
	                     (int) len, name, cmd->name);
}

static int apply(const struct cli_command *cmd, void *ctx,
                 const struct cli_opt *o, const char *value)
{
	if (o == help_opt) {
		sfn_cli_print_help(cmd, stdout);
		return CLI_OK;
	}
	return cmd->option(cmd, ctx, o, value);
}

/* --name, --name=VALUE or --name VALUE; *I advances past what is used. */
static int long_option(const struct cli_command *cmd, void *ctx, int argc,
                       char **argv, int *i)
{
	const char *name = argv[*i] + 2, *eq = strchr(name, '=');
	size_t len = eq ? (size_t) (eq - name) : strlen(name);
	const struct cli_opt *o = by_long(cmd, name, len);

	if (o == NULL)
		return unknown_long(cmd, name, len);
	if (o->arg == NULL && eq != NULL)
		return sfn_cli_error(cmd, "option '--%s' takes no argument",
		                     o->name);
	if (o->arg == NULL)
		return apply(cmd, ctx, o, NULL);
	if (eq != NULL)
		return apply(cmd, ctx, o, eq + 1);
	if (*i + 1 >= argc)
		return sfn_cli_error(cmd,
		                     "option '--%s' needs an argument "
		                     "(%s)",
		                     o->name, o->arg);
	return apply(cmd, ctx, o, argv[++*i]);
}

/* -x, -xVALUE, -x VALUE, or bundled flags -xyz. */
static int short_options(const struct cli_command *cmd, void *ctx, int argc,
                         char **argv, int *i)
{
	for (const char *p = argv[*i] + 1; *p != '\0'; p++) {
		const struct cli_opt *o = by_short(cmd, *p);
		int rc;

		if (o == NULL)
			return sfn_cli_error(cmd,
			                     "unknown option '-%c' (see "
			                     "'sfnc %s --help')",
			                     *p, cmd->name);
		if (o->arg == NULL) {
			rc = apply(cmd, ctx, o, NULL);
			if (rc >= 0)
				return rc;
			continue;
		}
		if (p[1] != '\0')
			return apply(cmd, ctx, o, p + 1);
		if (*i + 1 >= argc)
			return sfn_cli_error(cmd,
			                     "option '-%c' needs an "
			                     "argument (%s)",
			                     *p, o->arg);
		return apply(cmd, ctx, o, argv[++*i]);
	}
	return -1;
}

int sfn_cli_parse(const struct cli_command *cmd, void *ctx, int argc,
                  char **argv, char **operands, int *nops)
{
	int only_operands = 0, rc = -1;

	*nops = 0;
	for (int i = 1; i < argc && rc < 0; i++) {
		const char *a = argv[i];

		if (only_operands || a[0] != '-' || a[1] == '\0')
			operands[(*nops)++] = argv[i];
		else if (strcmp(a, "--") == 0)
			only_operands = 1;
		else if (a[1] == '-')
			rc = long_option(cmd, ctx, argc, argv, &i);
		else
			rc = short_options(cmd, ctx, argc, argv, &i);
	}
	return rc;
}

void sfn_cli_print_opt(const struct cli_opt *o, FILE *out)
{
	char left[64];

	if (o->short_name)
		snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name,
		         o->name, o->arg ? " " : "", o->arg ? o->arg : "");
	else
		snprintf(left, sizeof(left), "    --%s%s%s", o->name,
		         o->arg ? " " : "", o->arg ? o->arg : "");
	if (strlen(left) > 24)
		fprintf(out, "  %s\n  %-24s  %s\n", left, "", o->help);
	else
		fprintf(out, "  %-24s  %s\n", left, o->help);
}

void sfn_cli_print_help(const struct cli_command *cmd, FILE *out)
{
	fprintf(out, "Usage: %s\n\n%s\n", cmd->usage, cmd->summary);
	if (cmd->description != NULL)
		fprintf(out, "\n%s", cmd->description);
	fprintf(out, "\nOptions:\n");
	for (const struct cli_opt *o = cmd->opts; o && o->name; o++)
		sfn_cli_print_opt(o, out);
	sfn_cli_print_opt(help_opt, out);
	if (cmd->exit_status != NULL)
		fprintf(out, "\nExit status:\n%s", cmd->exit_status);
}
