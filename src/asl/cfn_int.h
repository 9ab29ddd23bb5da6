/* Shared by the files of the CloudFormation emitter: a builder for values
 * that CloudFormation puts together at deploy time (Fn::Join around the
 * pseudo parameters), the definition as CDK joins it, and the policy
 * statements of a definition's tasks. Private to the asl piece. */
#ifndef SFN_CFN_INT_H
#define SFN_CFN_INT_H

#include <string.h>

#include "sfn/cfn.h"
#include "sfn/resource.h"

/* A value of literal text and references, {"Fn::Join": ["", PARTS]}, or
 * a plain string when no reference came. */
struct cfn_join {
	cJSON *parts;       /* the list so far (NULL before the first) */
	struct sfn_buf lit; /* literal text not yet in PARTS (escaped) */
	const char *region; /* "%R": this region, or NULL: AWS::Region */
	int escape;         /* the text is JSON that stands in a string:
	                       escaped as it comes ("%s" twice), and the
	                       literal parts are that string as printed
	                       (cJSON_Raw) */
	int fail;           /* memory ran out */
	/* printed (Sfn_cfn_join_printed): LIT holds the value as printed so
	 * far, a literal part opened ahead of its text */
	int depth;     /* the depth it is printed at, 0: parts are nodes */
	size_t count;  /* parts printed */
	size_t before; /* where the literal opened ahead starts */
	size_t open;   /* where its text starts, after its quote */
};

/* The member NAME of OBJ (case-sensitive), or NULL: cJSON's lookup with
 * the first bytes compared before strcmp is called, since the emitter
 * looks fields up on every state. */
static inline const cJSON *cfn_get(const cJSON *obj, const char *name)
{
	for (const cJSON *m = obj != NULL ? obj->child : NULL; m; m = m->next)
		if (m->string != NULL && m->string[0] == name[0] &&
		    strcmp(m->string, name) == 0)
			return m;
	return NULL;
}

/* The last Resource parsed by a walk, by its text's address: a lowered
 * definition's tasks of one integration share one string, and the tree
 * does not change while the emitter reads it. */
struct cfn_resource_memo {
	const char *text;
	struct sfn_resource res;
};

/* sfn_resource_parse of TEXT into *OUT, from MEMO when it saw TEXT. */
static inline enum sfn_resource_kind cfn_resource(
        struct cfn_resource_memo *memo, const char *text,
        struct sfn_resource *out)
{
	if (memo->text != text) {
		sfn_resource_parse(text, &memo->res);
		memo->text = text;
	}
	*out = memo->res;
	return out->kind;
}

void Sfn_cfn_join_init(struct cfn_join *j, const struct sfn_cfn_stack *st);
/* Makes J, just initialized with escape set, build its value printed:
 * Sfn_cfn_join_take gives cJSON_Raw, {"Fn::Join": ["", PARTS]} as
 * sfn_jsonout_value prints it (SFN_JSONOUT_PRETTY) at DEPTH (>0), or the
 * literal string when no reference came. No node is made for a part. */
void Sfn_cfn_join_printed(struct cfn_join *j, int depth);
void Sfn_cfn_join_free(struct cfn_join *j);
/* Appends literal text (escaped when J->escape). */
void Sfn_cfn_join_text(struct cfn_join *j, const char *s, size_t n);
/* Appends V (taken), a value CloudFormation works out. */
void Sfn_cfn_join_value(struct cfn_join *j, cJSON *v);
/* Appends what "%P" and "%R" of Sfn_cfn_joinf append. */
void Sfn_cfn_join_partition(struct cfn_join *j);
void Sfn_cfn_join_region(struct cfn_join *j);
/* Appends {"Ref": PSEUDO}. */
void Sfn_cfn_join_ref(struct cfn_join *j, const char *pseudo);
/* Appends FMT: "%P" the partition, "%R" the region, "%A" the account,
 * "%U" the URL suffix, "%s" a string argument (escaped when J->escape). */
void Sfn_cfn_joinf(struct cfn_join *j, const char *fmt, ...);
/* The value built so far (J is left empty); NULL when memory ran out. */
cJSON *Sfn_cfn_join_take(struct cfn_join *j);

/* The reference of M that NODE stands for, or NULL. */
const struct sfn_cfn_ref *Sfn_cfn_ref_of(const struct sfn_cfn_machine *m,
                                         const cJSON *node);

/* The DefinitionString of M for stack ST: the definition in CDK's
 * compact layout and key order, joined around the partition, the region
 * and the parameters where CDK puts them; printed (cJSON_Raw) for DEPTH
 * when DEPTH > 0 (Sfn_cfn_join_printed). */
enum sfn_status Sfn_cfn_definition(const struct sfn_cfn_stack *st,
                                   const struct sfn_cfn_machine *m, int depth,
                                   cJSON **out);
/* Appends to STATEMENTS (an array) what the tasks of M need, each
 * statement once; a parameter's value counts as unknown. */
enum sfn_status Sfn_cfn_statements(const struct sfn_cfn_stack *st,
                                   const struct sfn_cfn_machine *m,
                                   cJSON *statements);

/* Appends to STATEMENTS what the distributed Map states of M need on M
 * itself (whose logical ID is ID), as the newest CDK grants it in the
 * machine's DistributedMapPolicy: nothing when M has none. */
enum sfn_status Sfn_cfn_map_statements(const struct sfn_cfn_stack *st,
                                       const struct sfn_cfn_machine *m,
                                       const char *id, cJSON *statements);

/* Merges and sorts STATEMENTS as CDK's policy minimization does. */
enum sfn_status Sfn_cfn_minimize(cJSON *statements);

#endif
