/* Status codes returned by every libsfn function that can fail.
 * Library code never prints or exits: it returns one of these and, where a
 * user should hear about it, adds a diagnostic. */
#ifndef SFN_STATUS_H
#define SFN_STATUS_H

enum sfn_status {
	SFN_OK = 0,
	SFN_ERR_NOMEM,  /* an allocation failed */
	SFN_ERR_LIMIT,  /* a named size or depth limit was exceeded */
	SFN_ERR_IO,     /* reading or writing failed; errno tells why */
	SFN_ERR_SYNTAX, /* input was rejected; diagnostics say where */
	SFN_ERR_USAGE,  /* a caller passed arguments that make no sense */
	SFN_ERR_FAILED  /* the execution failed: the struct sfn_error the
	                   call filled says with which error and cause */
};

/* A short English phrase for a status ("out of memory", ...). */
const char *sfn_status_str(enum sfn_status status);

/* An error as a state machine execution reports it: the error name
 * ("States.Runtime", "States.ResultPathMatchFailure", ...) and the cause
 * the service would give. Both strings are malloc'd; sfn_error_clear
 * frees them. Start from a zeroed struct. */
struct sfn_error {
	char *name;
	char *cause;
};

void sfn_error_clear(struct sfn_error *err);
/* Sets ERR (cleared first) to NAME and a printf-style cause; returns
 * SFN_ERR_FAILED, or SFN_ERR_NOMEM when the strings cannot be made. */
enum sfn_status sfn_error_set(struct sfn_error *err, const char *name,
                              const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

#endif
