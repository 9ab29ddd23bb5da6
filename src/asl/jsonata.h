/* JSONata syntax check. Private to src/asl. */
#ifndef SFN_ASL_JSONATA_H
#define SFN_ASL_JSONATA_H

#include <stddef.h>

#define SFN_JSONATA_MAX_DEPTH 128 /* brackets open at once */

/* What an expression refers to that the service restricts. */
struct sfn_jsonata_facts {
	int context;       /* $$ */
	int error_output;  /* $states.errorOutput */
	char top_name[64]; /* "$" or a name at the top level, or "" */
};

/* Whether EXPR (the text between "{%" and "%}") parses as far as this
 * check can tell; otherwise *AT is the offset of the offence and *WHY
 * says what it is. FACTS receives what the expression's tokens (not its
 * string literals) refer to. */
int Sfn_asl_jsonata_check(const char *expr, struct sfn_jsonata_facts *facts,
                          size_t *at, const char **why);

#endif
