/* The teardown of one execution in the interpreter's unit tests. */
#include "config.h"

#include "run_parts.h"

void run_parts_free(struct run_parts *p)
{
	sfn_run_free(p->run);
	sfn_mock_free(p->mock);
	sfn_asl_machine_free(p->machine);
	if (p->loop)
		sfn_loop_free(p->loop);
	sfn_json_doc_free(p->def);
	sfn_json_doc_free(p->input);
	sfn_json_doc_free(p->mock_doc);
}
