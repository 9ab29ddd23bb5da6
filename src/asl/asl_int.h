/* Private to src/asl: the checker's state and the helpers its files
 * share. */
#ifndef SFN_ASL_INT_H
#define SFN_ASL_INT_H

#include <string.h>

#include "sfn/asl.h"
#include "sfn/exec.h"
#include "sfn/resource.h"
#include "sfn/util.h"

/* cJSON's type tests and string getter as inline functions, under their
 * own names so that call sites read as usual: the checker asks them of
 * every value, and each was a call into the shared library. The answers
 * are cJSON's (a NULL node is of no type). */
static inline int asl_type_is(const cJSON *v, int type)
{
	return v != NULL && (v->type & 0xFF) == type;
}

static inline int asl_is_bool(const cJSON *v)
{
	return v != NULL && (v->type & (cJSON_True | cJSON_False)) != 0;
}

static inline char *asl_string_value(const cJSON *v)
{
	return asl_type_is(v, cJSON_String) ? v->valuestring : NULL;
}

#define cJSON_IsString(v)       asl_type_is((v), cJSON_String)
#define cJSON_IsObject(v)       asl_type_is((v), cJSON_Object)
#define cJSON_IsArray(v)        asl_type_is((v), cJSON_Array)
#define cJSON_IsNumber(v)       asl_type_is((v), cJSON_Number)
#define cJSON_IsNull(v)         asl_type_is((v), cJSON_NULL)
#define cJSON_IsTrue(v)         asl_type_is((v), cJSON_True)
#define cJSON_IsFalse(v)        asl_type_is((v), cJSON_False)
#define cJSON_IsBool(v)         asl_is_bool(v)
#define cJSON_GetStringValue(v) asl_string_value(v)

/* State types, as bits so that field tables can name several. */
enum {
	ST_TASK = 1,
	ST_PARALLEL = 2,
	ST_MAP = 4,
	ST_PASS = 8,
	ST_WAIT = 16,
	ST_CHOICE = 32,
	ST_SUCCEED = 64,
	ST_FAIL = 128,
	ST_ALL = 255
};

/* Query languages, as bits: P JSONPath, A JSONata. */
enum { L_P = 1, L_A = 2, L_B = 3 };

struct suppression;

/* One step of the service's location: "/NAME", or "[INDEX]" when NAME is
 * NULL. Kept as a stack and spelled out only when a finding needs it. */
struct asl_step {
	const char *name;
	size_t index;
};

struct asl {
	const struct sfn_json_doc *doc;
	struct sfn_diags *diags;
	struct sfn_asl_opts opts;
	int machine_jsonata;     /* the machine's query language */
	int jsonata;             /* the language of the state being checked */
	int in_catch;            /* checking a catcher ($states.errorOutput) */
	struct sfn_strmap names; /* state name -> where its first state is */
	struct sfn_arena refs;   /* what names points at */
	struct sfn_arena graph;  /* scratch of one scope's graph checks */
	size_t scopes;           /* scopes numbered so far */
	struct sfn_strmap good;  /* expressions checked without a finding */
	struct asl_step *steps;  /* the service's location of the object */
	size_t depth, cap;       /* steps in use, steps allocated */
	struct sfn_buf where;    /* the location spelled out (Sfn_asl_where) */
	struct sfn_buf
	        pointer; /* the same as a JSON pointer (Sfn_asl_pointer) */
	int no_terminal; /* MISSING_END_STATE was reported */
	struct suppression *suppressions; /* from Comment fields */
	size_t nsuppressions;

