/* A parsed document: its tree and where each node stood. Shared by the
 * JSON reader and the YAML reader. Private to src/json. */
#ifndef SFN_JSON_DOC_H
#define SFN_JSON_DOC_H

#include "json/locmap.h"
#include "sfn/json.h"
#include "sfn/util.h"

struct sfn_json_doc {
	cJSON *root;
	const char *file;
	struct sfn_locmap locs;
	struct sfn_arena arena; /* the tree, when in_arena */
	int in_arena;           /* else the tree is cJSON's to delete */
};

/* An empty document for FILE; NULL when memory ran out. */
struct sfn_json_doc *sfn_json_doc_new(const char *file);

#endif
