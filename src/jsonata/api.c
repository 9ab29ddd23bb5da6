/* The public face of the JSONata engine (include/sfn/jsonata.h): parse
 * once into an arena of its own, evaluate with a fresh arena per call,
 * hand results back as cJSON or write them as JSON text to a sink. Knows
 * nothing of ASL. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "jsonata/eval.h"
#include "sfn/json.h"

struct sfn_jsonata {
	struct sfn_arena arena; /* the tree and its strings */
	struct jn_node *root;
	struct jn_list regexes; /* nodes holding compiled regexes */
	struct jn_list calls;   /* variables called ($f(...)) */
	struct jn_proj *reads;  /* what the expression reads of its input */
	char *text;             /* the expression, NUL-terminated */
	size_t len;
};

static void clear_error(struct sfn_jsonata_error *err)
{
	memset(err, 0, sizeof(*err));
}

void sfn_jsonata_free(struct sfn_jsonata *expr)
{
	if (expr == NULL)
		return;
	for (size_t i = 0; i < expr->regexes.n; i++)
		Sfn_jn_regex_free(expr->regexes.v[i]->re);
	sfn_arena_free(&expr->arena);
	free(expr);
}

enum sfn_status sfn_jsonata_parse(const char *text, size_t len,
                                  struct sfn_jsonata **out,
                                  struct sfn_jsonata_error *err)
{
	struct sfn_jsonata_error local;
	struct sfn_jsonata *e;
	struct jn_ctx c = { 0 };

	*out = NULL;
	if (err == NULL)
		err = &local;
	clear_error(err);
	c.err = err;
	if (len > SFN_JSONATA_MAX_LENGTH) {
		Sfn_jn_fail(&c, "U1003", 0, "Expression longer than %d bytes",
		            SFN_JSONATA_MAX_LENGTH);
		return SFN_ERR_LIMIT;
	}
	e = calloc(1, sizeof(*e));
	if (e == NULL)
		return SFN_ERR_NOMEM;
	sfn_arena_init(&e->arena);
	c.arena = &e->arena;
	c.regexes = &e->regexes;
	c.calls = &e->calls;
	c.max_depth = SFN_JSONATA_MAX_DEPTH;
	e->text = sfn_arena_strndup(&e->arena, text, len);
	e->len = len;
	if (e->text == NULL || Sfn_jn_parse(&c, e->text, len, &e->root) != 0 ||
	    Sfn_jn_project(&c, e->root, &e->reads) != 0) {
		enum sfn_status st = c.limit ? SFN_ERR_LIMIT : SFN_ERR_SYNTAX;

		if (!c.failed)
			st = SFN_ERR_NOMEM;
		sfn_jsonata_free(e);
		return st;
	}
	*out = e;
	return SFN_OK;
}

int sfn_jsonata_find_call(const struct sfn_jsonata *expr, const char *name,
                          size_t *position)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < expr->calls.n; i++) {
		const struct jn_node *v = expr->calls.v[i];

		if (v->len == len && memcmp(v->str, name, len) == 0) {
			*position = v->pos - len - 1; /* at the '$' */
			return 1;
		}
	}
	return 0;
}

static void budget_of(struct jn_ctx *c, const struct sfn_jsonata_budget *b)
{
	c->max_depth = SFN_JSONATA_MAX_DEPTH;
	c->max_steps = SFN_JSONATA_MAX_STEPS;
	c->max_memory = SFN_JSONATA_MAX_MEMORY;
	if (b == NULL)
		return;
	if (b->max_depth > 0)
		c->max_depth = b->max_depth;
	if (b->max_steps > 0)
		c->max_steps = b->max_steps;
	if (b->max_memory > 0)
		c->max_memory = b->max_memory;
	Sfn_jn_set_deadline(c, b->time_ms);
}

/* The root frame: $$ is the input, then the caller's bindings. */
static int root_frame(struct jn_ctx *c, struct jn_val *in,
                      const cJSON *bindings, struct jn_env **out)
{
	struct jn_env *env = Sfn_jn_env_new(c, NULL);

	*out = env;
	if (env == NULL || Sfn_jn_bind(c, env, "$", in) != 0)
		return -1;
	for (const cJSON *b = bindings != NULL ? bindings->child : NULL;
	     b != NULL; b = b->next) {
		struct jn_val *v = Sfn_jn_from_cjson(c, b);

		if (v == NULL || b->string == NULL ||
		    Sfn_jn_bind(c, env, b->string, v) != 0)
			return -1;
	}
	return 0;
}

/* Where the result goes: a new cJSON tree, or JSON text to a sink. */
struct output {
	cJSON **tree;
	const struct sfn_jsonata_sink *sink; /* when TREE is NULL */
};

