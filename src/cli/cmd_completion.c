/* sfnc completion SHELL: prints a completion script for bash or zsh, made
 * from the command and option tables, so that it offers exactly what
 * 'sfnc help' lists: commands, each command's options, the values of
 * --format and of rule options, and file names elsewhere. */
#include "config.h"

#include <string.h>

#include "cli/cli.h"

/* The words the argument of option O can take (none: free text). */
static void values(FILE *out, const struct cli_opt *o)
{
	const char *metavar = o->arg;

	if (!strcmp(o->name, "input-format")) {
		fputs("json yaml auto", out);
	} else if (!strcmp(metavar, "WHEN")) {
		fputs("auto always never", out);
	} else if (!strcmp(metavar, "FORMAT")) {
		for (size_t i = 0; sfn_format_name(i) != NULL; i++)
			fprintf(out, "%s%s", i ? " " : "", sfn_format_name(i));
	} else if (!strcmp(metavar, "RULE")) {
		for (int i = 0; i < SFN_RULE_COUNT; i++)
			fprintf(out, "%s%s", i ? " " : "",
			        sfn_rule_get((enum sfn_rule_id) i)->name);
	}
}

static int is_file(const char *metavar)
{
	return strstr(metavar, "FILE") != NULL || !strcmp(metavar, "DIR");
}

static void command_names(FILE *out)
{
	for (int i = 0; sfn_cli_commands[i] != NULL; i++)
		fprintf(out, "%s ", sfn_cli_commands[i]->name);
	fputs("help", out);
}

/* ---- bash ---------------------------------------------------------------- */

static void bash_option_words(FILE *out, const struct cli_command *c)
{
	for (const struct cli_opt *o = c->opts; o && o->name; o++) {
		fprintf(out, "--%s ", o->name);
		if (o->short_name)
			fprintf(out, "-%c ", o->short_name);
	}
	fputs("--help -h", out);
}

/* case "$cmd:$prev" arms completing an option's argument. */
static void bash_arguments(FILE *out, const struct cli_command *c)
{
	for (const struct cli_opt *o = c->opts; o && o->name; o++) {
		if (o->arg == NULL)
			continue;
		fprintf(out, "\t%s:--%s", c->name, o->name);
		if (o->short_name)
			fprintf(out, " | %s:-%c", c->name, o->short_name);
		if (is_file(o->arg)) {
			fputs(")\n\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n",
			      out);
		} else {
			fputs(")\n\t\tCOMPREPLY=($(compgen -W \"", out);
			values(out, o);
			fputs("\" -- \"$cur\"))\n", out);
		}
		fputs("\t\treturn ;;\n", out);
	}
}

static void bash(FILE *out)
{
	fputs("# bash completion for sfnc, made by 'sfnc completion bash'.\n"
	      "_sfnc() {\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]}\n"
	      "\tlocal prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "\tlocal cmd=${COMP_WORDS[1]} opts\n"
	      "\tif [ \"$COMP_CWORD\" -eq 1 ]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W \"",
	      out);
	command_names(out);
	fputs(" --help -h --version -V\" -- \"$cur\"))\n"
	      "\t\treturn\n\tfi\n"
	      "\tcase \"$cmd:$prev\" in\n",
	      out);
	for (int i = 0; sfn_cli_commands[i] != NULL; i++)
		bash_arguments(out, sfn_cli_commands[i]);
	fputs("\thelp:*)\n\t\tCOMPREPLY=($(compgen -W \"", out);
	command_names(out);
	fputs("\" -- \"$cur\"))\n\t\treturn ;;\n"
	      "\tcompletion:*)\n"
	      "\t\tCOMPREPLY=($(compgen -W \"bash zsh\" -- \"$cur\"))\n"
	      "\t\treturn ;;\n\tesac\n\tcase \"$cmd\" in\n",
	      out);
	for (int i = 0; sfn_cli_commands[i] != NULL; i++) {
		fprintf(out, "\t%s) opts=\"", sfn_cli_commands[i]->name);
		bash_option_words(out, sfn_cli_commands[i]);
		fputs("\" ;;\n", out);
	}
	fputs("\t*) opts=\"\" ;;\n\tesac\n"
	      "\tif [[ $cur == -* ]]; then\n"
	      "\t\tCOMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
	      "\telse\n"
	      "\t\tCOMPREPLY=($(compgen -f -- \"$cur\"))\n"
	      "\tfi\n"
	      "}\n"
	      "complete -o filenames -F _sfnc sfnc\n",
	      out);
}

