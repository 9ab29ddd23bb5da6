/* The built-in functions of JSONata 2.x, one family per fn_*.c file,
 * registered in builtins.c. Each receives its arguments already checked
 * against its signature (one slot per parameter, NULL when missing).
 * Private to src/jsonata. */
#ifndef SFN_JSONATA_FN_H
#define SFN_JSONATA_FN_H

#include "jsonata/eval.h"

#define JN_FN_ARGS                                                             \
	struct jn_ctx *c, struct jn_val **a, size_t n, struct jn_val *in,      \
	        struct jn_env *env, size_t pos, struct jn_val **out

/* Calls F with up to three arguments, as many as F declares (at least
 * one): the reference's hofFuncArgs. */
int Sfn_jn_hof_call(struct jn_ctx *c, struct jn_val *f, struct jn_val *a1,
                    struct jn_val *a2, struct jn_val *a3, struct jn_env *env,
                    size_t pos, struct jn_val **out);
/* The code points of S (LEN bytes): *CP (arena) and *N. */
int Sfn_jn_codepoints(struct jn_ctx *c, const char *s, size_t len,
                      unsigned long **cp, size_t *n);
/* UTF-8 text of code points CP[FROM..TO). */
struct jn_val *Sfn_jn_from_codepoints(struct jn_ctx *c, const unsigned long *cp,
                                      size_t from, size_t to);

/* $fromMillis: MS as the date/time picture PIC (NULL: ISO 8601) in time
 * zone TZ ("+hhmm", NULL: UTC) says. */
int Sfn_jn_format_datetime(struct jn_ctx *c, double ms, const char *pic,
                           const char *tz, size_t pos, struct jn_val **out);

#define JN_FN(name) int name(JN_FN_ARGS)
JN_FN(Sfn_jn_fn_sum);
JN_FN(Sfn_jn_fn_count);
JN_FN(Sfn_jn_fn_max);
JN_FN(Sfn_jn_fn_min);
JN_FN(Sfn_jn_fn_average);
JN_FN(Sfn_jn_fn_number);
JN_FN(Sfn_jn_fn_abs);
JN_FN(Sfn_jn_fn_floor);
JN_FN(Sfn_jn_fn_ceil);
JN_FN(Sfn_jn_fn_sqrt);
JN_FN(Sfn_jn_fn_power);
JN_FN(Sfn_jn_fn_round);
JN_FN(Sfn_jn_fn_random);
JN_FN(Sfn_jn_fn_format_base);
JN_FN(Sfn_jn_fn_format_number);
JN_FN(Sfn_jn_fn_format_integer);
JN_FN(Sfn_jn_fn_parse_integer);
JN_FN(Sfn_jn_fn_string);
JN_FN(Sfn_jn_fn_substring);
JN_FN(Sfn_jn_fn_substring_before);
JN_FN(Sfn_jn_fn_substring_after);
JN_FN(Sfn_jn_fn_lowercase);
JN_FN(Sfn_jn_fn_uppercase);
JN_FN(Sfn_jn_fn_length);
JN_FN(Sfn_jn_fn_trim);
JN_FN(Sfn_jn_fn_pad);
JN_FN(Sfn_jn_fn_join);
JN_FN(Sfn_jn_fn_contains);
JN_FN(Sfn_jn_fn_split);
JN_FN(Sfn_jn_fn_replace);
JN_FN(Sfn_jn_fn_match);
JN_FN(Sfn_jn_fn_base64encode);
JN_FN(Sfn_jn_fn_base64decode);
JN_FN(Sfn_jn_fn_encode_url_component);
JN_FN(Sfn_jn_fn_encode_url);
JN_FN(Sfn_jn_fn_decode_url_component);
JN_FN(Sfn_jn_fn_decode_url);
JN_FN(Sfn_jn_fn_boolean);
JN_FN(Sfn_jn_fn_not);
JN_FN(Sfn_jn_fn_exists);
JN_FN(Sfn_jn_fn_type);
JN_FN(Sfn_jn_fn_error);
JN_FN(Sfn_jn_fn_assert);
JN_FN(Sfn_jn_fn_eval);
JN_FN(Sfn_jn_fn_now);
JN_FN(Sfn_jn_fn_millis);
JN_FN(Sfn_jn_fn_from_millis);
JN_FN(Sfn_jn_fn_to_millis);
JN_FN(Sfn_jn_fn_keys);
JN_FN(Sfn_jn_fn_lookup);
JN_FN(Sfn_jn_fn_append);
JN_FN(Sfn_jn_fn_spread);
JN_FN(Sfn_jn_fn_merge);
JN_FN(Sfn_jn_fn_reverse);
JN_FN(Sfn_jn_fn_each);
JN_FN(Sfn_jn_fn_sort);
JN_FN(Sfn_jn_fn_shuffle);
JN_FN(Sfn_jn_fn_distinct);
JN_FN(Sfn_jn_fn_zip);
JN_FN(Sfn_jn_fn_sift);
JN_FN(Sfn_jn_fn_clone);
JN_FN(Sfn_jn_fn_map);
JN_FN(Sfn_jn_fn_filter);
JN_FN(Sfn_jn_fn_single);
JN_FN(Sfn_jn_fn_reduce);
/* Step Functions' dialect (fn_states.c) */
JN_FN(Sfn_jn_fn_partition);
JN_FN(Sfn_jn_fn_range);
JN_FN(Sfn_jn_fn_hash);
JN_FN(Sfn_jn_fn_random_seeded);
JN_FN(Sfn_jn_fn_uuid);
JN_FN(Sfn_jn_fn_parse);

#endif
