/* Names of status codes, for messages the command line prints. */
#include "config.h"

#include "sfn/status.h"

const char *sfn_status_str(enum sfn_status status)
{
	switch (status) {
	case SFN_OK:
		return "success";
	case SFN_ERR_NOMEM:
		return "out of memory";
	case SFN_ERR_LIMIT:
		return "a size or depth limit was exceeded";
	case SFN_ERR_IO:
		return "input/output error";
	case SFN_ERR_SYNTAX:
		return "invalid input";
	case SFN_ERR_USAGE:
		return "invalid arguments";
	case SFN_ERR_FAILED:
		return "the execution failed";
	}
	return "unknown status";
}