	/* The model's store, where parses are kept (NULL: linting only). */
	struct sfn_exec_store *store;
	/* Expressions a front end checked clean (sfn_asl_validate_known). */
	const struct sfn_strmap *known;
	size_t suppressions_cap; /* allocated */
	/* the JSON reader's own findings (SFN1xxx) come between the
	 * checker's: suppressions leave them alone */
	int spare_reader;
	size_t target_hints; /* missing targets given a "did you mean" */
	/* The last Resource parsed, by its text's address: a lowered
	 * definition's tasks of one integration share one string, and the
	 * tree does not change while it is checked (forgotten at each state
	 * handed out a member at a time, Sfn_asl_scope_add). */
	const char *resource_text;
	struct sfn_resource resource;
};

/* Whether X and Y are the same string; the first byte decides most
 * comparisons of field names without a call. */
static inline int asl_same(const char *x, const char *y)
{
	return x[0] == y[0] && strcmp(x, y) == 0;
}

/* The member NAME of OBJ (case-sensitive), or NULL. cJSON's lookup calls
 * strcmp for every member; checking the first byte first skips most of
 * them, and the linter looks fields up on every state. */
static inline const cJSON *asl_get(const cJSON *obj, const char *name)
{
	for (const cJSON *m = obj ? obj->child : NULL; m; m = m->next)
		if (m->string && asl_same(m->string, name))
			return m;
	return NULL;
}

/* "Did you mean": the one of NAMES (ending with NULL) closest to NAME, or
 * NULL; ASL_HINT(best) fills a "%s%s%s" with "; did you mean 'X'?" or
 * nothing. */
const char *Sfn_asl_closest(const char *name, const char *const *names);
/* The member of OBJ, other than FIELD itself, that stands for a
 * misspelled FIELD ("Startat" for StartAt), or NULL: reported as an
 * unknown field, it is not also reported as a missing one. */
const cJSON *Sfn_asl_misspelling(const cJSON *obj, const char *field);
#define ASL_HINT(best)                                                         \
	(best) ? "; did you mean '" : "", (best) ? (best) : "",                \
	        (best) ? "'?" : ""
/* sfn_asl_validate, keeping every path and call it parses in STORE (when
 * not NULL) for the model to use. */
void Sfn_asl_validate(const struct sfn_json_doc *doc, const cJSON *def,
                      const struct sfn_asl_opts *opts, struct sfn_diags *diags,
                      struct sfn_exec_store *store);
/* The checker's life: set up for DOC (OPTS may be NULL); the top-level
 * fields of DEF (its Comment's suppressions, Version, TimeoutSeconds,
 * QueryLanguage) with the machine's language set; suppressions applied
 * to the findings from index FIRST on, and everything freed. */
void Sfn_asl_begin(struct asl *a, const struct sfn_json_doc *doc,
                   const struct sfn_asl_opts *opts, struct sfn_diags *diags);
void Sfn_asl_check_top(struct asl *a, const cJSON *def);
void Sfn_asl_end(struct asl *a, size_t first);
/* Whether a machine whose top-level QueryLanguage is V (NULL: none)
 * is a JSONata machine: any value but "JSONPath". */
int Sfn_asl_is_jsonata_language(const cJSON *v);

/* ---- inline suppression (suppress.c) ------------------------------------- */

/* Records the rules a "sfnc-disable ..." Comment of OBJ turns off for the
 * current location. */
void Sfn_asl_suppress_from_comment(struct asl *a, const cJSON *obj);
/* Drops the diagnostics from index FROM on that a suppression covers. */
void Sfn_asl_apply_suppressions(struct asl *a, size_t from);

/* ---- locations and reports (report.c) ------------------------------------ */

/* Appends "/NAME" or "[I]" to the location; returns the depth to go
 * back to with Sfn_asl_pop. NAME must outlive the step. */
size_t Sfn_asl_push_grow(struct asl *a, const char *name, size_t index);

/* Inline: a step is pushed for every field checked; the steps grow out
 * of line. */
static inline size_t asl_push_step(struct asl *a, const char *name,
                                   size_t index)
{
	size_t depth = a->depth;

	if (depth >= a->cap)
		return Sfn_asl_push_grow(a, name, index);
	a->depth = depth + 1;
	a->steps[depth].name = name;
	a->steps[depth].index = index;
	return depth;
}

