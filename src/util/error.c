/* Execution errors: a name and a cause, both owned by the struct. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "sfn/status.h"
#include "sfn/util.h"

void sfn_error_clear(struct sfn_error *err)
{
	if (err == NULL)
		return;
	free(err->name);
	free(err->cause);
	err->name = NULL;
	err->cause = NULL;
}

enum sfn_status sfn_error_set(struct sfn_error *err, const char *name,
                              const char *fmt, ...)
{
	struct sfn_buf cause;
	va_list ap;

	sfn_error_clear(err);
	sfn_buf_init(&cause, (size_t) 1 << 26);
	va_start(ap, fmt);
	sfn_buf_vprintf(&cause, fmt, ap);
	va_end(ap);
	err->name = strdup(name);
	err->cause = sfn_buf_take(&cause);
	if (err->name == NULL || err->cause == NULL) {
		sfn_error_clear(err);
		return SFN_ERR_NOMEM;
	}
	return SFN_ERR_FAILED;
}
