/* Lowering a checked .sfn machine to an ASL definition (a cJSON tree),
 * recording where in the .sfn file each node came from. Keys come out in
 * a fixed order: Type first, then clauses as written, then branches or
 * the processor, Retry, Catch, Choices, Default, Next or End. Knows
 * nothing of CloudFormation templates. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang/lang_int.h"
#include "sfn/asl.h"
#include "sfn/intrinsic.h"
#include "sfn/json.h"
#include "sfn/path.h"

struct lower {
	struct lang_ctx *ctx;
	const struct lang_item *stack;
	struct lang_spans *spans;
	int fail;    /* memory ran out */
	int jsonata; /* the query language in force is JSONata */
	const struct lang_item *merged; /* a clause an integration took */
	const char *arn_of, *arn;       /* the last model ID given an ARN, and
	                                   that ARN (in the arena) */
};

static const char *const type_names[LS_COUNT] = {
	"Pass", "Task",    "Choice", "Wait", "Parallel",
	"Map",  "Succeed", "Fail",   NULL
};

/* Nodes of the lowered tree, in the compilation's arena (tree.c). */
static cJSON *node(struct lower *lw, int type)
{
	return Sfn_lang_tree_new(lw->ctx->arena, type);
}

static cJSON *str(struct lower *lw, const char *s)
{
	return Sfn_lang_tree_string(lw->ctx->arena, s);
}

void Sfn_lang_track(struct lang_spans *s, const cJSON *node,
                    const struct sfn_span *value, const struct sfn_span *key)
{
	if (node == NULL || s->nomem || s->off)
		return;
	if (s->doc == NULL ||
	    sfn_json_doc_set_span(s->doc, node, value, key) != SFN_OK)
		s->nomem = 1;
}

/* The nodes of values V (a list) and what they hold, down to
 * SFN_LANG_MAX_DEPTH levels (no parsed tree is deeper). */
static size_t count_values(const struct lang_value *v, int depth)
{
	size_t n = 0;

	for (; v != NULL && depth <= SFN_LANG_MAX_DEPTH; v = v->next) {
		n += 1 + count_values(v->items, depth + 1);
		for (const struct lang_member *m = v->members; m; m = m->next)
			n += count_values(m->value, depth + 1);
	}
	return n;
}

/* The same for items IT (a list); a condition counts as a few nodes. */
static size_t count_items(const struct lang_item *it, int depth)
{
	size_t n = 0;

	for (; it != NULL && depth <= SFN_LANG_MAX_DEPTH; it = it->next)
		n += 1 + 4 * (it->cond != NULL) +
		     count_values(it->value, depth + 1) +
		     count_values(it->errors, depth + 1) +
		     count_items(it->body, depth + 1);
	return n;
}

/* The document of ROOT, with room for the spans of MACHINE's nodes: a
 * lowered state adds a few nodes the .sfn tree lacks (Type, Next). */
static void spans_open(struct lower *lw, const cJSON *root,
                       const struct lang_item *machine)
{
	size_t n = lw->spans->off ? 0 : count_items(machine->body, 0);

	lw->spans->doc = sfn_json_doc_wrap_borrow(root, lw->ctx->file);
	if (lw->spans->doc == NULL ||
	    (n > 0 && sfn_json_doc_reserve_spans(lw->spans->doc,
	                                         n + n / 2 + 64) != SFN_OK))
		lw->spans->nomem = 1;
}

/* Adds ITEM under KEY to OBJ, tracked at VALUE/KEY_SPAN. */
static cJSON *add(struct lower *lw, cJSON *obj, const char *key, cJSON *item,
                  const struct sfn_span *value, const struct sfn_span *kspan)
{
	if (obj == NULL || !Sfn_lang_tree_put(obj, key, item)) {
		lw->fail = 1;
		return NULL;
	}
	Sfn_lang_track(lw->spans, item, value, kspan);
	return item;
}

/* A text checked with findings stays in the known map under this value,
 * which has neither SFN_ASL_KNOWN_PATH's nor SFN_ASL_KNOWN_CALL's bit: it
 * is checked again wherever it stands. */
