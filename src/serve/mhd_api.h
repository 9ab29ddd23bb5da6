/* libmicrohttpd, opened at first use (util/dynlib.h) so that only sfnc
 * serve pays for loading it. The server's transport includes this header
 * instead of <microhttpd.h>: the names of MHD's functions become calls
 * through the table. Knows nothing of Step Functions. */
#ifndef SFN_SERVE_MHD_API_H
#define SFN_SERVE_MHD_API_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include <microhttpd.h>

#include "sfn/status.h"

/* The functions we call; each slot has the type microhttpd.h declares. */
#define SFN_MHD_FUNCTIONS(X)                                                   \
	X(add_response_header)                                                 \
	X(create_response_from_buffer)                                         \
	X(destroy_response)                                                    \
	X(get_connection_values)                                               \
	X(get_daemon_info)                                                     \
	X(get_timeout)                                                         \
	X(lookup_connection_value)                                             \
	X(queue_response)                                                      \
	X(resume_connection)                                                   \
	X(run)                                                                 \
	X(start_daemon)                                                        \
	X(stop_daemon)                                                         \
	X(suspend_connection)

#define SFN_MHD_SLOT(f) __typeof__(MHD_##f) *f;
struct Sfn_mhd_api {
	SFN_MHD_FUNCTIONS(SFN_MHD_SLOT)
};
#undef SFN_MHD_SLOT

/* The table: empty until Sfn_mhd_load succeeds. */
extern const struct Sfn_mhd_api *const Sfn_mhd;

/* Loads libmicrohttpd (SFN_MHD_SONAME) once per process, before the
 * first daemon starts. SFN_ERR_IO when it cannot be loaded, with *WHY
 * (static text) naming the library and the package. */
enum sfn_status Sfn_mhd_load(const char **why);

#define MHD_add_response_header         (*Sfn_mhd->add_response_header)
#define MHD_create_response_from_buffer (*Sfn_mhd->create_response_from_buffer)
#define MHD_destroy_response            (*Sfn_mhd->destroy_response)
#define MHD_get_connection_values       (*Sfn_mhd->get_connection_values)
#define MHD_get_daemon_info             (*Sfn_mhd->get_daemon_info)
#define MHD_get_timeout                 (*Sfn_mhd->get_timeout)
#define MHD_lookup_connection_value     (*Sfn_mhd->lookup_connection_value)
#define MHD_queue_response              (*Sfn_mhd->queue_response)
#define MHD_resume_connection           (*Sfn_mhd->resume_connection)
#define MHD_run                         (*Sfn_mhd->run)
#define MHD_start_daemon                (*Sfn_mhd->start_daemon)
#define MHD_stop_daemon                 (*Sfn_mhd->stop_daemon)
#define MHD_suspend_connection          (*Sfn_mhd->suspend_connection)

#endif
