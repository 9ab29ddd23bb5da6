/* sfnc run --record FILE: every task's outcome written as a
 * MockConfigFile test case that --mock-config replays. Knows nothing of
 * how an execution runs or of what the integrations do. */
#ifndef SFN_CLI_RUN_RECORD_H
#define SFN_CLI_RUN_RECORD_H

#include "cli/cli.h"
#include "sfn/integration.h"
#include "sfn/mock.h"

#define SFN_RUN_RECORD_CASE "Recorded" /* the test case without -t */

/* Puts REC in front of every integration of TABLE and of MOCK (may be
 * NULL); reports a failure and returns 0. */
int sfn_run_record_wrap(const struct cli_command *cmd,
                        struct sfn_mock_record *rec,
                        struct sfn_integrations *table, struct sfn_mock *mock);

/* Writes REC as test case CASE of MACHINE to PATH (through PATH.tmp,
 * renamed); reports a failure and returns 0. */
int sfn_run_record_write(const struct cli_command *cmd,
                         const struct sfn_mock_record *rec, const char *machine,
                         const char *test_case, const char *path);

#endif
