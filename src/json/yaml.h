/* The two YAML readers behind sfn_yaml_parse, and what they share.
 * Private to src/json (and the tests that compare the two). */
#ifndef SFN_JSON_YAML_H
#define SFN_JSON_YAML_H

#include <stddef.h>

#include "json/each.h"
#include "sfn/json.h"

/* The fast reader reads mappings and sequences nested at most this many
 * levels deep (the document's own collection is the first); a deeper
 * document is left to libyaml, whose limit is SFN_JSON_MAX_DEPTH. */
#define SFN_YAML_FAST_MAX_DEPTH 100

/* How the YAML 1.2 core schema types the plain scalar S: cJSON_NULL,
 * cJSON_True, cJSON_False, cJSON_Number (its value in *NUM) or
 * cJSON_String. */
int Sfn_yaml_core_type(const char *s, double *num);

/* The reader over libyaml's events: every YAML document, every error. */
enum sfn_status Sfn_yaml_parse_events(const char *text, size_t len,
                                      const char *file, struct sfn_diags *diags,
                                      struct sfn_json_doc **doc);

/* The fast reader, for the YAML that templates use: block mappings and
 * sequences, plain, quoted and block scalars, flow collections,
 * comments, CloudFormation's short tags. It builds the tree
 * and spans the events reader builds, or gives up: 0 when the text holds
 * anything else (or is not YAML), and then *DOC is NULL and the events
 * reader must read it; 1 when it answered, *STATUS being SFN_OK (*DOC
 * holds the document) or SFN_ERR_NOMEM. It never adds a diagnostic.
 * TEXT[LEN] must be readable: when it is a NUL byte (sfn_read_file puts
 * one there) the text is scanned where it lies, else in a copy. */
int Sfn_yaml_fast_parse(const char *text, size_t len, const char *file,
                        struct sfn_json_doc **doc, enum sfn_status *status);
/* The same, handing the members of a template's definition's States to
 * EACH one at a time (see Sfn_yaml_parse_each). */
int Sfn_yaml_fast_each(const char *text, size_t len, const char *file,
                       const struct sfn_json_each *each,
                       struct sfn_json_doc **doc, enum sfn_status *status);

#endif
