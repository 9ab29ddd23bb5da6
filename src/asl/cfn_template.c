/* A stack's CloudFormation template as CDK 2.115.0 synthesizes it, less
 * its bootstrap pieces: per machine a role Step Functions may assume, the
 * role's default policy (when the tasks need anything), the state machine
 * (DependsOn both, deleted with the stack), each with CDK's logical ID
 * and construct path; the parameters before them, the outputs after.
 * Knows nothing of the .sfn syntax. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "asl/cfn_int.h"

#define ID_MAX 4096 /* bytes of a logical ID or construct path */

/* What a machine's resources are called. */
struct names {
	struct sfn_buf role, policy, machine, map; /* logical IDs */
};

struct tmpl {
	const struct sfn_cfn_stack *st;
	cJSON *resources;
	int fail;
	enum sfn_status status; /* a failure other than memory */
};

static cJSON *obj(struct tmpl *t, cJSON *parent, const char *key)
{
	cJSON *o = cJSON_CreateObject();

	if (o == NULL || parent == NULL ||
	    !cJSON_AddItemToObject(parent, key, o)) {
		cJSON_Delete(o);
		t->fail = 1;
		return NULL;
	}
	return o;
}

static void str(struct tmpl *t, cJSON *parent, const char *key,
                const char *value)
{
	if (parent == NULL ||
	    cJSON_AddStringToObject(parent, key, value) == NULL)
		t->fail = 1;
}

static void take(struct tmpl *t, cJSON *parent, const char *key, cJSON *v)
{
	if (v == NULL || parent == NULL ||
	    !(cJSON_IsArray(parent) ? cJSON_AddItemToArray(parent, v)
	                            : cJSON_AddItemToObject(parent, key, v))) {
		cJSON_Delete(v);
		t->fail = 1;
	}
}

static void logical_id(struct tmpl *t, const char *machine,
                       const char *const *rest, size_t n, struct sfn_buf *out)
{
	const char *path[4] = { machine, NULL, NULL, NULL };

	for (size_t i = 0; i < n && i < 3; i++)
		path[i + 1] = rest[i];
	sfn_buf_init(out, ID_MAX);
	if (sfn_cfn_logical_id(path, n + 1, out) != SFN_OK)
		t->fail = 1;
}

/* Metadata: {"aws:cdk:path": "Stack/Machine/PARTS"}. */
static void cdk_path(struct tmpl *t, cJSON *res, const char *machine,
                     const char *parts)
{
	struct sfn_buf b;

	sfn_buf_init(&b, ID_MAX);
	sfn_buf_printf(&b, "%s/%s/%s", t->st->name, machine, parts);
	if (b.status != SFN_OK)
		t->fail = 1;
	else
		str(t, obj(t, res, "Metadata"), "aws:cdk:path",
		    sfn_buf_str(&b));
	sfn_buf_free(&b);
}

static cJSON *resource(struct tmpl *t, const struct sfn_buf *id,
                       const char *type)
{
	cJSON *r = obj(t, t->resources, sfn_buf_str(id));

	str(t, r, "Type", type);
	return r;
}

/* {"Statement": STATEMENTS, "Version": "2012-10-17"} */
static void document(struct tmpl *t, cJSON *parent, const char *key,
                     cJSON *statements)
{
	cJSON *d = obj(t, parent, key);

	take(t, d, "Statement", statements);
	str(t, d, "Version", "2012-10-17");
}

static void role(struct tmpl *t, const struct sfn_cfn_machine *m,
                 const struct names *n)
{
	cJSON *r = resource(t, &n->role, "AWS::IAM::Role");
	cJSON *stmts = cJSON_CreateArray(), *s = cJSON_CreateObject();

	take(t, stmts, NULL, s);
	str(t, s, "Action", "sts:AssumeRole");
	str(t, s, "Effect", "Allow");
	str(t, obj(t, s, "Principal"), "Service", "states.amazonaws.com");
	document(t, obj(t, r, "Properties"), "AssumeRolePolicyDocument", stmts);
	cdk_path(t, r, m->name, "Role/Resource");
}

static void ref(struct tmpl *t, cJSON *parent, const char *key, const char *id)
{
	cJSON *r = cJSON_CreateObject();

	str(t, r, "Ref", id);
	take(t, parent, key, r);
}