/* The input: a cJSON tree or JSON text (TEXT not NULL); with AT the
 * text is no input but a member of a variable's object. */
struct input {
	const cJSON *json;
	struct jn_text text;
	const struct sfn_jsonata_place *at;
};

/* The input as the expression sees it: only what it can read is built. */
static int input_of(struct jn_ctx *c, const struct input *input,
                    const struct jn_proj *reads, struct jn_val **out)
{
	struct jn_val *in = NULL;

	*out = NULL;
	if (input->text.text != NULL) {
		if (Sfn_jn_input_text(c, &input->text, reads, &in) != 0)
			return -1;
	} else if (input->json != NULL) {
		in = Sfn_jn_from_cjson_some(c, input->json, reads);
		if (in == NULL)
			return -1;
	}
	if (Sfn_jn_is_arr(in)) {
		in = Sfn_jn_seq_of(c, in);
		if (in == NULL)
			return -1;
		in->flags |= JN_OUTER;
	}
	*out = in;
	return 0;
}

/* The text of INPUT bound where INPUT->at says in ENV, built with only
 * what E reads of the variable's member. */
static int bind_text(struct jn_ctx *c, const struct sfn_jsonata *e,
                     const struct input *input, struct jn_env *env)
{
	static const struct jn_proj none = { NULL, NULL, NULL, 0 };
	const struct sfn_jsonata_place *at = input->at;
	const struct jn_proj *p;
	struct jn_proj *reads;
	struct jn_val *doc, *obj;
	int keep, found;

	if (Sfn_jn_project_var(c, e->root, at->var, &reads) != 0)
		return -1;
	p = Sfn_jn_proj_member(reads, at->member, strlen(at->member), &keep);
	if (Sfn_jn_input_text(c, &input->text, keep ? p : &none, &doc) != 0)
		return -1;
	obj = Sfn_jn_lookup(c, env, at->var, &found);
	if (!Sfn_jn_is_obj(obj)) {
		obj = Sfn_jn_obj(c);
		if (obj == NULL || Sfn_jn_bind(c, env, at->var, obj) != 0)
			return -1;
	}
	return Sfn_jn_set(c, obj, at->member, doc);
}

static enum sfn_status evaluate(struct jn_ctx *c, const struct sfn_jsonata *e,
                                const struct input *input,
                                const cJSON *bindings, const struct output *out)
{
	struct jn_val *in = NULL, *r;
	struct jn_env *env;

	if ((input->at == NULL && input_of(c, input, e->reads, &in) != 0) ||
	    root_frame(c, in, bindings, &env) != 0 ||
	    (input->at != NULL && bind_text(c, e, input, env) != 0) ||
	    Sfn_jn_eval(c, e->root, in, env, &r) != 0)
		return c->limit ? SFN_ERR_LIMIT : SFN_ERR_SYNTAX;
	if (Sfn_jn_is_fn(r))
		r = NULL; /* a function is no JSON result */
	if (out->tree == NULL)
		return Sfn_jn_write(c, r, out->sink);
	if (Sfn_jn_to_cjson(c, r, out->tree) != 0)
		return SFN_ERR_NOMEM;
	return SFN_OK;
}

/* One evaluation of EXPR over INPUT (a tree or text) with OPTS. */
static enum sfn_status eval_with(const struct sfn_jsonata *expr,
                                 const struct input *input,
                                 const cJSON *bindings,
                                 const struct sfn_jsonata_opts *opts,
                                 const struct output *out,
                                 struct sfn_jsonata_error *err)
{
	struct sfn_jsonata_error local;
	struct sfn_arena arena, spare;
	struct jn_list regexes = { 0 }; /* compiled by $eval */
	struct jn_ctx c = { 0 };
	enum sfn_status st;

	if (out->tree != NULL)
		*out->tree = NULL;
	if (err == NULL)
		err = &local;
	clear_error(err);
	sfn_arena_init(&arena);
	sfn_arena_init(&spare);
	c.arena = &arena;
	c.spare = &spare;
	c.err = err;
	c.regexes = &regexes;
	c.opts = opts;
	budget_of(&c, opts != NULL ? opts->budget : NULL);
	/* a size computed from the data (a $pad width) never reaches
	 * malloc past the budget */
	arena.limit = spare.limit = c.max_memory;
	c.bsigs = calloc(Sfn_jn_builtin_count(), sizeof(*c.bsigs));
	st = c.bsigs == NULL ? SFN_ERR_NOMEM
	                     : evaluate(&c, expr, input, bindings, out);
	free(c.bsigs);
	for (size_t i = 0; i < regexes.n; i++)
		Sfn_jn_regex_free(regexes.v[i]->re);
	sfn_arena_free(&arena);
	sfn_arena_free(&spare);
	return st;
}

