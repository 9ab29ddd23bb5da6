/* JSONata syntax check. Private to src/asl. */
#ifndef SFN_ASL_JSONATA_H
#define SFN_ASL_JSONATA_H

#include <stddef.h>

/* Whether EXPR (the text between "{%" and "%}") parses as far as this
 * check can tell; otherwise *AT is the offset of the offence and *WHY
 * says what it is. */
int sfn_asl_jsonata_check(const char *expr, size_t *at, const char **why);

#endif
