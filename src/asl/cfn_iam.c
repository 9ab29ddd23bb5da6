/* The least privilege a definition's tasks need, as CDK 2.115.0 grants
 * it for the same task: one statement list for the machine's role, from
 * each Task's Resource and the static values of its Parameters (or
 * Arguments). Knows nothing of templates around it or of the .sfn
 * syntax. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "asl/cfn_int.h"
#include "sfn/jsonout.h"
#include "sfn/resource.h"

struct iam {
	const struct sfn_cfn_stack *st;
	const struct sfn_cfn_machine *m;
	cJSON *statements;
	int fail;
	int too_deep;
	const char *model; /* the last InvokeModel's ModelId: granted */
	int unlabeled;     /* distributed maps without a Label */
	cJSON *labels;     /* the Labels of the others, or NULL: not asked */
	struct cfn_resource_memo memo;
};

/* One task: its integration and its parameters. */
struct task {
	const struct sfn_cfn_machine *m;
	const struct sfn_resource *res;
	const char *arn;     /* the Resource as written */
	const cJSON *params; /* Parameters or Arguments, or NULL */
};

typedef void grant_fn(struct iam *g, const struct task *t);

/* FMT (Sfn_cfn_joinf's) with ARG as its "%s". */
static cJSON *arn(struct iam *g, const char *fmt, const char *arg)
{
	struct cfn_join j;
	cJSON *v;

	Sfn_cfn_join_init(&j, g->st);
	Sfn_cfn_joinf(&j, fmt, arg);
	v = Sfn_cfn_join_take(&j);
	Sfn_cfn_join_free(&j);
	if (v == NULL)
		g->fail = 1;
	return v;
}

static cJSON *literal(struct iam *g, const char *s)
{
	cJSON *v = cJSON_CreateString(s);

	if (v == NULL)
		g->fail = 1;
	return v;
}

/* Appends {"Action", "Effect": "Allow", "Resource"} unless the same
 * statement is there already. ACTIONS ends with NULL; RESOURCE is taken. */
static void statement(struct iam *g, const char *const *actions,
                      cJSON *resource)
{
	cJSON *s = cJSON_CreateObject(), *a = NULL;

	if (actions[1] == NULL)
		a = cJSON_CreateString(actions[0]);
	else
		a = cJSON_CreateArray();
	for (size_t n = 0; actions[1] != NULL && a != NULL && actions[n]; n++)
		if (!cJSON_AddItemToArray(a, cJSON_CreateString(actions[n])))
			g->fail = 1;
	if (s == NULL || a == NULL || resource == NULL ||
	    !cJSON_AddItemToObject(s, "Action", a)) {
		cJSON_Delete(a);
		cJSON_Delete(resource);
		cJSON_Delete(s);
		g->fail = 1;
		return;
	}
	if (cJSON_AddStringToObject(s, "Effect", "Allow") == NULL ||
	    !cJSON_AddItemToObject(s, "Resource", resource)) {
		if (cfn_get(s, "Resource") == NULL)
			cJSON_Delete(resource);
		cJSON_Delete(s);
		g->fail = 1;
		return;
	}
	for (const cJSON *e = g->statements->child; e != NULL; e = e->next)
		if (cJSON_Compare(e, s, 1)) {
			cJSON_Delete(s);
			return;
		}
	if (!cJSON_AddItemToArray(g->statements, s)) {
		cJSON_Delete(s);
		g->fail = 1;
	}
}

static void statement1(struct iam *g, const char *action, cJSON *resource)
{
	const char *actions[] = { action, NULL };

	statement(g, actions, resource);
}

/* A list of resources: one is written alone, as CDK writes it. */
static cJSON *list(struct iam *g, cJSON *a, cJSON *b)
{
	cJSON *l = cJSON_CreateArray();

	if (l == NULL || a == NULL || b == NULL ||
	    !cJSON_AddItemToArray(l, a)) {
		cJSON_Delete(l);
		cJSON_Delete(a);
		cJSON_Delete(b);
		g->fail = 1;
		return NULL;
	}
	if (!cJSON_AddItemToArray(l, b)) {
		cJSON_Delete(l);
		cJSON_Delete(b);
		g->fail = 1;
		return NULL;
	}
	return l;
}

