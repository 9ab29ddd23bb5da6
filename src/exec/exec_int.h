/* Private to src/exec: helpers its files share. */
#ifndef SFN_EXEC_INT_H
#define SFN_EXEC_INT_H

#include "sfn/exec.h"

/* Compact JSON text of VALUE (NULL prints as null); malloc'd, NULL when
 * memory ran out. */
char *Sfn_exec_json_text(const cJSON *value);

/* Nesting that Sfn_exec_json_size counts itself; deeper containers are
 * measured by printing them (cJSON recurses there anyway). */
#define SFN_EXEC_JSON_SIZE_MAX_DEPTH 1000

/* Bytes of cJSON_PrintUnformatted(VALUE) without printing it, or some
 * count past LIMIT once it is certain to be past it; SIZE_MAX when cJSON
 * could not print VALUE (an invalid node, a NULL, no memory). */
size_t Sfn_exec_json_size(const cJSON *value, size_t limit);

/* The path the store parsed from TEXT, or NULL: how compiled intrinsic
 * calls resolve their path arguments without parsing them again. */
const struct sfn_path *Sfn_exec_store_find_path(const struct sfn_exec_store *s,
                                                const char *text);

/* FIELD compiled into a new store *STORE, which the caller frees (also
 * on failure): the text forms of select and ResultPath. */
enum sfn_status Sfn_exec_field_once(const cJSON *field, int reference,
                                    struct sfn_exec_store **store,
                                    struct sfn_exec_field *out);

/* CALL, compiled into STORE, evaluated against DATA (ErrorPath and
 * CausePath given as intrinsic calls). */
enum sfn_status Sfn_exec_call_run(const struct sfn_intrinsic *call,
                                  const struct sfn_exec_store *store,
                                  const struct sfn_exec_data *data, cJSON **out,
                                  struct sfn_error *err);

/* ---- compiled payload templates (tmpl_compile.c, payload.c) ------------ */

enum tmpl_kind {
	TMPL_COPY,       /* a value copied as it stands */
	TMPL_OBJECT,     /* members in CHILD */
	TMPL_ARRAY,      /* elements in CHILD */
	TMPL_PATH,       /* "key.$": a path */
	TMPL_CALL,       /* "key.$": an intrinsic call */
	TMPL_NOT_STRING, /* "key.$" whose value is no string */
	TMPL_BAD_PATH,   /* "key.$" whose path does not parse */
	TMPL_BAD_CALL    /* "key.$" whose call does not parse */
};

struct sfn_exec_template {
	enum tmpl_kind kind;
	const cJSON *src; /* the template's node (a member: its key too) */
	const char *key;  /* the output member's name, without ".$" */
	const struct sfn_path *path;      /* PATH */
	const struct sfn_intrinsic *call; /* CALL */
	const char *why;                  /* BAD_CALL: the parser's words */
	struct sfn_exec_template *child;  /* OBJECT, ARRAY: the first */
	struct sfn_exec_template *next;   /* the next member or element */
	struct sfn_exec_store *store;     /* where paths of calls are */
};

#endif
