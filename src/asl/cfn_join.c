/* Values CloudFormation puts together at deploy time: literal text and
 * references to pseudo parameters and template parameters, written as
 * CDK writes them (one Fn::Join with an empty separator, literal runs
 * merged). Knows nothing of state machines. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "asl/cfn_int.h"
#include "sfn/jsonout.h"

#define JOIN_MAX ((size_t) 1 << 30) /* bytes of literal text in one run */

void Sfn_cfn_join_init(struct cfn_join *j, const struct sfn_cfn_stack *st)
{
	memset(j, 0, sizeof(*j));
	sfn_buf_init(&j->lit, JOIN_MAX);
	j->region = st->region_given ? st->region : NULL;
}

void Sfn_cfn_join_free(struct cfn_join *j)
{
	cJSON_Delete(j->parts);
	sfn_buf_free(&j->lit);
	j->parts = NULL;
}

void Sfn_cfn_join_text(struct cfn_join *j, const char *s, size_t n)
{
	enum sfn_status st = j->escape ? sfn_jsonout_escape_text(s, n, &j->lit)
	                               : sfn_buf_add(&j->lit, s, n);

	if (st != SFN_OK)
		j->fail = 1;
}

static void add_part(struct cfn_join *j, cJSON *part)
{
	if (j->parts == NULL)
		j->parts = cJSON_CreateArray();
	if (part == NULL || j->parts == NULL ||
	    !cJSON_AddItemToArray(j->parts, part)) {
		cJSON_Delete(part);
		j->fail = 1;
	}
}

/* N spaces at D. */
static char *spaces(char *d, size_t n)
{
	memset(d, ' ', n);
	return d + n;
}

/* N spaces (an indentation) into B. */
static void indent(struct sfn_buf *b, size_t n)
{
	if (sfn_buf_reserve(b, n) != SFN_OK)
		return;
	spaces(b->data + b->len, n);
	b->len += n;
	b->data[b->len] = '\0';
}

/* The indentation of a part: the parts' array is the second element of
 * Fn::Join's, a member of the value printed at DEPTH. */
static size_t part_indent(const struct cfn_join *j)
{
	return 2 * ((size_t) j->depth + 3);
}

/* The next literal part opened ahead: after a comma from the second
 * part, its line break, indentation and quote. */
static void open_literal(struct cfn_join *j)
{
	size_t ind = part_indent(j);
	char *d;

	j->before = j->lit.len;
	if (sfn_buf_reserve(&j->lit, ind + 3) != SFN_OK) {
		j->fail = 1;
		return;
	}
	d = j->lit.data + j->lit.len;
	if (j->count > 0)
		*d++ = ',';
	*d++ = '\n';
	d = spaces(d, ind);
	*d++ = '"';
	*d = '\0';
	j->lit.len = (size_t) (d - j->lit.data);
	j->open = j->lit.len;
}

void Sfn_cfn_join_printed(struct cfn_join *j, int depth)
{
	size_t d = (size_t) depth;

	j->depth = depth;
	sfn_buf_adds(&j->lit, "{\n");
	indent(&j->lit, 2 * (d + 1));
	sfn_buf_adds(&j->lit, "\"Fn::Join\": [\n");
	indent(&j->lit, 2 * (d + 2));
	sfn_buf_adds(&j->lit, "\"\",\n");
	indent(&j->lit, 2 * (d + 2));
	sfn_buf_addc(&j->lit, '[');
	open_literal(j);
}

/* The literal part opened ahead closed, or dropped when empty. */
static void close_literal(struct cfn_join *j)
{
	if (j->lit.len == j->open) {
		j->lit.len = j->before;
		if (j->lit.data != NULL)
			j->lit.data[j->lit.len] = '\0';
		return;
	}
	sfn_buf_addc(&j->lit, '"');
	j->count++;
}

/* "NAME" into B, NAME having nothing to escape. */
static enum sfn_status quoted(struct sfn_buf *b, const char *name)
{
	size_t n = strlen(name);

	if (sfn_buf_reserve(b, n + 2) != SFN_OK)
		return b->status;
	b->data[b->len] = '"';
	memcpy(b->data + b->len + 1, name, n);
	b->data[b->len + 1 + n] = '"';
	b->len += n + 2;
	b->data[b->len] = '\0';
	return SFN_OK;
}

/* {"Ref": NAME} printed as a part (NAME plain: a pseudo parameter's,
 * with nothing to escape), and the next literal opened: its lines in
 * one reservation but for the name. */
