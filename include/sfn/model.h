/* The ASL model: a state machine definition loaded once into typed states
 * that the validator has passed, with transitions resolved to pointers,
 * every path and intrinsic call parsed once (payload templates compiled),
 * JSONata expressions kept in slots the JSONata engine fills, the Choice
 * rules as a tree over the shared operator table, Task resources taken
 * apart, and each node's source span. The compiler's output check and
 * the interpreter work on it; nothing re-parses expression text when a
 * state runs. Knows nothing of the .sfn syntax or of running a machine.
 *
 * Ownership: a machine owns one arena (every struct below lives there)
 * and one store of parsed expressions; sfn_asl_machine_free releases
 * both. It borrows the document it was loaded from: names, strings and
 * cJSON values (Pass Result, literal template values, ItemReader, ...)
 * point into the document's tree, so the document must outlive the
 * machine and stay unchanged. */
#ifndef SFN_MODEL_H
#define SFN_MODEL_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "sfn/asl.h"
#include "sfn/choice.h"
#include "sfn/exec.h"
#include "sfn/resource.h"
#include "sfn/util.h"

/* Scopes (machine, Parallel branches, Map processors) and Choice rules
 * (And, Or, Not) nested in one another, counted together. */
#define SFN_ASL_MODEL_MAX_DEPTH 500

enum sfn_asl_type {
	SFN_ASL_TASK,
	SFN_ASL_PARALLEL,
	SFN_ASL_MAP,
	SFN_ASL_PASS,
	SFN_ASL_WAIT,
	SFN_ASL_CHOICE,
	SFN_ASL_SUCCEED,
	SFN_ASL_FAIL
};

enum sfn_asl_language { SFN_ASL_JSONPATH, SFN_ASL_JSONATA };

/* One "{% ... %}" string. */
struct sfn_asl_jsonata {
	const cJSON *node;    /* the string, in the document */
	const char *expr;     /* the text between "{%" and "%}" ... */
	size_t len;           /* ... of this many bytes (not NUL-ended) */
	void *compiled;       /* the JSONata engine's parse; NULL until set */
	struct sfn_span span; /* where the string stands */
};

/* A field whose value is data: a payload template in JSONPath states
 * (Parameters, ResultSelector, ItemSelector, Assign, Credentials), or
 * JSON with "{% %}" strings anywhere in JSONata states (Arguments,
 * Output, Assign, Items, ...). JSON is NULL when the field is absent. */
struct sfn_asl_payload {
	const cJSON *json;
	const struct sfn_exec_template *tmpl; /* JSONPath: compiled */
	struct sfn_asl_jsonata *exprs;        /* JSONata: in document order */
	size_t nexprs;
	struct sfn_span span;
};

/* A path field (InputPath, OutputPath, ResultPath, ItemsPath). */
struct sfn_asl_path {
	struct sfn_exec_field field; /* kind SFN_FIELD_ABSENT when absent */
	struct sfn_span span;
};

/* How a value that may be dynamic is given. */
enum sfn_asl_how {
	SFN_ASL_ABSENT,  /* neither field */
	SFN_ASL_LITERAL, /* the field itself ("Seconds": 5) */
	SFN_ASL_PATH,    /* its *Path twin ("SecondsPath": "$.s") */
	SFN_ASL_EXPR     /* a "{% %}" string in the field (JSONata) */
};

/* A number field with its *Path twin: TimeoutSeconds, HeartbeatSeconds,
 * Seconds, MaxConcurrency, ToleratedFailureCount/Percentage, ... */
struct sfn_asl_number {
	enum sfn_asl_how how;
	double value;                 /* LITERAL */
	const struct sfn_path *path;  /* PATH (a Reference Path) */
	struct sfn_asl_jsonata *expr; /* EXPR */
	struct sfn_span span;
};

/* A string field with its *Path twin: Fail Error and Cause, Wait
 * Timestamp. */
