/* Parallel and Map: a frame per branch or item, up to MaxConcurrency
 * running at once, the next started as one ends; results in branch or
 * item order; the first failure stops the others (Map: past its
 * ToleratedFailureCount or Percentage). Map items come from ItemsPath,
 * each through ItemSelector, grouped by ItemBatcher. Knows nothing of
 * the states inside. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "exec/interp_int.h"

void Sfn_interp_kids_stop(struct frame *f)
{
	for (size_t i = 0; i < f->started && f->kids; i++)
		Sfn_interp_frame_free(f->kids[i]);
	for (size_t i = 0; i < f->nkids && f->outs; i++)
		cJSON_Delete(f->outs[i]);
	free(f->kids);
	free(f->outs);
	cJSON_Delete(f->items);
	f->kids = NULL;
	f->outs = NULL;
	f->items = NULL;
	f->nkids = f->started = f->finished = f->nfailed = 0;
}

static int is_map(const struct frame *f)
{
	return f->state->type == SFN_ASL_MAP;
}

/* A DISTRIBUTED Map: each iteration a child execution with a history of
 * its own; the Map's own history has Map Run events only. */
static int distributed(const struct frame *f)
{
	return is_map(f) && f->state->u.map->mode == SFN_ASL_MAP_DISTRIBUTED;
}

enum { EV_STARTED, EV_SUCCEEDED, EV_FAILED };

/* The event of F's state starting, succeeding or failing. */
static const char *state_event(const struct frame *f, int what)
{
	static const char *const names[][3] = {
		{ "ParallelStateStarted", "ParallelStateSucceeded",
		  "ParallelStateFailed" },
		{ "MapStateStarted", "MapStateSucceeded", "MapStateFailed" },
		{ "MapRunStarted", "MapRunSucceeded", "MapRunFailed" },
	};

	return names[distributed(f) ? 2 : is_map(f)][what];
}

/* mapRunStartedEventDetails: the Map Run's ARN (Step Functions Local's
 * region and account, the Label or the state's name). */
static cJSON *map_run_details(const struct frame *f)
{
	const struct sfn_run *run = f->run;
	const char *label = f->state->u.map->label;
	char arn[768];
	cJSON *d = cJSON_CreateObject();

	snprintf(arn, sizeof(arn),
	         "arn:aws:states:us-east-1:123456789012:mapRun:%s/%s:%s",
	         cJSON_GetStringValue(
	                 cJSON_GetObjectItem(run->state_machine, "Name")),
	         label ? label : f->state->name,
	         cJSON_GetStringValue(
	                 cJSON_GetObjectItem(run->execution, "Name")));
	cJSON_AddStringToObject(d, "mapRunArn", arn);
	return d;
}

/* The details of branch event TYPE (NULL: none). */
static cJSON *branch_details(struct frame *f, const char *type, long index)
{
	cJSON *d = NULL;

	if (f->hist->events == NULL)
		return NULL;
	if (index >= 0) {
		d = cJSON_CreateObject();
		cJSON_AddStringToObject(d, "name", f->state->name);
		cJSON_AddNumberToObject(d, "index", (double) index);
	} else if (strcmp(type, "MapStateStarted") == 0) {
		d = cJSON_CreateObject();
		cJSON_AddNumberToObject(d, "length", (double) f->nkids);
	} else if (strcmp(type, "MapRunStarted") == 0) {
		d = map_run_details(f);
	} else if (strcmp(type, "MapRunFailed") == 0) {
		d = cJSON_CreateObject();
		cJSON_AddStringToObject(d, "error", f->err.name);
		if (f->err.cause != NULL)
			cJSON_AddStringToObject(d, "cause", f->err.cause);
	}
	return d;
}

/* ParallelStateStarted, MapIterationSucceeded and the like; 0 when the
 * execution ended (F is gone then). */
