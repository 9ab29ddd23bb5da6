/* Parses a machine's JSONata expressions once, after loading, into the
 * model's slots (include/sfn/model.h), so that no expression text is
 * parsed while the machine runs. Knows nothing of evaluation. */
#include "config.h"

#include "sfn/exec.h"
#include "sfn/jsonata.h"
#include "sfn/model.h"

struct prepare {
	struct sfn_asl_machine *machine;
	const struct sfn_asl_jsonata **bad;
	struct sfn_jsonata_error *err;
};

static void release(void *p)
{
	sfn_jsonata_free(p);
}

static enum sfn_status parse_slot(void *ctx, struct sfn_asl_jsonata *slot)
{
	struct prepare *p = ctx;
	struct sfn_jsonata_error local;
	struct sfn_jsonata *e = NULL;
	int first = p->bad != NULL && *p->bad == NULL;
	enum sfn_status st;

	if (slot->compiled != NULL)
		return SFN_OK;
	st = sfn_jsonata_parse(slot->expr, slot->len, &e,
	                       first && p->err ? p->err : &local);
	if (st == SFN_ERR_NOMEM)
		return st;
	if (st != SFN_OK) {
		if (first)
			*p->bad = slot;
		return SFN_OK;
	}
	st = sfn_asl_defer(p->machine, release, e);
	if (st != SFN_OK) {
		sfn_jsonata_free(e);
		return st;
	}
	slot->compiled = e;
	return SFN_OK;
}

enum sfn_status sfn_exec_jsonata_prepare(struct sfn_asl_machine *machine,
                                         const struct sfn_asl_jsonata **bad,
                                         struct sfn_jsonata_error *err)
{
	struct prepare p = { machine, bad, err };

	if (bad != NULL)
		*bad = NULL;
	return sfn_asl_each_jsonata(machine, parse_slot, &p);
}
