/* A compiled stack's CloudFormation template: the stack's machines,
 * region and outputs from the .sfn unit handed to the emitter. Knows
 * neither how templates are built nor how they are written. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "sfn/cfn.h"
#include "sfn/lang.h"

enum sfn_status sfn_cli_stack_template(const struct sfn_lang_unit *u, size_t i,
                                       cJSON **out)
{
	const struct sfn_lang_stack *ls = sfn_lang_stack_at(u, i);
	struct sfn_cfn_stack st = { ls->name, ls->region, ls->region_given,
		                    NULL,     0,          NULL,
		                    0 };
	size_t n = sfn_lang_machine_count(u), k = 0;
	struct sfn_cfn_machine *ms = calloc(n ? n : 1, sizeof(*ms));
	struct sfn_cfn_output *os =
	        calloc(ls->output_count ? ls->output_count : 1, sizeof(*os));
	enum sfn_status status = SFN_ERR_NOMEM;

	*out = NULL;
	if (ms != NULL && os != NULL) {
		for (size_t m = 0; m < n; m++)
			if (strcmp(sfn_lang_machine_stack(u, m), ls->name) ==
			    0) {
				ms[k].name = sfn_lang_machine_name(u, m);
				ms[k].asl = sfn_lang_machine_asl(u, m);
				ms[k].express = sfn_lang_machine_express(u, m);
				ms[k++].grants = sfn_lang_machine_grants(u, m);
			}
		for (size_t o = 0; o < ls->output_count; o++) {
			os[o].name = ls->outputs[o].name;
			os[o].machine = ls->outputs[o].machine;
		}
		st.machines = ms;
		st.machine_count = k;
		st.outputs = os;
		st.output_count = ls->output_count;
		status = sfn_cfn_template(&st, out);
	}
	free(ms);
	free(os);
	return status;
}
