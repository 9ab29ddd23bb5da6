/* States of the ASL model: the fields every type shares (transitions,
 * paths, payloads, Retry and Catch), then each type's own: Task resource
 * and timeouts, Parallel branches, Map processor and its settings, Wait,
 * Fail. Choice rules are model_choice.c's. */
#include "config.h"

#include <stddef.h>
#include <string.h>

#include "asl/model_int.h"

static void load_retrier(struct loader *l, const cJSON *r,
                         struct sfn_asl_retrier *out)
{
	const cJSON *v;

	Sfn_ml_errors(l, Sfn_ml_get(r, "ErrorEquals"), &out->errors);
	out->interval_seconds = 1;
	out->max_attempts = 3;
	out->backoff_rate = 2.0;
	if (cJSON_IsNumber(v = Sfn_ml_get(r, "IntervalSeconds")))
		out->interval_seconds = v->valuedouble;
	if (cJSON_IsNumber(v = Sfn_ml_get(r, "MaxAttempts")))
		out->max_attempts = v->valuedouble;
	if (cJSON_IsNumber(v = Sfn_ml_get(r, "BackoffRate")))
		out->backoff_rate = v->valuedouble;
	if (cJSON_IsNumber(v = Sfn_ml_get(r, "MaxDelaySeconds")))
		out->max_delay_seconds = v->valuedouble;
	v = Sfn_ml_get(r, "JitterStrategy");
	out->jitter = cJSON_IsString(v) && strcmp(v->valuestring, "FULL") == 0
	                      ? SFN_ASL_JITTER_FULL
	                      : SFN_ASL_JITTER_NONE;
	out->span = Sfn_ml_span(l, r);
}

static void load_catcher(struct loader *l, struct sfn_asl_state *s,
                         const cJSON *c, struct sfn_asl_catcher *out)
{
	Sfn_ml_errors(l, Sfn_ml_get(c, "ErrorEquals"), &out->errors);
	out->next = Sfn_ml_target(s, Sfn_ml_string(c, "Next"));
	Sfn_ml_path(l, Sfn_ml_get(c, "ResultPath"), 1, &out->result_path);
	Sfn_ml_payload(l, Sfn_ml_get(c, "Output"), &out->output);
	Sfn_ml_payload(l, Sfn_ml_get(c, "Assign"), &out->assign);
	out->span = Sfn_ml_span(l, c);
}

static void load_handlers(struct loader *l, struct sfn_asl_state *s,
                          const cJSON *retry, const cJSON *catch)
{
	size_t i = 0;

	s->nretry =
	        cJSON_IsArray(retry) ? (size_t) cJSON_GetArraySize(retry) : 0;
	s->ncatchers =
	        cJSON_IsArray(catch) ? (size_t) cJSON_GetArraySize(catch) : 0;
	if (s->nretry > 0)
		s->retry = Sfn_ml_alloc(l, s->nretry * sizeof(*s->retry));
	if (s->ncatchers > 0)
		s->catchers =
		        Sfn_ml_alloc(l, s->ncatchers * sizeof(*s->catchers));
	for (const cJSON *r = s->retry ? retry->child : NULL; r; r = r->next)
		load_retrier(l, r, &s->retry[i++]);
	i = 0;
	for (const cJSON *c = s->catchers ? catch->child : NULL; c; c = c->next)
		load_catcher(l, s, c, &s->catchers[i++]);
}

static void load_task(struct loader *l, struct sfn_asl_state *s)
{
	struct sfn_asl_task *t = s->u.task =
	        Sfn_ml_alloc(l, sizeof(*s->u.task));
	const cJSON *r = Sfn_ml_get(s->json, "Resource");

	if (t == NULL)
		return;

	t->resource_text = cJSON_GetStringValue(r);
	if (t->resource_text != NULL)
		sfn_resource_parse(t->resource_text, &t->resource);
	t->resource_span = Sfn_ml_span(l, r);
	Sfn_ml_number(l, s->json, "TimeoutSeconds", &t->timeout);
	Sfn_ml_number(l, s->json, "HeartbeatSeconds", &t->heartbeat);
	Sfn_ml_payload(l, Sfn_ml_get(s->json, "Credentials"), &t->credentials);
}