#define CHECKED_DIRTY ((uintptr_t) 4)

int Sfn_lang_check_expr(struct lang_ctx *ctx, const struct lang_value *v)
{
	struct sfn_loc at;
	size_t before = ctx->diags->errors, count = ctx->diags->count;
	uintptr_t kind = v->kind == LV_PATH   ? SFN_ASL_KNOWN_PATH
	                 : v->kind == LV_CALL ? SFN_ASL_KNOWN_CALL
	                                      : 0;
	void *old = NULL;

	/* one lookup: a new text goes in as clean, marked otherwise below */
	if (kind != 0 &&
	    sfn_strmap_put(&ctx->known, v->text, (void *) kind, &old) != SFN_OK)
		ctx->nomem = 1;
	if (kind != 0 && (uintptr_t) old == kind)
		return 1; /* the same text was checked clean before */
	at = Sfn_lang_loc(ctx, &v->span);
	if (v->kind == LV_PATH) {
		struct sfn_path *p = NULL;

		if (sfn_path_parse(v->text, SFN_PATH_AWS, &at, ctx->diags,
		                   &p) == SFN_OK)
			sfn_path_free(p);
	} else if (v->kind == LV_CALL) {
		struct sfn_intrinsic *c = NULL;

		if (sfn_intrinsic_parse(v->text, &at, ctx->diags, &c) ==
		    SFN_OK) {
			sfn_intrinsic_check(c, &at, ctx->diags);
			sfn_intrinsic_free(c);
		}
	}
	if (kind != 0 && (old != NULL || ctx->diags->count != count) &&
	    sfn_strmap_set(&ctx->known, v->text,
	                   (void *) (ctx->diags->count == count
	                                     ? kind
	                                     : CHECKED_DIRTY)) != SFN_OK)
		ctx->nomem = 1;
	return ctx->diags->errors == before;
}

static cJSON *value(struct lower *lw, const struct lang_value *v,
                    enum lang_fmode mode);

/* Records that NODE stands for param P. */
static void add_ref(struct lower *lw, const cJSON *node,
                    const struct lang_item *p)
{
	struct lang_ctx *c = lw->ctx;

	if (node == NULL)
		return;
	if (c->ref_count == c->ref_cap) {
		size_t cap = c->ref_cap ? c->ref_cap * 2 : 16;
		struct sfn_lang_ref *r = realloc(c->refs, cap * sizeof(*r));

		if (r == NULL) {
			lw->fail = 1;
			return;
		}
		c->refs = r;
		c->ref_cap = cap;
	}
	c->refs[c->ref_count].node = node;
	c->refs[c->ref_count].param = p->name;
	c->refs[c->ref_count++].number =
	        p->target != NULL && strcmp(p->target, "number") == 0;
}

/* A param's name in a JSON value: its default in the ASL ("${NAME}"
 * when it has none), its reference in the template. */
static cJSON *param_ref(struct lower *lw, const struct lang_value *v)
{
	const struct lang_item *p = sfn_strmap_get(&lw->ctx->params, v->text);
	const struct lang_value *d = p != NULL ? p->value : NULL;
	struct sfn_buf b;
	cJSON *n;

	if (p == NULL) {
		Sfn_lang_report(lw->ctx, SFN_RULE_SFN_UNKNOWN_REFERENCE,
		                &v->span,
		                "'%s' is no param of stack '%s' (a string "
		                "is written in quotes)",
		                v->text, lw->stack->name);
		return str(lw, v->text);
	}
	if (d != NULL)
		n = d->kind == LV_NUMBER
		            ? Sfn_lang_tree_number(lw->ctx->arena, d->num)
		            : str(lw, d->text);
	else {
		sfn_buf_init(&b, (size_t) SFN_LANG_MAX_TOKEN + 4);
		sfn_buf_printf(&b, "${%s}", v->text);
		n = b.status == SFN_OK ? Sfn_lang_tree_copy(lw->ctx->arena,
		                                            sfn_buf_str(&b))
		                       : NULL;
		sfn_buf_free(&b);
	}
	add_ref(lw, n, p);
	return n;
}

