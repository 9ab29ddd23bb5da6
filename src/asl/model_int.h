/* Private to the ASL model's loader (src/asl/model*.c): the loader's
 * state and the helpers its files share. */
#ifndef SFN_ASL_MODEL_INT_H
#define SFN_ASL_MODEL_INT_H

#include "sfn/model.h"
#include "sfn/util.h"

/* A call sfn_asl_machine_free makes. */
struct ml_deferred {
	void (*fn)(void *p);
	void *p;
	struct ml_deferred *next;
};

struct sfn_asl_machine_mem {
	struct sfn_arena arena;       /* every node of the model */
	struct sfn_exec_store *store; /* every parsed path and call */
	size_t scopes_cap;            /* room in machine->scopes */
	struct ml_deferred *deferred; /* newest first */
};

struct loader {
	struct sfn_asl_machine *m;
	struct sfn_arena *arena;
	struct sfn_exec_store *store;
	struct sfn_diags *diags;
	enum sfn_status status;     /* the first failure */
	size_t depth;               /* scopes and rules nested */
	enum sfn_asl_language lang; /* of the state being loaded */
};

/* ---- memory and values (model_value.c) ----------------------------------- */

/* N zeroed bytes of the arena; NULL (status set) when memory ran out. */
void *Sfn_ml_alloc(struct loader *l, size_t n);
/* TEXT formatted into the arena; NULL (status set) when out of memory. */
char *Sfn_ml_printf(struct loader *l, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
/* A, B and C joined in the arena; NULL (status set) when out of memory. */
char *Sfn_ml_concat(struct loader *l, const char *a, const char *b,
                    const char *c);
/* Fails the load with SFN_ERR_LIMIT and a diagnostic at NODE: WHAT is
 * nested past LIMIT. */
void Sfn_ml_limit(struct loader *l, const cJSON *node, const char *what,
                  int limit);
/* Records ST as the load's status unless one was recorded. */
void Sfn_ml_fail(struct loader *l, enum sfn_status st);
struct sfn_span Sfn_ml_span(const struct loader *l, const cJSON *node);
/* Member NAME of OBJ, or NULL. */
const cJSON *Sfn_ml_get(const cJSON *obj, const char *name);
/* The string member NAME of OBJ, or NULL. */
const char *Sfn_ml_string(const cJSON *obj, const char *name);
/* V as a "{% %}" slot, or NULL when it is no such string. */
struct sfn_asl_jsonata *Sfn_ml_jsonata(struct loader *l, const cJSON *v);
/* A data field in the language in force. */
void Sfn_ml_payload(struct loader *l, const cJSON *v,
                    struct sfn_asl_payload *out);
/* A path field; REFERENCE for ResultPath. */
void Sfn_ml_path(struct loader *l, const cJSON *v, int reference,
                 struct sfn_asl_path *out);
/* Field NAME of OBJ, or its twin NAME"Path". */
void Sfn_ml_number(struct loader *l, const cJSON *obj, const char *name,
                   struct sfn_asl_number *out);
void Sfn_ml_text(struct loader *l, const cJSON *obj, const char *name,
                 struct sfn_asl_text *out);
void Sfn_ml_errors(struct loader *l, const cJSON *list,
                   struct sfn_asl_errors *out);

/* ---- scopes and states (model_scope.c, model_state.c, model_choice.c) --- */

/* The scope of OBJ (StartAt and States) under PARENT (NULL at the top),
 * located at WHERE. */
struct sfn_asl_scope *Sfn_ml_scope(struct loader *l, const cJSON *obj,
                                   struct sfn_asl_state *parent, size_t branch,
                                   const char *where);
/* The state NAME of S's scope, or NULL. */
struct sfn_asl_state *Sfn_ml_target(const struct sfn_asl_state *s,
                                    const char *name);
/* Fills S from its object: common fields, then those of its type. */
void Sfn_ml_state(struct loader *l, struct sfn_asl_state *s);
void Sfn_ml_choice(struct loader *l, struct sfn_asl_state *s);
/* Enters one more level of nesting; 0 (status SFN_ERR_LIMIT, with a
 * diagnostic at NODE) past SFN_ASL_MODEL_MAX_DEPTH. */
int Sfn_ml_enter(struct loader *l, const cJSON *node);

#endif