static int branch_event(struct frame *f, const char *type, long index)
{
	char key[64];

	if (f->hist->events == NULL) /* only counted: nothing to name */
		return Sfn_interp_event(f, type, NULL, NULL);
	snprintf(key, sizeof(key), "%c%sEventDetails", type[0] + 32, type + 1);
	return Sfn_interp_event(f, type, key, branch_details(f, type, index));
}

static enum sfn_status kids_alloc(struct frame *f, size_t n, size_t max_conc)
{
	f->kids = calloc(n + 1, sizeof(*f->kids));
	f->outs = calloc(n + 1, sizeof(*f->outs));
	f->nkids = n;
	f->max_conc = max_conc == 0 || max_conc > n ? n : max_conc;
	if (f->max_conc > f->run->opts.max_frames)
		f->max_conc = f->run->opts.max_frames;
	return f->kids && f->outs ? SFN_OK : SFN_ERR_NOMEM;
}

/* The input of Map item I: the item, or ItemSelector over the Map's
 * input with $$.Map.Item; batched items as {"Items": [...]} with the
 * BatchInput's members. Items start in order, so item I is the first
 * one left: it is taken out of the array (finding it by its index would
 * walk the list from its start for every item: a quadratic Map). */
static enum sfn_status item_input(struct frame *f, size_t i, cJSON **out)
{
	const struct sfn_asl_map *m = f->state->u.map;
	cJSON *item = cJSON_DetachItemViaPointer(f->items, f->items->child);
	struct sfn_exec_data d;
	cJSON *ctx = NULL;
	enum sfn_status st = SFN_OK;

	if (m->item_selector.json == NULL ||
	    (m->item_selector.tmpl == NULL && !JSONATA(f))) {
		*out = item;
		return SFN_OK;
	}
	/* an ItemSelector that reads no $$ needs no $$.Map.Item */
	if (f->state->reads_context)
		st = Sfn_interp_context_item(f, i, item, &ctx);
	if (JSONATA(f)) {
		if (st == SFN_OK)
			st = Sfn_interp_jn_value(f, &m->item_selector,
			                         "ItemSelector", ctx, NULL,
			                         NULL, out);
		cJSON_Delete(ctx);
		cJSON_Delete(item);
		return st;
	}
	d = Sfn_interp_data(f, f->task_input);
	d.context = ctx;
	if (st == SFN_OK)
		st = sfn_exec_payload_compiled(m->item_selector.tmpl, &d, out,
		                               &f->err);
	cJSON_Delete(ctx);
	cJSON_Delete(item);
	return st;
}

static enum sfn_status kid_input(struct frame *f, size_t i, cJSON **out)
{
	if (is_map(f))
		return item_input(f, i, out);
	*out = cJSON_Duplicate(f->task_input, 1);
	return *out ? SFN_OK : SFN_ERR_NOMEM;
}

static enum sfn_status start_kid(struct frame *f)
{
	size_t i = f->started;
	const struct sfn_asl_scope *scope =
	        is_map(f) ? f->state->u.map->processor
	                  : f->state->u.parallel.branches[i];
	struct frame *kid;
	enum sfn_status st;

	if (scope == NULL) /* only a machine loaded without the rules */
		return sfn_error_set(&f->err, "States.Runtime",
		                     "The Map state has no ItemProcessor "
		                     "(or Iterator) to run");
	if (is_map(f) && !distributed(f) &&
	    !branch_event(f, "MapIterationStarted", (long) i))
		return SFN_ERR_USAGE; /* the execution ended */
	kid = Sfn_interp_frame_new(f->run, f, scope, i);
	if (kid == NULL)
		return f->run->nframes == f->run->opts.max_frames
		               ? sfn_error_set(&f->err, "States.Runtime",
		                               "More branches and iterations "
		                               "would run at once than the "
		                               "limit (SFN_RUN_MAX_FRAMES)")
		               : SFN_ERR_NOMEM;
	f->kids[i] = kid;
	f->started++;
	kid->state = scope->start;
	st = kid_input(f, i, &kid->input);
	if (st == SFN_OK && distributed(f) &&
	    !Sfn_interp_child_start(kid, f->state->name))
		return SFN_ERR_USAGE; /* the execution ended */
	if (st == SFN_OK)
		Sfn_interp_go(kid, PH_ENTER);
	return st;
}

