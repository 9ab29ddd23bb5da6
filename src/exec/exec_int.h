/* Private to src/exec: helpers its files share. */
#ifndef SFN_EXEC_INT_H
#define SFN_EXEC_INT_H

#include "sfn/exec.h"

/* Compact JSON text of VALUE (NULL prints as null); malloc'd, NULL when
 * memory ran out. */
char *sfn_exec_json_text(const cJSON *value);

#endif
