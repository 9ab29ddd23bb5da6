/* Chooses the renderer for an output format. */
#include "config.h"

#include <string.h>

#include "diag/render.h"

static const struct {
	const char *name;
	enum sfn_format format;
	void (*render)(const struct sfn_diags *, const struct sfn_render_opts *,
	               struct sfn_buf *);
} formats[] = {
	{ "text", SFN_FORMAT_TEXT, Sfn_render_text },
	{ "json", SFN_FORMAT_JSON, Sfn_render_json },
	{ "sarif", SFN_FORMAT_SARIF, Sfn_render_sarif },
	{ "github", SFN_FORMAT_GITHUB, Sfn_render_github },
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

int sfn_format_parse(const char *name)
{
	for (size_t i = 0; i < NFORMATS; i++) {
		if (strcmp(formats[i].name, name) == 0)
			return (int) formats[i].format;
	}
	return -1;
}

const char *sfn_format_name(size_t i)
{
	return i < NFORMATS ? formats[i].name : NULL;
}

enum sfn_status sfn_diags_render(const struct sfn_diags *diags,
                                 const struct sfn_render_opts *opts,
                                 struct sfn_buf *out)
{
	for (size_t i = 0; i < NFORMATS; i++) {
		if (formats[i].format == opts->format) {
			formats[i].render(diags, opts, out);
			return out->status;
		}
	}
	return SFN_ERR_USAGE;
}
