/* The rule registry, expanded from include/sfn/rules.def. */
#include "config.h"

#include <string.h>

#include "sfn/diag.h"

static const struct sfn_rule rules[SFN_RULE_COUNT] = {
#define SFN_RULE(id, code, name, severity, aws, summary)                       \
	{ code, name, severity, aws, summary },
#include "sfn/rules.def"
#undef SFN_RULE
};

const struct sfn_rule *sfn_rule_get(enum sfn_rule_id id)
{
	if ((unsigned) id >= SFN_RULE_COUNT)
		return NULL;
	return &rules[id];
}

int sfn_rule_find(const char *name_or_code)
{
	for (int i = 0; i < SFN_RULE_COUNT; i++) {
		if (strcmp(rules[i].name, name_or_code) == 0 ||
		    strcmp(rules[i].code, name_or_code) == 0)
			return i;
	}
	return -1;
}

const char *sfn_severity_name(enum sfn_severity severity)
{
	switch (severity) {
	case SFN_SEV_OFF:
		return "off";
	case SFN_SEV_NOTE:
		return "note";
	case SFN_SEV_WARNING:
		return "warning";
	case SFN_SEV_ERROR:
		return "error";
	}
	return "error";
}