static inline size_t Sfn_asl_push(struct asl *a, const char *name)
{
	return asl_push_step(a, name, 0);
}

static inline size_t Sfn_asl_push_index(struct asl *a, size_t i)
{
	return asl_push_step(a, NULL, i);
}

static inline void Sfn_asl_pop(struct asl *a, size_t depth)
{
	a->depth = depth;
}
/* The current location as the service writes it ("" at the top); valid
 * until the next call. */
const char *Sfn_asl_where(struct asl *a);
/* The same location as an RFC 6901 JSON pointer ("/States/A/Choices/0",
 * '~' and '/' in names escaped); valid until the next call. */
const char *Sfn_asl_pointer(struct asl *a);
void Sfn_asl_steps_free(struct asl *a);

/* Reports RULE at NODE (its key when AT_KEY, else its value), with the
 * current location, plus "/FIELD" when FIELD is not NULL. */
void Sfn_asl_report(struct asl *a, enum sfn_rule_id rule, const cJSON *node,
                    int at_key, const char *field, const char *fmt, ...)
        __attribute__((format(printf, 6, 7)));

/* The same at LOC: for a place whose node is gone (a member dropped). */
void Sfn_asl_report_loc(struct asl *a, enum sfn_rule_id rule,
                        const struct sfn_loc *loc, const char *field,
                        const char *fmt, ...)
        __attribute__((format(printf, 5, 6)));

/* Reports RULE at NODE's key with the location STEPS[0, N) instead of
 * the current one: for a finding about a place the walk has left. */
void Sfn_asl_report_steps(struct asl *a, enum sfn_rule_id rule,
                          const cJSON *node, struct asl_step *steps, size_t n,
                          const char *fmt, ...)
        __attribute__((format(printf, 6, 7)));

/* Member M is a field of the other query language than the one in force
 * (a->jsonata): reported at its key. */
void Sfn_asl_report_wrong_language(struct asl *a, const cJSON *m);

/* Where NODE stands, for checks that need a location of their own. */
struct sfn_loc Sfn_asl_loc(const struct asl *a, const cJSON *node, int at_key);

/* ---- values (values.c) -----------------------------------------------------
 */

/* A "${...}" placeholder or {"Ref"/"Fn::*": ...} object of a template:
 * an unknown value that fits anywhere. */
int Sfn_asl_is_placeholder(const struct asl *a, const cJSON *v);
/* A string with a "${...}" placeholder (S may be NULL). */
int Sfn_asl_has_placeholder(const char *s);
/* A "{% ... %}" string. */
int Sfn_asl_is_jsonata(const cJSON *v);
void Sfn_asl_check_jsonata(struct asl *a, const cJSON *v, const char *field);
/* Paths: what a field of each kind takes. */
void Sfn_asl_check_path(struct asl *a, const cJSON *v, const char *field,
                        int reference, int allow_null);
void Sfn_asl_check_result_path(struct asl *a, const cJSON *v,
                               const char *field);
void Sfn_asl_check_template(struct asl *a, const cJSON *v, const char *field);
/* The value of a "key.$" field: a path or an intrinsic function call. */
void Sfn_asl_check_dynamic(struct asl *a, const cJSON *v, const char *field);
void Sfn_asl_check_assign(struct asl *a, const cJSON *v, const char *field);
void Sfn_asl_check_output(struct asl *a, const cJSON *v, const char *field);
void Sfn_asl_check_pass_result(struct asl *a, const cJSON *v);
void Sfn_asl_check_resource(struct asl *a, const cJSON *v);
/* A number field: integral (when INTEGER) within [MIN, MAX]; a JSONata
 * string is accepted in JSONata states. */
void Sfn_asl_check_number(struct asl *a, const cJSON *v, const char *field,
                          int integer, double min, double max);
