/* The .sfn language front end: reads a .sfn file (stacks, models,
 * machines, states), checks it, and lowers every machine to an ASL
 * definition, which the ASL validator then checks with each finding
 * located at the .sfn construct that produced it. Knows nothing of HTTP,
 * of running a machine, or of CloudFormation emission.
 *
 * Ownership: a struct sfn_lang_unit owns every lowered definition; the
 * cJSON trees it hands out are borrowed and die with sfn_lang_free. */
#ifndef SFN_LANG_H
#define SFN_LANG_H

#include <stddef.h>

#include <cjson/cJSON.h>

#include "sfn/diag.h"

#define SFN_LANG_MAX_BYTES      ((size_t) 4 << 20) /* largest .sfn file read */
#define SFN_LANG_MAX_DEPTH      64                 /* brackets open at once */
#define SFN_LANG_MAX_TOKEN      65536              /* bytes in one token */
#define SFN_LANG_MAX_ERRORS     50    /* syntax errors before giving up */
#define SFN_LANG_MAX_STACK      10000 /* parser stack entries (bison) */
#define SFN_LANG_MAX_COND_DEPTH 256   /* and/or/not nested in a condition */

struct sfn_lang_unit;

/* Compiles TEXT[0, LEN) (TEXT[LEN] must be a NUL byte) read from FILE,
 * which must outlive the unit. Every finding goes to DIAGS, located in
 * FILE. Returns SFN_OK with *UNIT set when the file parsed (check
 * DIAGS->errors for findings), SFN_ERR_SYNTAX (with *UNIT NULL) when it
 * did not, SFN_ERR_LIMIT for a file past a limit, SFN_ERR_NOMEM. */
enum sfn_status sfn_lang_compile(const char *text, size_t len, const char *file,
                                 struct sfn_diags *diags,
                                 struct sfn_lang_unit **unit);

/* The machines of UNIT in source order: their stack, their name and
 * their ASL definition. I counts from 0. */
size_t sfn_lang_machine_count(const struct sfn_lang_unit *unit);
const char *sfn_lang_machine_stack(const struct sfn_lang_unit *unit, size_t i);
const char *sfn_lang_machine_name(const struct sfn_lang_unit *unit, size_t i);
const cJSON *sfn_lang_machine_asl(const struct sfn_lang_unit *unit, size_t i);

/* Whether machine I is of type EXPRESS. */
int sfn_lang_machine_express(const struct sfn_lang_unit *unit, size_t i);
/* The IAM statements machine I's policy clauses add (an array), or NULL
 * when it has none. */
const cJSON *sfn_lang_machine_grants(const struct sfn_lang_unit *unit,
                                     size_t i);

/* Where machine I's definition uses a param of its stack: the node of
 * the ASL that stands for it (the param's default, or the string
 * "${NAME}" when it has none). Sorted by the node's address; *COUNT
 * says how many. */
struct sfn_lang_ref {
	const cJSON *node;
	const char *param; /* the param's name */
	int number;        /* of type number: a number, not a string */
};
const struct sfn_lang_ref *sfn_lang_machine_refs(
        const struct sfn_lang_unit *unit, size_t i, size_t *count);

/* The stacks of UNIT in source order, with what their templates need
 * beside the machines: the region, the params and the outputs. */
struct sfn_lang_output {
	const char *name;    /* output NAME = MACHINE.arn */
	const char *machine; /* MACHINE */
};

/* param NAME: TYPE [= DEFAULT] [{ description "..." allowed [...] }] */
struct sfn_lang_param {
	const char *name;
	int number;                 /* of type number (else string) */
	const char *dflt;           /* the default as written, or NULL */
	double num;                 /* a number's default */
	const char *description;    /* or NULL */
	const char *const *allowed; /* the allowed values as written */
	size_t allowed_count;       /* 0: any value */
};

struct sfn_lang_stack {
	const char *name;
	const char *region; /* in the machines' ARNs ("us-east-1" when none) */
	int region_given;   /* the stack names its region */
	const struct sfn_lang_output *outputs;
	size_t output_count;
	const struct sfn_lang_param *params; /* in source order */
	size_t param_count;
};

size_t sfn_lang_stack_count(const struct sfn_lang_unit *unit);
const struct sfn_lang_stack *sfn_lang_stack_at(const struct sfn_lang_unit *unit,
                                               size_t i);

void sfn_lang_free(struct sfn_lang_unit *unit);

#endif
