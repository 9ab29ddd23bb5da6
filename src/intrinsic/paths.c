/* The path arguments of a parsed call, nested calls included, handed to
 * a callback: callers that evaluate a call many times parse its paths
 * once beforehand. Knows nothing of what the paths select. */
#include "config.h"

#include "intrinsic/intrinsic_int.h"

enum sfn_status sfn_intrinsic_each_path(const struct sfn_intrinsic *call,
                                        sfn_intrinsic_path_fn *fn, void *ctx)
{
	enum sfn_status st = SFN_OK;

	/* nesting is bounded by the parser (SFN_INTRINSIC_MAX_DEPTH) */
	for (size_t i = 0; st == SFN_OK && i < call->nargs; i++) {
		const struct intr_arg *a = call->args[i];

		if (a->kind == INTR_PATH)
			st = fn(ctx, a->str);
		else if (a->kind == INTR_CALL)
			st = sfn_intrinsic_each_path(a->call, fn, ctx);
	}
	return st;
}
