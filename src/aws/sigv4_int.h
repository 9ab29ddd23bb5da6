/* What the SigV4 files share: the canonical forms of a request's path,
 * query and headers. Knows nothing of keys or hashing. */
#ifndef SFN_AWS_SIGV4_INT_H
#define SFN_AWS_SIGV4_INT_H

#include "sfn/sigv4.h"

/* Appends the canonical URI of PATH (see sfn_sigv4_params.normalize). */
enum sfn_status Sfn_Sigv4_canon_path(struct sfn_buf *out, const char *path,
                                     int normalize);
/* Appends the canonical query: QUERY's parameters and the N EXTRA ones
 * (name, unencoded value pairs), encoded and sorted. */
enum sfn_status Sfn_Sigv4_canon_query(struct sfn_buf *out, const char *query,
                                      const struct sfn_sigv4_header *extra,
                                      size_t n);
/* Appends the canonical headers block (each "name:value\n") of the
 * request's headers and the N EXTRA ones to OUT, and the signed headers
 * list ("host;x-amz-date") to SIGNED. */
enum sfn_status Sfn_Sigv4_canon_headers(struct sfn_buf *out,
                                        struct sfn_buf *signed_headers,
                                        const struct sfn_sigv4_request *req,
                                        const struct sfn_sigv4_header *extra,
                                        size_t n);

#endif
