/* A compiled stack's CloudFormation template: the stack's machines,
 * region, params and outputs from the .sfn unit handed to the emitter.
 * Knows neither how templates are built nor how they are written. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "sfn/cfn.h"
#include "sfn/lang.h"

/* Machine M of U with its param references (REFS, allocated). */
static int one_machine(const struct sfn_lang_unit *u, size_t m,
                       struct sfn_cfn_machine *out)
{
	size_t n;
	const struct sfn_lang_ref *lr = sfn_lang_machine_refs(u, m, &n);
	struct sfn_cfn_ref *refs = calloc(n ? n : 1, sizeof(*refs));

	out->name = sfn_lang_machine_name(u, m);
	out->asl = sfn_lang_machine_asl(u, m);
	out->express = sfn_lang_machine_express(u, m);
	out->grants = sfn_lang_machine_grants(u, m);
	out->refs = refs;
	out->ref_count = refs != NULL ? n : 0;
	for (size_t r = 0; r < out->ref_count; r++) {
		refs[r].node = lr[r].node;
		refs[r].param = lr[r].param;
		refs[r].number = lr[r].number;
	}
	return refs != NULL;
}

static enum sfn_status template_of(const struct sfn_lang_unit *u,
                                   const struct sfn_lang_stack *ls,
                                   struct sfn_cfn_machine *ms,
                                   struct sfn_cfn_output *os,
                                   struct sfn_cfn_param *ps, cJSON **out)
{
	struct sfn_cfn_stack st = { ls->name, ls->region, ls->region_given,
		                    NULL,     0,          NULL,
		                    0,        NULL,       0 };
	size_t n = sfn_lang_machine_count(u), k = 0;

	for (size_t m = 0; m < n; m++)
		if (strcmp(sfn_lang_machine_stack(u, m), ls->name) == 0 &&
		    !one_machine(u, m, &ms[k++]))
			return SFN_ERR_NOMEM;
	for (size_t o = 0; o < ls->output_count; o++) {
		os[o].name = ls->outputs[o].name;
		os[o].machine = ls->outputs[o].machine;
	}
	for (size_t p = 0; p < ls->param_count; p++) {
		ps[p].name = ls->params[p].name;
		ps[p].number = ls->params[p].number;
		ps[p].dflt = ls->params[p].dflt;
		ps[p].num = ls->params[p].num;
		ps[p].description = ls->params[p].description;
		ps[p].allowed = ls->params[p].allowed;
		ps[p].allowed_count = ls->params[p].allowed_count;
	}
	st.machines = ms;
	st.machine_count = k;
	st.outputs = os;
	st.output_count = ls->output_count;
	st.params = ps;
	st.param_count = ls->param_count;
	return sfn_cfn_template(&st, out);
}

enum sfn_status sfn_cli_stack_template(const struct sfn_lang_unit *u, size_t i,
                                       cJSON **out)
{
	const struct sfn_lang_stack *ls = sfn_lang_stack_at(u, i);
	size_t n = sfn_lang_machine_count(u);
	struct sfn_cfn_machine *ms = calloc(n ? n : 1, sizeof(*ms));
	struct sfn_cfn_output *os =
	        calloc(ls->output_count ? ls->output_count : 1, sizeof(*os));
	struct sfn_cfn_param *ps =
	        calloc(ls->param_count ? ls->param_count : 1, sizeof(*ps));
	enum sfn_status status = SFN_ERR_NOMEM;

	*out = NULL;
	if (ms != NULL && os != NULL && ps != NULL)
		status = template_of(u, ls, ms, os, ps, out);
	for (size_t m = 0; ms != NULL && m < n; m++)
		free((void *) ms[m].refs);
	free(ms);
	free(os);
	free(ps);
	return status;
}