/* Kids start up to the concurrency, and while frames are left: with
 * none left a kid waits for one of F's running kids to end (which calls
 * more_kids again); with none of them running, it could never start, and
 * start_kid fails with the frames limit. */
static enum sfn_status start_kids(struct frame *f)
{
	enum sfn_status st = SFN_OK;
	size_t running;

	while (st == SFN_OK && f->started < f->nkids) {
		running = f->started - f->finished - f->nfailed;
		if (running >= f->max_conc ||
		    (running > 0 && f->run->nframes >= f->run->opts.max_frames))
			break;
		st = start_kid(f);
	}
	return st;
}

/* Whether the failures so far exceed the Map's tolerance. */
static int intolerable(const struct frame *f)
{
	if (f->tolerated_count < 0 && f->tolerated_pct < 0)
		return 1;
	if (f->tolerated_count >= 0 && (double) f->nfailed > f->tolerated_count)
		return 1;
	return f->tolerated_pct >= 0 &&
	       100.0 * (double) f->nfailed / (double) f->nkids >
	               f->tolerated_pct;
}

static void all_done(struct frame *f)
{
	cJSON *results = cJSON_CreateArray(), *out = NULL;
	enum sfn_status st = results ? SFN_OK : SFN_ERR_NOMEM;

	for (size_t i = 0; st == SFN_OK && i < f->nkids; i++) {
		if (!cJSON_AddItemToArray(results, f->outs[i]))
			st = SFN_ERR_NOMEM;
		else
			f->outs[i] = NULL;
	}
	Sfn_interp_kids_stop(f);
	cJSON_Delete(f->task_input);
	f->task_input = NULL;
	if (!branch_event(f, state_event(f, EV_SUCCEEDED), -1)) {
		cJSON_Delete(results);
		return;
	}
	if (st == SFN_OK) {
		st = Sfn_interp_output(f, results, &out);
		results = NULL;
	}
	cJSON_Delete(results);
	if (st == SFN_OK)
		Sfn_interp_state_done(f, out,
		                      f->state->end ? NULL : f->state->next);
	else
		Sfn_interp_state_failed(f, st);
}

/* A kid failed: the Map tolerates it (its result is its error: 0), or
 * the state fails with the kid's error and the other kids stop (1: F's
 * kids are gone, and F too when the execution ended). */
static int kid_failed(struct frame *f, struct frame *kid)
{
	size_t i = kid->index;

	f->nfailed++;
	if (!intolerable(f)) {
		f->outs[i] = cJSON_CreateObject();
		cJSON_AddStringToObject(f->outs[i], "Error", kid->err.name);
		cJSON_AddStringToObject(f->outs[i], "Cause",
		                        kid->err.cause ? kid->err.cause : "");
		return 0;
	}
	sfn_error_clear(&f->err);
	if (f->tolerated_count >= 0 || f->tolerated_pct >= 0) {
		(void) sfn_error_set(
		        &f->err, "States.ExceedToleratedFailureThreshold",
		        "The specified tolerated failure threshold "
		        "was exceeded");
		sfn_error_clear(&kid->err);
	} else {
		f->err = kid->err; /* taken */
		kid->err.name = kid->err.cause = NULL;
	}
	f->kids[i] = NULL;
	Sfn_interp_frame_free(kid);
	Sfn_interp_kids_stop(f);
	cJSON_Delete(f->task_input);
	f->task_input = NULL;
	if (branch_event(f, state_event(f, EV_FAILED), -1))
		Sfn_interp_state_failed(f, f->err.name ? SFN_ERR_FAILED
		                                       : SFN_ERR_NOMEM);
	return 1;
}