/* A policy of M's role called ID at construct path PATH below M, when
 * STATEMENTS (taken) has any. */
static int policy_of(struct tmpl *t, const struct sfn_cfn_machine *m,
                     const struct names *n, const struct sfn_buf *id,
                     const char *path, cJSON *statements)
{
	cJSON *r, *props, *roles;

	if (statements == NULL || statements->child == NULL) {
		cJSON_Delete(statements);
		return 0;
	}
	r = resource(t, id, "AWS::IAM::Policy");
	props = obj(t, r, "Properties");
	document(t, props, "PolicyDocument", statements);
	str(t, props, "PolicyName", sfn_buf_str(id));
	roles = cJSON_CreateArray();
	ref(t, roles, NULL, sfn_buf_str(&n->role));
	take(t, props, "Roles", roles);
	cdk_path(t, r, m->name, path);
	return 1;
}

/* The default policy, when STATEMENTS (taken) has any. */
static int policy(struct tmpl *t, const struct sfn_cfn_machine *m,
                  const struct names *n, cJSON *statements)
{
	return policy_of(t, m, n, &n->policy, "Role/DefaultPolicy/Resource",
	                 statements);
}

static void machine(struct tmpl *t, const struct sfn_cfn_machine *m,
                    const struct names *n, int has_policy)
{
	cJSON *r = resource(t, &n->machine, "AWS::StepFunctions::StateMachine");
	cJSON *props = obj(t, r, "Properties"), *def = NULL, *arn, *deps;
	/* printed where it stands: Resources, the machine, Properties, the
	 * DefinitionString */
	enum sfn_status st = Sfn_cfn_definition(t->st, m, 4, &def);

	if (st != SFN_OK && st != SFN_ERR_NOMEM)
		t->status = st;
	take(t, props, "DefinitionString", def);
	arn = cJSON_CreateArray();
	take(t, arn, NULL, cJSON_CreateString(sfn_buf_str(&n->role)));
	take(t, arn, NULL, cJSON_CreateString("Arn"));
	take(t, obj(t, props, "RoleArn"), "Fn::GetAtt", arn);
	if (m->express)
		str(t, props, "StateMachineType", "EXPRESS");
	deps = cJSON_CreateArray();
	if (has_policy)
		take(t, deps, NULL,
		     cJSON_CreateString(sfn_buf_str(&n->policy)));
	take(t, deps, NULL, cJSON_CreateString(sfn_buf_str(&n->role)));
	take(t, r, "DependsOn", deps);
	str(t, r, "UpdateReplacePolicy", "Delete");
	str(t, r, "DeletionPolicy", "Delete");
	cdk_path(t, r, m->name, "Resource");
}

/* The policy the distributed maps of M need on M itself, in a policy
 * of its own (it names the machine, which depends on the default
 * policy), as the newest CDK writes it; none without such a map. */
static void map_policy(struct tmpl *t, const struct sfn_cfn_machine *m,
                       const struct names *n)
{
	cJSON *statements = cJSON_CreateArray();
	enum sfn_status st =
	        statements != NULL
	                ? Sfn_cfn_map_statements(t->st, m,
	                                         sfn_buf_str(&n->machine),
	                                         statements)
	                : SFN_ERR_NOMEM;

	if (st == SFN_ERR_LIMIT)
		t->status = st;
	else if (st != SFN_OK)
		t->fail = 1;
	if (st != SFN_OK) {
		cJSON_Delete(statements);
		return;
	}
	policy_of(t, m, n, &n->map, "DistributedMapPolicy/Resource",
	          statements);
}

/* The hand-written statements of M, copied after the generated ones. */
static void add_grants(struct tmpl *t, const struct sfn_cfn_machine *m,
                       cJSON *statements)
{
	for (const cJSON *g = m->grants != NULL ? m->grants->child : NULL;
	     g != NULL && statements != NULL; g = g->next)
		take(t, statements, NULL, cJSON_Duplicate(g, 1));
}

