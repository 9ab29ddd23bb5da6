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
#include "sfn/resource.h"

struct iam {
	const struct sfn_cfn_stack *st;
	cJSON *statements;
	int fail;
	int too_deep;
	const char *model; /* the last InvokeModel's ModelId: granted */
};

/* One task: its integration and its parameters. */
struct task {
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
		if (cJSON_GetObjectItemCaseSensitive(s, "Resource") == NULL)
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

/* The static string parameter KEY, or NULL (absent, or "KEY.$"). */
static const char *param(const struct task *t, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(t->params, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
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

	if (t->res->kind == SFN_RESOURCE_LAMBDA)
		fn = t->arn;
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

	statement1(g, "sns:Publish",
	           topic != NULL ? literal(g, topic)
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
	char action[64];

	snprintf(action, sizeof(action), "dynamodb:%.*s",
	         (int) t->res->action.len, t->res->action.ptr);
	action[9] = (char) toupper((unsigned char) action[9]);
	if (table != NULL && starts(table, "arn:"))
		statement1(g, action, literal(g, table));
	else
		statement1(g, action,
		           arn(g, "arn:%P:dynamodb:%R:%A:table/%s",
		               table != NULL ? table : "*"));
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
	const char *name = sm != NULL ? strstr(sm, ":stateMachine:") : NULL;
	struct sfn_buf b;

	statement1(g, "states:StartExecution",
	           sm != NULL ? literal(g, sm)
	                      : arn(g, "arn:%P:states:%R:%A:stateMachine:*",
	                            NULL));
	if (t->res->pattern != SFN_PATTERN_SYNC &&
	    t->res->pattern != SFN_PATTERN_SYNC2)
		return;
	sfn_buf_init(&b, 4096);
	sfn_buf_printf(&b, "%s*", name != NULL ? name + 14 : "");
	statement(g, watch,
	          b.status == SFN_OK
	                  ? arn(g, "arn:%P:states:%R:%A:execution:%s",
	                        sfn_buf_str(&b))
	                  : NULL);
	sfn_buf_free(&b);
	statement(g, rule,
	          arn(g,
	              "arn:%P:events:%R:%A:rule/"
	              "StepFunctionsGetEventsForStepFunctionsExecutionRule",
	              NULL));
}

static const char fmt_bus[] = "arn:%P:events:%R:%A:event-bus/%s";

/* One entry's bus: an ARN, a name, or the default bus. */
static cJSON *bus(struct iam *g, const cJSON *entry)
{
	const cJSON *b =
	        cJSON_GetObjectItemCaseSensitive(entry, "EventBusName");
	const char *fmt = fmt_bus;

	if (cJSON_GetObjectItemCaseSensitive(entry, "EventBusName.$") != NULL)
		return arn(g, fmt, "*");
	if (!cJSON_IsString(b))
		return arn(g, fmt, "default");
	return starts(b->valuestring, "arn:") ? literal(g, b->valuestring)
	                                      : arn(g, fmt, b->valuestring);
}

/* events:PutEvents on the buses of the entries. */
static void events(struct iam *g, const struct task *t)
{
	const cJSON *entries =
	        cJSON_GetObjectItemCaseSensitive(t->params, "Entries");
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
	const cJSON *r = cJSON_GetObjectItemCaseSensitive(state, "Resource");
	struct sfn_resource res;
	struct task t = { &res, NULL, NULL };

	if (!cJSON_IsString(r))
		return;
	t.arn = r->valuestring;
	t.params = cJSON_GetObjectItemCaseSensitive(state, "Parameters");
	if (t.params == NULL)
		t.params = cJSON_GetObjectItemCaseSensitive(state, "Arguments");
	switch (sfn_resource_parse(t.arn, &res)) {
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

static void scope(struct iam *g, const cJSON *s, int depth);

static void state(struct iam *g, const cJSON *st, int depth)
{
	const cJSON *t = cJSON_GetObjectItemCaseSensitive(st, "Type");
	const cJSON *b = cJSON_GetObjectItemCaseSensitive(st, "Branches");

	if (cJSON_IsString(t) && strcmp(t->valuestring, "Task") == 0)
		task(g, st);
	for (const cJSON *e = cJSON_IsArray(b) ? b->child : NULL; e;
	     e = e->next)
		scope(g, e, depth + 1);
	scope(g, cJSON_GetObjectItemCaseSensitive(st, "ItemProcessor"),
	      depth + 1);
	scope(g, cJSON_GetObjectItemCaseSensitive(st, "Iterator"), depth + 1);
}

/* Every state of the scope S (a definition, branch or processor). */
static void scope(struct iam *g, const cJSON *s, int depth)
{
	const cJSON *states = cJSON_GetObjectItemCaseSensitive(s, "States");

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
                                   const cJSON *asl, cJSON *statements)
{
	struct iam g = { st, statements, 0, 0, NULL };

	scope(&g, asl, 1);
	if (g.too_deep)
		return SFN_ERR_LIMIT;
	return g.fail ? SFN_ERR_NOMEM : Sfn_cfn_minimize(statements);
}
