/* Normalized paths (RFC 9535 2.7): $['name'][0], names escaped as the RFC
 * prescribes. Jayway prints its canonical paths the same way for the
 * names and indexes a definite path holds. */
#include "config.h"

#include "path/eval.h"

static void add_name(struct sfn_buf *out, const char *name)
{
	static const char hex[] = "0123456789abcdef";

	sfn_buf_adds(out, "['");
	for (const unsigned char *p = (const unsigned char *) name; *p; p++) {
		switch (*p) {
		case '\b':
			sfn_buf_adds(out, "\\b");
			break;
		case '\f':
			sfn_buf_adds(out, "\\f");
			break;
		case '\n':
			sfn_buf_adds(out, "\\n");
			break;
		case '\r':
			sfn_buf_adds(out, "\\r");
			break;
		case '\t':
			sfn_buf_adds(out, "\\t");
			break;
		case '\'':
			sfn_buf_adds(out, "\\'");
			break;
		case '\\':
			sfn_buf_adds(out, "\\\\");
			break;
		default:
			if (*p < 0x20) {
				sfn_buf_adds(out, "\\u00");
				sfn_buf_addc(out, hex[*p >> 4]);
				sfn_buf_addc(out, hex[*p & 15]);
			} else {
				sfn_buf_addc(out, (char) *p);
			}
		}
	}
	sfn_buf_adds(out, "']");
}

void Sfn_pe_path_step(struct sfn_buf *out, const char *name, long index)
{
	if (name != NULL)
		add_name(out, name);
	else if (index >= 0)
		sfn_buf_printf(out, "[%ld]", index);
}
