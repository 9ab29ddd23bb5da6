/* The context object ($$): $$.Execution and $$.StateMachine made once
 * per execution, $$.State and $$.Task once per frame and brought up to
 * each state in place, $$.Map.Item per item, the caller's overrides
 * merged over both. Knows nothing of state types. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "exec/interp_int.h"

/* Step Functions Local's account and region. */
#define ARN_PREFIX "arn:aws:states:us-east-1:123456789012:"

/* ".mmmZ" after the 19 characters of date and time in BUF. */
static void put_millis(int64_t ms, char *buf)
{
	buf[19] = '.';
	buf[20] = (char) ('0' + ms % 1000 / 100);
	buf[21] = (char) ('0' + ms % 100 / 10);
	buf[22] = (char) ('0' + ms % 10);
	buf[23] = 'Z';
	buf[24] = '\0';
}

void Sfn_interp_timestamp(int64_t ms, char *buf)
{
	time_t secs = (time_t) (ms / 1000);
	struct tm tm;

	if (ms < 0 || gmtime_r(&secs, &tm) == NULL) {
		memcpy(buf, "1970-01-01T00:00:00.000Z", 25);
		return;
	}
	if (strftime(buf, 24, "%Y-%m-%dT%H:%M:%S", &tm) != 19) {
		memcpy(buf, "1970-01-01T00:00:00.000Z", 25);
		return;
	}
	put_millis(ms, buf);
}

void Sfn_interp_timestamp_run(struct sfn_run *run, int64_t ms, char *buf)
{
	if (ms < 0 || !run->when_set || ms / 1000 != run->when_secs) {
		Sfn_interp_timestamp(ms, buf);
		run->when_set = ms >= 0;
		run->when_secs = ms / 1000;
		memcpy(run->when_text, buf, 19);
		run->when_text[19] = '\0';
		return;
	}
	memcpy(buf, run->when_text, 19);
	put_millis(ms, buf);
}

static int merge(cJSON *to, const cJSON *from);

/* Puts a copy of member M over TO's member of its name, objects merged
 * into objects. */
static int merge_member(cJSON *to, const cJSON *m)
{
	cJSON *old = cJSON_GetObjectItemCaseSensitive(to, m->string);
	cJSON *copy;

	if (cJSON_IsObject(old) && cJSON_IsObject(m))
		return merge(old, m);
	copy = cJSON_Duplicate(m, 1);
	if (copy == NULL)
		return 0;
	if (old != NULL)
		return cJSON_ReplaceItemInObjectCaseSensitive(to, m->string,
		                                              copy);
	return cJSON_AddItemToObject(to, m->string, copy);
}

/* Merges the members of FROM over TO. */
static int merge(cJSON *to, const cJSON *from)
{
	const cJSON *m;

	cJSON_ArrayForEach(m, from)
	{
		if (!merge_member(to, m))
			return 0;
	}
	return 1;
}

static const cJSON * override(const struct sfn_run *run, const char *key)
{
	return run->overrides
	               ? cJSON_GetObjectItemCaseSensitive(run->overrides, key)
	               : NULL;
}

int Sfn_interp_add_copy(cJSON *obj, const char *key, const cJSON *value)
{
	cJSON *copy = cJSON_Duplicate(value, 1);

	if (copy != NULL && cJSON_AddItemToObject(obj, key, copy))
		return 1;
	cJSON_Delete(copy);
	return 0;
}

cJSON *Sfn_interp_ref(const cJSON *item)
{
	cJSON *ref = item != NULL ? cJSON_CreateNull() : NULL;

	if (ref == NULL)
		return NULL;
	*ref = *item; /* as cJSON makes a reference: the node, flagged */
	ref->string = NULL;
	ref->next = ref->prev = NULL;
	ref->type |= cJSON_IsReference;
	return ref;
}

int Sfn_interp_add_ref(cJSON *obj, const char *key, cJSON *item)
{
	cJSON *ref = Sfn_interp_ref(item);

	if (ref == NULL)
		return 0;
	if (cJSON_AddItemToObject(obj, key, ref))
		return 1;
	cJSON_Delete(ref); /* a reference: ITEM's contents stay */
	return 0;
}

static int execution(struct sfn_run *run, const cJSON *input,
                     const char *machine, const char *name, int64_t start)
{
	char id[512], when[32];
	cJSON *e = cJSON_CreateObject();

	run->execution = e;
	if (e == NULL)
		return 0;
	Sfn_interp_timestamp(start, when);
	snprintf(id, sizeof(id), ARN_PREFIX "execution:%s:%s", machine, name);
	cJSON_AddStringToObject(e, "Id", id);
	Sfn_interp_add_copy(e, "Input", input);
	cJSON_AddStringToObject(e, "Name", name);
	cJSON_AddStringToObject(e, "RoleArn",
	                        "arn:aws:iam::123456789012:role/"
	                        "StepFunctionsLocal");
	cJSON_AddStringToObject(e, "StartTime", when);
	cJSON_AddNumberToObject(e, "RedriveCount", 0);
	if (cJSON_GetArraySize(e) != 6)
		return 0;
	return override(run, "Execution") == NULL ||
	       merge(e, override(run, "Execution"));
}

