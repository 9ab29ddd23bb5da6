/* What a JSONata expression refers to that the service restricts, read
 * from its tokens. Private to src/asl. */
#ifndef SFN_ASL_JSONATA_H
#define SFN_ASL_JSONATA_H

#include <stddef.h>

#include "sfn/jsonata.h"

/* Brackets open at once that the scan follows: as deep as the parser
 * goes (an expression is scanned only once it parsed). */
#define SFN_ASL_JSONATA_MAX_BRACKETS SFN_JSONATA_MAX_NESTING

/* What an expression refers to that the service restricts. */
struct sfn_jsonata_facts {
	int context;       /* $$ */
	int error_output;  /* $states.errorOutput */
	char top_name[64]; /* "$" or a name at the top level, or "" */
	size_t context_at; /* byte offsets in the expression of each */
	size_t error_output_at;
	size_t top_at;
};

/* FACTS receives what the tokens (not the string literals) of EXPR,
 * the text between "{%" and "%}" that the JSONata parser accepted,
 * refer to. */
void Sfn_asl_jsonata_facts(const char *expr, struct sfn_jsonata_facts *facts);

#endif