static void load_parallel(struct loader *l, struct sfn_asl_state *s)
{
	struct sfn_asl_parallel *p = &s->u.parallel;
	const cJSON *list = Sfn_ml_get(s->json, "Branches");
	size_t n = cJSON_IsArray(list) ? (size_t) cJSON_GetArraySize(list) : 0,
	       i = 0;

	if (n == 0)
		return;
	p->branches = Sfn_ml_alloc(l, n * sizeof(*p->branches));
	for (const cJSON *b = p->branches ? list->child : NULL;
	     b != NULL && l->status == SFN_OK; b = b->next, i++) {
		const char *where =
		        Sfn_ml_printf(l, "%s/Branches[%zu]", s->where, i);

		p->branches[i] = Sfn_ml_scope(l, b, s, i, where);
	}
	p->nbranches = i;
}

static void load_map_config(struct loader *l, struct sfn_asl_state *s)
{
	struct sfn_asl_map *m = s->u.map;
	const cJSON *config = Sfn_ml_get(Sfn_ml_get(s->json, "ItemProcessor"),
	                                 "ProcessorConfig");
	const char *mode = Sfn_ml_string(config, "Mode");

	(void) l;
	m->mode = mode && strcmp(mode, "DISTRIBUTED") == 0
	                  ? SFN_ASL_MAP_DISTRIBUTED
	                  : SFN_ASL_MAP_INLINE;
	m->execution_type = Sfn_ml_string(config, "ExecutionType");
	m->label = Sfn_ml_string(s->json, "Label");
}

/* ItemReader or ResultWriter: Resource, its arguments, its config. */
static void load_map_io(struct loader *l, const cJSON *v, const char *config,
                        struct sfn_asl_map_io *out)
{
	const cJSON *args = Sfn_ml_get(v, "Parameters");

	if (!cJSON_IsObject(v))
		return;
	out->json = v;
	out->span = Sfn_ml_span(l, v);
	out->resource_text = Sfn_ml_string(v, "Resource");
	if (out->resource_text != NULL)
		sfn_resource_parse(out->resource_text, &out->resource);
	Sfn_ml_payload(l, args ? args : Sfn_ml_get(v, "Arguments"),
	               &out->arguments);
	out->config = Sfn_ml_get(v, config);
	Sfn_ml_number(l, out->config, "MaxItems", &out->max_items);
}

static void load_map_batcher(struct loader *l, const cJSON *v,
                             struct sfn_asl_map_batcher *out)
{
	if (!cJSON_IsObject(v))
		return;
	out->json = v;
	out->span = Sfn_ml_span(l, v);
	Sfn_ml_number(l, v, "MaxItemsPerBatch", &out->max_items);
	Sfn_ml_number(l, v, "MaxInputBytesPerBatch", &out->max_bytes);
	Sfn_ml_payload(l, Sfn_ml_get(v, "BatchInput"), &out->batch_input);
}

