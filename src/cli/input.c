/* Reading JSON documents for the commands: the file's text is kept for
 * quoting, the tree parsed with locations, and failures rendered as
 * diagnostics on standard error. */
#include "config.h"

#include "cli/cli.h"
#include "sfn/json.h"

void sfn_cli_print_diags(struct sfn_diags *diags,
                         const struct cli_sources *sources)
{
	struct sfn_render_opts ro = {
		SFN_FORMAT_TEXT, sources->items, sources->count,
		PACKAGE_VERSION, sfn_cli_use_color(CLI_COLOR_AUTO, stderr)
	};
	struct sfn_buf out;

	sfn_diags_sort(diags);
	sfn_buf_init(&out, (size_t) 1 << 26);
	sfn_diags_render(diags, &ro, &out);
	fputs(sfn_buf_str(&out), stderr);
	sfn_buf_free(&out);
}

struct sfn_json_doc *sfn_cli_read_json(const struct cli_command *cmd,
                                       struct cli_sources *sources,
                                       const char *path)
{
	const struct sfn_source *src;

	src = sfn_cli_read(cmd, sources, path, SFN_JSON_MAX_BYTES + 1);
	return src ? sfn_cli_parse_json(src, sources) : NULL;
}

struct sfn_json_doc *sfn_cli_parse_json(const struct sfn_source *src,
                                        const struct cli_sources *sources)
{
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags diags;

	sfn_diags_init(&diags);
	sfn_diags_set_severity(&diags, SFN_RULE_JSON_DUPLICATE_KEY,
	                       SFN_SEV_OFF);
	sfn_diags_set_severity(&diags, SFN_RULE_JSON_NUMBER_PRECISION,
	                       SFN_SEV_OFF);
	sfn_json_parse(src->text, src->len, src->name, NULL, &diags, &doc);
	if (doc == NULL)
		sfn_cli_print_diags(&diags, sources);
	sfn_diags_free(&diags);
	return doc;
}
