/* What a unit test of the interpreter holds to run one execution: the
 * documents, the loaded machine, the loop, the mock and the run, and the
 * one teardown of them all (test_run.c, test_run_bounds.c). */
#ifndef SFN_TEST_RUN_PARTS_H
#define SFN_TEST_RUN_PARTS_H

#include "sfn/json.h"
#include "sfn/loop.h"
#include "sfn/mock.h"
#include "sfn/model.h"
#include "sfn/run.h"

struct run_parts {
	struct sfn_json_doc *def, *input, *mock_doc;
	struct sfn_asl_machine *machine;
	struct sfn_loop *loop;
	struct sfn_mock *mock;
	struct sfn_run *run;
};

/* Frees what P holds (any of it may be NULL), the run before what it
 * borrows. */
void run_parts_free(struct run_parts *p);

#endif
