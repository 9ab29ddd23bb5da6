/* Evaluation: arguments left to right, then dispatch through the table of
 * the eighteen functions. Knows how errors are worded, not what any one
 * function computes; path arguments go to the caller's resolver. */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "intrinsic/intrinsic_int.h"
#include "util/random.h"

/* Sorted by name for bsearch. */
static const struct intr_func functions[] = {
	{ "States.Array", 0, INTR_MANY, { T_ANY }, Sfn_intr_array },
	{ "States.ArrayContains",
	  2,
	  2,
	  { T_ARRAY, T_ANY },
	  Sfn_intr_array_contains },
	{ "States.ArrayGetItem",
	  2,
	  2,
	  { T_ARRAY, T_NUMBER },
	  Sfn_intr_array_get_item },
	{ "States.ArrayLength", 1, 1, { T_ARRAY }, Sfn_intr_array_length },
	{ "States.ArrayPartition",
	  2,
	  2,
	  { T_ARRAY, T_NUMBER },
	  Sfn_intr_array_partition },
	{ "States.ArrayRange",
	  3,
	  3,
	  { T_NUMBER, T_NUMBER, T_NUMBER },
	  Sfn_intr_array_range },
	{ "States.ArrayUnique", 1, 1, { T_ARRAY }, Sfn_intr_array_unique },
	{ "States.Base64Decode", 1, 1, { T_STRING }, Sfn_intr_base64_decode },
	{ "States.Base64Encode", 1, 1, { T_STRING }, Sfn_intr_base64_encode },
	{ "States.Format", 1, INTR_MANY, { T_STRING }, Sfn_intr_format },
	{ "States.Hash", 2, 2, { T_ANY, T_STRING }, Sfn_intr_hash },
	{ "States.JsonMerge",
	  3,
	  3,
	  { T_OBJECT, T_OBJECT, T_ANY },
	  Sfn_intr_json_merge },
	{ "States.JsonToString", 1, 1, { T_ANY }, Sfn_intr_json_to_string },
	{ "States.MathAdd", 2, 2, { T_NUMBER, T_NUMBER }, Sfn_intr_math_add },
	{ "States.MathRandom",
	  2,
	  3,
	  { T_NUMBER, T_NUMBER, T_NUMBER },
	  Sfn_intr_math_random },
	{ "States.StringSplit",
	  2,
	  2,
	  { T_STRING, T_STRING },
	  Sfn_intr_string_split },
	{ "States.StringToJson", 1, 1, { T_STRING }, Sfn_intr_string_to_json },
	{ "States.UUID", 0, INTR_MANY, { T_ANY }, Sfn_intr_uuid },
};

#define NFUNCTIONS (sizeof(functions) / sizeof(functions[0]))

static int by_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct intr_func *) elem)->name);
}

const struct intr_func *Sfn_intr_lookup(const char *name)
{
	return bsearch(name, functions, NFUNCTIONS, sizeof(functions[0]),
	               by_name);
}

const struct intr_func *Sfn_intr_func_at(size_t i)
{
	return i < NFUNCTIONS ? &functions[i] : NULL;
}

enum intr_type Sfn_intr_arg_type(const struct intr_func *f, size_t i)
{
	return i < 3 ? f->types[i] : T_ANY;
}

/* Sets ERR to NAME and "The function '<text>' had the following error:
 * DETAIL", the part of the service's cause that does not name a state. */
static enum sfn_status set_error(struct intr_ctx *c, const char *name,
                                 const char *detail)
{
	const struct sfn_intrinsic *r = c->root;
	struct sfn_buf cause;

	sfn_error_clear(c->err);
	sfn_buf_init(&cause, INTR_MAX_TEXT);
	sfn_buf_printf(&cause,
	               "The function '%.*s' had the following "
	               "error: %s",
	               (int) (r->end - r->pos), r->text + r->pos, detail);
	c->err->cause = sfn_buf_take(&cause);
	c->err->name = strdup(name);
	if (c->err->cause == NULL || c->err->name == NULL) {
		sfn_error_clear(c->err);
		return SFN_ERR_NOMEM;
	}
	return SFN_ERR_FAILED;
}

enum sfn_status Sfn_intr_fail(struct intr_ctx *c, const char *fmt, ...)
{
	struct sfn_buf detail;
	enum sfn_status st;
	va_list ap;

	sfn_buf_init(&detail, INTR_MAX_TEXT);
	va_start(ap, fmt);
	sfn_buf_vprintf(&detail, fmt, ap);
	va_end(ap);
	if (detail.status == SFN_ERR_NOMEM) {
		sfn_buf_free(&detail);
		return SFN_ERR_NOMEM;
	}
	st = set_error(c, "States.Runtime", sfn_buf_str(&detail));
	sfn_buf_free(&detail);
	return st;
}

