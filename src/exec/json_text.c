/* Compact JSON text of a value, for the causes of execution errors
 * ("... could not be found in the input '{"a":1}'"). */
#include "config.h"

#include "exec/exec_int.h"
#include "sfn/jsonout.h"

char *Sfn_exec_json_text(const cJSON *value)
{
	struct sfn_buf b;

	sfn_buf_init(&b, (size_t) 1 << 28);
	if (value == NULL)
		sfn_buf_adds(&b, "null");
	else
		sfn_jsonout_value(value, SFN_JSONOUT_COMPACT, &b);
	return sfn_buf_take(&b);
}
