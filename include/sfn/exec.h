/* Input and output processing of JSONPath states, as library functions
 * the interpreter calls: InputPath/OutputPath selection, payload
 * templates (Parameters, ResultSelector, ItemSelector, Assign) with paths
 * and intrinsic functions, and ResultPath merging, each failing with the
 * error name and cause Step Functions gives; their compiled forms; and
 * Choice states over the ASL model.
 *
 * Ownership: every cJSON value handed out is a new tree the caller owns;
 * inputs are borrowed and never changed, except those passed to a
 * function whose name ends in _take. */
#ifndef SFN_EXEC_H
#define SFN_EXEC_H

#include <cjson/cJSON.h>

#include "sfn/path.h"
#include "sfn/status.h"

struct sfn_intrinsic;

/* What the paths of one field read. */
struct sfn_exec_data {
	const cJSON *input;   /* $: the field's input */
	const cJSON *context; /* $$: the context object (NULL: none) */
	const cJSON *vars;    /* $name: an object of workflow variables */
};

/* The value PATH ("$.a", "$$.Execution.Id", "$name.b") selects in DATA:
 * a copy of it for a definite path, an array for an indefinite one. When
 * a definite path selects nothing, *OUT is NULL and, if CANONICAL is not
 * NULL, it receives the path as the service prints it ($['a']['b'],
 * malloc'd). SFN_ERR_SYNTAX when PATH does not parse. */
enum sfn_status sfn_exec_lookup(const char *path,
                                const struct sfn_exec_data *data, cJSON **out,
                                char **canonical);

/* InputPath or OutputPath: FIELD is the field's value, NULL when absent
 * (the whole input), JSON null (an empty object) or a path. NAME is the
 * field's name. */
enum sfn_status sfn_exec_select(const cJSON *field,
                                const struct sfn_exec_data *data, cJSON **out,
                                struct sfn_error *err);

/* A payload template: keys ending in ".$" take the value of their path or
 * intrinsic function call (and lose the suffix), objects are walked at any
 * depth, including those inside arrays; everything else is copied. A
 * template nested deeper than SFN_JSON_MAX_DEPTH is SFN_ERR_LIMIT. */
enum sfn_status sfn_exec_payload(const cJSON *tmpl,
                                 const struct sfn_exec_data *data, cJSON **out,
                                 struct sfn_error *err);

/* ResultPath: FIELD NULL (absent) or "$" gives RESULT; JSON null gives
 * RAW_INPUT; a Reference Path puts RESULT into a copy of RAW_INPUT there,
 * creating missing objects on the way. RESULT is taken over. */
enum sfn_status sfn_exec_result_path_take(const cJSON *field,
                                          const cJSON *raw_input, cJSON *result,
                                          cJSON **out, struct sfn_error *err);

/* ---- compiled forms --------------------------------------------------------
 * The functions above take field values as written and parse them on
 * every call; they are wrappers over the compiled forms below, which the
 * ASL model holds and the interpreter runs with no text parsed.
 *
 * Ownership: a store owns what is compiled into it (parsed paths, parsed
 * calls, templates, in one arena) and is freed at once; compiled forms
 * borrow the cJSON values they were compiled from, which must outlive
 * the store. */

/* Compiled expressions of one definition: each distinct path or call
 * text is parsed once, whatever the number of fields holding it. */
struct sfn_exec_store;

struct sfn_exec_store *sfn_exec_store_new(void); /* NULL: out of memory */
void sfn_exec_store_free(struct sfn_exec_store *store);
/* The arena compiled forms live in; others may allocate there too. */
struct sfn_arena *sfn_exec_store_arena(struct sfn_exec_store *store);

/* TEXT parsed as an aws-dialect path, once per store. SFN_ERR_SYNTAX
 * (with *OUT NULL and the parser's diagnostic added to DIAGS, which may
 * be NULL) when it does not parse. */
enum sfn_status sfn_exec_store_path(struct sfn_exec_store *store,
                                    const char *text, struct sfn_diags *diags,
                                    const struct sfn_path **out);
/* TEXT parsed as an intrinsic call, once per store, its path arguments
 * parsed into the store as well. Fails as sfn_exec_store_path. */