/* Starts kids up to the concurrency; ends the state once all ended. */
static void more_kids(struct frame *f)
{
	struct sfn_run *run = f->run;
	enum sfn_status st = start_kids(f);

	if (run->state != SFN_RUN_RUNNING)
		return; /* F is gone */
	if (st != SFN_OK) {
		Sfn_interp_kids_stop(f);
		Sfn_interp_state_failed(f, st);
	} else if (f->finished + f->nfailed == f->nkids) {
		all_done(f);
	}
}

/* A child execution that reached its history quota fails, even when its
 * last state ended before the failure deferred for it ran. */
static void child_ended(struct frame *kid)
{
	if (!kid->own->full || kid->failed)
		return;
	kid->failed = 1;
	sfn_error_clear(&kid->err);
	(void) sfn_error_set(&kid->err, "States.Runtime",
	                     "The child execution reached its limit of "
	                     "history events (SFN_RUN_MAX_HISTORY)");
}

void Sfn_interp_kid_ended(struct frame *f, struct frame *kid)
{
	size_t i = kid->index;

	if (kid->own != NULL) {
		child_ended(kid);
		if (!Sfn_interp_child_end(kid))
			return;
	} else if (is_map(f) &&
	           !branch_event(f,
	                         kid->failed ? "MapIterationFailed"
	                                     : "MapIterationSucceeded",
	                         (long) i)) {
		return;
	}
	if (kid->failed) {
		if (kid_failed(f, kid))
			return;
	} else {
		f->outs[i] = kid->output;
		kid->output = NULL;
		f->finished++;
	}
	f->kids[i] = NULL;
	Sfn_interp_frame_free(kid);
	more_kids(f);
}

/* Starts the kids, or ends the state at once when there are none. */
static void begin(struct frame *f, size_t n, size_t max_conc)
{
	enum sfn_status st = kids_alloc(f, n, max_conc);

	if (!branch_event(f, state_event(f, EV_STARTED), -1))
		return;
	if (st != SFN_OK) {
		Sfn_interp_kids_stop(f);
		Sfn_interp_state_failed(f, st);
		return;
	}
	more_kids(f);
}

void Sfn_interp_parallel(struct frame *f)
{
	enum sfn_status st = Sfn_interp_effective(f, &f->task_input);

	f->tolerated_count = f->tolerated_pct = -1;
	if (st != SFN_OK) {
		Sfn_interp_state_failed(f, st);
		return;
	}
	begin(f, f->state->u.parallel.nbranches, 0);
}

/* ---- Map ----------------------------------------------------------------- */

/* What a Map number field's path must reference, as the service checks
 * it: a count (a non-negative integer) or a percentage (0 to 100). */
enum number_kind { NUMBER_COUNT, NUMBER_PERCENTAGE };

static int number_ok(const cJSON *v, enum number_kind kind)
{
	if (!cJSON_IsNumber(v) || v->valuedouble < 0)
		return 0;
	if (kind == NUMBER_PERCENTAGE)
		return v->valuedouble <= 100;
	return v->valuedouble == floor(v->valuedouble);
}

/* A number field of the Map: literal, or a path over its input. DEF when
 * absent. */
