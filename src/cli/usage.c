/* What 'sfnc --help' says of the program as a whole: the options and exit
 * statuses every command shares. The man page and the completion scripts
 * are made from the same tables, so the three never disagree. */
#include "config.h"

#include "cli/cli.h"

const struct cli_opt sfn_cli_global_opts[] = {
	{ "help", 'h', NULL, 0, "show this help and exit" },
	{ "version", 'V', NULL, 0, "show the version and exit" },
	{ NULL, 0, NULL, 0, NULL }
};

const char sfn_cli_exit_status[] =
        "  0  success\n"
        "  1  findings (lint) or a failed execution (run)\n"
        "  2  usage error, or a file that cannot be read or written\n";

const char sfn_cli_summary[] =
        "sfnc compiles, checks and runs AWS Step Functions state machines.";

void sfn_cli_print_usage(FILE *out)
{
	fprintf(out,
	        "Usage: sfnc COMMAND [OPTIONS] [ARGS]\n\n%s\n\nCommands:\n",
	        sfn_cli_summary);
	for (int i = 0; sfn_cli_commands[i] != NULL; i++) {
		const struct cli_command *c = sfn_cli_commands[i];

		fprintf(out, "  %-11s %s%s\n", c->name, c->summary,
		        c->run ? "" : " (not built yet)");
	}
	fprintf(out, "  %-11s Show help for a command.\n\nOptions:\n", "help");
	for (const struct cli_opt *o = sfn_cli_global_opts; o->name; o++)
		sfn_cli_print_opt(o, out);
	fprintf(out,
	        "\nExit status:\n%s\n"
	        "Run 'sfnc help COMMAND' for a command's options and "
	        "examples.\n",
	        sfn_cli_exit_status);
}
