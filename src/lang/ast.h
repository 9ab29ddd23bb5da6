/* The .sfn syntax tree: values, conditions and items (stacks, machines,
 * states, clauses), every node with its span in the source. Nodes live in
 * the compilation's arena and are never freed one by one. Private to the
 * lang piece; knows nothing of ASL field names or of CloudFormation. */
#ifndef SFN_LANG_AST_H
#define SFN_LANG_AST_H

#include "sfn/json.h"
#include "sfn/util.h"

enum lang_vkind {
	LV_NULL,
	LV_BOOL,
	LV_NUMBER,   /* text holds the literal */
	LV_STRING,   /* text holds the decoded string */
	LV_PATH,     /* $.a, $$.x, $var: text as written */
	LV_CALL,     /* States.Format(...): text as ASL reads it */
	LV_JSONATA,  /* {% ... %}: text with the delimiters */
	LV_IDENT,    /* a bare word (jitter full, type express) */
	LV_DURATION, /* 10s, 5m, 1h, 2d: num holds the seconds */
	LV_OBJECT,
	LV_ARRAY
};

struct lang_member;

/* The fields a walk reads first share the first cache line: a tree of
 * 100,000 states is many times the size of the caches, and a walk that
 * touched two lines a node waited for memory twice as often. */
struct lang_value {
	struct lang_value *next; /* the next element of an array/list */
	enum lang_vkind kind;
	int boolean;                 /* LV_BOOL */
	const char *text;            /* literal text (see the kinds) */
	struct lang_member *members; /* LV_OBJECT, in order */
	struct lang_value *items;    /* LV_ARRAY, in order */
	double num;                  /* LV_NUMBER, LV_DURATION */
	const char *cast;            /* number($.x): "number", or NULL */
	struct lang_value *last;     /* a list's head: its last element */
	struct sfn_span span;
};

struct lang_member {
	const char *key;
	struct sfn_span key_span;
	struct lang_value *value;
	struct lang_member *next;
	struct lang_member *last; /* a list's head: its last member */
};

enum lang_ckind {
	LC_AND,
	LC_OR,
	LC_NOT,
	LC_CMP,    /* lhs op rhs */
	LC_TEST,   /* is_present($.x) and the like: fn(lhs) */
	LC_MATCH,  /* lhs matches "glob" */
	LC_JSONATA /* {% ... %} */
};

enum lang_cmp { LANG_EQ, LANG_NE, LANG_LT, LANG_LE, LANG_GT, LANG_GE };

struct lang_cond {
	enum lang_ckind kind;
	struct sfn_span span;
	struct lang_cond *a, *b; /* operands of not (a), of a comparison's
	                            pair before it is built */
	struct lang_cond *next;  /* the next operand of an and/or, whose
	                            operands are a, a->next, ... */
	struct lang_cond *last;  /* and/or: its last operand */
	enum lang_cmp op;
	const char *fn;          /* LC_TEST: the test's name */
	struct sfn_span fn_span; /* LC_TEST */
	struct lang_value *lhs, *rhs;
	const char *comment; /* cond comment "...": the rule's Comment */
	unsigned depth;      /* and/or/not levels, this one included; a chain of
	                        one kind (a and b and c) is one level */
	struct sfn_span comment_span;
};

enum lang_ikind {
	LI_STACK,     /* stack NAME { items } */
	LI_MODEL,     /* model NAME = FN("id") */
	LI_PARAM,     /* param NAME: TYPE [= value] */
	LI_SOUTPUT,   /* output NAME = Machine.arn (in a stack) */
	LI_MACHINE,   /* machine NAME { items } */
	LI_STATE,     /* KIND NAME [head] [{ items }] */
	LI_FIELD,     /* WORD value */
	LI_NEXT,      /* next NAME */
	LI_END,       /* end */
	LI_RETRY,     /* retry ERRORS { items } */
	LI_CATCH,     /* catch ERRORS [{ items }] -> NAME */
	LI_WHEN,      /* when COND [{ items }] -> NAME */
	LI_OTHERWISE, /* otherwise -> NAME */
	LI_BRANCH     /* branch { items } */
};

enum lang_state {
	LS_PASS,
	LS_TASK,
	LS_CHOICE,
	LS_WAIT,
	LS_PARALLEL,
	LS_MAP,
	LS_SUCCEED,
	LS_FAIL,
	LS_ASL, /* asl NAME { raw ASL } */
	LS_COUNT
};

enum lang_head {
	LH_NONE,
	LH_CALL,  /* = fn(args): an integration */
	LH_OVER,  /* over value (map) */
	LH_UNTIL, /* until value (wait) */
	LH_VALUE  /* a value right after the name (wait 10s) */
};

struct lang_field; /* lang_int.h */

struct lang_item {
	/* what walks read first (see lang_value) */
	struct lang_item *next; /* the next sibling */
	enum lang_ikind kind;
	enum lang_state state;  /* LI_STATE */
	const char *name;       /* stack/machine/state name, field word */
	struct lang_item *body; /* nested items: its clauses, then its
	                           states (Sfn_lang_body) */
	const struct lang_field *field; /* LI_FIELD: NAME's row of the
	                                   clause table (NULL: none) */
	struct lang_value *value;       /* field value, head value, call args,
	                                   model id, param default, raw ASL */
	const char *target;             /* next/->/param type/output ref */
	/* the rest */
	enum lang_head head;       /* LI_STATE */
	struct sfn_span span;      /* the whole construct */
	struct sfn_span name_span; /* where NAME stands */
	unsigned nstates; /* a body's first item: how many states it holds
	                     (Sfn_lang_body) */
	const char *fn;   /* LH_CALL, LI_MODEL: "bedrock.invoke_model" */
	struct sfn_span fn_span;
	struct lang_value *errors; /* LI_RETRY, LI_CATCH: error names */
	struct lang_cond *cond;    /* LI_WHEN */
	struct sfn_span target_span;
	struct lang_item *last; /* a list's head: its last item */
};

/* Whether IT, an item of a body or NULL, is one of its clauses: every
 * body holds its clauses before its states (Sfn_lang_body), so a walk
 * for clauses ends at the first state. */
static inline int Sfn_lang_clause(const struct lang_item *it)
{
	return it != NULL && it->kind != LI_STATE;
}

/* The first state of body ITEMS, or NULL: where a walk for its states
 * starts. */
static inline const struct lang_item *Sfn_lang_states(
        const struct lang_item *items)
{
	while (Sfn_lang_clause(items))
		items = items->next;
	return items;
}

#endif