/* The static string parameter KEY, or NULL (absent, "KEY.$", or a
 * template parameter's value). */
static const char *param(const struct task *t, const char *key)
{
	const cJSON *v = cfn_get(t->params, key);

	return cJSON_IsString(v) && Sfn_cfn_ref_of(t->m, v) == NULL
	               ? v->valuestring
	               : NULL;
}

/* The template parameter (a string) KEY's value stands for, or NULL. */
static const char *param_ref(const struct task *t, const char *key)
{
	const cJSON *v = cfn_get(t->params, key);
	const struct sfn_cfn_ref *r =
	        v != NULL ? Sfn_cfn_ref_of(t->m, v) : NULL;

	return r != NULL && !r->number ? r->param : NULL;
}

/* {"Ref": NAME}, as CDK writes a resource imported from a parameter. */
static cJSON *ref(struct iam *g, const char *name)
{
	cJSON *v = cJSON_CreateObject();

	if (v == NULL || cJSON_AddStringToObject(v, "Ref", name) == NULL) {
		cJSON_Delete(v);
		g->fail = 1;
		return NULL;
	}
	return v;
}

/* PREFIX (Sfn_cfn_joinf's, without "%s"), {"Ref": NAME}, PART (taken,
 * or NULL) and SUFFIX joined. */
