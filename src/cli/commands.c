/* The table of subcommands. Commands not built yet have no handler: they
 * say so and exit 2. */
#include "config.h"

#include "cli/cli.h"

extern const struct cli_command sfn_cli_lint, sfn_cli_jsonpath, sfn_cli_eval,
        sfn_cli_completion;
extern const struct cli_command sfn_cli_run;
extern const struct cli_command sfn_cli_compile;
extern const struct cli_command sfn_cli_serve;

const struct cli_command *const sfn_cli_commands[] = {
	&sfn_cli_compile, &sfn_cli_lint,  &sfn_cli_jsonpath,   &sfn_cli_eval,
	&sfn_cli_run,     &sfn_cli_serve, &sfn_cli_completion, NULL,
};
