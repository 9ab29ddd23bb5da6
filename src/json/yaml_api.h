/* libyaml, opened at first use (util/dynlib.h) so that only the reading
 * of a YAML file pays for loading it (it is built with BIND_NOW: its
 * bindings cost every command about 36,000 instructions before main when
 * linked). The YAML reader includes this header instead of <yaml.h>: the
 * names of libyaml's functions become calls through the table. Knows
 * nothing of templates. */
#ifndef SFN_JSON_YAML_API_H
#define SFN_JSON_YAML_API_H

#include <yaml.h>

#include "sfn/status.h"

/* The functions we call; each slot has the type yaml.h declares. */
#define SFN_YAML_FUNCTIONS(X)                                                  \
	X(event_delete)                                                        \
	X(parser_delete)                                                       \
	X(parser_initialize)                                                   \
	X(parser_parse)                                                        \
	X(parser_set_input_string)

#define SFN_YAML_SLOT(f) __typeof__(yaml_##f) *f;
struct Sfn_yaml_api {
	SFN_YAML_FUNCTIONS(SFN_YAML_SLOT)
};
#undef SFN_YAML_SLOT

/* The table: empty until Sfn_yaml_load succeeds. */
extern const struct Sfn_yaml_api *const Sfn_yaml;

/* Loads libyaml (SFN_YAML_SONAME) once per process, before the first
 * YAML text is read. SFN_ERR_IO when it cannot be loaded, with *WHY
 * (static text) naming the library and the package. */
enum sfn_status Sfn_yaml_load(const char **why);

#define yaml_event_delete            (*Sfn_yaml->event_delete)
#define yaml_parser_delete           (*Sfn_yaml->parser_delete)
#define yaml_parser_initialize       (*Sfn_yaml->parser_initialize)
#define yaml_parser_parse            (*Sfn_yaml->parser_parse)
#define yaml_parser_set_input_string (*Sfn_yaml->parser_set_input_string)

#endif