static cJSON *ref_join(struct iam *g, const char *prefix, const char *name,
                       cJSON *part, const char *suffix)
{
	struct cfn_join j;
	cJSON *v;

	Sfn_cfn_join_init(&j, g->st);
	Sfn_cfn_joinf(&j, prefix);
	if (part != NULL)
		Sfn_cfn_join_value(&j, part);
	else
		Sfn_cfn_join_ref(&j, name);
	Sfn_cfn_join_text(&j, suffix, strlen(suffix));
	v = Sfn_cfn_join_take(&j);
	Sfn_cfn_join_free(&j);
	if (v == NULL)
		g->fail = 1;
	return v;
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* bedrock:InvokeModel on the model: a foundation model (by ID, or by its
 * ARN in the stack's region) in the deploying partition and region. */
static void bedrock(struct iam *g, const struct task *t)
{
	static const char fm[] = "::foundation-model/";
	const char *id = param(t, "ModelId");
	const char *region = g->st->region;
	const char *fmt = "arn:%P:bedrock:%R::foundation-model/%s";
	size_t rl = strlen(region);

	/* the same model as the task before: its statement is there */
	if (id != NULL && g->model != NULL && strcmp(id, g->model) == 0)
		return;
	g->model = id;
	if (id == NULL) {
		id = "*";
	} else if (starts(id, "arn:aws:bedrock:") &&
	           strncmp(id + 16, region, rl) == 0 &&
	           starts(id + 16 + rl, fm)) {
		id += 16 + rl + sizeof(fm) - 1;
	} else if (starts(id, "arn:")) {
		statement1(g, "bedrock:InvokeModel", literal(g, id));
		return;
	}
	statement1(g, "bedrock:InvokeModel", arn(g, fmt, id));
}

/* lambda:InvokeFunction on the function and its versions and aliases. */
static void lambda(struct iam *g, const struct task *t)
{
	const char *fn = param(t, "FunctionName");
	const char *fmt = "arn:%P:lambda:%R:%A:function:%s";
	struct cfn_join j;
	cJSON *a, *b;

	const char *p = param_ref(t, "FunctionName");

	if (t->res->kind == SFN_RESOURCE_LAMBDA)
		fn = t->arn;
	else if (p != NULL) { /* the function's ARN, as fromFunctionArn; */
		/* CDK puts the joined ARN first then */
		statement1(g, "lambda:InvokeFunction",
		           list(g, ref_join(g, "", p, NULL, ":*"), ref(g, p)));
		return;
	}
	if (fn == NULL) {
		statement1(g, "lambda:InvokeFunction", arn(g, fmt, "*"));
		return;
	}
	if (starts(fn, "arn:")) {
		a = literal(g, fn);
		Sfn_cfn_join_init(&j, g->st);
		Sfn_cfn_joinf(&j, "%s:*", fn);
	} else {
		a = arn(g, fmt, fn);
		Sfn_cfn_join_init(&j, g->st);
		Sfn_cfn_joinf(&j, "arn:%P:lambda:%R:%A:function:%s:*", fn);
	}
	b = Sfn_cfn_join_take(&j);
	Sfn_cfn_join_free(&j);
	statement1(g, "lambda:InvokeFunction", list(g, a, b));
}

static void sns(struct iam *g, const struct task *t)
{
	const char *topic = param(t, "TopicArn");
	const char *p = param_ref(t, "TopicArn");

	statement1(g, "sns:Publish",
	           topic != NULL ? literal(g, topic)
	           : p != NULL   ? ref(g, p)
	                         : arn(g, "arn:%P:sns:%R:%A:*", NULL));
}

/* sqs:SendMessage on the queue whose URL is
 * https://sqs.REGION.amazonaws.com/ACCOUNT/NAME. */
static void sqs(struct iam *g, const struct task *t)
{
	const char *url = param(t, "QueueUrl");
	const char *region, *host_end, *account, *name;
	struct sfn_buf b;

	if (url == NULL || !starts(url, "https://sqs.") ||
	    (host_end = strchr(url + 12, '/')) == NULL ||
	    (name = strchr(host_end + 1, '/')) == NULL ||
	    strchr(name + 1, '/') != NULL || name[1] == '\0') {
		statement1(g, "sqs:SendMessage",
		           arn(g, "arn:%P:sqs:%R:%A:*", NULL));
		return;
	}
	region = url + 12;
	account = host_end + 1;
	sfn_buf_init(&b, 4096);
	sfn_buf_printf(&b, "arn:aws:sqs:%.*s:%.*s:%s",
	               (int) strcspn(region, "./"), region,
	               (int) (name - account), account, name + 1);
	statement1(g, "sqs:SendMessage",
	           b.status == SFN_OK ? literal(g, sfn_buf_str(&b)) : NULL);
	sfn_buf_free(&b);
}

/* dynamodb:GetItem (PutItem, ...) on the table, by name in the
 * deploying account and region. */
static void dynamodb(struct iam *g, const struct task *t)
{
	const char *table = param(t, "TableName");
	const char *p = param_ref(t, "TableName");
	char action[64];

	snprintf(action, sizeof(action), "dynamodb:%.*s",
	         (int) t->res->action.len, t->res->action.ptr);
	action[9] = (char) toupper((unsigned char) action[9]);
	if (p != NULL) /* the table's name, as fromTableName */
		statement1(g, action,
		           ref_join(g, "arn:%P:dynamodb:%R:%A:table/", p, NULL,
		                    ""));
	else if (table != NULL && starts(table, "arn:"))
		statement1(g, action, literal(g, table));
	else
		statement1(g, action,
		           arn(g, "arn:%P:dynamodb:%R:%A:table/%s",
		               table != NULL ? table : "*"));
}

/* The executions of the machine whose ARN the template parameter NAME
 * gives, as CDK splits an ARN known at deploy time: "execution:" and its
 * seventh field (the machine's name), then "*". */
static cJSON *param_executions(struct iam *g, const char *name)
{
	struct sfn_buf b;
	cJSON *name_field = NULL;

	sfn_buf_init(&b, 4096);
	sfn_buf_adds(&b, "{\"Fn::Select\":[6,{\"Fn::Split\":[\":\",{\"Ref\":");
	if (b.status == SFN_OK)
		b.status = sfn_jsonout_string(name, &b);
	sfn_buf_adds(&b, "}]}]}");
	if (b.status == SFN_OK)
		name_field = cJSON_Parse(sfn_buf_str(&b));
	sfn_buf_free(&b);
	if (name_field == NULL) {
		g->fail = 1;
		return NULL;
	}
	return ref_join(g, "arn:%P:states:%R:%A:execution:", name, name_field,
	                "*");
}

/* states:StartExecution on the machine; waiting for it (.sync) also
 * needs its executions and the rule Step Functions watches them with. */
static void start_execution(struct iam *g, const struct task *t)
{
	static const char *const watch[] = { "states:DescribeExecution",
		                             "states:StopExecution", NULL };
	static const char *const rule[] = { "events:DescribeRule",
		                            "events:PutRule",
		                            "events:PutTargets", NULL };
	const char *sm = param(t, "StateMachineArn");
	const char *p = param_ref(t, "StateMachineArn");
	const char *name = sm != NULL ? strstr(sm, ":stateMachine:") : NULL;
	struct sfn_buf b;

	statement1(g, "states:StartExecution",
	           sm != NULL  ? literal(g, sm)
	           : p != NULL ? ref(g, p)
	                       : arn(g, "arn:%P:states:%R:%A:stateMachine:*",
	                             NULL));
	if (t->res->pattern != SFN_PATTERN_SYNC &&
	    t->res->pattern != SFN_PATTERN_SYNC2)
		return;
	if (p != NULL) {
		statement(g, watch, param_executions(g, p));
	} else {
		sfn_buf_init(&b, 4096);
		sfn_buf_printf(&b, "%s*", name != NULL ? name + 14 : "");
		statement(g, watch,
		          b.status == SFN_OK
		                  ? arn(g, "arn:%P:states:%R:%A:execution:%s",
		                        sfn_buf_str(&b))
		                  : NULL);
		sfn_buf_free(&b);
	}
	statement(g, rule,
	          arn(g,
	              "arn:%P:events:%R:%A:rule/"
	              "StepFunctionsGetEventsForStepFunctionsExecutionRule",
	              NULL));
}

static const char fmt_bus[] = "arn:%P:events:%R:%A:event-bus/%s";

/* One entry's bus: an ARN, a name, a param (its ARN), or the default
 * bus. */
static cJSON *bus(struct iam *g, const cJSON *entry)
{
	const cJSON *b = cfn_get(entry, "EventBusName");
	const char *fmt = fmt_bus;
	const struct sfn_cfn_ref *r =
	        b != NULL ? Sfn_cfn_ref_of(g->m, b) : NULL;

	if (r != NULL && !r->number) /* the bus's ARN, as fromEventBusArn */
		return ref(g, r->param);
	if (cfn_get(entry, "EventBusName.$") != NULL)
		return arn(g, fmt, "*");
	if (!cJSON_IsString(b))
		return arn(g, fmt, "default");
	return starts(b->valuestring, "arn:") ? literal(g, b->valuestring)
	                                      : arn(g, fmt, b->valuestring);
}

/* events:PutEvents on the buses of the entries. */
static void events(struct iam *g, const struct task *t)
{
	const cJSON *entries = cfn_get(t->params, "Entries");
	cJSON *buses = cJSON_CreateArray();

	for (const cJSON *e = cJSON_IsArray(entries) ? entries->child : NULL;
	     e != NULL && buses != NULL; e = e->next) {
		cJSON *one = bus(g, e);
		int seen = 0;

		for (const cJSON *x = buses->child; x && one; x = x->next)
			seen |= cJSON_Compare(x, one, 1);
		if (seen || one == NULL || !cJSON_AddItemToArray(buses, one))
			cJSON_Delete(one);
	}
	if (buses == NULL) {
		g->fail = 1;
		return;
	}
	if (buses->child == NULL &&
	    !cJSON_AddItemToArray(buses, arn(g, fmt_bus, "*")))
		g->fail = 1;
	if (buses->child != NULL && buses->child->next == NULL) {
		cJSON *one = cJSON_DetachItemFromArray(buses, 0);

		cJSON_Delete(buses);
		buses = one;
	}
	statement1(g, "events:PutEvents", buses);
}

static const struct {
	const char *service, *action;
	grant_fn *fn;
} grants[] = {
	{ "bedrock", "invokeModel", bedrock },
	{ "lambda", "invoke", lambda },
	{ "sns", "publish", sns },
	{ "sqs", "sendMessage", sqs },
	{ "dynamodb", "getItem", dynamodb },
	{ "dynamodb", "putItem", dynamodb },
	{ "dynamodb", "updateItem", dynamodb },
	{ "dynamodb", "deleteItem", dynamodb },
	{ "states", "startExecution", start_execution },
	{ "events", "putEvents", events },
};

static int is(const struct sfn_text *t, const char *s)
{
	return t->len == strlen(s) && memcmp(t->ptr, s, t->len) == 0;
}

static void task(struct iam *g, const cJSON *state)
{
	const cJSON *r = cfn_get(state, "Resource");
	struct sfn_resource res;
	struct task t = { g->m, &res, NULL, NULL };

	if (!cJSON_IsString(r))
		return;
	t.arn = r->valuestring;
	t.params = cfn_get(state, "Parameters");
	if (t.params == NULL)
		t.params = cfn_get(state, "Arguments");
	switch (cfn_resource(&g->memo, t.arn, &res)) {
	case SFN_RESOURCE_LAMBDA:
		lambda(g, &t);
		return;
	case SFN_RESOURCE_INTEGRATION:
		break;
	default:
		return;
	}
	for (size_t i = 0; i < sizeof(grants) / sizeof(grants[0]); i++)
		if (is(&res.integration, grants[i].service) &&
		    is(&res.action, grants[i].action)) {
			grants[i].fn(g, &t);
			return;
		}
}

/* Whether KEY of the map state MAP (its ItemReader or ResultWriter) is
 * the S3 integration ACTION ("getObject"); *BUCKET is then its static
 * Bucket (NULL when given as a path or a template parameter). */
static int s3_io(const struct iam *g, const cJSON *map, const char *key,
                 const char *action, const char **bucket)
{
	const cJSON *io = cfn_get(map, key);
	const cJSON *r = cfn_get(io, "Resource");
	struct sfn_resource res;
	struct task t = { g->m, &res, NULL, NULL };

	*bucket = NULL;
	if (!cJSON_IsString(r) ||
	    sfn_resource_parse(r->valuestring, &res) !=
	            SFN_RESOURCE_INTEGRATION ||
	    !is(&res.integration, "s3") || !is(&res.action, action))
		return 0;
	t.params = cfn_get(io, "Parameters");
	if (t.params == NULL)
		t.params = cfn_get(io, "Arguments");
	*bucket = param(&t, "Bucket");
	return 1;
}

/* What a distributed Map's ResultWriter (s3:putObject) and ItemReader
 * (s3:listObjectsV2, s3:getObject) need, as the newest CDK grants it
 * (2.115.0 has no DistributedMap): the writer's statement, then the
 * reader's. A bucket given as a path gets "*", but for getObject, which
 * CDK grants nothing then. */
static void s3_map(struct iam *g, const cJSON *map)
{
	static const char *const put[] = { "s3:PutObject", "s3:GetObject",
		                           "s3:ListMultipartUploadParts",
		                           "s3:AbortMultipartUpload", NULL };
	const char *bucket;

	if (s3_io(g, map, "ResultWriter", "putObject", &bucket))
		statement(g, put,
		          bucket ? arn(g, "arn:%P:s3:::%s/*", bucket)
		                 : literal(g, "*"));
	if (s3_io(g, map, "ItemReader", "listObjectsV2", &bucket))
		statement1(g, "s3:ListBucket",
		           bucket ? arn(g, "arn:%P:s3:::%s", bucket)
		                  : literal(g, "*"));
	else if (s3_io(g, map, "ItemReader", "getObject", &bucket) &&
	         bucket != NULL)
		statement1(g, "s3:GetObject",
		           arn(g, "arn:%P:s3:::%s/*", bucket));
}

/* A Map state whose processor runs in DISTRIBUTED mode. */
static int distributed(const cJSON *map)
{
	const cJSON *p = cfn_get(map, "ItemProcessor");
	const cJSON *mode = cfn_get(cfn_get(p, "ProcessorConfig"), "Mode");

	return cJSON_IsString(mode) &&
	       strcmp(mode->valuestring, "DISTRIBUTED") == 0;
}

/* A distributed map's Label, for its map runs' executions. */
static void label(struct iam *g, const cJSON *map)
{
	const cJSON *l = cfn_get(map, "Label");

	if (!cJSON_IsString(l))
		g->unlabeled = 1;
	else if (!cJSON_AddItemToArray(g->labels, cJSON_Duplicate(l, 0)))
		g->fail = 1;
}

static void scope(struct iam *g, const cJSON *s, int depth);

/* The members of state ST that hold states or tell its type, found in
 * one pass over its members (the first of each name, as cfn_get). */
struct state_members {
	const cJSON *type, *branches, *processor, *iterator;
};

static void state_members(const cJSON *st, struct state_members *sm)
{
	sm->type = sm->branches = sm->processor = sm->iterator = NULL;
	for (const cJSON *m = st != NULL ? st->child : NULL; m; m = m->next) {
		const char *k = m->string;
		const cJSON **slot = NULL;

		if (k == NULL)
			continue;
		if (k[0] == 'T')
			slot = strcmp(k, "Type") == 0 ? &sm->type : NULL;
		else if (k[0] == 'B')
			slot = strcmp(k, "Branches") == 0 ? &sm->branches
			                                  : NULL;
		else if (k[0] == 'I')
			slot = strcmp(k, "ItemProcessor") == 0 ? &sm->processor
			       : strcmp(k, "Iterator") == 0    ? &sm->iterator
			                                       : NULL;
		if (slot != NULL && *slot == NULL)
			*slot = m;
	}
}

static void state(struct iam *g, const cJSON *st, int depth)
{
	struct state_members sm;
	const cJSON *t, *b;

	state_members(st, &sm);
	t = sm.type;
	b = sm.branches;
	if (cJSON_IsString(t) && strcmp(t->valuestring, "Task") == 0 &&
	    g->labels == NULL)
		task(g, st);
	for (const cJSON *e = cJSON_IsArray(b) ? b->child : NULL; e;
	     e = e->next)
		scope(g, e, depth + 1);
	scope(g, sm.processor, depth + 1);
	scope(g, sm.iterator, depth + 1);
	if (!cJSON_IsString(t) || strcmp(t->valuestring, "Map") != 0 ||
	    !distributed(st))
		return;
	if (g->labels != NULL)
		label(g, st);
	else
		s3_map(g, st);
}

/* Every state of the scope S (a definition, branch or processor). */
static void scope(struct iam *g, const cJSON *s, int depth)
{
	const cJSON *states = cfn_get(s, "States");

	if (s == NULL)
		return;
	if (depth > SFN_CFN_MAX_DEPTH) {
		g->too_deep = 1;
		return;
	}
	for (const cJSON *st = cJSON_IsObject(states) ? states->child : NULL;
	     st != NULL; st = st->next)
		state(g, st, depth);
}

enum sfn_status Sfn_cfn_statements(const struct sfn_cfn_stack *st,
                                   const struct sfn_cfn_machine *m,
                                   cJSON *statements)
{
	struct iam g = { st, m,    statements,      0, 0, NULL,
		         0,  NULL, { .text = NULL } };

	scope(&g, m->asl, 1);
	if (g.too_deep)
		return SFN_ERR_LIMIT;
	return g.fail ? SFN_ERR_NOMEM : Sfn_cfn_minimize(statements);
}

/* An execution ARN of the machine whose logical ID is ID (letters and
 * digits): arn:P:states:R:A:execution:NAME followed by TAIL, NAME the
 * seventh part of the machine's ARN. */
static cJSON *execution_arn(struct iam *g, const char *id, const char *tail)
{
	struct cfn_join j;
	struct sfn_buf b;
	cJSON *v;

	sfn_buf_init(&b, (size_t) 1 << 12);
	sfn_buf_printf(&b,
	               "{\"Fn::Select\":[6,{\"Fn::Split\":[\":\","
	               "{\"Ref\":\"%s\"}]}]}",
	               id);
	Sfn_cfn_join_init(&j, g->st);
	Sfn_cfn_joinf(&j, "arn:%P:states:%R:%A:execution:");
	Sfn_cfn_join_value(&j, b.status == SFN_OK ? cJSON_Parse(sfn_buf_str(&b))
	                                          : NULL);
	sfn_buf_free(&b);
	Sfn_cfn_joinf(&j, "%s", tail);
	v = Sfn_cfn_join_take(&j);
	Sfn_cfn_join_free(&j);
	if (v == NULL)
		g->fail = 1;
	return v;
}

/* states:RedriveExecution's resources: every map run's executions, or
 * those of each Label when every distributed map has one. */
static cJSON *redrive(struct iam *g, const char *id)
{
	struct sfn_buf tail;
	cJSON *list, *v;

	if (g->unlabeled || g->labels->child == NULL)
		return execution_arn(g, id, "/*:*");
	if (g->labels->child->next == NULL)
		list = NULL;
	else if ((list = cJSON_CreateArray()) == NULL)
		g->fail = 1;
	v = NULL;
	for (const cJSON *l = g->labels->child; l != NULL && !g->fail;
	     l = l->next) {
		sfn_buf_init(&tail, (size_t) 1 << 16);
		sfn_buf_printf(&tail, "/%s:*", l->valuestring);
		v = tail.status == SFN_OK
		            ? execution_arn(g, id, sfn_buf_str(&tail))
		            : NULL;
		sfn_buf_free(&tail);
		if (v == NULL ||
		    (list != NULL && !cJSON_AddItemToArray(list, v))) {
			cJSON_Delete(list != NULL ? v : NULL);
			g->fail = 1;
		}
	}
	return list != NULL ? list : v;
}

enum sfn_status Sfn_cfn_map_statements(const struct sfn_cfn_stack *st,
                                       const struct sfn_cfn_machine *m,
                                       const char *id, cJSON *statements)
{
	static const char *const watch[] = { "states:DescribeExecution",
		                             "states:StopExecution", NULL };
	struct iam g = { st,
		         m,
		         statements,
		         0,
		         0,
		         NULL,
		         0,
		         cJSON_CreateArray(),
		         { .text = NULL } };
	cJSON *ref;

	if (g.labels == NULL)
		return SFN_ERR_NOMEM;
	scope(&g, m->asl, 1);
	if (!g.fail && !g.too_deep && (g.unlabeled || g.labels->child)) {
		ref = cJSON_CreateObject();
		if (ref == NULL ||
		    cJSON_AddStringToObject(ref, "Ref", id) == NULL)
			g.fail = 1;
		statement1(&g, "states:StartExecution", ref);
		statement(&g, watch, execution_arn(&g, id, ":*"));
		statement1(&g, "states:RedriveExecution", redrive(&g, id));
	}
	cJSON_Delete(g.labels);
	if (g.too_deep)
		return SFN_ERR_LIMIT;
	return g.fail ? SFN_ERR_NOMEM : Sfn_cfn_minimize(statements);
}
