/* A definition checked while it is read: the JSON reader hands each state
 * of the top-level States (the YAML reader, of a template's first
 * Definition) to the scope's checks as soon as it is read (json/each.h)
 * and drops its nodes; what needs the whole machine (the top-level
 * fields, StartAt, the graph) is checked once it is read. The findings
 * and their order are those of the whole-tree validator. */
#include "config.h"

#include <string.h>

#include "asl/asl_int.h"
#include "json/each.h"

struct reading {
	struct asl a;
	const struct sfn_asl_opts *opts;
	struct sfn_diags *diags;
	struct asl_scope *scope; /* the machine's, from the first state on */
	const cJSON *def;        /* the definition, as the reader gave it */
	size_t first;            /* the checker's first diagnostic */
	size_t from;             /* the reader's first diagnostic */
	int started;             /* a state came */
	int ok;                  /* memory did not run out */
};

/* The first state: the checker is set up with the machine's language as
 * the top-level members read so far give it (a later QueryLanguage that
 * changes it makes sfn_asl_read_validate read the text again, whole). */
static void start(struct reading *r, const struct sfn_json_doc *doc,
                  const cJSON *root)
{
	r->started = 1;
	r->def = root;
	r->first = r->diags->count;
	Sfn_asl_begin(&r->a, doc, r->opts, r->diags);
	r->a.spare_reader = 1;
	r->a.machine_jsonata =
	        Sfn_asl_is_jsonata_language(asl_get(root, "QueryLanguage"));
	r->a.jsonata = r->a.machine_jsonata;
	r->scope = Sfn_asl_scope_open(&r->a, 1);
	r->ok = r->scope != NULL;
}

static void on_state(void *ctx, const struct sfn_json_doc *doc,
                     const cJSON *root, const cJSON *state, const cJSON *kept)
{
	struct reading *r = ctx;

	if (!r->started)
		start(r, doc, root);
	if (r->ok)
		r->ok = Sfn_asl_scope_add(&r->a, r->scope, state, kept);
}

/* The state before the last one with its name, for the reader's
 * duplicate keys: the names map answers, the reader keeps none. */
static const cJSON *on_repeated(void *ctx)
{
	struct reading *r = ctx;

	return r->ok ? Sfn_asl_scope_repeated(r->scope) : NULL;
}

/* Once ROOT is read whole: what the whole-tree validator checks before
 * the states (the top-level fields, StartAt) and after them (the graph).
 * Their findings stand elsewhere than any state's, so that the sorted
 * output is the same. */
static void finish(struct reading *r, const cJSON *root)
{
	Sfn_asl_check_top(&r->a, root);
	if (r->scope != NULL)
		Sfn_asl_scope_close(&r->a, r->scope, root, 1, r->ok);
	if (!r->ok)
		r->diags->status = SFN_ERR_NOMEM;
	Sfn_asl_end(&r->a, r->first);
}

static int every(const struct sfn_diag *d, void *ctx)
{
	(void) d;
	(void) ctx;
	return 1;
}

/* Drops the checker and every diagnostic from index FROM on. */
static void abandon(struct reading *r, size_t from)
{
	sfn_diags_remove_if(r->diags, from, every, NULL);
	if (r->scope != NULL)
		Sfn_asl_scope_close(&r->a, r->scope, NULL, 1, 0);
	Sfn_asl_end(&r->a, r->diags->count);
}

/* The reader reads the text again, whole: as if no state had come. */
static void on_dropped(void *ctx)
{
	struct reading *r = ctx;

	if (r->started)
		abandon(r, r->from);
	memset(&r->a, 0, sizeof(r->a));
	r->scope = NULL;
	r->started = 0;
	r->ok = 0;
}

enum sfn_status sfn_asl_read_validate(const char *text, size_t len,
                                      const char *file,
                                      const struct sfn_asl_opts *opts,
                                      struct sfn_diags *diags,
                                      struct sfn_json_doc **doc, int *validated)
{
	struct reading r;
	struct sfn_json_each each = { on_state, &r, NULL, on_repeated };
	size_t from = diags->count;
	enum sfn_status st;

	memset(&r, 0, sizeof(r));
	r.opts = opts;
	r.diags = diags;
	*validated = 0;
	st = Sfn_json_parse_each(text, len, file, diags, &each, doc);
	if (!r.started)
		return st; /* no state was checked: the reader's result */
	if (st == SFN_OK && Sfn_asl_is_jsonata_language(asl_get(
	                            sfn_json_root(*doc), "QueryLanguage")) ==
	                            r.a.machine_jsonata) {
		finish(&r, sfn_json_root(*doc));
		*validated = 1;
		return SFN_OK;
	}
	/* A syntax error or a limit after some states were checked (the
	 * whole-tree reader reports it alone), or a QueryLanguage after
	 * States that makes it a JSONata machine: read again, whole, for the
	 * caller to check. */
	abandon(&r, from);
	sfn_json_doc_free(*doc);
	*doc = NULL;
	if (st == SFN_ERR_NOMEM || !r.ok)
		return SFN_ERR_NOMEM;
	return sfn_json_parse(text, len, file, NULL, diags, doc);
}

/* Whether the states of ROOT's template were checked as its definition
 * needs: it is a state machine's Definition, of the type and in the
 * language they were checked as (a StateMachineType or QueryLanguage
 * read after them may say otherwise). */
static int checked_as_read(const struct reading *r, const cJSON *root)
{
	struct sfn_asl_opts opts = { 0, 0 };

	return Sfn_asl_template_machine(root, r->def, &opts) != NULL &&
	       opts.express == r->a.opts.express &&
	       Sfn_asl_is_jsonata_language(asl_get(r->def, "QueryLanguage")) ==
	               r->a.machine_jsonata;
}

enum sfn_status sfn_asl_read_validate_yaml(const char *text, size_t len,
                                           const char *file,
                                           struct sfn_diags *diags,
                                           struct sfn_json_doc **doc,
                                           int *validated)
{
	struct sfn_asl_opts opts = { 1, 0 }; /* a STANDARD machine's */
	struct reading r;
	struct sfn_json_each each = { on_state, &r, on_dropped, on_repeated };
	enum sfn_status st;

	memset(&r, 0, sizeof(r));
	r.opts = &opts;
	r.diags = diags;
	r.from = diags->count;
	*validated = 0;
	st = Sfn_yaml_parse_each(text, len, file, diags, &each, doc);
	if (!r.started)
		return st; /* no state was checked: the reader's result */
	if (st == SFN_OK && checked_as_read(&r, sfn_json_root(*doc))) {
		finish(&r, r.def);
		Sfn_asl_validate_template(*doc, text, len, r.def, diags);
		*validated = 1;
		return SFN_OK;
	}
	abandon(&r, r.from);
	sfn_json_doc_free(*doc);
	*doc = NULL;
	if (st == SFN_ERR_NOMEM || !r.ok)
		return SFN_ERR_NOMEM;
	return sfn_yaml_parse(text, len, file, diags, doc);
}
