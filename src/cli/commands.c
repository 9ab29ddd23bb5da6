/* The table of subcommands. Commands not built yet have no handler: they
 * say so and exit 2. */
#include "config.h"

#include "cli/cli.h"

extern const struct cli_command sfn_cli_lint, sfn_cli_jsonpath, sfn_cli_eval,
        sfn_cli_completion;
extern const struct cli_command sfn_cli_run;

static const struct cli_command compile_command = {
	"compile",
	"Compile a .sfn file to ASL and a CloudFormation template.",
	"sfnc compile [OPTIONS] FILE.sfn",
	NULL,
	NULL,
	NULL,
	NULL,
	NULL,
	0,
};

const struct cli_command *const sfn_cli_commands[] = {
	&compile_command,
	&sfn_cli_lint,
	&sfn_cli_jsonpath,
	&sfn_cli_eval,
	&sfn_cli_run,
	&sfn_cli_completion,
	NULL,
};
