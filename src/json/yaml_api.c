/* The table of libyaml's functions and its loading at first use. Knows
 * nothing of what the functions are called for. */
#include "config.h"

#include <stddef.h>

#include "json/yaml_api.h"
#include "util/dynlib.h"

static struct Sfn_yaml_api table;
const struct Sfn_yaml_api *const Sfn_yaml = &table;

#define SFN_YAML_ENTRY(f) { "yaml_" #f, offsetof(struct Sfn_yaml_api, f) },
static const struct Sfn_dynlib_fn fns[] = { SFN_YAML_FUNCTIONS(
	SFN_YAML_ENTRY) };
#undef SFN_YAML_ENTRY

static struct Sfn_dynlib lib = {
	SFN_YAML_SONAME, SFN_YAML_PACKAGE, fns,  sizeof(fns) / sizeof(fns[0]),
	&table,          sizeof(table),    NULL, ""
};

enum sfn_status Sfn_yaml_load(const char **why)
{
	return Sfn_dynlib_load(&lib, why);
}
