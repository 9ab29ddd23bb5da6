/* A parsed document: its tree and where each node stood. Shared by the
 * JSON reader and the YAML reader. Private to src/json. */
#ifndef SFN_JSON_DOC_H
#define SFN_JSON_DOC_H

#include <limits.h>

#include "json/locmap.h"
#include "json/offsets.h"
#include "sfn/json.h"
#include "sfn/util.h"

/* A node of a tree in a document's arena, with where its value starts
 * beside it: no table to fill while parsing, none to sort when a finding
 * needs a line; the rest of its spans are read again from the text
 * (offsets.c). */
struct sfn_json_node {
	cJSON node;  /* first: a cJSON pointer is a node pointer */
	uint32_t at; /* byte offset of the value + 1; 0 when unknown */
};

/* A node with its whole spans beside it, for a reader whose spans cannot
 * be read again from one offset (YAML's marks): no table to grow and
 * copy, none to sort. A node never located has a zero WHERE (unknown). */
struct sfn_json_placed {
	cJSON node; /* first: a cJSON pointer is a node pointer */
	struct sfn_json_where where;
};

/* A document read one member at a time (Sfn_json_parse_each): the nodes
 * of the member being handed out, and the childless copies of nodes kept
 * after it is dropped. */
struct sfn_json_parts {
	struct sfn_arena scratch; /* emptied after each member */
	struct sfn_arena kept;    /* copies (Sfn_json_doc_keep) */
	/* strings of the member being handed out that its reader wrote
	 * outside the scratch arena, [strings, strings_end) (the YAML
	 * reader's, whose string buffer rewinds after each member): kept
	 * as the scratch arena's are */
	const char *strings, *strings_end;
};

struct sfn_json_doc {
	cJSON *root;
	const char *file;
	struct sfn_arena arena;     /* nodes (sfn_json_node), when in_arena */
	int in_arena;               /* else the tree is cJSON's to delete, */
	int borrowed;               /* (unless its maker keeps it) */
	struct sfn_locmap locs;     /* and its locations are here */
	struct sfn_json_text *text; /* the text strings end in */
	char *in_place; /* the caller's text, when strings end there */
	size_t ended;   /* NULs written in it stand before this offset */
	struct sfn_json_parts *parts; /* NULL unless read a member at a time */
	/* in_arena, the nodes are sfn_json_placed, spans beside each (the
	 * fast YAML reader) */
	int spans_beside;
	char *strings; /* a reader's string buffer, freed with the doc */
};

/* DOC to be read a member at a time: its parts, the kept arena in blocks
 * of KEPT_BLOCK bytes. */
enum sfn_status Sfn_json_doc_parts(struct sfn_json_doc *doc, size_t kept_block);
/* An empty document for FILE; NULL when memory ran out. */
struct sfn_json_doc *Sfn_json_doc_new(const char *file);
/* Whether NODE is a node of DOC's reader: kept in its arena, or in the
 * scratch or kept arenas of a document read a member at a time. */
int Sfn_json_doc_owns(const struct sfn_json_doc *doc, const cJSON *node);
/* NODE's value and key spans, either of which may be NULL; 0 when NODE
 * is not located in DOC (or, asking for KEY, is no object member). */
int Sfn_json_doc_get(const struct sfn_json_doc *doc, const cJSON *node,
                     struct sfn_span *value, struct sfn_span *key);

/* Duplicate keys in an object too large to scan, for the JSON and YAML
 * readers: MEMBER's key goes into SEEN, and with FILL (the map's first
 * use) every member of OBJECT before it; *FIRST is the earlier member of
 * that key, or NULL. */
enum sfn_status Sfn_json_key_seen(struct sfn_strmap *seen, const cJSON *object,
                                  const cJSON *member, int fill,
                                  const cJSON **first);

/* sfn_json_append, inline for the reader: every node is appended. */
static inline void Sfn_json_append(cJSON *parent, cJSON **last, cJSON *child)
{
	if (*last == NULL) {
		parent->child = child;
	} else {
		(*last)->next = child;
		child->prev = *last;
	}
	parent->child->prev = child;
	*last = child;
}

/* A number node's values as cJSON_CreateNumber keeps them: an int beside
 * the double, saturated at the int range. */
static inline void Sfn_json_set_number(cJSON *n, double d)
{
	n->valuedouble = d;
	if (d >= INT_MAX)
		n->valueint = INT_MAX;
	else if (d <= (double) INT_MIN)
		n->valueint = INT_MIN;
	else
		n->valueint = (int) d;
}

#endif