static void printed_ref(struct cfn_join *j, const char *name, int plain)
{
	static const char ref[] = "\"Ref\": ";
	size_t ind = part_indent(j);
	char *d;

	close_literal(j);
	if (sfn_buf_reserve(&j->lit, 2 * ind + 16) != SFN_OK) {
		j->fail = 1;
		return;
	}
	d = j->lit.data + j->lit.len;
	if (j->count > 0)
		*d++ = ',';
	*d++ = '\n';
	d = spaces(d, ind);
	*d++ = '{';
	*d++ = '\n';
	d = spaces(d, ind + 2);
	memcpy(d, ref, sizeof(ref) - 1);
	j->lit.len = (size_t) (d + sizeof(ref) - 1 - j->lit.data);
	if ((plain ? quoted(&j->lit, name)
	           : sfn_jsonout_string(name, &j->lit)) != SFN_OK ||
	    sfn_buf_reserve(&j->lit, ind + 2) != SFN_OK) {
		j->fail = 1;
		return;
	}
	d = j->lit.data + j->lit.len;
	*d++ = '\n';
	d = spaces(d, ind);
	*d++ = '}';
	*d = '\0';
	j->lit.len = (size_t) (d - j->lit.data);
	j->count++;
	open_literal(j);
}

/* V (taken) printed as a part, and the next literal opened. */
static void printed_value(struct cfn_join *j, cJSON *v)
{
	close_literal(j);
	if (j->count > 0)
		sfn_buf_addc(&j->lit, ',');
	sfn_buf_addc(&j->lit, '\n');
	indent(&j->lit, part_indent(j));
	if (v == NULL)
		j->fail = 1;
	else
		sfn_jsonout_value_at(v, SFN_JSONOUT_PRETTY, j->depth + 3,
		                     &j->lit);
	cJSON_Delete(v);
	j->count++;
	open_literal(j);
}

/* The literal run as a value: a string or, when it is JSON text that
 * goes inside a string (escape: the run is escaped already), that
 * string as printed, quotes included, for the printer to copy
 * (cJSON_Raw): its text made here, in one copy with cJSON's allocator
 * (which cJSON_Delete frees it with), rather than built in a buffer
 * and copied again by cJSON_CreateRaw. */
static cJSON *raw(const char *s, size_t n, const char *quote)
{
	size_t q = strlen(quote);
	cJSON *v;
	char *text;

	if (n > (size_t) -1 - 3)
		return NULL;
	v = cJSON_CreateNull();
	text = v != NULL ? cJSON_malloc(n + 2 * q + 1) : NULL;
	if (text == NULL) {
		cJSON_Delete(v);
		return NULL;
	}
	memcpy(text, quote, q);
	if (n > 0)
		memcpy(text + q, s, n);
	memcpy(text + q + n, quote, q);
	text[n + 2 * q] = '\0';
	v->type = cJSON_Raw;
	v->valuestring = text;
	return v;
}

static cJSON *literal(struct cfn_join *j)
{
	if (!j->escape)
		return cJSON_CreateString(sfn_buf_str(&j->lit));
	return raw(j->lit.data, j->lit.len, "\"");
}

/* LIT's text as cJSON_Raw, the buffer itself handed over rather than
 * copied (a large definition's is most of the template): cJSON_Delete
 * frees it with cJSON's deallocator, which is free() (sfnc sets no
 * hooks; its tests' hooks free with free() too). */
static cJSON *raw_take(struct cfn_join *j)
{
	cJSON *v = cJSON_CreateNull();
	char *text = v != NULL ? sfn_buf_take(&j->lit) : NULL;

	if (text == NULL) {
		cJSON_Delete(v);
		return NULL;
	}
	v->type = cJSON_Raw;
	v->valuestring = text;
	return v;
}

/* The value printed (Sfn_cfn_join_printed): the text built, closed, or
 * the literal alone when no reference came. */
static cJSON *printed_take(struct cfn_join *j)
{
	size_t d = (size_t) j->depth;

	if (j->fail || j->lit.status != SFN_OK)
		return NULL;
	if (j->count == 0)
		return raw(j->lit.data + j->open, j->lit.len - j->open, "\"");
	close_literal(j);
	sfn_buf_addc(&j->lit, '\n');
	indent(&j->lit, 2 * (d + 2));
	sfn_buf_adds(&j->lit, "]\n");
	indent(&j->lit, 2 * (d + 1));
	sfn_buf_adds(&j->lit, "]\n");
	indent(&j->lit, 2 * d);
	sfn_buf_addc(&j->lit, '}');
	if (j->lit.status != SFN_OK)
		return NULL;
	return raw_take(j);
}

/* The literal run so far becomes a part of its own. */
static void flush(struct cfn_join *j)
{
	if (j->lit.len == 0)
		return;
	add_part(j, literal(j));
	sfn_buf_reset(&j->lit);
}

void Sfn_cfn_join_value(struct cfn_join *j, cJSON *v)
{
	if (j->depth > 0) {
		printed_value(j, v);
		return;
	}
	flush(j);
	add_part(j, v);
}

/* The members {"Ref": PSEUDO} of the pseudo parameters' references:
 * static, and shared by every reference made with
 * cJSON_CreateObjectReference, whose child cJSON_Delete leaves alone
 * (and cJSON_Duplicate copies). Never written: read-only memory. */
