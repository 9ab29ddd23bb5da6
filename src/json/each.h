/* Reading a state machine definition one state at a time: the reader
 * hands each member of the "States" object to a callback as soon as it
 * is read, then drops the member's nodes, so that a machine of any size
 * never has all its nodes in memory. Shared by the JSON and YAML readers
 * and the validator (src/asl); knows nothing of ASL but the names. */
#ifndef SFN_JSON_EACH_H
#define SFN_JSON_EACH_H

#include <stdint.h>

#include "sfn/json.h"

/* Called with MEMBER, the whole tree of a member of the "States" object
 * (its key in MEMBER->string), and KEPT, the childless copy that stands
 * for it in the tree once its nodes are dropped (same key, type, value
 * and location). ROOT is the object that holds "States" as read so far:
 * the members before it. DOC's spans work for both. DROPPED, when not
 * NULL, is called when every member handed out is void: the text is
 * being read again, whole. The other fields may be left NULL. */
struct sfn_json_each {
	void (*member)(void *ctx, const struct sfn_json_doc *doc,
	               const cJSON *root, const cJSON *member,
	               const cJSON *kept);
	void *ctx;
	void (*dropped)(void *ctx);
	/* When not NULL, asked after each MEMBER's call for the member
	 * before it of the same key, or NULL: the readers check duplicate
	 * keys so, not keeping a map of their own. */
	const cJSON *(*repeated)(void *ctx);
};

/* As sfn_json_parse (default options), handing every member of the
 * first top-level "States" key, when its value is an object, to EACH
 * before it is dropped. In *DOC that object holds the members' childless
 * copies, in order; the rest of the tree is whole. TEXT is neither
 * written nor copied whole (it may be a read-only mapping; it must
 * outlive *DOC): each string is copied. */
enum sfn_status Sfn_json_parse_each(const char *text, size_t len,
                                    const char *file, struct sfn_diags *diags,
                                    const struct sfn_json_each *each,
                                    struct sfn_json_doc **doc);

/* As sfn_yaml_parse, handing every member of the first block mapping at
 * Resources.*.Properties.Definition.States (a template's definition) to
 * EACH before it is dropped; when the fast reader gives up on the text
 * after some were handed out, EACH->dropped is called, then the text is
 * read whole. */
enum sfn_status Sfn_yaml_parse_each(const char *text, size_t len,
                                    const char *file, struct sfn_diags *diags,
                                    const struct sfn_json_each *each,
                                    struct sfn_json_doc **doc);

/* NODE, or when NODE is a node of the member being handed out, a
 * childless copy of it (key, type, value and location: no children, no
 * siblings) that lives as long as DOC, its strings too; NULL when memory
 * ran out. */
const cJSON *Sfn_json_doc_keep(const struct sfn_json_doc *doc,
                               const cJSON *node);

/* S, or when S is a string of the member being handed out, a copy of it
 * that lives as long as DOC: for a check that remembers a text past the
 * member (a map of expressions found good); NULL when memory ran out. */
const char *Sfn_json_doc_keep_string(const struct sfn_json_doc *doc,
                                     const char *s);

/* Where a value stood, in fewer bytes than its node, for a check that
 * remembers a place past the member (a transition resolved once every
 * state is read) and spells it out only for a finding. */
struct sfn_json_spot {
	const cJSON *node;     /* the node, in a tree kept whole; else NULL */
	uint32_t at;           /* else a JSON text's byte offset + 1, or 0 */
	struct sfn_span value; /* else the value's span; zero when unknown */
};

/* Where NODE's value stands in DOC, spelled out later by
 * Sfn_json_doc_spot_loc, as cheaply as it can be kept: in a tree kept
 * whole, the node itself (nothing looked up now); a JSON scalar's, its
 * offset, read into lines and columns only then. */
void Sfn_json_doc_spot(const struct sfn_json_doc *doc, const cJSON *node,
                       struct sfn_json_spot *spot);
/* SPOT's location (lines 0 when unknown). */
struct sfn_loc Sfn_json_doc_spot_loc(const struct sfn_json_doc *doc,
                                     const struct sfn_json_spot *spot);

#endif
