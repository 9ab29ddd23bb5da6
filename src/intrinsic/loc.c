/* Where in the source a piece of intrinsic text stands, and diagnostics
 * that point there. Shared by the parser and the checks; knows nothing of
 * what the diagnostics say. */
#include "config.h"

#include <stdarg.h>

#include "intrinsic/intrinsic_int.h"

unsigned Sfn_intr_col(const struct sfn_loc *at, const char *text, size_t pos)
{
	unsigned base = at != NULL && at->col != 0 ? at->col : 1;

	return base + (unsigned) sfn_utf8_count(text, pos);
}

static struct sfn_loc span(const struct sfn_loc *at, const char *text,
                           size_t pos, size_t end)
{
	struct sfn_loc loc = { NULL, 1, 0, 1, 0 };

	if (at != NULL && at->line != 0) {
		loc.file = at->file;
		loc.line = loc.end_line = at->line;
	}
	loc.col = Sfn_intr_col(at, text, pos);
	loc.end_col = Sfn_intr_col(at, text, end > pos ? end : pos + 1);
	if (end <= pos)
		loc.end_col = loc.col + 1;
	return loc;
}

void Sfn_intr_diag(struct sfn_diags *diags, enum sfn_rule_id rule,
                   const struct sfn_loc *at, const char *text, size_t pos,
                   size_t end, const char *fmt, ...)
{
	struct sfn_loc loc = span(at, text, pos, end);
	struct sfn_buf msg;
	va_list ap;

	if (diags == NULL)
		return;
	sfn_buf_init(&msg, (size_t) 1 << 16);
	va_start(ap, fmt);
	sfn_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	if (msg.status == SFN_ERR_NOMEM)
		diags->status = SFN_ERR_NOMEM;
	sfn_diag_add(diags, rule, &loc, NULL, "%s", sfn_buf_str(&msg));
	sfn_buf_free(&msg);
}