void Sfn_asl_check_string(struct asl *a, const cJSON *v, const char *field);
void Sfn_asl_check_enum(struct asl *a, const cJSON *v, const char *field,
                        const char *const *values);

/* ---- templates (template.c, elsewhere.c) --------------------------------- */

/* Whether RESOURCE is an AWS::StepFunctions::StateMachine or an
 * AWS::Serverless::StateMachine. */
int Sfn_asl_is_machine(const cJSON *resource);
/* The state machine resource of ROOT, a template, whose Definition is
 * DEF, with the options its checks take in *OPTS; NULL when DEF is no
 * state machine's Definition. */
const cJSON *Sfn_asl_template_machine(const cJSON *root, const cJSON *def,
                                      struct sfn_asl_opts *opts);
/* sfn_asl_validate_template, but for the definition CHECKED (when not
 * NULL), checked already as it was read. */
size_t Sfn_asl_validate_template(const struct sfn_json_doc *doc,
                                 const char *text, size_t len,
                                 const cJSON *checked, struct sfn_diags *diags);
/* A DefinitionUri that names a local file: a string, not s3://, without
 * ${...}. */
int Sfn_asl_is_local_uri(const cJSON *uri);
/* "Nothing was checked": RESOURCE has its definition in S3 or none (a
 * local DefinitionUri is left to the caller); its DefinitionString STR
 * could not be put together; the template has no state machine. */
void Sfn_asl_template_elsewhere(const struct sfn_json_doc *doc,
                                const cJSON *resource, struct sfn_diags *diags);
void Sfn_asl_template_unassembled(const struct sfn_json_doc *doc,
                                  const cJSON *resource, const cJSON *str,
                                  struct sfn_diags *diags);
void Sfn_asl_template_none(const struct sfn_json_doc *doc,
                           struct sfn_diags *diags);

/* ---- the parts of a machine -------------------------------------------- */

/* StartAt and States of the machine or of a branch or item processor. */
void Sfn_asl_check_scope(struct asl *a, const cJSON *obj, int top);
/* The same for states that come one at a time (read_validate.c): a scope
 * numbered next at the current location (NULL when memory ran out),
 * keeping copies of the nodes its graph needs when KEEP; each state S
 * checked as it comes (KEPT stands for it once it is gone; 0 when memory
 * ran out); then StartAt and the graph, with OBJ's StartAt and States,
 * unless OK is 0. Close frees the scope. */
struct asl_scope;
struct asl_scope *Sfn_asl_scope_open(struct asl *a, int keep);
int Sfn_asl_scope_add(struct asl *a, struct asl_scope *g, const cJSON *s,
                      const cJSON *kept);
/* The state of G's scope added before the last one with the same name
 * (the first of that name there), or NULL: what a JSON reader's
 * duplicate key check would find. */
const cJSON *Sfn_asl_scope_repeated(const struct asl_scope *g);
void Sfn_asl_scope_close(struct asl *a, struct asl_scope *g, const cJSON *obj,
                         int top, int ok);
void Sfn_asl_check_state(struct asl *a, const cJSON *state);
void Sfn_asl_check_choice(struct asl *a, const cJSON *state);
void Sfn_asl_check_retry(struct asl *a, const cJSON *state);
void Sfn_asl_check_catch(struct asl *a, const cJSON *state);
void Sfn_asl_check_map(struct asl *a, const cJSON *state);
void Sfn_asl_check_parallel(struct asl *a, const cJSON *state);
/* At most one of the fields NAMES (ending with NULL) of OBJ; with
 * REQUIRED, at least one. */
void Sfn_asl_one_of(struct asl *a, const cJSON *obj, const char *const *names,
                    int required);
/* Whether a field named NAME is allowed in an object of FIELDS (NULL
 * ends the list); reports the others as unknown. */
void Sfn_asl_check_known(struct asl *a, const cJSON *obj,
                         const char *const *fields);

#endif