enum sfn_status Sfn_intr_invalid(struct intr_ctx *c)
{
	return Sfn_intr_fail(c, "Invalid arguments in %s", c->call->name);
}

enum sfn_status Sfn_intr_take_string(struct intr_ctx *c, struct sfn_buf *b,
                                     cJSON **out)
{
	enum sfn_status st = b->status;

	if (st == SFN_OK)
		*out = cJSON_CreateString(sfn_buf_str(b));
	sfn_buf_free(b);
	if (st == SFN_ERR_LIMIT)
		return Sfn_intr_fail(c, "The result of %s is too large",
		                     c->call->name);
	return st == SFN_OK && *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}

int Sfn_intr_random(struct intr_ctx *c, unsigned char *buf, size_t n)
{
	if (c->env != NULL && c->env->random != NULL)
		return c->env->random(c->env->ctx, buf, n) == 1;
	return Sfn_random_bytes(buf, n);
}

/* Resolves path A. A resolver's cause becomes the detail; without one
 * the detail is the service's wording for a path that matches nothing. */
static enum sfn_status resolve(struct intr_ctx *c, const struct intr_arg *a,
                               cJSON **out)
{
	struct sfn_error e = { NULL, NULL };
	enum sfn_status st = SFN_ERR_FAILED;

	if (c->env != NULL && c->env->resolve != NULL)
		st = c->env->resolve(c->env->ctx, a->str, out, &e);
	if (st == SFN_OK && *out != NULL)
		return SFN_OK;
	cJSON_Delete(*out);
	*out = NULL;
	if (st != SFN_ERR_NOMEM && e.cause != NULL)
		st = set_error(c, e.name ? e.name : "States.Runtime", e.cause);
	else if (st != SFN_ERR_NOMEM)
		st = Sfn_intr_fail(c,
		                   "The JsonPath argument for the field '%s' "
		                   "could not be found in the input",
		                   a->str);
	sfn_error_clear(&e);
	return st;
}

static enum sfn_status eval_call(struct intr_ctx *c,
                                 const struct sfn_intrinsic *call, cJSON **out);

static enum sfn_status literal(const struct intr_arg *a, cJSON **out)
{
	switch (a->kind) {
	case INTR_STRING:
		*out = cJSON_CreateString(a->str);
		break;
	case INTR_NUMBER:
		*out = cJSON_CreateNumber(a->num);
		break;
	case INTR_TRUE:
	case INTR_FALSE:
		*out = cJSON_CreateBool(a->kind == INTR_TRUE);
		break;
	default:
		*out = cJSON_CreateNull();
	}
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}

/* Recurses through eval_call once per nested call: no deeper than the
 * parser allowed (SFN_INTRINSIC_MAX_DEPTH), so no limit of its own. */
static enum sfn_status eval_arg(struct intr_ctx *c, const struct intr_arg *a,
                                cJSON **out)
{
	*out = NULL;
	if (a->kind == INTR_PATH)
		return resolve(c, a, out);
	if (a->kind == INTR_CALL)
		return eval_call(c, a->call, out);
	return literal(a, out);
}

static void free_values(cJSON **argv, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cJSON_Delete(argv[i]);
	free(argv);
}

/* Evaluates the arguments, then runs F on them. */
static enum sfn_status apply(struct intr_ctx *c, const struct intr_func *f,
                             const struct sfn_intrinsic *call, cJSON **out)
{
	cJSON **argv = calloc(call->nargs + 1, sizeof(*argv));
	enum sfn_status st = SFN_OK;

	if (argv == NULL)
		return SFN_ERR_NOMEM;
	for (size_t i = 0; i < call->nargs && st == SFN_OK; i++)
		st = eval_arg(c, call->args[i], &argv[i]);
	if (st == SFN_OK) {
		c->call = call;
		st = f->run(c, argv, call->nargs, out);
	}
	free_values(argv, call->nargs);
	return st;
}

static enum sfn_status eval_call(struct intr_ctx *c,
                                 const struct sfn_intrinsic *call, cJSON **out)
{
	const struct intr_func *f = Sfn_intr_lookup(call->name);

	c->call = call;
	if (f == NULL)
		return Sfn_intr_fail(c,
		                     "The function '%s' is not a known "
		                     "intrinsic function",
		                     call->name);
	if (call->nargs < f->min || call->nargs > f->max)
		return Sfn_intr_invalid(c);
	return apply(c, f, call, out);
}

enum sfn_status sfn_intrinsic_eval(const struct sfn_intrinsic *call,
                                   const struct sfn_intrinsic_env *env,
                                   cJSON **result, struct sfn_error *err)
{
	struct intr_ctx c = { call, call, env, err };
	enum sfn_status st;

	*result = NULL;
	st = eval_call(&c, call, result);
	if (st != SFN_OK) {
		cJSON_Delete(*result);
		*result = NULL;
	}
	return st;
}