static enum sfn_status number(struct frame *f, const struct sfn_asl_number *n,
                              const char *field, enum number_kind kind,
                              double def, double *out)
{
	struct sfn_exec_data d = Sfn_interp_data(f, f->task_input);
	cJSON *v = NULL;
	enum sfn_status st;

	*out = n->how == SFN_ASL_LITERAL ? n->value : def;
	if (n->how == SFN_ASL_EXPR && kind == NUMBER_PERCENTAGE)
		return Sfn_interp_jn_percentage(f, n, field, out);
	if (n->how == SFN_ASL_EXPR)
		return Sfn_interp_jn_number(f, n, field, 0, out);
	if (n->how != SFN_ASL_PATH)
		return SFN_OK;
	st = sfn_exec_lookup_path(n->path, &d, &v, NULL);
	if (st == SFN_OK && !number_ok(v, kind))
		st = sfn_error_set(&f->err, "States.Runtime",
		                   "The %sPath of state '%s' does not "
		                   "reference %s",
		                   field, f->state->name,
		                   kind == NUMBER_PERCENTAGE
		                           ? "a number from 0 to 100"
		                           : "a non-negative integer");
	if (st == SFN_OK)
		*out = v->valuedouble;
	cJSON_Delete(v);
	return st;
}

static enum sfn_status select_items(struct frame *f)
{
	const struct sfn_asl_map *m = f->state->u.map;
	struct sfn_exec_data d = Sfn_interp_data(f, f->task_input);
	enum sfn_status st;

	if (m->item_reader.json != NULL)
		return sfn_error_set(
		        &f->err, "States.ItemReaderFailed",
		        "sfnc run reads no ItemReader (state '%s'): "
		        "give the items in the input",
		        f->state->name);
	if (JSONATA(f) && m->items.json != NULL)
		st = Sfn_interp_jn_value(f, &m->items, "Items", NULL, NULL,
		                         NULL, &f->items);
	else
		st = sfn_exec_select_field(&m->items_path.field, &d, &f->items,
		                           &f->err);
	if (st == SFN_OK && JSONATA(f) && !cJSON_IsArray(f->items))
		return sfn_error_set(&f->err, SFN_EXEC_QUERY_ERROR,
		                     "The Items of the Map state '%s' is not "
		                     "an array",
		                     f->state->name);

	if (st == SFN_OK && !cJSON_IsArray(f->items))
		return sfn_error_set(&f->err, "States.Runtime",
		                     "The Map state '%s' needs an array of "
		                     "items, and its ItemsPath selected none",
		                     f->state->name);
	if (st == SFN_OK &&
	    (size_t) cJSON_GetArraySize(f->items) > f->run->opts.max_map_items)
		return sfn_error_set(
		        &f->err, "States.Runtime",
		        "The Map state '%s' has more than "
		        "its limit of items (SFN_RUN_MAX_MAP_ITEMS)",
		        f->state->name);
	return st;
}

/* A new batch: the members of BatchInput (or none) and empty "Items". */
static enum sfn_status new_batch(struct frame *f, cJSON **out)
{
	const struct sfn_asl_payload *in =
	        &f->state->u.map->item_batcher.batch_input;
	struct sfn_exec_data d = Sfn_interp_data(f, f->task_input);
	enum sfn_status st = SFN_OK;

	*out = NULL;
	if (in->json != NULL && in->tmpl != NULL)
		st = sfn_exec_payload_compiled(in->tmpl, &d, out, &f->err);
	else
		*out = cJSON_CreateObject();
	if (st == SFN_OK &&
	    (!cJSON_IsObject(*out) || !cJSON_AddArrayToObject(*out, "Items")))
		st = SFN_ERR_NOMEM;
	return st;
}

/* The bytes ITEM takes in compact JSON (0 when memory ran out). */
static double json_size(const cJSON *item)
{
	char *text = cJSON_PrintUnformatted(item);
	double n = text ? (double) strlen(text) : 0;

	free(text);
	return n;
}

/* Whether a batch of N items and BYTES (their JSON) is full for ITEM. */
static int full(double n, double bytes, const cJSON *item, double per,
                double max_bytes)
{
	if (n == 0)
		return 0; /* an item too large for a batch still gets one */
	if (per >= 1 && n >= per)
		return 1;
	return max_bytes >= 1 && bytes + 1 + json_size(item) > max_bytes;
}