enum { REF_PARTITION, REF_REGION, REF_ACCOUNT, REF_URL_SUFFIX };
#define PSEUDO_REF(name)                                                       \
	{                                                                      \
		NULL, NULL, NULL,                                              \
		        cJSON_String | cJSON_IsReference |                     \
		                cJSON_StringIsConst,                           \
		        (char *) (name), 0, 0, (char *) "Ref"                  \
	}
static const cJSON pseudo_refs[] = {
	PSEUDO_REF("AWS::Partition"),
	PSEUDO_REF("AWS::Region"),
	PSEUDO_REF("AWS::AccountId"),
	PSEUDO_REF("AWS::URLSuffix"),
};

/* {"Ref": PSEUDO}: one node. */
static void join_pseudo(struct cfn_join *j, int which)
{
	if (j->depth > 0) {
		printed_ref(j, pseudo_refs[which].valuestring, 1);
		return;
	}
	flush(j);
	add_part(j, cJSON_CreateObjectReference(&pseudo_refs[which]));
}

/* {"Ref": NAME}, NAME copied. */
static void join_ref(struct cfn_join *j, const char *name)
{
	cJSON *ref;

	if (j->depth > 0) {
		printed_ref(j, name, 0);
		return;
	}
	ref = cJSON_CreateObject();
	flush(j);
	if (ref != NULL && cJSON_AddStringToObject(ref, "Ref", name) == NULL)
		j->fail = 1;
	add_part(j, ref);
}

void Sfn_cfn_join_ref(struct cfn_join *j, const char *name)
{
	join_ref(j, name);
}

/* S as it stands inside a JSON string (the escapes, not the quotes),
 * itself inside the string the run becomes. */
static void text_escaped(struct cfn_join *j, const char *s)
{
	if (!j->escape)
		Sfn_cfn_join_text(j, s, strlen(s));
	else if (sfn_jsonout_string_escaped(s, 0, &j->lit) != SFN_OK)
		j->fail = 1;
}

void Sfn_cfn_join_partition(struct cfn_join *j)
{
	join_pseudo(j, REF_PARTITION);
}

void Sfn_cfn_join_region(struct cfn_join *j)
{
	if (j->region != NULL)
		text_escaped(j, j->region);
	else
		join_pseudo(j, REF_REGION);
}

static void directive(struct cfn_join *j, char d, va_list *ap)
{
	switch (d) {
	case 'P':
		join_pseudo(j, REF_PARTITION);
		break;
	case 'R':
		Sfn_cfn_join_region(j);
		break;
	case 'A':
		join_pseudo(j, REF_ACCOUNT);
		break;
	case 'U':
		join_pseudo(j, REF_URL_SUFFIX);
		break;
	case 's':
		text_escaped(j, va_arg(*ap, const char *));
		break;
	default:
		Sfn_cfn_join_text(j, &d, 1);
	}
}

void Sfn_cfn_joinf(struct cfn_join *j, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	for (const char *p = fmt; *p != '\0'; p++) {
		size_t run = strcspn(p, "%");

		Sfn_cfn_join_text(j, p, run);
		p += run;
		if (*p == '\0' || p[1] == '\0')
			break;
		directive(j, *++p, &ap);
	}
	va_end(ap);
}

static int by_node(const void *key, const void *elem)
{
	uintptr_t a = (uintptr_t) key;
	uintptr_t b = (uintptr_t) ((const struct sfn_cfn_ref *) elem)->node;

	return a < b ? -1 : a > b;
}

const struct sfn_cfn_ref *Sfn_cfn_ref_of(const struct sfn_cfn_machine *m,
                                         const cJSON *node)
{
	if (m->ref_count == 0)
		return NULL;
	return bsearch(node, m->refs, m->ref_count, sizeof(*m->refs), by_node);
}

cJSON *Sfn_cfn_join_take(struct cfn_join *j)
{
	cJSON *v, *args;

	if (j->depth > 0) {
		v = printed_take(j);
		sfn_buf_reset(&j->lit);
		return v;
	}
	if (j->parts == NULL && !j->fail) {
		v = literal(j);
		sfn_buf_reset(&j->lit);
		return v;
	}
	flush(j);
	v = cJSON_CreateObject();
	args = cJSON_CreateArray();
	if (j->fail || v == NULL || args == NULL ||
	    !cJSON_AddItemToObject(v, "Fn::Join", args)) {
		cJSON_Delete(v);
		cJSON_Delete(args);
		Sfn_cfn_join_free(j);
		return NULL;
	}
	if (!cJSON_AddItemToArray(args, cJSON_CreateString("")) ||
	    !cJSON_AddItemToArray(args, j->parts)) {
		cJSON_Delete(v);
		Sfn_cfn_join_free(j);
		return NULL;
	}
	j->parts = NULL;
	return v;
}
