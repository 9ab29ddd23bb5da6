/* Reading a state machine definition one state at a time: the reader
 * hands each member of the top-level "States" object to a callback as
 * soon as it is read, then drops the member's nodes, so that a machine of
 * any size never has all its nodes in memory. Shared by the JSON reader
 * and the validator (src/asl); knows nothing of ASL but the name. */
#ifndef SFN_JSON_EACH_H
#define SFN_JSON_EACH_H

#include "sfn/json.h"

/* Called with MEMBER, the whole tree of a member of the top-level
 * "States" object (its key in MEMBER->string), and KEPT, the childless
 * copy that stands for it in the tree once its nodes are dropped (same
 * key, type, value and location). ROOT is the top-level object as read
 * so far: the members before "States". DOC's spans work for both. */
struct sfn_json_each {
	void (*member)(void *ctx, const struct sfn_json_doc *doc,
	               const cJSON *root, const cJSON *member,
	               const cJSON *kept);
	void *ctx;
};

/* As sfn_json_parse_in_place (default options), handing every member of
 * the first top-level "States" key, when its value is an object, to
 * EACH before it is dropped. In *DOC that object holds the members'
 * childless copies, in order; the rest of the tree is whole. */
enum sfn_status Sfn_json_parse_each(char *text, size_t len, const char *file,
                                    struct sfn_diags *diags,
                                    const struct sfn_json_each *each,
                                    struct sfn_json_doc **doc);

/* NODE, or when NODE is a node of the member being handed out, a
 * childless copy of it (key, type, value and location: no children, no
 * siblings) that lives as long as DOC; NULL when memory ran out. */
const cJSON *Sfn_json_doc_keep(const struct sfn_json_doc *doc,
                               const cJSON *node);

#endif