enum sfn_status sfn_exec_store_call(struct sfn_exec_store *store,
                                    const char *text, struct sfn_diags *diags,
                                    const struct sfn_intrinsic **out);

/* A path field (InputPath, OutputPath, ResultPath, ItemsPath, ...). */
enum sfn_exec_field_kind {
	SFN_FIELD_ABSENT, /* not given: the default ("$") */
	SFN_FIELD_NULL,   /* JSON null */
	SFN_FIELD_PATH,   /* a path, parsed */
	SFN_FIELD_BAD     /* no string, or no path: fails when run */
};

struct sfn_exec_field {
	enum sfn_exec_field_kind kind;
	const char *text;            /* PATH, BAD: as written (or NULL) */
	const struct sfn_path *path; /* PATH */
};

/* Compiles FIELD (NULL when absent). With REFERENCE, a path must be a
 * Reference Path of $ (ResultPath) or the field is BAD; "$" is kept as a
 * PATH. DIAGS (may be NULL) receives why a field is BAD. */
enum sfn_status sfn_exec_field_compile(const cJSON *field, int reference,
                                       struct sfn_exec_store *store,
                                       struct sfn_diags *diags,
                                       struct sfn_exec_field *out);

/* sfn_exec_lookup for a parsed path. */
enum sfn_status sfn_exec_lookup_path(const struct sfn_path *path,
                                     const struct sfn_exec_data *data,
                                     cJSON **out, char **canonical);

/* sfn_exec_select for a compiled field. */
enum sfn_status sfn_exec_select_field(const struct sfn_exec_field *field,
                                      const struct sfn_exec_data *data,
                                      cJSON **out, struct sfn_error *err);

/* sfn_exec_result_path_take for a compiled field (compiled with
 * REFERENCE). */
enum sfn_status sfn_exec_result_field_take(const struct sfn_exec_field *field,
                                           const cJSON *raw_input,
                                           cJSON *result, cJSON **out,
                                           struct sfn_error *err);

/* A payload template compiled: its "key.$" values parsed into the
 * store. A value that does not parse (or is no string) is kept and fails
 * with the service's error when the template runs. */
struct sfn_exec_template;

#define SFN_EXEC_TEMPLATE_MAX_DEPTH 1000 /* objects and arrays nested */

/* SFN_ERR_LIMIT for a template nested deeper than the limit. */
enum sfn_status sfn_exec_template_compile(const cJSON *tmpl,
                                          struct sfn_exec_store *store,
                                          struct sfn_exec_template **out);

/* sfn_exec_payload for a compiled template. Path arguments of intrinsic
 * calls are read through the store's parsed paths. */
enum sfn_status sfn_exec_payload_compiled(const struct sfn_exec_template *tmpl,
                                          const struct sfn_exec_data *data,
                                          cJSON **out, struct sfn_error *err);

/* Visits every path and call of a compiled template in document order:
 * the "key.$" member NODE of the template and what it compiled to (PATH
 * or CALL set; neither for a value that failed to compile). */
struct sfn_exec_template_expr {
	const cJSON *node;
	const struct sfn_path *path;
	const struct sfn_intrinsic *call;
};
size_t sfn_exec_template_exprs(const struct sfn_exec_template *tmpl,
                               struct sfn_exec_template_expr *out, size_t cap);

/* ---- JSONata fields (Step Functions' dialect) ------------------------------
 * One home for the value of a field of a JSONata state: a string wholly
 * wrapped in "{%" and "%}" is an expression; an object or array is a
 * template whose such strings, at any depth, are expressions; any other
 * value (a string not wholly wrapped included) stands as written. */

struct sfn_asl_jsonata;

/* What the expressions of one field see. */
struct sfn_exec_states {
	const cJSON *input;        /* $states.input */
	const cJSON *context;      /* $states.context (NULL: none) */
	const cJSON *result;       /* $states.result (NULL: absent) */
	const cJSON *error_output; /* $states.errorOutput (NULL: absent) */
	const cJSON *vars; /* object: each member is $name (NULL: none) */
	int (*random)(void *ctx, unsigned char *buf, size_t n); /* $uuid */
	void *random_ctx;
};

/* A failed JSONata field: the service's error name. */
#define SFN_EXEC_QUERY_ERROR "States.QueryEvaluationError"

