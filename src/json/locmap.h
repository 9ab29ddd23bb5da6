/* Where each node of a tree built by cJSON's allocator stood in its text:
 * spans by node address. Private to src/json: the YAML reader uses it (the
 * JSON reader keeps locations beside its arena nodes). */
#ifndef SFN_JSON_LOCMAP_H
#define SFN_JSON_LOCMAP_H

#include <cjson/cJSON.h>

#include "sfn/json.h"

struct sfn_locmap_entry;

struct sfn_locmap {
	struct sfn_locmap_entry *slots; /* in put order until sorted */
	size_t cap;
	size_t count;
	int sorted; /* sorted by node since the last put */
};

void sfn_locmap_init(struct sfn_locmap *map);
void sfn_locmap_free(struct sfn_locmap *map);
/* Records NODE's value span and, for object members, its key span (KEY
 * may be NULL). */
enum sfn_status sfn_locmap_put(struct sfn_locmap *map, const cJSON *node,
                               const struct sfn_span *value,
                               const struct sfn_span *key);
int sfn_locmap_get(const struct sfn_locmap *map, const cJSON *node,
                   struct sfn_span *value, struct sfn_span *key);

#endif
