/* CloudFormation templates: every AWS::StepFunctions::StateMachine and
 * AWS::Serverless::StateMachine. A Definition object is checked in place;
 * a DefinitionString (a string, Fn::Sub or Fn::Join) is put together with
 * placeholders for the values CloudFormation fills in, parsed, checked,
 * and each diagnostic is carried back to the line and column of the
 * template text it came from. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "asl/asl_int.h"
#include "sfn/utf8.h"

/* A stretch of the assembled definition and the template node it came
 * from (a string, or the intrinsic object a placeholder stands for). */
struct piece {
	size_t start, len;
	const cJSON *node;
	int literal;     /* the text is NODE's string value as it stands, */
	size_t node_off; /* from this byte of it on */
};

struct assembly {
	struct sfn_buf text;
	struct piece *pieces;
	size_t n, cap;
	int in_string; /* the text so far ends inside a JSON string */
	int escaped;
	int too_deep; /* Fn::Join nested past SFN_ASL_MAX_JOIN_DEPTH */
	int pseudo;   /* pseudo parameters take Step Functions Local's values */
};

/* What sfn_asl_template_text puts for a pseudo parameter. */
static const char *const pseudo_values[][2] = {
	{ "AWS::Partition", "aws" },
	{ "AWS::Region", "us-east-1" },
	{ "AWS::AccountId", "123456789012" },
	{ "AWS::URLSuffix", "amazonaws.com" },
};

static const char *pseudo_value(const char *name, size_t n)
{
	for (size_t i = 0; i < sizeof(pseudo_values) / sizeof(*pseudo_values);
	     i++) {
		if (strlen(pseudo_values[i][0]) == n &&
		    strncmp(pseudo_values[i][0], name, n) == 0)
			return pseudo_values[i][1];
	}
	return NULL;
}

static void track(struct assembly *as, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (as->escaped)
			as->escaped = 0;
		else if (s[i] == '\\' && as->in_string)
			as->escaped = 1;
		else if (s[i] == '"')
			as->in_string = !as->in_string;
	}
}

static void add_at(struct assembly *as, const char *s, size_t n,
                   const cJSON *node, int literal, size_t node_off)
{
	if (sfn_vec_reserve(&as->pieces, &as->cap, as->n + 1,
	                    sizeof(*as->pieces), SFN_VEC_UNCAPPED) != SFN_OK) {
		as->text.status = SFN_ERR_NOMEM;
		return;
	}
	as->pieces[as->n].start = as->text.len;
	as->pieces[as->n].len = n;
	as->pieces[as->n].node = node;
	as->pieces[as->n].node_off = node_off;
	as->pieces[as->n++].literal = literal;
	sfn_buf_add(&as->text, s, n);
	track(as, s, n);
}

static void add(struct assembly *as, const char *s, size_t n, const cJSON *node,
                int literal)
{
	add_at(as, s, n, node, literal, 0);
}

/* A value CloudFormation fills in: "${...}" inside a JSON string, a
 * quoted "${...}" elsewhere; either is an opaque value to the checks. */
static void placeholder(struct assembly *as, const cJSON *node,
                        const char *name, size_t n)
{
	const char *value = as->pseudo ? pseudo_value(name, n) : NULL;
	char text[160];
	int len;

	if (value != NULL) {
		name = value;
		n = strlen(value);
	}
	len = snprintf(text, sizeof(text),
	               value ? (as->in_string ? "%.*s" : "\"%.*s\"")
	                     : (as->in_string ? "${%.*s}" : "\"${%.*s}\""),
	               (int) sfn_utf8_truncate(name, n, 100), name);
	add(as, text, (size_t) len, node, 0);
}

/* A Fn::Sub string: "${X}" outside JSON strings is quoted; inside them it
 * stays as it stands, unless it is a pseudo parameter being filled in. */
static void sub_string(struct assembly *as, const cJSON *node)
{
	const char *s = node->valuestring, *run = s;
	struct assembly probe = *as; /* string state at S, without adding */

	for (; *s != '\0'; s++) {
		const char *close = strchr(s, '}');

		if (s[0] == '$' && s[1] == '{' && close &&
		    (!probe.in_string || as->pseudo)) {
			add_at(as, run, (size_t) (s - run), node, 1,
			       (size_t) (run - node->valuestring));
			placeholder(as, node, s + 2, (size_t) (close - s - 2));
			probe.in_string = as->in_string;
			probe.escaped = as->escaped;
			run = close + 1;
			s = close;
			continue;
		}
		track(&probe, s, 1);
	}
	add_at(as, run, (size_t) (s - run), node, 1,
	       (size_t) (run - node->valuestring));
}

static void join(struct assembly *as, const cJSON *args, unsigned depth);

