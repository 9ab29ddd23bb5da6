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
	SFN_ERR_USAGE   /* a caller passed arguments that make no sense */
};

/* A short English phrase for a status ("out of memory", ...). */
const char *sfn_status_str(enum sfn_status status);

#endif