static void load_map(struct loader *l, struct sfn_asl_state *s)
{
	struct sfn_asl_map *m = s->u.map = Sfn_ml_alloc(l, sizeof(*s->u.map));
	const char *field = "ItemProcessor";
	const cJSON *proc = Sfn_ml_get(s->json, field), *sel;

	if (m == NULL)
		return;
	if (proc == NULL) {
		field = "Iterator";
		proc = Sfn_ml_get(s->json, field);
	}
	Sfn_ml_path(l, Sfn_ml_get(s->json, "ItemsPath"), 0, &m->items_path);
	Sfn_ml_payload(l, Sfn_ml_get(s->json, "Items"), &m->items);
	sel = Sfn_ml_get(s->json, "ItemSelector");
	if (sel != NULL)
		Sfn_ml_payload(l, sel, &m->item_selector);
	else
		m->item_selector = s->io->parameters;
	Sfn_ml_number(l, s->json, "MaxConcurrency", &m->max_concurrency);
	Sfn_ml_number(l, s->json, "ToleratedFailureCount",
	              &m->tolerated_failure_count);
	Sfn_ml_number(l, s->json, "ToleratedFailurePercentage",
	              &m->tolerated_failure_percentage);
	load_map_config(l, s);
	load_map_io(l, Sfn_ml_get(s->json, "ItemReader"), "ReaderConfig",
	            &m->item_reader);
	load_map_io(l, Sfn_ml_get(s->json, "ResultWriter"), "WriterConfig",
	            &m->result_writer);
	load_map_batcher(l, Sfn_ml_get(s->json, "ItemBatcher"),
	                 &m->item_batcher);
	if (proc != NULL && l->status == SFN_OK)
		m->processor = Sfn_ml_scope(
		        l, proc, s, 0, Sfn_ml_concat(l, s->where, "/", field));
}

/* The fields of struct sfn_asl_io, in its order. */
static const char *const io_fields[] = {
	"InputPath", "OutputPath",     "ResultPath", "Parameters",
	"Arguments", "ResultSelector", "Output",     "Assign",
};

/* Every field absent: what the states without any of them share. */
static const struct sfn_asl_io no_io;

/* Whether member name KEY is one of io_fields. */
static int is_io_field(const char *key)
{
	for (size_t i = 0; i < sizeof(io_fields) / sizeof(*io_fields); i++)
		if (key[0] == io_fields[i][0] && strcmp(key, io_fields[i]) == 0)
			return 1;
	return 0;
}

/* The members every type may have, the first of each name (as
 * Sfn_ml_get finds it), and whether one of io_fields is there: found in
 * one pass over the state's few members, not one search for each. */
struct common_fields {
	const cJSON *language, *comment, *end, *next, *result, *retry, *catch;
	int io;
};

static void find_common(const cJSON *o, struct common_fields *c)
{
	static const struct {
		const char *name;
		size_t at;
	} names[] = {
		{ "QueryLanguage", offsetof(struct common_fields, language) },
		{ "Comment", offsetof(struct common_fields, comment) },
		{ "End", offsetof(struct common_fields, end) },
		{ "Next", offsetof(struct common_fields, next) },
		{ "Result", offsetof(struct common_fields, result) },
		{ "Retry", offsetof(struct common_fields, retry) },
		{ "Catch", offsetof(struct common_fields, catch) },
	};

	memset(c, 0, sizeof(*c));
	for (const cJSON *m = o->child; m != NULL; m = m->next) {
		const char *key = m->string;

		if (key == NULL)
			continue;
		for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
			const cJSON **slot =
			        (const cJSON **) ((char *) c + names[i].at);

			if (key[0] == names[i].name[0] &&
			    strcmp(key, names[i].name) == 0) {
				if (*slot == NULL)
					*slot = m;
				break;
			}
		}
		c->io = c->io || is_io_field(key);
	}
}

/* Paths and payloads, made only for a state that has one of them. */
static void load_io(struct loader *l, struct sfn_asl_state *s, int any)
{
	const cJSON *o = s->json;
	struct sfn_asl_io *io;

	s->io = &no_io;
	if (!any)
		return;
	io = Sfn_ml_alloc(l, sizeof(*io));
	if (io == NULL)
		return;
	Sfn_ml_path(l, Sfn_ml_get(o, "InputPath"), 0, &io->input_path);
	Sfn_ml_path(l, Sfn_ml_get(o, "OutputPath"), 0, &io->output_path);
	Sfn_ml_path(l, Sfn_ml_get(o, "ResultPath"), 1, &io->result_path);
	Sfn_ml_payload(l, Sfn_ml_get(o, "Parameters"), &io->parameters);
	Sfn_ml_payload(l, Sfn_ml_get(o, "Arguments"), &io->arguments);
	Sfn_ml_payload(l, Sfn_ml_get(o, "ResultSelector"),
	               &io->result_selector);
	Sfn_ml_payload(l, Sfn_ml_get(o, "Output"), &io->output);
	Sfn_ml_payload(l, Sfn_ml_get(o, "Assign"), &io->assign);
	s->io = io;
}