/* "KEY.$" in the arena; NULL when memory ran out. */
static const char *dollar_key(struct lower *lw, const char *key)
{
	size_t n = strlen(key);
	char *k = sfn_arena_alloc_raw(lw->ctx->arena, n + 3);

	if (k != NULL) {
		memcpy(k, key, n);
		memcpy(k + n, ".$", 3);
	}
	return k;
}

static cJSON *object(struct lower *lw, const struct lang_value *v,
                     enum lang_fmode mode)
{
	cJSON *o = node(lw, cJSON_Object);

	for (const struct lang_member *m = v->members; m && o; m = m->next) {
		const struct lang_value *mv = m->value;
		int dollar = mode == LF_PAYLOAD && mv != NULL &&
		             (mv->kind == LV_PATH || mv->kind == LV_CALL);
		const char *key = dollar ? dollar_key(lw, m->key) : m->key;

		if (mv == NULL)
			continue;
		if (key == NULL)
			lw->fail = 1;
		else
			add(lw, o, key, value(lw, mv, mode), &mv->span,
			    &m->key_span);
	}
	if (o == NULL)
		lw->fail = 1;
	return o;
}

static cJSON *array(struct lower *lw, const struct lang_value *v,
                    enum lang_fmode mode)
{
	cJSON *a = node(lw, cJSON_Array);

	for (const struct lang_value *e = v->items; e && a; e = e->next) {
		cJSON *item;

		if (mode == LF_PAYLOAD &&
		    (e->kind == LV_PATH || e->kind == LV_CALL))
			Sfn_lang_report(
			        lw->ctx, SFN_RULE_SFN_FIELD_VALUE, &e->span,
			        "a %s inside an array is not evaluated by "
			        "Step Functions; build the array with "
			        "States.Array(...)",
			        e->kind == LV_PATH ? "path" : "call");
		item = value(lw, e, mode);
		if (!Sfn_lang_tree_push(a, item)) {
			lw->fail = 1;
			continue;
		}
		Sfn_lang_track(lw->spans, item, &e->span, NULL);
	}
	if (a == NULL)
		lw->fail = 1;
	return a;
}

/* What V becomes in a field of MODE. */
static cJSON *value(struct lower *lw, const struct lang_value *v,
                    enum lang_fmode mode)
{
	switch (v->kind) {
	case LV_NULL:
		return node(lw, cJSON_NULL);
	case LV_BOOL:
		return Sfn_lang_tree_bool(lw->ctx->arena, v->boolean);
	case LV_NUMBER:
	case LV_DURATION:
		return Sfn_lang_tree_number(lw->ctx->arena, v->num);
	case LV_PATH:
	case LV_CALL:
		if (mode == LF_LITERAL)
			Sfn_lang_report(
			        lw->ctx, SFN_RULE_SFN_FIELD_VALUE, &v->span,
			        "a %s here would be a plain string: this "
			        "value is not evaluated",
			        v->kind == LV_PATH ? "path" : "call");
		else
			Sfn_lang_check_expr(lw->ctx, v);
		return str(lw, v->text);
	case LV_OBJECT:
		return object(lw, v, mode);
	case LV_ARRAY:
		return array(lw, v, mode);
	case LV_IDENT:
		if (mode == LF_PAYLOAD || mode == LF_LITERAL)
			return param_ref(lw, v);
		return str(lw, v->text);
	default:
		return str(lw, v->text);
	}
}

/* A clause IT of field F into OBJ. */
static void field(struct lower *lw, cJSON *obj, const struct lang_item *it,
                  const struct lang_field *f)
{
	const struct lang_value *v = it->value;
	const char *key = f->key;
	int is_path = v->kind == LV_PATH || v->kind == LV_CALL;

	if (f->mode == LF_NONE || key == NULL)
		return;
	if (f->mode == LF_ENUM) {
		if (Sfn_lang_field_enum(f, v->text) == NULL)
			return;
		add(lw, obj, key, str(lw, Sfn_lang_field_enum(f, v->text)),
		    &v->span, &it->name_span);
		return;
	}
	if (f->mode == LF_OUTPUT && (is_path || v->kind == LV_NULL))
		key = f->path_key;
	else if (f->mode == LF_VALUE && is_path && f->path_key != NULL)
		key = f->path_key;
	add(lw, obj, key, value(lw, v, f->mode), &v->span, &it->name_span);
}