/* A part of a Fn::Join: a string as it stands, a nested Fn::Join or
 * Fn::Sub put together in place (their text is part of the definition,
 * braces and quotes included), any other intrinsic a placeholder. */
static void join_part(struct assembly *as, const cJSON *p, unsigned depth)
{
	const cJSON *f;

	if (cJSON_IsString(p)) {
		add(as, p->valuestring, strlen(p->valuestring), p, 1);
		return;
	}
	if (!cJSON_IsObject(p) || p->child == NULL)
		return;
	f = asl_get(p, "Fn::Join");
	if (cJSON_IsArray(f)) {
		join(as, f, depth + 1);
		return;
	}
	f = asl_get(p, "Fn::Sub");
	if (cJSON_IsArray(f))
		f = cJSON_GetArrayItem(f, 0);
	if (cJSON_IsString(f))
		sub_string(as, f);
	else if (as->pseudo && cJSON_IsString(asl_get(p, "Ref")))
		placeholder(as, p, asl_get(p, "Ref")->valuestring,
		            strlen(asl_get(p, "Ref")->valuestring));
	else
		placeholder(as, p, p->child->string, strlen(p->child->string));
}

/* Fn::Join [SEP, [PARTS...]] at nesting DEPTH (1: the DefinitionString
 * itself). */
static void join(struct assembly *as, const cJSON *args, unsigned depth)
{
	const cJSON *sep = cJSON_GetArrayItem(args, 0);
	const cJSON *parts = cJSON_GetArrayItem(args, 1);

	if (depth > SFN_ASL_MAX_JOIN_DEPTH) {
		as->too_deep = 1;
		return;
	}
	for (const cJSON *p = cJSON_IsArray(parts) ? parts->child : NULL; p;
	     p = p->next) {
		if (p != parts->child && cJSON_IsString(sep))
			add(as, sep->valuestring, strlen(sep->valuestring), sep,
			    0);
		join_part(as, p, depth);
	}
}

/* The definition text a DefinitionString stands for; 0 when it is not
 * of a form sfnc can assemble. */
static int assemble(struct assembly *as, const cJSON *v)
{
	const cJSON *f;

	if (cJSON_IsString(v)) {
		add(as, v->valuestring, strlen(v->valuestring), v, 1);
		return 1;
	}
	if ((f = asl_get(v, "Fn::Join")) && cJSON_IsArray(f)) {
		join(as, f, 1);
		return !as->too_deep;
	}
	f = asl_get(v, "Fn::Sub");
	if (cJSON_IsArray(f))
		f = cJSON_GetArrayItem(f, 0);
	if (cJSON_IsString(f)) {
		sub_string(as, f);
		return 1;
	}
	return 0;
}

/* ---- carrying locations back ------------------------------------------- */

/* A text and where each of its lines starts, so that finding a line
 * costs no walk from the top: carrying N diagnostics back stays linear. */
struct lines {
	const char *text;
	size_t len;
	size_t *starts; /* byte offset of line I + 1 */
	size_t n;
};

static enum sfn_status lines_init(struct lines *l, const char *text, size_t len)
{
	size_t n = 1;

	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	l->text = text;
	l->len = len;
	l->n = 0;
	l->starts = malloc(n * sizeof(*l->starts));
	if (l->starts == NULL)
		return SFN_ERR_NOMEM;
	l->starts[l->n++] = 0;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\n')
			l->starts[l->n++] = i + 1;
	return SFN_OK;
}

/* The byte offset in L's text of LINE and COLUMN (code points, from 1). */
static size_t offset_of(const struct lines *l, unsigned line, unsigned col)
{
	const char *text = l->text;
	size_t len = l->len;
	size_t i = line == 0 ? 0 : line <= l->n ? l->starts[line - 1] : len;

	return col > 1 ? i + sfn_utf8_skip(text + i, len - i, col - 1) : i;
}

/* A walk along the text of one piece, kept between diagnostics: they come
 * mostly in document order, so each goes on from where the last one
 * stopped instead of from the piece's start (which is quadratic when a
 * whole definition is one string). */
struct cursor {
	const struct piece *piece; /* the piece walked, or NULL */
	size_t k;                  /* bytes of its value passed */
	const char *raw;           /* in the template text (a JSON string) */
	unsigned line, col;        /* lines and columns passed */
};

/* Starts C over at piece P unless it is on P at or before byte K. */
static void cursor_at(struct cursor *c, const struct piece *p, size_t k,
                      const char *raw, unsigned col)
{
	if (c->piece == p && c->k <= k)
		return;
	c->piece = p;
	c->k = 0;
	c->raw = raw;
	c->line = 0;
	c->col = col;
}

