/* Mocked Task responses in the MockConfigFile format of Step Functions
 * Local: a test case of a state machine maps state names to mocked
 * responses, whose keys are invocation numbers or ranges ("0", "1-2"),
 * each a Return (the task's output) or a Throw (an Error and a Cause),
 * with an optional DelaySeconds (an sfnc extension) on the loop's clock.
 * A state's invocations are counted over the whole execution, as Step
 * Functions Local counts them: "0" is its first, "1" the next one,
 * whether a retry, another Map iteration or another pass of a loop. A
 * mocked task never leaves the process. The recorder writes what tasks
 * answered as such a test case, for replay. Knows nothing of the
 * interpreter beyond the integration seam.
 *
 * Ownership: a mock borrows the document it was read from (it must
 * outlive the mock) and the loop. A recorder owns the copies it keeps
 * and borrows the integrations it wraps. */
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

/* The mock's own integration, whatever sfn_mock_for returns. */
const struct sfn_integration *sfn_mock_integration(struct sfn_mock *mock);
/* Has sfn_mock_for return FRONT (borrowed; NULL: the mock's own) for
 * the states the test case names: a recorder wrapping the mock. */
void sfn_mock_front(struct sfn_mock *mock, const struct sfn_integration *front);

/* How many tasks the mock has answered (for tests). */
size_t sfn_mock_calls(const struct sfn_mock *mock);

void sfn_mock_free(struct sfn_mock *mock);

/* ---- recording -------------------------------------------------------------
 * A recorder wraps integrations: each task it starts goes to the wrapped
 * one, gets the next invocation number of its state, and its outcome is
 * kept as {"Return": output} or {"Throw": {"Error", "Cause"}}. A task
 * cancelled before it answered (a timeout, a failed branch) is kept as a
 * Throw of States.Timeout answering after SFN_MOCK_MAX_DELAY_SECONDS, so
 * that on replay whatever cancelled it comes first again. Only outcomes
 * are kept: never a request, a header or a credential. */

#define SFN_MOCK_RECORD_MAX_WRAPPED 8 /* integrations one recorder wraps */

struct sfn_mock_record;

/* MAX_INVOCATIONS: of one state (0: SFN_MOCK_MAX_ATTEMPT + 1, what a
 * MockConfigFile can hold); past it a start fails with SFN_ERR_LIMIT. */
enum sfn_status sfn_mock_record_new(unsigned long max_invocations,
                                    struct sfn_mock_record **out);
/* *OUT: an integration running INNER's tasks (with its real_time) and
 * recording them; valid while REC is. SFN_ERR_LIMIT past
 * SFN_MOCK_RECORD_MAX_WRAPPED. */
enum sfn_status sfn_mock_record_wrap(struct sfn_mock_record *rec,
                                     const struct sfn_integration *inner,
                                     const struct sfn_integration **out);
/* A new MockConfigFile (the caller owns it; NULL when memory ran out):
 * StateMachines.MACHINE.TestCases.TEST_CASE maps each recorded state to
 * the response "TEST_CASE.STATE", whose keys "0", "1", ... are its
 * invocations in the order they started. */
cJSON *sfn_mock_record_file(const struct sfn_mock_record *rec,
                            const char *machine, const char *test_case);
/* Tasks still running must have been cancelled or have ended. */
void sfn_mock_record_free(struct sfn_mock_record *rec);

#endif
