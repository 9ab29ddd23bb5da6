/* Mocked Task responses in the MockConfigFile format of Step Functions
 * Local: a test case of a state machine maps state names to mocked
 * responses, whose keys are attempt numbers or ranges ("0", "1-2"), each
 * a Return (the task's output) or a Throw (an Error and a Cause), with
 * an optional DelaySeconds (an sfnc extension) on the loop's clock. A
 * mocked task never leaves the process. Knows nothing of the interpreter
 * beyond the integration seam.
 *
 * Ownership: a mock borrows the document it was read from (it must
 * outlive the mock) and the loop. */
#ifndef SFN_MOCK_H
#define SFN_MOCK_H

#include "sfn/diag.h"
#include "sfn/integration.h"
#include "sfn/json.h"
#include "sfn/loop.h"

/* Named limits: attempts one response range may cover, and the longest
 * DelaySeconds. */
#define SFN_MOCK_MAX_ATTEMPT       1000000
#define SFN_MOCK_MAX_DELAY_SECONDS 86400

struct sfn_mock;

/* Reads test case CASE of state machine MACHINE from the MockConfigFile
 * DOC. SFN_ERR_SYNTAX with located diagnostics in DIAGS for a malformed
 * file, an unknown machine or test case, or a state mapped to a response
 * that is not defined; SFN_ERR_NOMEM. */
enum sfn_status sfn_mock_load(const struct sfn_json_doc *doc,
                              const char *machine, const char *test_case,
                              struct sfn_loop *loop, struct sfn_diags *diags,
                              struct sfn_mock **out);

/* The integration that answers for STATE, or NULL when the test case
 * does not mock it. */
const struct sfn_integration *sfn_mock_for(const struct sfn_mock *mock,
                                           const char *state);

/* How many tasks the mock has answered (for tests). */
size_t sfn_mock_calls(const struct sfn_mock *mock);

void sfn_mock_free(struct sfn_mock *mock);

#endif
