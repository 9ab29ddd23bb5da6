/* The string functions: States.Format, StringSplit, StringToJson and
 * JsonToString. Values arrive evaluated; only Format looks back at its
 * first argument, to read a literal template's escapes. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sfn/json.h"
#include "intrinsic/intrinsic_int.h"

/* Whether C is a backslash or a brace: a bit set from the backslash. */
static int tmpl_special(char c)
{
	const uint64_t set =
	        1 | (uint64_t) 1 << ('{' - '\\') | (uint64_t) 1 << ('}' - '\\');
	unsigned char u = (unsigned char) c;

	return u >= '\\' && u <= '}' && ((set >> (u - '\\')) & 1);
}

enum intr_tmpl Sfn_intr_template(const char *s, size_t n, int escapes,
                                 cJSON *const *vals, size_t nvals,
                                 struct sfn_buf *out, size_t *count,
                                 size_t *bad)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		char ch;

		if (vals == NULL) { /* counting only: other bytes skipped */
			while (i < n && !tmpl_special(s[i]))
				i++;
			if (i == n)
				break;
		}
		ch = s[i];

		if (escapes && ch == '\\' && i + 1 < n) {
			ch = s[++i];
		} else if (ch == '{' && i + 1 < n && s[i + 1] == '}') {
			if (vals != NULL && k < nvals)
				Sfn_intr_render_java(vals[k], out);
			k++;
			i++;
			continue;
		} else if (ch == '{' || ch == '}') {
			*bad = i;
			*count = k;
			return ch == '{' ? TMPL_OPEN : TMPL_CLOSE;
		}
		if (vals != NULL)
			sfn_buf_addc(out, ch);
	}
	*count = k;
	return vals != NULL && k != nvals ? TMPL_COUNT : TMPL_OK;
}

static enum sfn_status template_error(struct intr_ctx *c, enum intr_tmpl r)
{
	if (r == TMPL_OPEN)
		return Sfn_intr_fail(c, "Invalid template in States.Format: "
		                        "matching '}' not found for '{'.");
	if (r == TMPL_CLOSE)
		return Sfn_intr_fail(c, "Invalid template in States.Format: "
		                        "matching '{' not found for '}'.");
	return Sfn_intr_fail(c,
	                     "Invalid arguments in States.Format: number of "
	                     "arguments do not match the occurrences of {}.");
}

/* States.Format(template, v...): each {} replaced by the next value as
 * Java's toString() renders it. A literal template keeps its escapes, so
 * \{ and \} stay braces; a template from a path or call has none. */
enum sfn_status Sfn_intr_format(struct intr_ctx *c, cJSON **argv, size_t argc,
                                cJSON **out)
{
	const struct intr_arg *t = c->call->args[0];
	int escapes = t->kind == INTR_STRING;
	const char *s;
	size_t n, count, bad;
	struct sfn_buf b;
	enum intr_tmpl r;

	if (!cJSON_IsString(argv[0]))
		return Sfn_intr_invalid(c);
	s = escapes ? t->raw : argv[0]->valuestring;
	n = escapes ? t->raw_len : strlen(s);
	sfn_buf_init(&b, INTR_MAX_TEXT);
	r = Sfn_intr_template(s, n, escapes, argv + 1, argc - 1, &b, &count,
	                      &bad);
	if (r != TMPL_OK) {
		sfn_buf_free(&b);
		return template_error(c, r);
	}
	return Sfn_intr_take_string(c, &b, out);
}

static int is_delim(uint32_t cp, const uint32_t *delims, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (delims[i] == cp)
			return 1;
	}
	return 0;
}

static int add_token(cJSON *array, const char *s, size_t n)
{
	char *copy = strndup(s, n);
	cJSON *item = copy != NULL ? cJSON_CreateString(copy) : NULL;

	free(copy);
	if (item == NULL || !cJSON_AddItemToArray(array, item)) {
		cJSON_Delete(item);
		return 0;
	}
	return 1;
}

