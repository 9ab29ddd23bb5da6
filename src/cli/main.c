/* sfnc's entry point: finds the subcommand, parses its options from its
 * table and runs it. Exit codes: 0 success, 1 findings or a failed
 * execution, 2 usage or input/output error. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "sfn/suggest.h"

static const struct cli_command *find_command(const char *name)
{
	for (int i = 0; sfn_cli_commands[i] != NULL; i++) {
		if (strcmp(sfn_cli_commands[i]->name, name) == 0)
			return sfn_cli_commands[i];
	}
	return NULL;
}

static int unknown_command(const char *name)
{
	struct sfn_suggest s;
	const char *best;

	sfn_suggest_init(&s, name, strlen(name));
	for (int i = 0; sfn_cli_commands[i] != NULL; i++)
		sfn_suggest_add(&s, sfn_cli_commands[i]->name);
	sfn_suggest_add(&s, "help");
	best = sfn_suggest_best(&s);
	if (best != NULL)
		fprintf(stderr,
		        "sfnc: unknown command '%s'; did you mean '%s'?\n",
		        name, best);
	else
		fprintf(stderr,
		        "sfnc: unknown command '%s' (see 'sfnc --help')\n",
		        name);
	return CLI_USAGE;
}

static int not_built(const struct cli_command *cmd)
{
	fprintf(stderr, "sfnc %s: not built yet in sfnc %s\n", cmd->name,
	        PACKAGE_VERSION);
	return CLI_USAGE;
}

/* sfnc help --man: the manual page, which the build installs. */
static int man_page(void)
{
	if (sfn_cli_write_man(stdout) != 0 || fflush(stdout) != 0) {
		fprintf(stderr, "sfnc: cannot write output: %s\n",
		        strerror(errno));
		return CLI_USAGE;
	}
	return CLI_OK;
}

static int help(int argc, char **argv)
{
	const struct cli_command *cmd;

	if (argc < 2) {
		sfn_cli_print_usage(stdout);
		return CLI_OK;
	}
	if (!strcmp(argv[1], "--man"))
		return man_page();
	cmd = find_command(argv[1]);
	if (cmd == NULL)
		return unknown_command(argv[1]);
	if (cmd->run == NULL)
		return not_built(cmd);
	sfn_cli_print_help(cmd, stdout);
	return CLI_OK;
}

static int run_command(const struct cli_command *cmd, int argc, char **argv)
{
	char **operands;
	void *ctx;
	int nops, rc;

	if (cmd->run == NULL)
		return not_built(cmd);
	operands = calloc((size_t) argc, sizeof(*operands));
	ctx = calloc(1, cmd->ctx_size ? cmd->ctx_size : 1);
	if (operands == NULL || ctx == NULL) {
		free(operands);
		free(ctx);
		fprintf(stderr, "sfnc: out of memory\n");
		return CLI_USAGE;
	}
	rc = sfn_cli_parse(cmd, ctx, argc, argv, operands, &nops);
	if (rc < 0)
		rc = cmd->run(cmd, ctx, nops, operands);
	free(operands);
	free(ctx);
	return rc;
}

/* Output goes through stdio's buffer: a full disk or a closed pipe may
 * show only when it is flushed, so every run ends by flushing and closing
 * standard output and checking that. A command that failed has reported
 * its own write error already. */
static int finish(int rc)
{
	int failed = ferror(stdout), err = failed ? errno : 0;

	if (fflush(stdout) != 0 || fclose(stdout) != 0) {
		failed = 1;
		err = errno;
	}
	if (!failed)
		return rc;
	if (rc != CLI_USAGE)
		fprintf(stderr, "sfnc: cannot write output: %s\n",
		        err ? strerror(err) : "write error");
	return CLI_USAGE;
}

static int dispatch(int argc, char **argv)
{
	const struct cli_command *cmd;

	if (argc < 2) {
		sfn_cli_print_usage(stderr);
		return CLI_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
		sfn_cli_print_usage(stdout);
		return CLI_OK;
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
		printf("sfnc %s\n", PACKAGE_VERSION);
		return CLI_OK;
	}
	if (!strcmp(argv[1], "help"))
		return help(argc - 1, argv + 1);
	if (argv[1][0] == '-') {
		fprintf(stderr,
		        "sfnc: unknown option '%s' (see 'sfnc "
		        "--help')\n",
		        argv[1]);
		return CLI_USAGE;
	}
	cmd = find_command(argv[1]);
	if (cmd == NULL)
		return unknown_command(argv[1]);
	return run_command(cmd, argc - 1, argv + 1);
}

int main(int argc, char **argv)
{
	return finish(dispatch(argc, argv));
}