static void fields(struct lower *lw, cJSON *obj, const struct lang_item *items)
{
	for (const struct lang_item *it = items; Sfn_lang_clause(it);
	     it = it->next) {
		const struct lang_field *f;

		if (it->kind != LI_FIELD || it->value == NULL)
			continue;
		f = it->field;
		if (it == lw->merged)
			continue;
		if (f != NULL && (f->mode != LF_ENUM ||
		                  (strcmp(f->word, "processor_mode") != 0 &&
		                   strcmp(f->word, "execution_type") != 0)))
			field(lw, obj, it, f);
	}
}

static const struct lang_item *find(const struct lang_item *items,
                                    enum lang_ikind kind, const char *word)
{
	const struct lang_item *it =
	        kind == LI_STATE ? Sfn_lang_states(items) : items;

	for (; kind == LI_STATE ? it != NULL : Sfn_lang_clause(it);
	     it = it->next)
		if (it->kind == kind &&
		    (word == NULL ||
		     (it->name[0] == word[0] && strcmp(it->name, word) == 0)))
			return it;
	return NULL;
}

static void scope_into(struct lower *lw, cJSON *obj,
                       const struct lang_item *items,
                       const struct lang_item *owner);

/* ErrorEquals from a retry's or catch's names. */
static cJSON *error_list(struct lower *lw, const struct lang_value *errs)
{
	cJSON *a = node(lw, cJSON_Array);

	for (const struct lang_value *e = errs; e && a; e = e->next) {
		cJSON *s = str(lw, e->text);

		if (!Sfn_lang_tree_push(a, s)) {
			lw->fail = 1;
			continue;
		}
		Sfn_lang_track(lw->spans, s, &e->span, NULL);
	}
	return a;
}

/* A new object for IT at the end of ST's array KEY, made at the first
 * (*LIST NULL). NULL when memory ran out. */
static cJSON *entry(struct lower *lw, cJSON *st, const char *key, cJSON **list,
                    const struct lang_item *it)
{
	cJSON *o;

	if (*list == NULL)
		*list = add(lw, st, key, node(lw, cJSON_Array), &it->span,
		            &it->name_span);
	o = node(lw, cJSON_Object);
	if (*list == NULL || !Sfn_lang_tree_push(*list, o)) {
		lw->fail = 1;
		return NULL;
	}
	Sfn_lang_track(lw->spans, o, &it->span, NULL);
	return o;
}

static void handlers(struct lower *lw, cJSON *st, const struct lang_item *body,
                     enum lang_ikind kind)
{
	cJSON *list = NULL;

	for (const struct lang_item *it = body; Sfn_lang_clause(it);
	     it = it->next) {
		cJSON *h;

		if (it->kind != kind)
			continue;
		h = entry(lw, st, kind == LI_RETRY ? "Retry" : "Catch", &list,
		          it);
		if (h == NULL)
			return;
		add(lw, h, "ErrorEquals", error_list(lw, it->errors),
		    &it->errors->span, &it->name_span);
		fields(lw, h, it->body);
		if (kind == LI_CATCH)
			add(lw, h, "Next", str(lw, it->target),
			    &it->target_span, &it->target_span);
	}
}