enum sfn_status sfn_jsonata_eval_opts(const struct sfn_jsonata *expr,
                                      const cJSON *input, const cJSON *bindings,
                                      const struct sfn_jsonata_opts *opts,
                                      cJSON **result,
                                      struct sfn_jsonata_error *err)
{
	struct input in = { input, { NULL, 0, 0 }, NULL };
	struct output out = { result, NULL };

	return eval_with(expr, &in, bindings, opts, &out, err);
}

enum sfn_status sfn_jsonata_eval(const struct sfn_jsonata *expr,
                                 const cJSON *input, const cJSON *bindings,
                                 const struct sfn_jsonata_budget *budget,
                                 cJSON **result, struct sfn_jsonata_error *err)
{
	struct sfn_jsonata_opts o = { SFN_JSONATA_STANDARD, budget, NULL,
		                      NULL };
	struct input in = { input, { NULL, 0, 0 }, NULL };
	struct output out = { result, NULL };

	return eval_with(expr, &in, bindings, &o, &out, err);
}

enum sfn_status sfn_jsonata_eval_text(const struct sfn_jsonata *expr,
                                      const char *text, size_t len,
                                      const cJSON *bindings,
                                      const struct sfn_jsonata_budget *budget,
                                      cJSON **result,
                                      struct sfn_jsonata_error *err)
{
	struct sfn_jsonata_opts o = { SFN_JSONATA_STANDARD, budget, NULL,
		                      NULL };
	struct input in = { NULL, { text, len, 0 }, NULL };
	struct output out = { result, NULL };

	return eval_with(expr, &in, bindings, &o, &out, err);
}

enum sfn_status sfn_jsonata_eval_write(const struct sfn_jsonata *expr,
                                       const cJSON *input,
                                       const cJSON *bindings,
                                       const struct sfn_jsonata_budget *budget,
                                       const struct sfn_jsonata_sink *sink,
                                       struct sfn_jsonata_error *err)
{
	struct sfn_jsonata_opts o = { SFN_JSONATA_STANDARD, budget, NULL,
		                      NULL };
	struct input in = { input, { NULL, 0, 0 }, NULL };
	struct output out = { NULL, sink };

	return eval_with(expr, &in, bindings, &o, &out, err);
}

enum sfn_status sfn_jsonata_eval_text_write(
        const struct sfn_jsonata *expr, const char *text, size_t len,
        const cJSON *bindings, const struct sfn_jsonata_budget *budget,
        const struct sfn_jsonata_sink *sink, struct sfn_jsonata_error *err)
{
	struct sfn_jsonata_opts o = { SFN_JSONATA_STANDARD, budget, NULL,
		                      NULL };
	struct input in = { NULL, { text, len, 0 }, NULL };
	struct output out = { NULL, sink };

	return eval_with(expr, &in, bindings, &o, &out, err);
}

/* eval_with over the document in the file PATH, mapped where it can be;
 * IN says where it goes. */
static enum sfn_status eval_file(const struct sfn_jsonata *expr,
                                 const char *path, struct input *in,
                                 const cJSON *bindings,
                                 const struct sfn_jsonata_opts *opts,
                                 const struct output *out,
                                 struct sfn_jsonata_error *err)
{
	enum sfn_status st;

	if (err != NULL)
		clear_error(err);
	if (out->tree != NULL)
		*out->tree = NULL;
	st = sfn_map_file(path, SFN_JSON_MAX_BYTES, &in->text.text,
	                  &in->text.len, &in->text.mapped);
	if (st != SFN_OK)
		return st;
	st = eval_with(expr, in, bindings, opts, out, err);
	sfn_file_release(in->text.text, in->text.len, in->text.mapped);
	return st;
}

enum sfn_status sfn_jsonata_eval_file_write(
        const struct sfn_jsonata *expr, const char *path, const cJSON *bindings,
        const struct sfn_jsonata_budget *budget,
        const struct sfn_jsonata_sink *sink, struct sfn_jsonata_error *err)
{
	struct sfn_jsonata_opts o = { SFN_JSONATA_STANDARD, budget, NULL,
		                      NULL };
	struct input in = { NULL, { NULL, 0, 0 }, NULL };
	struct output out = { NULL, sink };

	return eval_file(expr, path, &in, bindings, &o, &out, err);
}

enum sfn_status sfn_jsonata_eval_file(const struct sfn_jsonata *expr,
                                      const char *path,
                                      const struct sfn_jsonata_place *at,
                                      const cJSON *bindings,
                                      const struct sfn_jsonata_opts *opts,
                                      cJSON **result,
                                      struct sfn_jsonata_error *err)
{
	struct input in = { NULL, { NULL, 0, 0 }, at };
	struct output out = { result, NULL };

	return eval_file(expr, path, &in, bindings, opts, &out, err);
}