/* Whether a string of V holds "$$" (a path or call of the context
 * object), its containers walked down to SFN_JSON_MAX_DEPTH levels
 * (deeper: assumed so); a Parallel's or Map's states are their own. */
static int mentions_context(const cJSON *v, const struct sfn_asl_state *s,
                            int depth)
{
	int type = v->type & 0xFF;

	if (type == cJSON_String) {
		for (const char *p = v->valuestring;
		     p != NULL && (p = strchr(p, '$')) != NULL; p++)
			if (p[1] == '$')
				return 1;
		return 0;
	}
	if (type != cJSON_Object && type != cJSON_Array)
		return 0;
	if (depth >= SFN_JSON_MAX_DEPTH)
		return 1;
	for (const cJSON *m = v->child; m != NULL; m = m->next) {
		if (depth == 0 && m->string != NULL &&
		    (s->type == SFN_ASL_PARALLEL || s->type == SFN_ASL_MAP) &&
		    (strcmp(m->string, "Branches") == 0 ||
		     strcmp(m->string, "ItemProcessor") == 0 ||
		     strcmp(m->string, "Iterator") == 0))
			continue;
		if (mentions_context(m, s, depth + 1))
			return 1;
	}
	return 0;
}

/* Paths, payloads and transitions: every type has some of them; the
 * validator saw to it that a field is only where its type takes it. */
static void load_common(struct loader *l, struct sfn_asl_state *s)
{
	const cJSON *o = s->json;
	struct common_fields c;
	const char *lang;

	find_common(o, &c);
	lang = cJSON_GetStringValue(c.language);

	s->language = lang == NULL                   ? l->m->language
	              : strcmp(lang, "JSONata") == 0 ? SFN_ASL_JSONATA
	                                             : SFN_ASL_JSONPATH;
	l->lang = s->language;
	/* any JSONata expression may read $states.context */
	s->reads_context =
	        s->language == SFN_ASL_JSONATA || mentions_context(o, s, 0);
	s->comment = cJSON_GetStringValue(c.comment);
	s->end = cJSON_IsTrue(c.end);
	s->next = Sfn_ml_target(s, cJSON_GetStringValue(c.next));
	load_io(l, s, c.io);
	s->result = c.result;
	load_handlers(l, s, c.retry, c.catch);
}

static void load_wait(struct loader *l, struct sfn_asl_state *s)
{
	s->u.wait = Sfn_ml_alloc(l, sizeof(*s->u.wait));
	if (s->u.wait == NULL)
		return;
	Sfn_ml_number(l, s->json, "Seconds", &s->u.wait->seconds);
	Sfn_ml_text(l, s->json, "Timestamp", &s->u.wait->timestamp);
}

static void load_fail(struct loader *l, struct sfn_asl_state *s)
{
	s->u.fail = Sfn_ml_alloc(l, sizeof(*s->u.fail));
	if (s->u.fail == NULL)
		return;
	Sfn_ml_text(l, s->json, "Error", &s->u.fail->error);
	Sfn_ml_text(l, s->json, "Cause", &s->u.fail->cause);
}

void Sfn_ml_state(struct loader *l, struct sfn_asl_state *s)
{
	static void (*const load[])(struct loader *, struct sfn_asl_state *) = {
		[SFN_ASL_TASK] = load_task, [SFN_ASL_PARALLEL] = load_parallel,
		[SFN_ASL_MAP] = load_map,   [SFN_ASL_PASS] = NULL,
		[SFN_ASL_WAIT] = load_wait, [SFN_ASL_CHOICE] = Sfn_ml_choice,
		[SFN_ASL_SUCCEED] = NULL,   [SFN_ASL_FAIL] = load_fail,
	};

	load_common(l, s);
	if (load[s->type] != NULL)
		load[s->type](l, s);
}