static void choices(struct lower *lw, cJSON *st, const struct lang_item *body)
{
	cJSON *list = NULL;
	const struct lang_item *dflt = find(body, LI_OTHERWISE, NULL);

	for (const struct lang_item *it = body; Sfn_lang_clause(it);
	     it = it->next) {
		cJSON *rule;

		if (it->kind != LI_WHEN)
			continue;
		rule = entry(lw, st, "Choices", &list, it);
		if (rule == NULL)
			return;
		if (it->cond != NULL &&
		    !Sfn_lang_lower_cond(lw->ctx, it->cond, rule, lw->spans))
			lw->fail |= lw->spans->nomem;
		fields(lw, rule, it->body);
		add(lw, rule, "Next", str(lw, it->target), &it->target_span,
		    &it->target_span);
	}
	if (dflt != NULL)
		add(lw, st, "Default", str(lw, dflt->target),
		    &dflt->target_span, &dflt->name_span);
}

static const char *model_id(const struct lower *lw, const char *name)
{
	const struct lang_item *m = sfn_strmap_get(&lw->ctx->models, name);

	return m != NULL && m->value != NULL ? m->value->text : name;
}

/* The ModelId of model argument A: a model's ARN as it stands, else a
 * foundation model's ARN in the stack's region. */
static const char *model_arn(struct lower *lw, const struct lang_value *a)
{
	const char *id = a->kind == LV_IDENT ? model_id(lw, a->text) : a->text;
	struct sfn_buf arn;

	if (lw->arn_of != NULL && strcmp(id, lw->arn_of) == 0)
		return lw->arn; /* tasks in a row mostly use one model */
	sfn_buf_init(&arn, (size_t) 4 * SFN_LANG_MAX_TOKEN);
	if (strncmp(id, "arn:", 4) != 0) {
		sfn_buf_adds(&arn, "arn:aws:bedrock:");
		sfn_buf_adds(&arn, lw->ctx->region);
		sfn_buf_adds(&arn, "::foundation-model/");
	}
	sfn_buf_adds(&arn, id);
	lw->arn = arn.status == SFN_OK
	                  ? sfn_arena_strdup(lw->ctx->arena, sfn_buf_str(&arn))
	                  : NULL;
	lw->arn_of = lw->arn != NULL ? id : NULL;
	sfn_buf_free(&arn);
	return lw->arn;
}

/* The members of a Bedrock task's parameters (arguments) clause C join
 * the ModelId and Body in PARAMS: Accept, ContentType, Trace, ...
 * ModelId is the call's; Body is the body clause's when there is one. */
static void merge_params(struct lower *lw, cJSON *params,
                         const struct lang_item *c, int has_body)
{
	const struct lang_value *v = c->value;
	cJSON *o, *m;

	lw->merged = c;
	if (v == NULL || v->kind != LV_OBJECT) {
		Sfn_lang_report(lw->ctx, SFN_RULE_SFN_FIELD_VALUE,
		                v ? &v->span : &c->span,
		                "a Bedrock task's '%s' is an object whose "
		                "members join ModelId and Body",
		                c->name);
		return;
	}
	for (const struct lang_member *e = v->members; e; e = e->next)
		if (strcmp(e->key, "ModelId") == 0)
			Sfn_lang_report(lw->ctx, SFN_RULE_SFN_DUPLICATE_FIELD,
			                &e->key_span,
			                "ModelId is the model the task names "
			                "(bedrock.invoke_model(MODEL)); give "
			                "it there%s",
			                "");
		else if (strcmp(e->key, "Body") == 0 && has_body)
			Sfn_lang_report(lw->ctx, SFN_RULE_SFN_DUPLICATE_FIELD,
			                &e->key_span,
			                "the task's 'body' clause gives Body "
			                "already; give it once%s",
			                "");
	o = value(lw, v, LF_PAYLOAD);
	while (o != NULL && params != NULL && (m = o->child) != NULL) {
		cJSON_DetachItemViaPointer(o, m);
		if (!cJSON_GetObjectItemCaseSensitive(params, m->string))
			Sfn_lang_tree_push(params, m);
	}
	if (o == NULL)
		lw->fail = 1;
}