struct sfn_asl_text {
	enum sfn_asl_how how;
	const char *value;                /* LITERAL */
	const struct sfn_path *path;      /* PATH (Error/CausePath: any Path) */
	const struct sfn_intrinsic *call; /* PATH given as an intrinsic call
	                                     (ErrorPath, CausePath) */
	struct sfn_asl_jsonata *expr;     /* EXPR */
	struct sfn_span span;
};

struct sfn_asl_state;
struct sfn_asl_scope;

/* ---- Retry and Catch ----------------------------------------------------- */

struct sfn_asl_errors {
	const char **names; /* ErrorEquals, in order */
	size_t count;
};

enum sfn_asl_jitter { SFN_ASL_JITTER_NONE, SFN_ASL_JITTER_FULL };

/* A retrier with the service's defaults filled in. */
struct sfn_asl_retrier {
	struct sfn_asl_errors errors;
	double interval_seconds;  /* IntervalSeconds: 1 */
	double max_attempts;      /* MaxAttempts: 3 (0: never retry) */
	double backoff_rate;      /* BackoffRate: 2.0 */
	double max_delay_seconds; /* MaxDelaySeconds: 0 (no cap) */
	enum sfn_asl_jitter jitter;
	struct sfn_span span;
};

struct sfn_asl_catcher {
	struct sfn_asl_errors errors;
	struct sfn_asl_state *next;      /* resolved */
	struct sfn_asl_path result_path; /* JSONPath */
	struct sfn_asl_payload output;   /* JSONata */
	struct sfn_asl_payload assign;
	struct sfn_span span;
};

/* ---- Choice rules -------------------------------------------------------- */

enum sfn_asl_rule_kind {
	SFN_ASL_RULE_AND,      /* CHILDREN all true */
	SFN_ASL_RULE_OR,       /* one of CHILDREN true */
	SFN_ASL_RULE_NOT,      /* CHILDREN[0] false */
	SFN_ASL_RULE_COMPARE,  /* VARIABLE against OPERAND with OP */
	SFN_ASL_RULE_CONDITION /* JSONata: CONDITION */
};

struct sfn_asl_rule {
	enum sfn_asl_rule_kind kind;
	const struct sfn_choice_op *op;      /* COMPARE */
	const struct sfn_path *variable;     /* COMPARE: the Variable, parsed */
	const cJSON *operand;                /* COMPARE: the literal, or for a
	                                      *Path operator the path's text */
	const struct sfn_path *operand_path; /* COMPARE with op->path */
	struct sfn_asl_rule *children;       /* AND, OR, NOT */
	size_t nchildren;
	int condition_value;               /* CONDITION given as true/false */
	struct sfn_asl_jsonata *condition; /* CONDITION given as "{% %}" */
	/* Top-level rules only: */
	struct sfn_asl_state *next;    /* resolved */
	struct sfn_asl_payload assign; /* run when the rule matches */
	struct sfn_asl_payload output; /* JSONata */
	struct sfn_span span;
};

/* ---- the state types ----------------------------------------------------- */

struct sfn_asl_task {
	const char *resource_text;
	struct sfn_resource resource; /* parts point into RESOURCE_TEXT */
	struct sfn_span resource_span;
	struct sfn_asl_number timeout;   /* TimeoutSeconds(Path) */
	struct sfn_asl_number heartbeat; /* HeartbeatSeconds(Path) */
	struct sfn_asl_payload credentials;
};

struct sfn_asl_parallel {
	struct sfn_asl_scope **branches;
	size_t nbranches;
};

enum sfn_asl_map_mode { SFN_ASL_MAP_INLINE, SFN_ASL_MAP_DISTRIBUTED };

/* ItemReader or ResultWriter of a distributed Map. */
struct sfn_asl_map_io {
	const cJSON *json;                /* as written; NULL when absent */
	const char *resource_text;        /* Resource */
	struct sfn_resource resource;     /* parts point into RESOURCE_TEXT */
	struct sfn_asl_payload arguments; /* Parameters (JSONPath) or
	                                     Arguments (JSONata) */
	const cJSON *config; /* ReaderConfig or WriterConfig, as written */
	struct sfn_asl_number max_items; /* ReaderConfig.MaxItems(Path) */
	struct sfn_span span;
};

