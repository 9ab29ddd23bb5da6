/* Reading JSON documents for the commands: the file's text is kept for
 * quoting, the tree parsed with locations, and failures rendered as
 * diagnostics on standard error. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "sfn/json.h"

int sfn_cli_print_diags(struct sfn_diags *diags,
                        const struct cli_sources *sources)
{
	struct sfn_render_opts ro = {
		SFN_FORMAT_TEXT, sources->items, sources->count,
		PACKAGE_VERSION, sfn_cli_use_color(CLI_COLOR_AUTO, stderr)
	};
	struct sfn_buf out;
	int ok;

	sfn_diags_sort(diags);
	sfn_buf_init(&out, (size_t) 1 << 26);
	ok = sfn_diags_render(diags, &ro, &out) == SFN_OK;
	if (!ok)
		fprintf(stderr, "sfnc: cannot show the diagnostics: %s\n",
		        sfn_status_str(out.status != SFN_OK ? out.status
		                                            : SFN_ERR_NOMEM));
	else
		fputs(sfn_buf_str(&out), stderr);
	sfn_buf_free(&out);
	return ok;
}

struct sfn_json_doc *sfn_cli_read_json(const struct cli_command *cmd,
                                       struct cli_sources *sources,
                                       const char *path)
{
	const struct sfn_source *src;

	src = sfn_cli_read(cmd, sources, path, SFN_JSON_MAX_BYTES + 1);
	return src ? sfn_cli_parse_json(src, sources) : NULL;
}

/* Whether NAME can go to the terminal as it is: no control characters.
 * (Escaping it would take memory, which may be what ran out.) */
static int plain(const char *name)
{
	for (const unsigned char *p = (const unsigned char *) name; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

struct sfn_json_doc *sfn_cli_parse_json(const struct sfn_source *src,
                                        const struct cli_sources *sources)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags diags;
	enum sfn_status st;

	sfn_diags_init(&diags);
	sfn_diags_set_severity(&diags, SFN_RULE_JSON_DUPLICATE_KEY,
	                       SFN_SEV_OFF);
	sfn_diags_set_severity(&diags, SFN_RULE_JSON_NUMBER_PRECISION,
	                       SFN_SEV_OFF);
	st = sfn_json_parse(src->text, src->len, src->name, NULL, &diags, &doc);
	if (doc == NULL && diags.count > 0)
		sfn_cli_print_diags(&diags, sources);
	if (doc == NULL && (st != SFN_ERR_SYNTAX || diags.count == 0))
		fprintf(stderr, "sfnc: cannot read '%s': %s\n",
		        plain(src->name) ? src->name : "the input",
		        sfn_status_str(st != SFN_ERR_SYNTAX ? st
		                                            : diags.status));
	sfn_diags_free(&diags);
	return doc;
}

/* Whether TEXT parses as JSON, nothing said (a lone NOMEM says no). */
static int json_text(const char *text)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags diags;
	const char *p = text + strspn(text, " \t\n\r");

	/* no JSON value starts otherwise: most file names end here */
	if (*p == '\0' || strchr("{[\"-0123456789tfn", *p) == NULL)
		return 0;
	sfn_diags_init(&diags);
	sfn_json_parse(text, strlen(text), "<arg>", NULL, &diags, &doc);
	sfn_diags_free(&diags);
	sfn_json_doc_free(doc);
	return doc != NULL;
}

const char *sfn_cli_json_arg_file(const char *arg, int plain_files)
{
	struct stat sb;

	if (arg[0] == '@')
		return arg + 1;
	if (strcmp(arg, "-") == 0)
		return arg;
	/* The file only when ARG is not JSON text itself ("1", "null"). */
	if (plain_files && stat(arg, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    !json_text(arg))
		return arg;
	return NULL;
}

struct sfn_json_doc *sfn_cli_read_json_arg(const struct cli_command *cmd,
                                           struct cli_sources *sources,
                                           const char *arg, const char *name,
                                           int plain_files)
{
	const char *file = sfn_cli_json_arg_file(arg, plain_files);
	struct sfn_source src = { name, arg, strlen(arg) };
	struct cli_sources one = { &src, 1, 1, NULL, 0, 0 };

	if (file != NULL)
		return sfn_cli_read_json(cmd, sources, file);
	return sfn_cli_parse_json(&src, &one);
}