/* ---- zsh ----------------------------------------------------------------- */

/* Text inside a single-quoted _arguments spec: quotes closed and
 * reopened, brackets and colons escaped. */
static void zsh_quoted(FILE *out, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			fputs("'\\''", out);
		else if (*s == '[' || *s == ']' || *s == ':')
			fprintf(out, "\\%c", *s);
		else
			fputc(*s, out);
	}
}

static void zsh_option(FILE *out, const struct cli_opt *o)
{
	fputs("\t\t\t", out);
	if (o->short_name)
		fprintf(out, "'(-%c --%s)'{-%c,--%s}'[", o->short_name, o->name,
		        o->short_name, o->name);
	else
		fprintf(out, "'--%s[", o->name);
	zsh_quoted(out, o->help);
	fputc(']', out);
	if (o->arg != NULL && is_file(o->arg)) {
		fprintf(out, ":%s:_files", o->arg);
	} else if (o->arg != NULL) {
		fprintf(out, ":%s:(", o->arg);
		values(out, o);
		fputc(')', out);
	}
	fputs("' \\\n", out);
}

static void zsh_command(FILE *out, const struct cli_command *c)
{
	fprintf(out, "\t%s)\n\t\t_arguments -s \\\n", c->name);
	for (const struct cli_opt *o = c->opts; o && o->name; o++)
		zsh_option(out, o);
	zsh_option(out, &sfn_cli_global_opts[0]);
	fputs("\t\t\t'*:file:_files' ;;\n", out);
}

static void zsh(FILE *out)
{
	fputs("#compdef sfnc\n"
	      "# zsh completion for sfnc, made by 'sfnc completion zsh'.\n"
	      "_sfnc() {\n"
	      "\tlocal -a commands\n"
	      "\tcommands=(\n",
	      out);
	for (int i = 0; sfn_cli_commands[i] != NULL; i++) {
		fprintf(out, "\t\t'%s:", sfn_cli_commands[i]->name);
		zsh_quoted(out, sfn_cli_commands[i]->summary);
		fputs("'\n", out);
	}
	fputs("\t\t'help:Show help for a command.'\n\t)\n"
	      "\tif (( CURRENT == 2 )); then\n"
	      "\t\t_describe 'command' commands\n\t\treturn\n\tfi\n"
	      "\tcase $words[2] in\n"
	      "\thelp) _describe 'command' commands ;;\n"
	      "\tcompletion) _values 'shell' bash zsh ;;\n",
	      out);
	for (int i = 0; sfn_cli_commands[i] != NULL; i++)
		if (sfn_cli_commands[i]->run != NULL &&
		    strcmp(sfn_cli_commands[i]->name, "completion") != 0)
			zsh_command(out, sfn_cli_commands[i]);
	fputs("\tesac\n}\n_sfnc \"$@\"\n", out);
}

static int completion_run(const struct cli_command *cmd, void *ctx, int nops,
                          char **operands)
{
	(void) ctx;
	if (nops != 1)
		return sfn_cli_error(cmd, "name one shell: bash or zsh");
	if (!strcmp(operands[0], "bash"))
		bash(stdout);
	else if (!strcmp(operands[0], "zsh"))
		zsh(stdout);
	else
		return sfn_cli_error(cmd, "unknown shell '%s' (bash or zsh)",
		                     operands[0]);
	return sfn_cli_flush(cmd);
}

const struct cli_command sfn_cli_completion = {
	"completion",
	"Print a shell completion script (bash or zsh).",
	"sfnc completion SHELL",
	"Prints a script that completes sfnc's commands, options, formats\n"
	"and rule names in SHELL (bash or zsh). 'make install' installs\n"
	"both; to try one without installing:\n"
	"\n"
	"Examples:\n"
	"  source <(sfnc completion bash)\n"
	"  sfnc completion zsh > ~/.zfunc/_sfnc\n",
	"  0  the script was written\n"
	"  2  usage error, or standard output cannot be written\n",
	NULL,
	NULL,
	completion_run,
	0,
};