/* task X = bedrock.invoke_model(Model) { body {...} } */
static void integration(struct lower *lw, cJSON *st, const struct lang_item *t,
                        int jsonata)
{
	const struct lang_value *a = t->value;
	const struct lang_item *body = find(t->body, LI_FIELD, "body");
	cJSON *params;

	if (a == NULL)
		return;
	add(lw, st, "Resource", str(lw, "arn:aws:states:::bedrock:invokeModel"),
	    &t->fn_span, &t->fn_span);
	params = add(lw, st, jsonata ? "Arguments" : "Parameters",
	             node(lw, cJSON_Object), &t->fn_span, &t->fn_span);
	add(lw, params, "ModelId", str(lw, model_arn(lw, a)), &a->span,
	    &a->span);
	if (body != NULL && body->value != NULL)
		add(lw, params,
		    body->value->kind == LV_PATH || body->value->kind == LV_CALL
		            ? "Body.$"
		            : "Body",
		    value(lw, body->value, LF_PAYLOAD), &body->value->span,
		    &body->name_span);
	if (find(t->body, LI_FIELD, jsonata ? "arguments" : "parameters"))
		merge_params(lw, params,
		             find(t->body, LI_FIELD,
		                  jsonata ? "arguments" : "parameters"),
		             body != NULL);
}

/* wait X 10s, wait X until $.t, map X over $.items */
static void head(struct lower *lw, cJSON *st, const struct lang_item *s,
                 int jsonata)
{
	const struct lang_value *v = s->value;
	int path = v != NULL && v->kind == LV_PATH;
	const char *key;

	if (s->head == LH_CALL) {
		integration(lw, st, s, jsonata);
		return;
	}
	if (v == NULL)
		return;
	if (s->head == LH_OVER)
		key = path ? "ItemsPath" : "Items";
	else if (s->head == LH_UNTIL)
		key = path ? "TimestampPath" : "Timestamp";
	else
		key = path ? "SecondsPath" : "Seconds";
	add(lw, st, key, value(lw, v, LF_VALUE), &v->span, &s->fn_span);
}

static int uses_jsonata(const struct lang_item *items, int inherited)
{
	const struct lang_item *q = find(items, LI_FIELD, "query_language");

	if (q == NULL || q->value == NULL)
		return inherited;
	return strcmp(q->value->text, "jsonata") == 0;
}

/* The map's ItemProcessor: ProcessorConfig, then its states. */
static void processor(struct lower *lw, cJSON *st, const struct lang_item *m)
{
	const struct lang_item *mode =
	        find(m->body, LI_FIELD, "processor_mode");
	const struct lang_item *exec =
	        find(m->body, LI_FIELD, "execution_type");
	const struct lang_item *legacy =
	        find(m->body, LI_FIELD, "legacy_iterator");
	int iterator = legacy != NULL && legacy->value != NULL &&
	               legacy->value->kind == LV_BOOL && legacy->value->boolean;
	cJSON *p = add(lw, st, iterator ? "Iterator" : "ItemProcessor",
	               node(lw, cJSON_Object), &m->span, &m->name_span);
	cJSON *cfg;

	if (p == NULL)
		return;
	if (mode != NULL || exec != NULL) {
		cfg = add(lw, p, "ProcessorConfig", node(lw, cJSON_Object),
		          &m->name_span, NULL);
		if (mode != NULL && cfg != NULL)
			field(lw, cfg, mode, mode->field);
		if (exec != NULL && cfg != NULL)
			field(lw, cfg, exec, exec->field);
	}
	scope_into(lw, p, m->body, m);
}

static void branches(struct lower *lw, cJSON *st, const struct lang_item *par)
{
	cJSON *list = NULL;

	for (const struct lang_item *it = par->body; Sfn_lang_clause(it);
	     it = it->next) {
		cJSON *b;

		if (it->kind != LI_BRANCH)
			continue;
		b = entry(lw, st, "Branches", &list, it);
		if (b == NULL)
			return;
		fields(lw, b, it->body);
		scope_into(lw, b, it->body, it);
	}
}