/* The template column of byte K of piece P, a JSON string literal that
 * starts (its quote) at RAW: escapes take more than one column. */
static unsigned raw_column(struct cursor *c, const struct piece *p,
                           const char *raw, const char *end, size_t k,
                           unsigned quote_col)
{
	cursor_at(c, p, k, raw + 1, quote_col + 1);
	while (c->raw < end && *c->raw != '"' && c->k < k) {
		size_t step = 1, out = 1;

		if (*c->raw == '\\')
			step = c->raw[1] == 'u' ? 6 : 2;
		else
			while ((c->raw[step] & 0xc0) == 0x80)
				step++, out++;
		c->k += out;
		c->col += *c->raw == '\\' ? (unsigned) step : 1;
		c->raw += step;
	}
	return c->col;
}

struct mapping {
	const struct sfn_json_doc *doc; /* the template */
	const char *text;               /* its text */
	size_t len;
	const struct assembly *as;
	struct lines template;  /* of TEXT */
	struct lines assembled; /* of AS->text */
	struct cursor cursor;
};

/* A YAML block scalar (| or >): line K of its text stands on the K-th
 * line after the indicator, behind the block's indentation. */
static struct sfn_loc block_line(struct mapping *m, const struct piece *p,
                                 struct sfn_loc at, size_t k)
{
	const char *piece = p->node->valuestring;
	size_t raw = offset_of(&m->template, at.line + 1, 1);
	unsigned indent = 0;
	struct cursor *c = &m->cursor;

	while (raw + indent < m->len && m->text[raw + indent] == ' ')
		indent++;
	cursor_at(c, p, k, NULL, 1);
	for (; c->k < k; c->k++) {
		if (piece[c->k] == '\n') {
			c->line++;
			c->col = 1;
		} else if ((piece[c->k] & 0xc0) != 0x80) {
			c->col++;
		}
	}
	at.line = at.end_line = at.line + 1 + c->line;
	at.col = indent + c->col;
	at.end_col = at.col + 1;
	return at;
}

/* The last piece that starts at or before OFF (pieces are in order). */
static const struct piece *piece_at(const struct assembly *as, size_t off)
{
	size_t lo = 0, hi = as->n; /* the answer is in [lo, hi) */

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (as->pieces[mid].start <= off)
			lo = mid;
		else
			hi = mid;
	}
	return &as->pieces[lo];
}

/* Where byte OFF of the assembled text stands in the template. */
static struct sfn_loc carry(struct mapping *m, size_t off)
{
	const struct piece *p = piece_at(m->as, off);
	struct sfn_loc at;

	at = sfn_json_loc(m->doc, p->node);
	if (!p->literal || at.line == 0)
		return at;
	if (at.line != at.end_line)
		return block_line(m, p, at, p->node_off + off - p->start);
	{
		size_t raw = offset_of(&m->template, at.line, at.col);

		if (raw < m->len && m->text[raw] == '"')
			at.col = raw_column(
			        &m->cursor, p, m->text + raw, m->text + m->len,
			        p->node_off + off - p->start, at.col);
		else if (raw < m->len)
			at.col += (unsigned) (p->node_off + off - p->start);
		at.end_line = at.line;
		at.end_col = at.col + 1;
	}
	return at;
}

/* Records STATUS in DIAGS unless a failure is there already. */
static void keep_failure(struct sfn_diags *diags, enum sfn_status status)
{
	if (diags->status == SFN_OK)
		diags->status = status;
}

/* Copies the diagnostics of the assembled definition into DIAGS, located
 * in the template. */
static void carry_all(struct mapping *m, const struct sfn_diags *in,
                      struct sfn_diags *out)
{
	memset(&m->template, 0, sizeof(m->template));
	memset(&m->assembled, 0, sizeof(m->assembled));
	memset(&m->cursor, 0, sizeof(m->cursor));
	if (in->count == 0)
		return;
	if (lines_init(&m->template, m->text, m->len) != SFN_OK ||
	    lines_init(&m->assembled, sfn_buf_str(&m->as->text),
	               m->as->text.len) != SFN_OK) {
		keep_failure(out, SFN_ERR_NOMEM);
		goto done;
	}
	for (size_t i = 0; i < in->count; i++) {
		const struct sfn_diag *d = &in->items[i];
		struct sfn_loc at = { sfn_json_file(m->doc), 0, 0, 0, 0 };

		if (d->loc.line > 0)
			at = carry(m, offset_of(&m->assembled, d->loc.line,
			                        d->loc.col));
		sfn_diag_copy(out, d, &at);
	}
done:
	free(m->template.starts);
	free(m->assembled.starts);
}

