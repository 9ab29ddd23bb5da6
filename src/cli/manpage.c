/* sfnc(1): the manual page in roff, made from the tables that 'sfnc
 * --help' and 'sfnc help COMMAND' print, one section per command. The
 * build writes it with 'sfnc help --man'. */
#include "config.h"

#include <string.h>

#include "cli/cli.h"

/* Writes S[0, N) with roff's special characters escaped: a backslash, a
 * hyphen (so that options stay hyphens, not dashes), and a '.' or '\''
 * at the start of a line, which roff would take for a request. */
static void roff(FILE *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (i == 0 && (s[0] == '.' || s[0] == '\''))
			fputs("\\&", out);
		if (s[i] == '\\')
			fputs("\\e", out);
		else if (s[i] == '-')
			fputs("\\-", out);
		else
			fputc(s[i], out);
	}
}

static void roff_n_line(FILE *out, const char *s, size_t n)
{
	roff(out, s, n);
	fputc('\n', out);
}

static void roff_line(FILE *out, const char *s)
{
	roff_n_line(out, s, strlen(s));
}

/* One option as a tagged paragraph: "-f, --format FORMAT" in bold and
 * italics, then its help. */
static void option(FILE *out, const struct cli_opt *o)
{
	fputs(".TP\n", out);
	if (o->short_name)
		fprintf(out, "\\fB\\-%c\\fR, ", o->short_name);
	fputs("\\fB\\-\\-", out);
	roff(out, o->name, strlen(o->name));
	fputs("\\fR", out);
	if (o->arg != NULL) {
		fputs(" \\fI", out);
		roff(out, o->arg, strlen(o->arg));
		fputs("\\fR", out);
	}
	fputc('\n', out);
	roff_line(out, o->help);
}

/* Help text: paragraphs split by blank lines; lines indented by two
 * spaces (examples, lists) are kept as they are, in an indented block. */
static void text(FILE *out, const char *s)
{
	int block = 0;

	while (*s != '\0') {
		const char *end = strchr(s, '\n');
		size_t n = end ? (size_t) (end - s) : strlen(s);
		int indented = n >= 2 && s[0] == ' ' && s[1] == ' ';

		if (indented && !block)
			fputs(".PP\n.RS 4\n.nf\n", out);
		else if (!indented && block)
			fputs(".fi\n.RE\n", out);
		block = indented;
		if (n == 0)
			fputs(".PP\n", out);
		else if (indented)
			roff_n_line(out, s + 2, n - 2);
		else
			roff_n_line(out, s, n);
		s += end ? n + 1 : n;
	}
	if (block)
		fputs(".fi\n.RE\n", out);
}

/* Exit status lines "  N  meaning" as tagged paragraphs. */
static void exit_status(FILE *out, const char *s)
{
	while (*s != '\0') {
		const char *end = strchr(s, '\n');
		size_t n = end ? (size_t) (end - s) : strlen(s);
		size_t skip = strspn(s, " ");
		size_t code = strcspn(s + skip, " \n");
		size_t gap = strspn(s + skip + code, " ");

		if (skip + code < n) {
			fputs(".TP\n.B ", out);
			roff_n_line(out, s + skip, code);
			roff_n_line(out, s + skip + code + gap,
			            n - skip - code - gap);
		}
		s += end ? n + 1 : n;
	}
}

static void command(FILE *out, const struct cli_command *c)
{
	fputs(".SS ", out);
	roff_line(out, c->name);
	fputs(".B ", out);
	roff_line(out, c->usage);
	fputs(".PP\n", out);
	roff_line(out, c->summary);
	if (c->run == NULL) {
		fputs(".PP\nNot built yet: it says so and exits 2.\n", out);
		return;
	}
	if (c->description != NULL) {
		fputs(".PP\n", out);
		text(out, c->description);
	}
	fputs(".PP\nOptions:\n", out);
	for (const struct cli_opt *o = c->opts; o && o->name; o++)
		option(out, o);
	option(out, &sfn_cli_global_opts[0]);
	if (c->exit_status != NULL) {
		fputs(".PP\nExit status:\n", out);
		exit_status(out, c->exit_status);
	}
}

static void header(FILE *out)
{
	fprintf(out,
	        ".\\\" sfnc(1), made by 'sfnc help --man' from sfnc's own "
	        "help tables.\n"
	        ".TH SFNC 1 \"\" \"sfnc %s\" \"User Commands\"\n"
	        ".SH NAME\n"
	        "sfnc \\- compile, check and run AWS Step Functions state "
	        "machines\n"
	        ".SH SYNOPSIS\n",
	        PACKAGE_VERSION);
	for (int i = 0; sfn_cli_commands[i] != NULL; i++) {
		fputs(".B ", out);
		roff_line(out, sfn_cli_commands[i]->usage);
		fputs(".br\n", out);
	}
	fputs(".B sfnc help\n.RI [ COMMAND ]\n.br\n"
	      ".B sfnc \\-\\-help\n.br\n.B sfnc \\-\\-version\n"
	      ".SH DESCRIPTION\n",
	      out);
	roff_line(out, sfn_cli_summary);
	fputs("Each command has its own options; "
	      "\\fBsfnc help\\fR \\fICOMMAND\\fR prints them. "
	      "\\fBsfnc help \\-\\-man\\fR prints this page.\n",
	      out);
}

int sfn_cli_write_man(FILE *out)
{
	header(out);
	fputs(".SH OPTIONS\n", out);
	for (const struct cli_opt *o = sfn_cli_global_opts; o->name; o++)
		option(out, o);
	fputs(".SH COMMANDS\n", out);
	for (int i = 0; sfn_cli_commands[i] != NULL; i++)
		command(out, sfn_cli_commands[i]);
	fputs(".SS help\n.B sfnc help\n.RI [ COMMAND ]\n.PP\n"
	      "Show help for a command, or with no command the list of "
	      "commands. With \\fB\\-\\-man\\fR, print this page.\n",
	      out);
	fputs(".SH EXIT STATUS\n", out);
	exit_status(out, sfn_cli_exit_status);
	fputs(".SH ENVIRONMENT\n"
	      ".TP\n.B NO_COLOR\n"
	      "When set and not empty, text diagnostics are not coloured "
	      "on a terminal (\\fB\\-\\-color always\\fR still colours "
	      "them).\n",
	      out);
	fputs(".SH SEE ALSO\n"
	      "The documentation in the source tree: docs/cli.md, "
	      "docs/lint-rules.md, docs/paths.md, docs/intrinsics.md.\n",
	      out);
	return ferror(out) ? -1 : 0;
}