static int terminal(const struct lang_item *s, const cJSON *st)
{
	const cJSON *t;

	if (s->state != LS_ASL)
		return s->state == LS_CHOICE || s->state == LS_SUCCEED ||
		       s->state == LS_FAIL;
	t = cJSON_GetObjectItemCaseSensitive(st, "Type");
	return cJSON_IsString(t) && (strcmp(t->valuestring, "Choice") == 0 ||
	                             strcmp(t->valuestring, "Succeed") == 0 ||
	                             strcmp(t->valuestring, "Fail") == 0);
}

/* Next or End: as written, else on to FOLLOWING, else the end. */
static void transition(struct lower *lw, cJSON *st, const struct lang_item *s,
                       const struct lang_item *following)
{
	const struct lang_item *n = find(s->body, LI_NEXT, NULL);
	const struct lang_item *e = find(s->body, LI_END, NULL);

	if (s->state == LS_ASL &&
	    (cJSON_HasObjectItem(st, "Next") || cJSON_HasObjectItem(st, "End")))
		return;
	if (n != NULL)
		add(lw, st, "Next", str(lw, n->target), &n->target_span,
		    &n->name_span);
	else if (e != NULL)
		add(lw, st, "End", node(lw, cJSON_True), &e->span, &e->span);
	else if (terminal(s, st))
		return;
	else if (following != NULL)
		add(lw, st, "Next", str(lw, following->name),
		    &following->name_span, &s->name_span);
	else
		add(lw, st, "End", node(lw, cJSON_True), &s->name_span,
		    &s->name_span);
}

static cJSON *state(struct lower *lw, const struct lang_item *s,
                    const struct lang_item *following)
{
	cJSON *st;
	int outer = lw->jsonata;

	if (s->state == LS_ASL) {
		st = value(lw, s->value, LF_LITERAL);
		if (st != NULL)
			transition(lw, st, s, following);
		return st;
	}
	st = node(lw, cJSON_Object);
	if (st == NULL) {
		lw->fail = 1;
		return NULL;
	}
	lw->jsonata = uses_jsonata(s->body, outer);
	add(lw, st, "Type", str(lw, type_names[s->state]), &s->span, &s->span);
	head(lw, st, s, lw->jsonata);
	fields(lw, st, s->body);
	if (s->state == LS_PARALLEL)
		branches(lw, st, s);
	else if (s->state == LS_MAP)
		processor(lw, st, s);
	handlers(lw, st, s->body, LI_RETRY);
	handlers(lw, st, s->body, LI_CATCH);
	if (s->state == LS_CHOICE)
		choices(lw, st, s->body);
	transition(lw, st, s, following);
	lw->jsonata = outer;
	return st;
}

static const struct lang_item *next_state(const struct lang_item *it)
{
	for (it = it->next; it != NULL; it = it->next)
		if (it->kind == LI_STATE)
			return it;
	return NULL;
}

/* StartAt and States of the states among ITEMS, into OBJ. */
static void scope_into(struct lower *lw, cJSON *obj,
                       const struct lang_item *items,
                       const struct lang_item *owner)
{
	const struct lang_item *first = find(items, LI_STATE, NULL);
	cJSON *states;

	if (first != NULL)
		add(lw, obj, "StartAt", str(lw, first->name), &first->name_span,
		    &owner->name_span);
	states = add(lw, obj, "States", node(lw, cJSON_Object), &owner->span,
	             &owner->name_span);
	for (const struct lang_item *it = first; it && states;
	     it = next_state(it))
		add(lw, states, it->name, state(lw, it, next_state(it)),
		    &it->span, &it->name_span);
}

cJSON *Sfn_lang_lower(struct lang_ctx *ctx, const struct lang_item *stack,
                      const struct lang_item *machine, struct lang_spans *spans)
{
	struct lower lw = { ctx, stack, spans, 0, 0, NULL, NULL, NULL };
	cJSON *root = node(&lw, cJSON_Object);

	if (root == NULL)
		return NULL;
	spans_open(&lw, root, machine);
	Sfn_lang_track(spans, root, &machine->span, &machine->name_span);
	lw.jsonata = uses_jsonata(machine->body, 0);
	fields(&lw, root, machine->body);
	scope_into(&lw, root, machine->body, machine);
	return lw.fail ? NULL : root;
}
