/* GitHub Actions workflow commands, one line a diagnostic:
 *   ::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::MESSAGE
 * Escaping follows the Actions toolkit: %, CR and LF everywhere, and also
 * ':' and ',' inside property values. Other control characters and bytes
 * that are not UTF-8 are written as the text form writes them. */
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

/* The toolkit's escape for the byte C, or NULL when it has none. */
static const char *toolkit_escape(char c, int property)
{
	if (c == '%')
		return "%25";
	if (c == '\r')
		return "%0D";
	if (c == '\n')
		return "%0A";
	if (property && c == ':')
		return "%3A";
	if (property && c == ',')
		return "%2C";
	return NULL;
}

/* Other control characters and bytes that are not UTF-8 show as the text
 * form shows them (\x1b, \xff), never raw in the log. */
static void add_escaped(struct sfn_buf *out, const char *s, int property)
{
	struct sfn_utf8_shown c;
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i += c.used) {
		const char *esc = toolkit_escape(s[i], property);

		if (esc != NULL) {
			sfn_buf_adds(out, esc);
			c.used = 1;
			continue;
		}
		sfn_utf8_show(s + i, n - i, &c);
		sfn_buf_add(out, c.text, c.len);
	}
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

void Sfn_render_github(const struct sfn_diags *diags,
                       const struct sfn_render_opts *opts, struct sfn_buf *out)
{
	(void) opts;
	for (size_t i = 0; i < diags->count; i++)
		render_one(&diags->items[i], out);
}
