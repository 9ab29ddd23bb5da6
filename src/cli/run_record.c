/* sfnc run --record FILE: the recorder wraps the mock and every
 * registered integration, and when the execution has ended its test case
 * is written to FILE, whole or not at all (a temporary file renamed).
 * Knows nothing of how an execution runs or of what the integrations do. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/run_record.h"
#include "sfn/jsonout.h"

int sfn_run_record_wrap(const struct cli_command *cmd,
                        struct sfn_mock_record *rec,
                        struct sfn_integrations *table, struct sfn_mock *mock)
{
	const struct sfn_integration *front;
	enum sfn_status st = SFN_OK;

	for (size_t i = 0; st == SFN_OK && i < table->count; i++)
		st = sfn_mock_record_wrap(rec, table->entries[i].integration,
		                          &table->entries[i].integration);
	if (st == SFN_OK && mock != NULL) {
		st = sfn_mock_record_wrap(rec, sfn_mock_integration(mock),
		                          &front);
		if (st == SFN_OK)
			sfn_mock_front(mock, front);
	}
	if (st != SFN_OK)
		sfn_cli_error(cmd, "--record: %s", sfn_status_str(st));
	return st == SFN_OK;
}

int sfn_run_record_write(const struct cli_command *cmd,
                         const struct sfn_mock_record *rec, const char *machine,
                         const char *test_case, const char *path)
{
	cJSON *file = sfn_mock_record_file(rec, machine, test_case);
	struct sfn_buf text, tmp;
	int ok = 0;

	sfn_buf_init(&text, (size_t) 1 << 30);
	sfn_buf_init(&tmp, 4096);
	if (file != NULL) {
		sfn_jsonout_value(file, SFN_JSONOUT_PRETTY, &text);
		sfn_buf_addc(&text, '\n');
	}
	sfn_buf_printf(&tmp, "%s.tmp", path);
	if (file == NULL || text.status != SFN_OK || tmp.status != SFN_OK) {
		sfn_cli_error(cmd, "--record: cannot put '%s' together: %s",
		              path, sfn_status_str(SFN_ERR_NOMEM));
	} else if (sfn_write_file(sfn_buf_str(&tmp), sfn_buf_str(&text),
	                          text.len) != SFN_OK ||
	           rename(sfn_buf_str(&tmp), path) != 0) {
		sfn_cli_error(cmd, "--record: cannot write '%s': %s", path,
		              strerror(errno));
		remove(sfn_buf_str(&tmp));
	} else {
		ok = 1;
	}
	cJSON_Delete(file);
	sfn_buf_free(&text);
	sfn_buf_free(&tmp);
	return ok;
}