/* ItemBatcher of a distributed Map. */
struct sfn_asl_map_batcher {
	const cJSON *json;                  /* NULL when absent */
	struct sfn_asl_number max_items;    /* MaxItemsPerBatch(Path) */
	struct sfn_asl_number max_bytes;    /* MaxInputBytesPerBatch(Path) */
	struct sfn_asl_payload batch_input; /* BatchInput */
	struct sfn_span span;
};

struct sfn_asl_map {
	struct sfn_asl_scope *processor; /* ItemProcessor or Iterator */
	enum sfn_asl_map_mode mode;      /* ProcessorConfig.Mode */
	const char *execution_type;      /* ProcessorConfig.ExecutionType */
	struct sfn_asl_path items_path;  /* JSONPath */
	struct sfn_asl_payload items;    /* JSONata */
	/* ItemSelector, or Parameters in older JSONPath definitions */
	struct sfn_asl_payload item_selector;
	struct sfn_asl_number max_concurrency;
	struct sfn_asl_number tolerated_failure_count;
	struct sfn_asl_number tolerated_failure_percentage;
	struct sfn_asl_map_io item_reader, result_writer;
	struct sfn_asl_map_batcher item_batcher;
	const char *label;
};

struct sfn_asl_wait {
	struct sfn_asl_number seconds; /* Seconds(Path) */
	struct sfn_asl_text timestamp; /* Timestamp(Path) */
};

struct sfn_asl_choice {
	struct sfn_asl_rule *rules; /* Choices, top-level rules */
	size_t nrules;
	struct sfn_asl_state *otherwise; /* Default, resolved (NULL: none) */
};

struct sfn_asl_fail {
	struct sfn_asl_text error; /* Error(Path) */
	struct sfn_asl_text cause; /* Cause(Path) */
};

/* ---- states, scopes, machine --------------------------------------------- */

/* The input and output processing fields of a state, as its type takes
 * them; the states that have none of them share one set, all absent. */
struct sfn_asl_io {
	struct sfn_asl_path input_path, output_path, result_path;
	struct sfn_asl_payload parameters; /* Parameters (JSONPath) */
	struct sfn_asl_payload arguments;  /* Arguments (JSONata) */
	struct sfn_asl_payload result_selector;
	struct sfn_asl_payload output; /* Output (JSONata) */
	struct sfn_asl_payload assign;
};

struct sfn_asl_state {
	const char *name;
	enum sfn_asl_type type;
	enum sfn_asl_language language; /* its own, or the machine's */
	const char *comment;            /* NULL: none */
	const char *where;              /* the service's location */
	struct sfn_asl_scope *scope;    /* the scope holding it */
	size_t index;                   /* its place in the scope */
	const cJSON *json;              /* the state object */
	struct sfn_span span, name_span;
	struct sfn_asl_state *next; /* resolved Next; NULL at an End */
	int end;                    /* End: true */
	/* some field may read $$: a string in the state (its Parallel or
	 * Map states aside) holds "$$", or it speaks JSONata; the others
	 * run without a context object */
	int reads_context;
	const struct sfn_asl_io *io; /* never NULL; all absent: shared */
	const cJSON *result; /* Pass: Result as written (NULL: absent) */
	struct sfn_asl_retrier *retry;
	size_t nretry;
	struct sfn_asl_catcher *catchers;
	size_t ncatchers;
	/* By TYPE; Pass and Succeed have none. The large ones are apart,
	 * allocated for their states only, so that a state of a long chain
	 * of Pass states takes a few hundred bytes. */
	union {
		struct sfn_asl_task *task;
		struct sfn_asl_parallel parallel;
		struct sfn_asl_map *map;
		struct sfn_asl_wait *wait;
		struct sfn_asl_choice choice;
		struct sfn_asl_fail *fail;
	} u;
};