/* ItemBatcher: the items grouped into {"Items": [...]} batches of at most
 * MaxItemsPerBatch items and MaxInputBytesPerBatch bytes of items (all
 * in one when neither is given). */
static enum sfn_status batch(struct frame *f)
{
	const struct sfn_asl_map_batcher *b = &f->state->u.map->item_batcher;
	cJSON *batches, *one = NULL, *items = NULL, *item;
	double per = 0, max_bytes = 0, n = 0, bytes = 0;
	enum sfn_status st;

	if (b->json == NULL)
		return SFN_OK;
	st = number(f, &b->max_items, "MaxItemsPerBatch", NUMBER_COUNT, 0,
	            &per);
	if (st == SFN_OK)
		st = number(f, &b->max_bytes, "MaxInputBytesPerBatch",
		            NUMBER_COUNT, 0, &max_bytes);
	batches = cJSON_CreateArray();
	if (st == SFN_OK && batches == NULL)
		st = SFN_ERR_NOMEM;
	while (st == SFN_OK && (item = f->items->child) != NULL) {
		if (one == NULL || full(n, bytes, item, per, max_bytes)) {
			st = new_batch(f, &one);
			if (st != SFN_OK ||
			    !cJSON_AddItemToArray(batches, one)) {
				cJSON_Delete(one);
				st = st != SFN_OK ? st : SFN_ERR_NOMEM;
				break;
			}
			items = cJSON_GetObjectItem(one, "Items");
			n = bytes = 0;
		}
		bytes += (n > 0) + json_size(item);
		cJSON_DetachItemViaPointer(f->items, item);
		cJSON_AddItemToArray(items, item);
		n++;
	}
	cJSON_Delete(f->items);
	f->items = batches;
	return st;
}

static enum sfn_status tolerance(struct frame *f)
{
	const struct sfn_asl_map *m = f->state->u.map;
	enum sfn_status st;

	f->tolerated_count = f->tolerated_pct = -1;
	if (m->mode != SFN_ASL_MAP_DISTRIBUTED)
		return SFN_OK;
	st = number(f, &m->tolerated_failure_count, "ToleratedFailureCount",
	            NUMBER_COUNT, -1, &f->tolerated_count);
	if (st == SFN_OK)
		st = number(f, &m->tolerated_failure_percentage,
		            "ToleratedFailurePercentage", NUMBER_PERCENTAGE, -1,
		            &f->tolerated_pct);
	return st;
}

/* The Map's effective input: all of the state's input is referenced, not
 * copied (the state's input outlives its kids); else InputPath's. */
static enum sfn_status map_input(struct frame *f)
{
	if (f->state->io->input_path.field.kind != SFN_FIELD_ABSENT)
		return Sfn_interp_select_input(f, &f->task_input);
	f->task_input = Sfn_interp_ref(f->input);
	if (f->task_input == NULL)
		return SFN_ERR_NOMEM;
	if (!JSONATA(f))
		Sfn_interp_trace(f, "afterInputPath", f->input);
	return SFN_OK;
}

void Sfn_interp_map(struct frame *f)
{
	double conc = 0;
	enum sfn_status st = map_input(f);

	if (st == SFN_OK)
		st = select_items(f);
	if (st == SFN_OK)
		st = batch(f);
	if (st == SFN_OK)
		st = number(f, &f->state->u.map->max_concurrency,
		            "MaxConcurrency", NUMBER_COUNT, 0, &conc);
	if (st == SFN_OK)
		st = tolerance(f);
	if (st != SFN_OK) {
		Sfn_interp_kids_stop(f);
		cJSON_Delete(f->task_input);
		f->task_input = NULL;
		Sfn_interp_state_failed(f, st);
		return;
	}
	begin(f, (size_t) cJSON_GetArraySize(f->items),
	      conc >= (double) f->run->opts.max_frames ? f->run->opts.max_frames
	                                               : (size_t) floor(conc));
}
