/* Whether text diagnostics are coloured: --color=always|never|auto, where
 * auto means a terminal that is not "dumb", unless NO_COLOR is set to
 * anything but the empty string (https://no-color.org). */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

static const char *const whens[] = { "auto", "always", "never" };

int sfn_cli_color_parse(const char *when)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(when, whens[i]) == 0)
			return i;
	return -1;
}

int sfn_cli_use_color(enum cli_color when, FILE *stream)
{
	const char *no_color = getenv("NO_COLOR");
	const char *term = getenv("TERM");

	if (when != CLI_COLOR_AUTO)
		return when == CLI_COLOR_ALWAYS;
	if (no_color != NULL && no_color[0] != '\0')
		return 0;
	if (term != NULL && strcmp(term, "dumb") == 0)
		return 0;
	return isatty(fileno(stream));
}
