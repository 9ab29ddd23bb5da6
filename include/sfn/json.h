/* The JSON reader: parses RFC 8259 JSON into a cJSON tree and remembers
 * where in the text every value and every object key stood. Knows nothing
 * of ASL or CloudFormation.
 *
 * Ownership: a struct sfn_json_doc owns its tree and the locations;
 * sfn_json_doc_free releases both. The tree is read-only: it may live in
 * the document's arena, so never change it or give it to cJSON_Delete;
 * cJSON_Duplicate makes a copy of one's own. A wrapped tree
 * (sfn_json_doc_wrap_take) is the document's too. */
#ifndef SFN_JSON_H
#define SFN_JSON_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "sfn/diag.h"

#define SFN_JSON_MAX_BYTES       ((size_t) 512 << 20) /* largest input accepted */
#define SFN_JSON_MAX_DEPTH       1000 /* deepest nesting of arrays and objects */
#define SFN_YAML_MAX_ALIAS_NODES 1000000 /* nodes all YAML aliases copy */

struct sfn_json_opts {
	size_t max_bytes;   /* inputs longer than this are refused */
	unsigned max_depth; /* containers nested deeper are refused */
	int keep_locations; /* record a location for every node */
};

/* Defaults: the SFN_JSON_MAX_* limits, locations kept. */
void sfn_json_opts_default(struct sfn_json_opts *opts);

/* A region of the text: lines and columns as in struct sfn_loc. */
struct sfn_span {
	unsigned line, col, end_line, end_col;
};

struct sfn_json_doc;

/* Parses TEXT[0, LEN). TEXT[LEN] must be a NUL byte that is not part of
 * the input (sfn_read_file puts one there); NULs inside are input. FILE
 * names the input in diagnostics and must outlive DOC. On success *DOC holds
 * the tree; on failure (SFN_ERR_SYNTAX, SFN_ERR_LIMIT, SFN_ERR_NOMEM) *DOC is
 * NULL and DIAGS says what was wrong and where. OPTS may be NULL for defaults.
 */
enum sfn_status sfn_json_parse(const char *text, size_t len, const char *file,
                               const struct sfn_json_opts *opts,
                               struct sfn_diags *diags,
                               struct sfn_json_doc **doc);

/* As sfn_json_parse, without a copy of the text: strings without escapes
 * point into TEXT itself, their closing quotes overwritten with NULs while
 * *DOC lives. TEXT must outlive *DOC; sfn_json_doc_free (or a failure)
 * puts the quotes back, leaving TEXT as it was given. */
enum sfn_status sfn_json_parse_in_place(char *text, size_t len,
                                        const char *file,
                                        const struct sfn_json_opts *opts,
                                        struct sfn_diags *diags,
                                        struct sfn_json_doc **doc);

/* Parses the YAML document TEXT[0, LEN) into the same located form:
 * mappings become objects, sequences arrays; plain scalars are typed by
 * the YAML 1.2 core schema, quoted ones are strings; aliases copy their
 * anchor's node; CloudFormation's short tags become their long forms
 * (!Ref x: {"Ref": x}, !Sub s: {"Fn::Sub": s}, !GetAtt a.b:
 * {"Fn::GetAtt": ["a", "b"]}). TEXT[LEN] must be readable (a NUL byte
 * there, as sfn_read_file leaves, spares a copy of the text). Failures
 * as for sfn_json_parse; aliases
 * that copy more than SFN_YAML_MAX_ALIAS_NODES nodes in all, or nest
 * deeper than SFN_JSON_MAX_DEPTH, are SFN_ERR_LIMIT. */
enum sfn_status sfn_yaml_parse(const char *text, size_t len, const char *file,
                               struct sfn_diags *diags,
                               struct sfn_json_doc **doc);

cJSON *sfn_json_root(const struct sfn_json_doc *doc);
const char *sfn_json_file(const struct sfn_json_doc *doc);
/* Where NODE's value stands; 0 when NODE has no recorded location. */
int sfn_json_value_span(const struct sfn_json_doc *doc, const cJSON *node,
                        struct sfn_span *span);
/* Where the key of object member NODE stands; 0 when unknown. */
int sfn_json_key_span(const struct sfn_json_doc *doc, const cJSON *node,
                      struct sfn_span *span);
/* The span as a diagnostic location in DOC's file (zeros when unknown). */
struct sfn_loc sfn_json_loc(const struct sfn_json_doc *doc, const cJSON *node);
/* Whether DOC was read by sfn_json_parse_in_place: its text has NULs
 * for quotes while DOC lives. */
int sfn_json_doc_in_place(const struct sfn_json_doc *doc);
/* For such a DOC, a copy of its text as it was given (quotes in place),
 * NUL-terminated, for the caller to free; NULL when memory ran out. */
char *sfn_json_doc_text_copy(const struct sfn_json_doc *doc);
/* Where byte OFF of the value of the string NODE stands in the text, as
 * a point (END = START): the character or escape (\", \n, \u00e9, a
 * surrogate pair) that gives it, columns counted as sfn_json_loc counts
 * them. Without the text (YAML, trees built in memory), a span on one
 * line as wide as the value, or two wider (quotes), is followed too;
 * elsewhere (block scalars, a scalar over several lines or with
 * escapes) it is the whole string's location. */
struct sfn_loc sfn_json_string_loc(const struct sfn_json_doc *doc,
                                   const cJSON *node, size_t off);
void sfn_json_doc_free(struct sfn_json_doc *doc);

/* ---- trees built in memory ----------------------------------------------
 * A producer (the .sfn compiler) that builds a definition with cJSON's
 * allocator wraps it in a document and supplies each node's span in its
 * own source; the validator and the ASL model then report findings there.
 * Nodes without a span report line 0 (no location). */

/* A document of FILE (which must outlive it) holding ROOT, taken over:
 * sfn_json_doc_free deletes it with cJSON_Delete. NULL when memory ran
 * out (ROOT is deleted then). */
struct sfn_json_doc *sfn_json_doc_wrap_take(cJSON *root, const char *file);

/* The same for ROOT built elsewhere (in an arena, say) and left to its
 * maker: ROOT must outlive the document, which never deletes it. */
struct sfn_json_doc *sfn_json_doc_wrap_borrow(const cJSON *root,
                                              const char *file);

/* Records that NODE, a node of a wrapped document's tree, stands at VALUE
 * and, for an object member, has its key at KEY (NULL: none; a key span
 * on one line). Set each node at most once. SFN_ERR_USAGE for a
 * document a reader built. */
enum sfn_status sfn_json_doc_set_span(struct sfn_json_doc *doc,
                                      const cJSON *node,
                                      const struct sfn_span *value,
                                      const struct sfn_span *key);
/* Makes room for N more sfn_json_doc_set_span calls at once, for a
 * caller that knows how many it makes. */
enum sfn_status sfn_json_doc_reserve_spans(struct sfn_json_doc *doc, size_t n);

/* Appends CHILD to PARENT's children in constant time, *LAST being the
 * current last child (NULL at first): for trees built in an arena rather
 * than by cJSON's allocator. cJSON's lists are doubly linked, with the
 * head's prev pointing at the tail. */
void sfn_json_append(cJSON *parent, cJSON **last, cJSON *child);

/* Appends "/"-escaped TOKEN to a JSON pointer (RFC 6901: ~ is ~0, / is ~1)
 * being built in OUT. */
enum sfn_status sfn_json_pointer_add(struct sfn_buf *out, const char *token);

#endif