enum sfn_status Sfn_interp_context_init(struct sfn_run *run, const cJSON *input,
                                        int64_t start_ms)
{
	const char *machine =
	        run->opts.machine_name ? run->opts.machine_name : "machine";
	const char *name = run->opts.name ? run->opts.name : "execution";
	char id[512];
	cJSON *m;

	if (!execution(run, input, machine, name, start_ms))
		return SFN_ERR_NOMEM;
	m = cJSON_CreateObject();
	run->state_machine = m;
	if (m == NULL)
		return SFN_ERR_NOMEM;
	snprintf(id, sizeof(id), ARN_PREFIX "stateMachine:%s", machine);
	cJSON_AddStringToObject(m, "Id", id);
	cJSON_AddStringToObject(m, "Name", machine);
	if (cJSON_GetArraySize(m) != 2)
		return SFN_ERR_NOMEM;
	if (override(run, "StateMachine") != NULL &&
	    !merge(m, override(run, "StateMachine")))
		return SFN_ERR_NOMEM;
	return SFN_OK;
}

static int add_state(struct frame *f, cJSON *ctx)
{
	struct sfn_clock *clock = sfn_loop_clock(f->run->loop);
	cJSON *s = cJSON_AddObjectToObject(ctx, "State"), *name;
	char when[32];

	if (s == NULL)
		return 0;
	Sfn_interp_timestamp_run(f->run, clock->wall_ms(clock), when);
	cJSON_AddStringToObject(s, "EnteredTime", when);
	/* the model's name outlives the execution: referenced, not copied
	 * (cJSON does not free an item it fails to add) */
	name = cJSON_CreateStringReference(f->state->name);
	if (name != NULL && !cJSON_AddItemToObject(s, "Name", name))
		cJSON_Delete(name);
	cJSON_AddNumberToObject(s, "RetryCount", f->retry_count);
	return cJSON_GetArraySize(s) == 3;
}

static int add_token(cJSON *ctx, const char *token)
{
	cJSON *t;

	if (token == NULL)
		return 1;
	t = cJSON_AddObjectToObject(ctx, "Task");
	return t != NULL && cJSON_AddStringToObject(t, "Token", token);
}

/* The overrides other than Execution and StateMachine (merged once). */
static int add_overrides(const struct sfn_run *run, cJSON *ctx)
{
	const cJSON *m;

	cJSON_ArrayForEach(m, run->overrides)
	{
		if (strcmp(m->string, "Execution") != 0 &&
		    strcmp(m->string, "StateMachine") != 0 &&
		    !merge_member(ctx, m))
			return 0;
	}
	return 1;
}

static cJSON *member(const cJSON *obj, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

/* Brings the $$ that F's previous state had up to its current one in
 * place ($$.State's three members and $$.Task): a state that reads no
 * $$ then costs no new object. 0 when CTX is not one add_state made. */
static int refresh(struct frame *f, cJSON *ctx, const char *token)
{
	struct sfn_clock *clock = sfn_loop_clock(f->run->loop);
	cJSON *s = member(ctx, "State"), *when = member(s, "EnteredTime"),
	      *name = member(s, "Name"), *count = member(s, "RetryCount");
	char text[32];

	if (!cJSON_IsString(when) || !cJSON_IsString(name) ||
	    !(name->type & cJSON_IsReference) || !cJSON_IsNumber(count))
		return 0;
	Sfn_interp_timestamp_run(f->run, clock->wall_ms(clock), text);
	if (cJSON_SetValuestring(when, text) == NULL)
		return 0;
	name->valuestring = (char *) f->state->name;
	cJSON_SetNumberValue(count, f->retry_count);
	cJSON_DeleteItemFromObjectCaseSensitive(ctx, "Task");
	return add_token(ctx, token);
}

enum sfn_status Sfn_interp_context_state(struct frame *f, const char *token)
{
	struct sfn_run *run = f->run;
	cJSON *ctx;

	/* --context overrides may replace any member: built anew */
	if (f->context != NULL && run->overrides == NULL &&
	    refresh(f, f->context, token))
		return SFN_OK;
	ctx = cJSON_CreateObject();
	cJSON_Delete(f->context);
	f->context = ctx;
	if (ctx == NULL ||
	    !Sfn_interp_add_ref(ctx, "Execution", run->execution) ||
	    !Sfn_interp_add_ref(ctx, "StateMachine", run->state_machine) ||
	    !add_state(f, ctx) || !add_token(ctx, token) ||
	    !add_overrides(run, ctx))
		return SFN_ERR_NOMEM;
	return SFN_OK;
}

enum sfn_status Sfn_interp_context_item(const struct frame *f, size_t index,
                                        const cJSON *value, cJSON **out)
{
	cJSON *ctx = cJSON_Duplicate(f->context, 0), *item;
	const cJSON *m;

	*out = ctx;
	if (ctx == NULL)
		return SFN_ERR_NOMEM;
	cJSON_ArrayForEach(m, f->context)
	{
		if (!Sfn_interp_add_ref(ctx, m->string, (cJSON *) m))
			return SFN_ERR_NOMEM;
	}
	item = cJSON_AddObjectToObject(cJSON_AddObjectToObject(ctx, "Map"),
	                               "Item");
	if (item == NULL ||
	    !cJSON_AddNumberToObject(item, "Index", (double) index))
		return SFN_ERR_NOMEM;
	return Sfn_interp_add_copy(item, "Value", value) ? SFN_OK
	                                                 : SFN_ERR_NOMEM;
}
