/* The table of built-in functions: name, signature, implementation and
 * the arity a callback sees; JSONata's own first, then those Step
 * Functions' dialect adds or replaces. Knows nothing of ASL. */
#include "config.h"

#include <string.h>

#include "jsonata/fn.h"

static const struct jn_builtin builtins[] = {
	{ "sum", "<a<n>:n>", Sfn_jn_fn_sum, 1 },
	{ "count", "<a:n>", Sfn_jn_fn_count, 1 },
	{ "max", "<a<n>:n>", Sfn_jn_fn_max, 1 },
	{ "min", "<a<n>:n>", Sfn_jn_fn_min, 1 },
	{ "average", "<a<n>:n>", Sfn_jn_fn_average, 1 },
	{ "string", "<x-b?:s>", Sfn_jn_fn_string, 1 },
	{ "substring", "<s-nn?:s>", Sfn_jn_fn_substring, 3 },
	{ "substringBefore", "<s-s:s>", Sfn_jn_fn_substring_before, 2 },
	{ "substringAfter", "<s-s:s>", Sfn_jn_fn_substring_after, 2 },
	{ "lowercase", "<s-:s>", Sfn_jn_fn_lowercase, 1 },
	{ "uppercase", "<s-:s>", Sfn_jn_fn_uppercase, 1 },
	{ "length", "<s-:n>", Sfn_jn_fn_length, 1 },
	{ "trim", "<s-:s>", Sfn_jn_fn_trim, 1 },
	{ "pad", "<s-ns?:s>", Sfn_jn_fn_pad, 3 },
	{ "match", "<s-f<s:o>n?:a<o>>", Sfn_jn_fn_match, 3 },
	{ "contains", "<s-(sf):b>", Sfn_jn_fn_contains, 2 },
	{ "replace", "<s-(sf)(sf)n?:s>", Sfn_jn_fn_replace, 4 },
	{ "split", "<s-(sf)n?:a<s>>", Sfn_jn_fn_split, 3 },
	{ "join", "<a<s>s?:s>", Sfn_jn_fn_join, 2 },
	{ "formatBase", "<n-n?:s>", Sfn_jn_fn_format_base, 2 },
	{ "formatNumber", "<n-so?:s>", Sfn_jn_fn_format_number, 3 },
	{ "formatInteger", "<n-s:s>", Sfn_jn_fn_format_integer, 2 },
	{ "parseInteger", "<s-s:n>", Sfn_jn_fn_parse_integer, 2 },
	{ "number", "<(nsb)-:n>", Sfn_jn_fn_number, 1 },
	{ "floor", "<n-:n>", Sfn_jn_fn_floor, 1 },
	{ "ceil", "<n-:n>", Sfn_jn_fn_ceil, 1 },
	{ "round", "<n-n?:n>", Sfn_jn_fn_round, 2 },
	{ "abs", "<n-:n>", Sfn_jn_fn_abs, 1 },
	{ "sqrt", "<n-:n>", Sfn_jn_fn_sqrt, 1 },
	{ "power", "<n-n:n>", Sfn_jn_fn_power, 2 },
	{ "random", "<:n>", Sfn_jn_fn_random, 0 },
	{ "boolean", "<x-:b>", Sfn_jn_fn_boolean, 1 },
	{ "not", "<x-:b>", Sfn_jn_fn_not, 1 },
	{ "map", "<af>", Sfn_jn_fn_map, 2 },
	{ "zip", "<a+>", Sfn_jn_fn_zip, 1 },
	{ "filter", "<af>", Sfn_jn_fn_filter, 2 },
	{ "single", "<af?>", Sfn_jn_fn_single, 2 },
	{ "reduce", "<afj?:j>", Sfn_jn_fn_reduce, 3 },
	{ "sift", "<o-f?:o>", Sfn_jn_fn_sift, 2 },
	{ "keys", "<x-:a<s>>", Sfn_jn_fn_keys, 1 },
	{ "lookup", "<x-s:x>", Sfn_jn_fn_lookup, 2 },
	{ "append", "<xx:a>", Sfn_jn_fn_append, 2 },
	{ "exists", "<x:b>", Sfn_jn_fn_exists, 1 },
	{ "spread", "<x-:a<o>>", Sfn_jn_fn_spread, 1 },
	{ "merge", "<a<o>:o>", Sfn_jn_fn_merge, 1 },
	{ "reverse", "<a:a>", Sfn_jn_fn_reverse, 1 },
	{ "each", "<o-f:a>", Sfn_jn_fn_each, 2 },
	{ "error", "<s?:x>", Sfn_jn_fn_error, 1 },
	{ "assert", "<bs?:x>", Sfn_jn_fn_assert, 2 },
	{ "type", "<x:s>", Sfn_jn_fn_type, 1 },
	{ "sort", "<af?:a>", Sfn_jn_fn_sort, 2 },
	{ "shuffle", "<a:a>", Sfn_jn_fn_shuffle, 1 },
	{ "distinct", "<x:x>", Sfn_jn_fn_distinct, 1 },
	{ "base64encode", "<s-:s>", Sfn_jn_fn_base64encode, 1 },
	{ "base64decode", "<s-:s>", Sfn_jn_fn_base64decode, 1 },
	{ "encodeUrlComponent", "<s-:s>", Sfn_jn_fn_encode_url_component, 1 },
	{ "encodeUrl", "<s-:s>", Sfn_jn_fn_encode_url, 1 },
	{ "decodeUrlComponent", "<s-:s>", Sfn_jn_fn_decode_url_component, 1 },
	{ "decodeUrl", "<s-:s>", Sfn_jn_fn_decode_url, 1 },
	{ "eval", "<sx?:x>", Sfn_jn_fn_eval, 2 },
	{ "toMillis", "<s-s?:n>", Sfn_jn_fn_to_millis, 2 },
	{ "fromMillis", "<n-s?s?:s>", Sfn_jn_fn_from_millis, 3 },
	{ "clone", "<(oa)-:o>", Sfn_jn_fn_clone, 1 },
	{ "now", "<s?s?:s>", Sfn_jn_fn_now, 2 },
	{ "millis", "<:n>", Sfn_jn_fn_millis, 0 },
	/* Step Functions' dialect, from STATES_FIRST on */
	{ "partition", "<an:a>", Sfn_jn_fn_partition, 2 },
	{ "range", "<nnn:a<n>>", Sfn_jn_fn_range, 3 },
	{ "hash", "<ss:s>", Sfn_jn_fn_hash, 2 },
	{ "random", "<n?:n>", Sfn_jn_fn_random_seeded, 1 },
	{ "uuid", "<:s>", Sfn_jn_fn_uuid, 0 },
	{ "parse", "<s:j>", Sfn_jn_fn_parse, 1 },
};