static void one_machine(struct tmpl *t, const struct sfn_cfn_machine *m)
{
	static const char *const role_p[] = { "Role", "Resource" };
	static const char *const policy_p[] = { "Role", "DefaultPolicy",
		                                "Resource" };
	static const char *const machine_p[] = { "Resource" };
	static const char *const map_p[] = { "DistributedMapPolicy",
		                             "Resource" };
	struct names n;
	cJSON *statements = cJSON_CreateArray();
	enum sfn_status st;

	logical_id(t, m->name, role_p, 2, &n.role);
	logical_id(t, m->name, policy_p, 3, &n.policy);
	logical_id(t, m->name, machine_p, 1, &n.machine);
	logical_id(t, m->name, map_p, 2, &n.map);
	role(t, m, &n);
	st = statements != NULL ? Sfn_cfn_statements(t->st, m, statements)
	                        : SFN_ERR_NOMEM;
	if (st == SFN_ERR_LIMIT)
		t->status = st;
	else if (st != SFN_OK)
		t->fail = 1;
	add_grants(t, m, statements);
	machine(t, m, &n, policy(t, m, &n, statements));
	map_policy(t, m, &n);
	sfn_buf_free(&n.role);
	sfn_buf_free(&n.policy);
	sfn_buf_free(&n.machine);
	sfn_buf_free(&n.map);
}

/* Outputs: {ID: {"Value": {"Ref": machine}}}. */
static void outputs(struct tmpl *t, cJSON *root)
{
	cJSON *outs = t->st->output_count > 0 ? obj(t, root, "Outputs") : NULL;

	for (size_t i = 0; i < t->st->output_count && outs != NULL; i++) {
		const struct sfn_cfn_output *o = &t->st->outputs[i];
		const char *path[] = { o->name };
		const char *mp[] = { o->machine, "Resource" };
		struct sfn_buf id, mid;

		sfn_buf_init(&id, ID_MAX);
		sfn_buf_init(&mid, ID_MAX);
		if (sfn_cfn_logical_id(path, 1, &id) != SFN_OK ||
		    sfn_cfn_logical_id(mp, 2, &mid) != SFN_OK)
			t->fail = 1;
		else
			ref(t, obj(t, outs, sfn_buf_str(&id)), "Value",
			    sfn_buf_str(&mid));
		sfn_buf_free(&id);
		sfn_buf_free(&mid);
	}
}

/* P's allowed values: strings, or numbers for a Number, as its Default
 * is one (against a numeric Default, strings fail cfn-lint's E2015). */
static cJSON *allowed_values(const struct sfn_cfn_param *p)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a != NULL && i < p->allowed_count; i++) {
		cJSON *v = p->number ? cJSON_CreateNumber(
		                               strtod(p->allowed[i], NULL))
		                     : cJSON_CreateString(p->allowed[i]);

		if (!cJSON_AddItemToArray(a, v)) {
			cJSON_Delete(v);
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

/* Parameters: {NAME: {"Type": "String"|"Number", "Default": ...,
 * "AllowedValues": [...], "Description": ...}}, in CDK's CfnParameter
 * order. */
static void parameters(struct tmpl *t, cJSON *root)
{
	cJSON *ps = t->st->param_count > 0 ? obj(t, root, "Parameters") : NULL;

	for (size_t i = 0; i < t->st->param_count && ps != NULL; i++) {
		const struct sfn_cfn_param *p = &t->st->params[i];
		cJSON *o = obj(t, ps, p->name);

		str(t, o, "Type", p->number ? "Number" : "String");
		if (p->dflt != NULL)
			take(t, o, "Default",
			     p->number ? cJSON_CreateNumber(p->num)
			               : cJSON_CreateString(p->dflt));
		if (p->allowed_count > 0)
			take(t, o, "AllowedValues", allowed_values(p));
		if (p->description != NULL)
			str(t, o, "Description", p->description);
	}
}

enum sfn_status sfn_cfn_template(const struct sfn_cfn_stack *stack, cJSON **out)
{
	struct tmpl t = { stack, NULL, 0, SFN_OK };
	cJSON *root = cJSON_CreateObject();

	*out = NULL;
	parameters(&t, root);
	t.resources = obj(&t, root, "Resources");
	for (size_t i = 0; i < stack->machine_count && !t.fail; i++)
		one_machine(&t, &stack->machines[i]);
	outputs(&t, root);
	if (t.fail || t.status != SFN_OK || root == NULL) {
		cJSON_Delete(root);
		return t.status != SFN_OK ? t.status : SFN_ERR_NOMEM;
	}
	*out = root;
	return SFN_OK;
}
