/* GetExecutionHistory: the interpreter's history of an execution, a page
 * at a time, oldest or newest first, with or without the execution's
 * data, and each timestamp as the protocol writes one. Knows nothing of
 * HTTP. */
#include "config.h"

#include <string.h>

#include "serve/serve_int.h"
#include "sfn/choice.h"
#include "sfn/run.h"

/* Drops the data members (input, output) of an event's details, as
 * includeExecutionData false asks; their *Details stay. */
static void drop_data(cJSON *event)
{
	cJSON *m;

	cJSON_ArrayForEach(m, event)
	{
		if (!cJSON_IsObject(m))
			continue;
		cJSON_DeleteItemFromObjectCaseSensitive(m, "input");
		cJSON_DeleteItemFromObjectCaseSensitive(m, "output");
	}
}

/* A copy of EVENT for the reply. */
static cJSON *event_copy(const cJSON *event, int data)
{
	cJSON *e = cJSON_Duplicate(event, 1);
	cJSON *when = cJSON_GetObjectItemCaseSensitive(e, "timestamp");
	struct sfn_instant at;
	cJSON *num;

	if (e == NULL)
		return NULL;
	if (cJSON_IsString(when) &&
	    sfn_choice_timestamp(when->valuestring, &at)) {
		num = cJSON_CreateNumber((double) at.seconds +
		                         (double) (at.nanos / 1000000) /
		                                 1000.0);
		if (num == NULL || !cJSON_ReplaceItemInObjectCaseSensitive(
		                           e, "timestamp", num)) {
			cJSON_Delete(num);
			cJSON_Delete(e);
			return NULL;
		}
	}
	if (!data)
		drop_data(e);
	return e;
}

/* The event at position AT of EVENTS (N of them) counted from the end
 * when REVERSE: one walk along cJSON's list, whose head's prev is its
 * tail. */
static const cJSON *nth(const cJSON *events, size_t n, size_t at, int reverse)
{
	const cJSON *e = events->child;
	size_t k = reverse ? n - 1 - at : at;

	if (k > n / 2) {
		e = e->prev;
		for (size_t i = n - 1; i > k; i--)
			e = e->prev;
		return e;
	}
	for (size_t i = 0; i < k; i++)
		e = e->next;
	return e;
}

/* Events [AT, AT + MAX) of EVENTS (N of them, AT < N), in REVERSE order
 * or not; returns the position past the last one copied, or (size_t) -1
 * when memory ran out. */
static size_t page(cJSON *list, const cJSON *events, size_t n, size_t at,
                   size_t max, int reverse, int data)
{
	const cJSON *ev = nth(events, n, at, reverse);
	size_t i;

	for (i = at; i < n && i - at < max; i++) {
		cJSON *e = event_copy(ev, data);

		if (e == NULL || !cJSON_AddItemToArray(list, e)) {
			cJSON_Delete(e);
			return (size_t) -1;
		}
		ev = reverse ? ev->prev : ev->next;
	}
	return i;
}

void Sfn_serve_history(struct Sfn_serve_call *call)
{
	struct Sfn_serve_exec *e = Sfn_serve_exec_arg(call);
	const cJSON *events;
	size_t max, at, n, next;
	int reverse, data;
	cJSON *out, *list;

	if (e == NULL || !Sfn_serve_max_results(call, &max) ||
	    !Sfn_serve_bool(call, "reverseOrder", 0, &reverse) ||
	    !Sfn_serve_bool(call, "includeExecutionData", 1, &data))
		return;
	events =
	        cJSON_GetObjectItemCaseSensitive(Sfn_exec_history(e), "events");
	n = (size_t) cJSON_GetArraySize(events);
	if (!Sfn_serve_token(call, n, &at) ||
	    (out = Sfn_serve_out(call)) == NULL)
		return;
	list = cJSON_AddArrayToObject(out, "events");
	next = list == NULL ? (size_t) -1
	       : n == 0     ? 0
	                    : page(list, events, n, at, max, reverse, data);
	if (next == (size_t) -1)
		Sfn_serve_fail_status(call, SFN_ERR_NOMEM);
	else
		Sfn_serve_add_token(call, out, next, n);
}