/* The value of JSONata field FIELD (its name in causes: "Output",
 * "Arguments", ...) written as VALUE. SLOTS (NSLOTS of them, may be
 * none) are the field's expressions with their parse in COMPILED; a
 * string not among them, or not yet parsed, is parsed here. An
 * expression that fails, that yields nothing (undefined) or that does
 * not parse fails with SFN_EXEC_QUERY_ERROR and the service's cause.
 * SFN_ERR_LIMIT past SFN_EXEC_TEMPLATE_MAX_DEPTH levels. */
enum sfn_status sfn_exec_jsonata_value(const cJSON *value, const char *field,
                                       const struct sfn_asl_jsonata *slots,
                                       size_t nslots,
                                       const struct sfn_exec_states *states,
                                       cJSON **out, struct sfn_error *err);

/* sfn_exec_jsonata_value for the one expression EXPR ("{% ... %}") with
 * $states.input the JSON document in the file PATH ("-": standard input;
 * STATES' input is not read), read as text (sfn_jsonata_eval_file):
 * only what the expression reads of it is built, and a mapped file's
 * pages leave memory once read. SFN_OK, SFN_ERR_FAILED with ERR set, or
 * SFN_ERR_NOMEM; when the file is the trouble, ERR untouched and
 * SFN_ERR_IO (errno set), SFN_ERR_LIMIT (larger than SFN_JSON_MAX_BYTES)
 * or SFN_ERR_SYNTAX (not JSON: sfn_json_parse says where). */
enum sfn_status sfn_exec_jsonata_file(const char *expr, const char *field,
                                      const char *path,
                                      const struct sfn_exec_states *states,
                                      cJSON **out, struct sfn_error *err);

struct sfn_jsonata_error;

/* sfn_exec_jsonata_file, or with PATH NULL sfn_exec_jsonata_value for
 * EXPR alone, that also copies the engine's error to JERR (when not
 * NULL) when EXPR fails with one (its code, message and position, a
 * byte offset past the "{%"); JERR->code is "" otherwise. */
enum sfn_status sfn_exec_jsonata_one(const char *expr, const char *field,
                                     const char *path,
                                     const struct sfn_exec_states *states,
                                     cJSON **out, struct sfn_error *err,
                                     struct sfn_jsonata_error *jerr);

struct sfn_asl_machine;

/* Parses every "{% %}" expression of MACHINE once into its slot's
 * COMPILED (freed with the machine). An expression that does not parse
 * is left NULL (it fails when evaluated); the first such one is *BAD
 * (may be NULL) with its error in ERR. SFN_ERR_NOMEM. */
enum sfn_status sfn_exec_jsonata_prepare(struct sfn_asl_machine *machine,
                                         const struct sfn_asl_jsonata **bad,
                                         struct sfn_jsonata_error *err);

/* Whether S (N bytes) is wholly an expression: "{%" ... "%}". */
int sfn_exec_is_jsonata(const char *s, size_t n);

/* ---- Choice states over the ASL model (include/sfn/model.h) ------------ */

struct sfn_asl_rule;
struct sfn_asl_state;

/* Whether RULE (JSONPath: And, Or, Not, comparisons; JSONata: a
 * Condition of true or false) matches DATA: *MATCHED is 1 or 0. A
 * Variable or *Path operand that selects nothing fails with
 * States.Runtime (IsPresent tests for it); a "{% %}" Condition is
 * SFN_ERR_USAGE until the JSONata engine evaluates it. */
enum sfn_status sfn_exec_rule_test(const struct sfn_asl_rule *rule,
                                   const struct sfn_exec_data *data,
                                   int *matched, struct sfn_error *err);

/* Where Choice state CHOICE goes for DATA: the Next of its first rule
 * that matches, else its Default; with neither, it fails with
 * States.NoChoiceMatched. *RULE (may be NULL) receives the rule that
 * matched, NULL when the Default was taken (then only the state's own
 * Assign and Output apply). */
enum sfn_status sfn_exec_choose(const struct sfn_asl_state *choice,
                                const struct sfn_exec_data *data,
                                const struct sfn_asl_state **next,
                                const struct sfn_asl_rule **rule,
                                struct sfn_error *err);

#endif
