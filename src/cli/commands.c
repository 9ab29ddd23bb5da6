/* The table of subcommands. Commands not built yet have no handler: they
 * say so and exit 2. */
#include "config.h"

#include "cli/cli.h"

extern const struct cli_command sfn_cli_lint, sfn_cli_jsonpath, sfn_cli_eval,
        sfn_cli_completion;
extern const struct cli_command sfn_cli_compile;

static const struct cli_command run_command = {
	"run",
	"Execute a state machine locally.",
	"sfnc run [OPTIONS] FILE",
	NULL,
	NULL,
	NULL,
	NULL,
	NULL,
	0,
};

const struct cli_command *const sfn_cli_commands[] = {
	&sfn_cli_compile,
	&sfn_cli_lint,
	&sfn_cli_jsonpath,
	&sfn_cli_eval,
	&run_command,
	&sfn_cli_completion,
	NULL,
};