struct sfn_asl_scope {
	struct sfn_asl_state **states; /* in document order */
	size_t nstates;
	struct sfn_asl_state *start;  /* StartAt, resolved */
	struct sfn_asl_state *parent; /* the Parallel or Map; NULL at top */
	size_t branch;                /* its index among PARENT's branches */
	size_t depth;                 /* 0 for the machine */
	const char *where;            /* "" or "/States/P/Branches[0]" */
	struct sfn_span span;
	struct sfn_strmap names; /* state name -> state (sfn_asl_find) */
};

struct sfn_asl_machine_mem;

struct sfn_asl_machine {
	const struct sfn_json_doc *doc; /* borrowed: must outlive this */
	const cJSON *json;              /* the definition object */
	enum sfn_asl_language language; /* QueryLanguage */
	const char *comment, *version;  /* NULL: absent */
	int has_timeout;
	double timeout_seconds; /* TimeoutSeconds, when HAS_TIMEOUT */
	struct sfn_asl_scope *top;
	struct sfn_asl_scope **scopes; /* every scope; [0] is TOP */
	size_t nscopes;
	size_t nstates;                  /* in all scopes */
	struct sfn_asl_machine_mem *mem; /* arena and parsed expressions */
};

/* Validates DEF (a node of DOC) with the validator's rules, adding its
 * diagnostics to DIAGS, and when it finds no error loads the model into
 * *OUT. Returns SFN_OK, SFN_ERR_SYNTAX (errors found: see DIAGS; *OUT
 * NULL), SFN_ERR_LIMIT (nested past SFN_ASL_MODEL_MAX_DEPTH, or a
 * payload past SFN_EXEC_TEMPLATE_MAX_DEPTH, with a diagnostic) or
 * SFN_ERR_NOMEM. OPTS may be NULL. Each distinct path and
 * call text is parsed once, by the validator, and kept. Rules turned off
 * in DIAGS stop nothing: the model then holds what it found (a Next that
 * names no state is NULL, a path that does not parse is SFN_FIELD_BAD,
 * an unknown Type is a Pass). */
enum sfn_status sfn_asl_load(const struct sfn_json_doc *doc, const cJSON *def,
                             const struct sfn_asl_opts *opts,
                             struct sfn_diags *diags,
                             struct sfn_asl_machine **out);

void sfn_asl_machine_free(struct sfn_asl_machine *machine);

/* The state called NAME in SCOPE, or NULL. */
struct sfn_asl_state *sfn_asl_find(const struct sfn_asl_scope *scope,
                                   const char *name);

/* Where NODE of the machine's document stands, as a diagnostic location
 * (the producer's file for a wrapped document). */
struct sfn_loc sfn_asl_loc(const struct sfn_asl_machine *machine,
                           struct sfn_span span);

/* The store of the machine's parsed expressions: a path or call the
 * machine holds, looked up by its text, is not parsed again. */
struct sfn_exec_store *sfn_asl_store(const struct sfn_asl_machine *machine);

/* ---- the JSONata engine's hook ---------------------------------------------
 * The JSONata engine parses every expression of a machine once, right
 * after loading: it visits the slots, stores its parse in each slot's
 * COMPILED (in the machine's arena, or malloc'd and released by a
 * deferred call), and the interpreter finds it there. */

/* Calls FN on every "{% %}" slot of the machine: state by state in
 * document order (nested scopes after the state holding them), each
 * state's fields, Retry and Catch, Choice rules. Stops at the first
 * status other than SFN_OK and returns it. */
typedef enum sfn_status sfn_asl_jsonata_fn(void *ctx,
                                           struct sfn_asl_jsonata *slot);
enum sfn_status sfn_asl_each_jsonata(struct sfn_asl_machine *machine,
                                     sfn_asl_jsonata_fn *fn, void *ctx);

/* The machine's arena: what lives there is freed with the machine. */
struct sfn_arena *sfn_asl_arena(struct sfn_asl_machine *machine);

/* Has sfn_asl_machine_free call FN(P) before it frees the arena (last
 * deferred, first called). SFN_ERR_NOMEM when it cannot be recorded. */
enum sfn_status sfn_asl_defer(struct sfn_asl_machine *machine,
                              void (*fn)(void *p), void *p);

#endif
