/* Shared by the fuzz targets: renders a diagnostic set in every format,
 * quoting TEXT, so that renderers meet whatever the readers report. Every
 * rendering must be valid UTF-8, whatever bytes the input held. */
#ifndef SFN_FUZZ_RENDER_H
#define SFN_FUZZ_RENDER_H

#include <stdlib.h>

#include "sfn/diag.h"
#include "sfn/utf8.h"

static inline void fuzz_render_all(const struct sfn_diags *d,
                                   const char *name, const char *text,
                                   size_t len)
{
	struct sfn_source src = { name, text, len };

	for (int f = SFN_FORMAT_TEXT; f <= SFN_FORMAT_GITHUB; f++) {
		struct sfn_render_opts ro = { (enum sfn_format)f, &src, 1, "0",
		                              f & 1 };
		struct sfn_buf out;

		sfn_buf_init(&out, (size_t)1 << 26);
		sfn_diags_render(d, &ro, &out);
		if (out.status == SFN_OK && !sfn_utf8_valid(out.data, out.len))
			abort();
		sfn_buf_free(&out);
	}
}

#endif
