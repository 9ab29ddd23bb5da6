/* "Did you mean" for rule names (--disable, --enable, sfnc-disable
 * comments): the registry's names through the one edit-distance helper.
 * Knows nothing of where the misspelled name was written. */
#include "config.h"

#include <string.h>

#include "sfn/diag.h"
#include "sfn/suggest.h"

const char *sfn_rule_closest(const char *name)
{
	struct sfn_suggest s;

	sfn_suggest_init(&s, name, strlen(name));
	for (int i = 0; i < SFN_RULE_COUNT; i++)
		sfn_suggest_add(&s, sfn_rule_get((enum sfn_rule_id) i)->name);
	return sfn_suggest_best(&s);
}
