/* The validator's entry: the top-level fields of a definition, then the
 * machine's scope. Also the helper that reports fields an object does not
 * have. */
#include "config.h"

#include <string.h>

#include "asl/asl_int.h"
#include "sfn/suggest.h"

static const char *const top_fields[] = {
	"StartAt",        "States",        "Comment", "Version",
	"TimeoutSeconds", "QueryLanguage", NULL
};
static const char *const versions[] = { "1.0", NULL };
static const char *const languages[] = { "JSONPath", "JSONata", NULL };

const char *Sfn_asl_closest(const char *name, const char *const *names)
{
	struct sfn_suggest s;

	sfn_suggest_init(&s, name, strlen(name));
	for (size_t i = 0; names[i] != NULL; i++)
		sfn_suggest_add(&s, names[i]);
	return sfn_suggest_best(&s);
}

const cJSON *Sfn_asl_misspelling(const cJSON *obj, const char *field)
{
	const char *const one[] = { field, NULL };

	for (const cJSON *m = obj->child; m != NULL; m = m->next)
		if (strcmp(m->string, field) != 0 &&
		    Sfn_asl_closest(m->string, one) != NULL)
			return m;
	return NULL;
}

void Sfn_asl_check_known(struct asl *a, const cJSON *obj,
                         const char *const *fields)
{
	for (const cJSON *m = obj->child; m != NULL; m = m->next) {
		size_t i = 0;
		const char *best;

		while (fields[i] != NULL && !asl_same(fields[i], m->string))
			i++;
		if (fields[i] != NULL)
			continue;
		best = Sfn_asl_closest(m->string, fields);
		Sfn_asl_report(a, SFN_RULE_ASL_UNKNOWN_FIELD, m, 1, NULL,
		               "Field '%s' is not supported%s%s%s", m->string,
		               ASL_HINT(best));
	}
}

int sfn_asl_is_definition(const cJSON *root)
{
	return cJSON_IsObject(root) && ((asl_get(root, "States") != NULL) ||
	                                (asl_get(root, "StartAt") != NULL));
}

int sfn_asl_is_template(const cJSON *root)
{
	return cJSON_IsObject(root) && (asl_get(root, "Resources") != NULL);
}

int Sfn_asl_is_jsonata_language(const cJSON *v)
{
	return v != NULL &&
	       (!cJSON_IsString(v) || strcmp(v->valuestring, "JSONPath"));
}

void Sfn_asl_check_top(struct asl *a, const cJSON *def)
{
	const cJSON *v;

	Sfn_asl_suppress_from_comment(a, def);
	Sfn_asl_check_known(a, def, top_fields);
	if ((v = asl_get(def, "Comment")))
		Sfn_asl_check_string(a, v, "Comment");
	if ((v = asl_get(def, "Version")))
		Sfn_asl_check_enum(a, v, "Version", versions);
	if ((v = asl_get(def, "TimeoutSeconds")))
		Sfn_asl_check_number(a, v, "TimeoutSeconds", 1, 0, 99999999);
	if ((v = asl_get(def, "QueryLanguage"))) {
		Sfn_asl_check_enum(a, v, "QueryLanguage", languages);
		a->machine_jsonata = Sfn_asl_is_jsonata_language(v);
	}
	a->jsonata = a->machine_jsonata;
}

static void validate(const struct sfn_json_doc *doc, const cJSON *def,
                     const struct sfn_asl_opts *opts, struct sfn_diags *diags,
                     struct sfn_exec_store *store,
                     const struct sfn_strmap *known);

void sfn_asl_validate(const struct sfn_json_doc *doc, const cJSON *def,
                      const struct sfn_asl_opts *opts, struct sfn_diags *diags)
{
	validate(doc, def, opts, diags, NULL, NULL);
}

void sfn_asl_validate_known(const struct sfn_json_doc *doc, const cJSON *def,
                            const struct sfn_asl_opts *opts,
                            const struct sfn_strmap *known,
                            struct sfn_diags *diags)
{
	validate(doc, def, opts, diags, NULL, known);
}

void Sfn_asl_validate(const struct sfn_json_doc *doc, const cJSON *def,
                      const struct sfn_asl_opts *opts, struct sfn_diags *diags,
                      struct sfn_exec_store *store)
{
	validate(doc, def, opts, diags, store, NULL);
}

void Sfn_asl_begin(struct asl *a, const struct sfn_json_doc *doc,
                   const struct sfn_asl_opts *opts, struct sfn_diags *diags)
{
	memset(a, 0, sizeof(*a));
	a->doc = doc;
	a->diags = diags;
	if (opts != NULL)
		a->opts = *opts;
	sfn_strmap_init(&a->names);
	sfn_arena_init(&a->refs);
	sfn_arena_init(&a->graph);
	sfn_strmap_init(&a->good);
	sfn_buf_init(&a->where, (size_t) 1 << 20);
	sfn_buf_init(&a->pointer, (size_t) 1 << 20);
}

void Sfn_asl_end(struct asl *a, size_t first)
{
	Sfn_asl_apply_suppressions(a, first);
	sfn_strmap_free(&a->names);
	sfn_arena_free(&a->refs);
	sfn_arena_free(&a->graph);
	sfn_strmap_free(&a->good);
	Sfn_asl_steps_free(a);
}

static void validate(const struct sfn_json_doc *doc, const cJSON *def,
                     const struct sfn_asl_opts *opts, struct sfn_diags *diags,
                     struct sfn_exec_store *store,
                     const struct sfn_strmap *known)
{
	struct asl a;
	size_t first = diags->count;

	Sfn_asl_begin(&a, doc, opts, diags);
	a.store = store;
	a.known = known;
	if (!cJSON_IsObject(def)) {
		Sfn_asl_report(&a, SFN_RULE_ASL_FIELD_TYPE, def, 0, NULL,
		               "Definition must be a valid JSON object");
	} else {
		Sfn_asl_check_top(&a, def);
		Sfn_asl_check_scope(&a, def, 1);
	}
	Sfn_asl_end(&a, first);
}