/* Splits S as java.util.StringTokenizer(S, delims) does: every delimiter
 * code point ends a token, empty tokens are dropped. */
static cJSON *tokenize(const char *s, const uint32_t *delims, size_t nd)
{
	cJSON *out = cJSON_CreateArray();
	size_t i = 0, start = (size_t) -1;
	int ok = out != NULL;
	uint32_t cp;

	while (ok && s[i] != '\0') {
		size_t len = sfn_utf8_next(s + i, &cp);

		if (!is_delim(cp, delims, nd)) {
			if (start == (size_t) -1)
				start = i;
		} else if (start != (size_t) -1) {
			ok = add_token(out, s + start, i - start);
			start = (size_t) -1;
		}
		i += len;
	}
	if (ok && start != (size_t) -1)
		ok = add_token(out, s + start, i - start);
	if (!ok) {
		cJSON_Delete(out);
		out = NULL;
	}
	return out;
}

/* States.StringSplit(string, delimiters). */
enum sfn_status Sfn_intr_string_split(struct intr_ctx *c, cJSON **argv,
                                      size_t argc, cJSON **out)
{
	const char *d;
	uint32_t *delims;
	size_t nd = 0;

	(void) argc;
	if (!cJSON_IsString(argv[0]) || !cJSON_IsString(argv[1]))
		return Sfn_intr_invalid(c);
	d = argv[1]->valuestring;
	delims = malloc((strlen(d) + 1) * sizeof(*delims));
	if (delims == NULL)
		return SFN_ERR_NOMEM;
	for (size_t i = 0; d[i] != '\0'; nd++)
		i += sfn_utf8_next(d + i, &delims[nd]);
	*out = tokenize(argv[0]->valuestring, delims, nd);
	free(delims);
	return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
}

static int is_json_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Parses TEXT[0,N) strictly; SFN_ERR_SYNTAX when it is not JSON. */
static enum sfn_status parse_json(const char *text, size_t n, cJSON **out)
{
	char *copy = strndup(text, n);
	struct sfn_json_opts opts;
	struct sfn_json_doc *doc = NULL;
	struct sfn_diags d;
	enum sfn_status st;

	if (copy == NULL)
		return SFN_ERR_NOMEM;
	sfn_json_opts_default(&opts);
	opts.keep_locations = 0;
	sfn_diags_init(&d);
	st = sfn_json_parse(copy, n, "States.StringToJson", &opts, &d, &doc);
	if (st == SFN_OK) {
		*out = cJSON_Duplicate(sfn_json_root(doc), 1);
		st = *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
	} else if (st != SFN_ERR_NOMEM) {
		st = SFN_ERR_SYNTAX;
	}
	sfn_json_doc_free(doc);
	sfn_diags_free(&d);
	free(copy);
	return st;
}

/* States.StringToJson(string): surrounding white space is ignored and an
 * empty or blank string gives null, as on the service. */
enum sfn_status Sfn_intr_string_to_json(struct intr_ctx *c, cJSON **argv,
                                        size_t argc, cJSON **out)
{
	const char *s;
	size_t n;
	enum sfn_status st;

	(void) argc;
	if (!cJSON_IsString(argv[0]))
		return Sfn_intr_invalid(c);
	s = argv[0]->valuestring;
	while (is_json_ws(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_json_ws(s[n - 1]))
		n--;
	if (n == 0) {
		*out = cJSON_CreateNull();
		return *out != NULL ? SFN_OK : SFN_ERR_NOMEM;
	}
	st = parse_json(s, n, out);
	return st == SFN_ERR_SYNTAX ? Sfn_intr_invalid(c) : st;
}

/* States.JsonToString(value): compact JSON in the value's key order. */
enum sfn_status Sfn_intr_json_to_string(struct intr_ctx *c, cJSON **argv,
                                        size_t argc, cJSON **out)
{
	struct sfn_buf b;

	(void) argc;
	sfn_buf_init(&b, INTR_MAX_TEXT);
	Sfn_intr_render_json(argv[0], &b);
	return Sfn_intr_take_string(c, &b, out);
}
