/* GitHub Actions workflow commands, one line a diagnostic:
 *   ::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::MESSAGE
 * Escaping follows the Actions toolkit: %, CR and LF everywhere, and also
 * ':' and ',' inside property values. Bytes that are not UTF-8 (in file
 * names) are written as U+FFFD. */
#include "config.h"

#include <string.h>

#include "diag/render.h"
#include "sfn/utf8.h"

static const char *command(enum sfn_severity severity)
{
	switch (severity) {
	case SFN_SEV_ERROR:
		return "error";
	case SFN_SEV_WARNING:
		return "warning";
	default:
		return "notice";
	}
}

static void add_escaped_valid(struct sfn_buf *out, const char *s, int property)
{
	for (; *s != '\0'; s++) {
		if (*s == '%')
			sfn_buf_adds(out, "%25");
		else if (*s == '\r')
			sfn_buf_adds(out, "%0D");
		else if (*s == '\n')
			sfn_buf_adds(out, "%0A");
		else if (property && *s == ':')
			sfn_buf_adds(out, "%3A");
		else if (property && *s == ',')
			sfn_buf_adds(out, "%2C");
		else
			sfn_buf_addc(out, *s);
	}
}

/* The same after replacing bytes that are not UTF-8 with U+FFFD. */
static void add_escaped(struct sfn_buf *out, const char *s, int property)
{
	struct sfn_buf clean;

	if (sfn_utf8_valid(s, strlen(s))) {
		add_escaped_valid(out, s, property);
		return;
	}
	sfn_buf_init(&clean, out->max);
	sfn_utf8_put_clean(&clean, s, strlen(s));
	if (clean.status != SFN_OK)
		out->status = out->status ? out->status : clean.status;
	add_escaped_valid(out, sfn_buf_str(&clean), property);
	sfn_buf_free(&clean);
}

static void render_one(const struct sfn_diag *d, struct sfn_buf *out)
{
	const struct sfn_rule *rule = sfn_rule_get(d->rule);

	sfn_buf_printf(out, "::%s ", command(d->severity));
	if (d->loc.file != NULL) {
		sfn_buf_adds(out, "file=");
		add_escaped(out, d->loc.file, 1);
		sfn_buf_addc(out, ',');
	}
	if (d->loc.line > 0)
		sfn_buf_printf(out, "line=%u,col=%u,endLine=%u,endColumn=%u,",
		               d->loc.line, d->loc.col, d->loc.end_line,
		               d->loc.end_col);
	sfn_buf_adds(out, "title=");
	add_escaped(out, rule->code, 1);
	sfn_buf_addc(out, ' ');
	add_escaped(out, rule->name, 1);
	sfn_buf_adds(out, "::");
	add_escaped(out, d->message, 0);
	if (d->pointer != NULL) {
		sfn_buf_adds(out, " (");
		if (rule->aws_code != NULL) {
			sfn_buf_adds(out, rule->aws_code);
			sfn_buf_addc(out, ' ');
		}
		sfn_buf_adds(out, "at ");
		add_escaped(out, d->where ? d->where : d->pointer, 0);
		sfn_buf_addc(out, ')');
	}
	sfn_buf_addc(out, '\n');
}

void sfn_render_github(const struct sfn_diags *diags,
                       const struct sfn_render_opts *opts, struct sfn_buf *out)
{
	(void) opts;
	for (size_t i = 0; i < diags->count; i++)
		render_one(&diags->items[i], out);
}
