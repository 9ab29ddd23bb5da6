/* The table of integrations: Resource patterns with '*', first match
 * wins; starting and cancelling a task through it. Knows nothing of how
 * any integration does its work, nor of HTTP. */
#include "config.h"

#include "sfn/integration.h"

void sfn_task_cancel(struct sfn_task *task)
{
	const struct sfn_integration *it = task->integration;

	it->cancel(it->ctx, task);
}

void sfn_integrations_init(struct sfn_integrations *table)
{
	table->count = 0;
}

enum sfn_status sfn_integrations_add(struct sfn_integrations *table,
                                     const char *pattern,
                                     const struct sfn_integration *integration)
{
	if (table->count == SFN_INTEGRATIONS_MAX)
		return SFN_ERR_LIMIT;
	table->entries[table->count].pattern = pattern;
	table->entries[table->count].integration = integration;
	table->count++;
	return SFN_OK;
}

/* Glob with '*' only: on a mismatch, the last star takes one more
 * character of the resource and matching resumes after it. */
int sfn_integrations_match(const char *pattern, const char *resource)
{
	const char *star = NULL, *resume = NULL;

	while (*resource != '\0') {
		if (*pattern == '*') {
			star = pattern++;
			resume = resource;
		} else if (*pattern == *resource) {
			pattern++;
			resource++;
		} else if (star != NULL) {
			pattern = star + 1;
			resource = ++resume;
		} else {
			return 0;
		}
	}
	while (*pattern == '*')
		pattern++;
	return *pattern == '\0';
}

const struct sfn_integration *sfn_integrations_find(
        const struct sfn_integrations *table, const char *resource)
{
	for (size_t i = 0; i < table->count; i++) {
		if (sfn_integrations_match(table->entries[i].pattern, resource))
			return table->entries[i].integration;
	}
	return NULL;
}

enum sfn_status sfn_integrations_start(const struct sfn_integrations *table,
                                       const struct sfn_task_request *req,
                                       sfn_task_done_fn done, void *cb_ctx,
                                       struct sfn_task **task,
                                       struct sfn_error *err)
{
	const struct sfn_integration *it =
	        sfn_integrations_find(table, req->resource);

	*task = NULL;
	if (it == NULL)
		return sfn_error_set(err, "States.Runtime",
		                     "No integration runs the resource '%s'",
		                     req->resource);
	return it->start(it->ctx, req, done, cb_ctx, task);
}