/* Returns 0 when V is of no form sfnc can put together. */
static int check_string(const struct sfn_json_doc *doc, const char *text,
                        size_t len, const cJSON *v,
                        const struct sfn_asl_opts *opts,
                        struct sfn_diags *diags)
{
	int assembled;
	struct assembly as;
	struct mapping m;
	struct sfn_json_doc *inner = NULL;
	struct sfn_diags found;
	enum sfn_status st = SFN_OK;

	memset(&as, 0, sizeof(as));
	memset(&m, 0, sizeof(m));
	m.doc = doc;
	m.text = text;
	m.len = len;
	m.as = &as;
	sfn_buf_init(&as.text, SFN_JSON_MAX_BYTES);
	sfn_diags_init(&found);
	memcpy(found.severity, diags->severity, sizeof(found.severity));
	assembled = assemble(&as, v);
	if (assembled && as.text.status == SFN_OK && as.n > 0) {
		st = sfn_json_parse(sfn_buf_str(&as.text), as.text.len,
		                    sfn_json_file(doc), NULL, &found, &inner);
		if (st == SFN_OK)
			sfn_asl_validate(inner, sfn_json_root(inner), opts,
			                 &found);
		carry_all(&m, &found, diags);
	}
	/* a definition that could not be put together, read or checked for
	 * want of memory or past a limit fails the whole check */
	keep_failure(diags, as.text.status);
	keep_failure(diags, st == SFN_ERR_SYNTAX ? SFN_OK : st);
	keep_failure(diags, found.status);
	sfn_json_doc_free(inner);
	sfn_diags_free(&found);
	sfn_buf_free(&as.text);
	free(as.pieces);
	return assembled;
}

/* ---- resources ------------------------------------------------------------
 */

int Sfn_asl_is_machine(const cJSON *resource)
{
	const char *type = cJSON_GetStringValue(asl_get(resource, "Type"));

	return type != NULL &&
	       (strcmp(type, "AWS::StepFunctions::StateMachine") == 0 ||
	        strcmp(type, "AWS::Serverless::StateMachine") == 0);
}

/* Whether RESOURCE is a state machine; *EXPRESS its type. */
static int is_machine(const cJSON *resource, int *express)
{
	const cJSON *props = asl_get(resource, "Properties");
	const char *kind =
	        cJSON_GetStringValue(asl_get(props, "StateMachineType"));

	if (kind == NULL)
		kind = cJSON_GetStringValue(asl_get(props, "Type"));
	*express = kind != NULL && strcmp(kind, "EXPRESS") == 0;
	return Sfn_asl_is_machine(resource);
}

const cJSON *Sfn_asl_template_machine(const cJSON *root, const cJSON *def,
                                      struct sfn_asl_opts *opts)
{
	const cJSON *resources = asl_get(root, "Resources");

	for (const cJSON *r = resources ? resources->child : NULL; r;
	     r = r->next) {
		if (asl_get(asl_get(r, "Properties"), "Definition") != def)
			continue;
		opts->template = 1;
		return is_machine(r, &opts->express) ? r : NULL;
	}
	return NULL;
}

size_t Sfn_asl_validate_template(const struct sfn_json_doc *doc,
                                 const char *text, size_t len,
                                 const cJSON *checked, struct sfn_diags *diags)
{
	const cJSON *resources = asl_get(sfn_json_root(doc), "Resources");
	size_t found = 0;

	for (const cJSON *r = resources ? resources->child : NULL; r;
	     r = r->next) {
		const cJSON *props = asl_get(r, "Properties");
		const cJSON *def = asl_get(props, "Definition");
		const cJSON *str = asl_get(props, "DefinitionString");
		struct sfn_asl_opts opts = { 1, 0 };

		if (!is_machine(r, &opts.express))
			continue;
		found++;
		if (def != NULL && def == checked)
			continue;
		if (cJSON_IsObject(def))
			sfn_asl_validate(doc, def, &opts, diags);
		else if (str == NULL)
			Sfn_asl_template_elsewhere(doc, r, diags);
		else if (!check_string(doc, text, len, str, &opts, diags))
			Sfn_asl_template_unassembled(doc, r, str, diags);
	}
	if (found == 0)
		Sfn_asl_template_none(doc, diags);
	return found;
}

size_t sfn_asl_validate_template(const struct sfn_json_doc *doc,
                                 const char *text, size_t len,
                                 struct sfn_diags *diags)
{
	return Sfn_asl_validate_template(doc, text, len, NULL, diags);
}

int sfn_asl_template_text(const cJSON *value, struct sfn_buf *out)
{
	struct assembly as;
	int ok;

	memset(&as, 0, sizeof(as));
	as.text = *out;
	as.pseudo = 1;
	ok = assemble(&as, value);
	*out = as.text;
	free(as.pieces);
	return ok;
}