#define BUILTINS     (sizeof(builtins) / sizeof(builtins[0]))
#define STATES_FIRST (BUILTINS - 6)

static const struct jn_builtin *find_in(const char *name, size_t from,
                                        size_t to)
{
	for (size_t i = from; i < to; i++) {
		if (strcmp(builtins[i].name, name) == 0)
			return &builtins[i];
	}
	return NULL;
}

/* Step Functions' dialect: its own functions first; JSONata's $eval is
 * not there (use $parse). */
const struct jn_builtin *Sfn_jn_builtin_find(const struct jn_ctx *c,
                                             const char *name)
{
	const struct jn_builtin *bi;

	if (c->opts == NULL || c->opts->dialect != SFN_JSONATA_STATES)
		return find_in(name, 0, STATES_FIRST);
	bi = find_in(name, STATES_FIRST, BUILTINS);
	if (bi == NULL && strcmp(name, "eval") != 0)
		bi = find_in(name, 0, STATES_FIRST);
	return bi;
}

size_t Sfn_jn_builtin_count(void)
{
	return BUILTINS;
}

int Sfn_jn_builtin_sig(struct jn_ctx *c, const struct jn_builtin *bi,
                       struct jn_sig **out)
{
	size_t i = (size_t) (bi - builtins);

	if (c->bsigs != NULL && c->bsigs[i] != NULL) {
		*out = c->bsigs[i];
		return 0;
	}
	if (Sfn_jn_sig_parse(c, bi->sig, strlen(bi->sig), 0, out) != 0)
		return -1;
	if (c->bsigs != NULL) {
		c->bsigs[i] = *out;
		c->pins++; /* kept for the whole evaluation */
	}
	return 0;
}
