/* libcurl, opened at first use (util/dynlib.h) so that the commands that
 * make no HTTP call do not pay for loading it and its dependencies. Every
 * file of ours that calls libcurl includes this header instead of
 * <curl/curl.h>: the names of curl's functions become calls through the
 * table. Knows nothing of requests, signing or the event loop. */
#ifndef SFN_AWS_CURL_API_H
#define SFN_AWS_CURL_API_H

#include <curl/curl.h>

#include "sfn/status.h"

/* The functions we call; each slot has the type curl.h declares. */
#define SFN_CURL_FUNCTIONS(X)                                                  \
	X(easy_cleanup)                                                        \
	X(easy_getinfo)                                                        \
	X(easy_init)                                                           \
	X(easy_perform)                                                        \
	X(easy_setopt)                                                         \
	X(easy_strerror)                                                       \
	X(free)                                                                \
	X(global_cleanup)                                                      \
	X(global_init)                                                         \
	X(multi_add_handle)                                                    \
	X(multi_cleanup)                                                       \
	X(multi_info_read)                                                     \
	X(multi_init)                                                          \
	X(multi_remove_handle)                                                 \
	X(multi_setopt)                                                        \
	X(multi_socket_action)                                                 \
	X(slist_append)                                                        \
	X(slist_free_all)                                                      \
	X(url)                                                                 \
	X(url_cleanup)                                                         \
	X(url_get)                                                             \
	X(url_set)

#define SFN_CURL_SLOT(f) __typeof__(curl_##f) *f;
struct Sfn_curl_api {
	SFN_CURL_FUNCTIONS(SFN_CURL_SLOT)
};
#undef SFN_CURL_SLOT

/* The table: empty until Sfn_curl_load succeeds. */
extern const struct Sfn_curl_api *const Sfn_curl;

/* Loads libcurl (SFN_CURL_SONAME) once per process; every entry point
 * that leads to a curl call runs it first. SFN_ERR_IO when it cannot be
 * loaded, with *WHY (static text) naming the library and the package. */
enum sfn_status Sfn_curl_load(const char **why);

/* curl.h's type-checking wrappers (GCC) call the linked function: the
 * calls go through the table instead, unchecked. */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#undef curl_multi_setopt
#define curl_easy_cleanup        (*Sfn_curl->easy_cleanup)
#define curl_easy_getinfo        (*Sfn_curl->easy_getinfo)
#define curl_easy_init           (*Sfn_curl->easy_init)
#define curl_easy_perform        (*Sfn_curl->easy_perform)
#define curl_easy_setopt         (*Sfn_curl->easy_setopt)
#define curl_easy_strerror       (*Sfn_curl->easy_strerror)
#define curl_free                (*Sfn_curl->free)
#define curl_global_cleanup      (*Sfn_curl->global_cleanup)
#define curl_global_init         (*Sfn_curl->global_init)
#define curl_multi_add_handle    (*Sfn_curl->multi_add_handle)
#define curl_multi_cleanup       (*Sfn_curl->multi_cleanup)
#define curl_multi_info_read     (*Sfn_curl->multi_info_read)
#define curl_multi_init          (*Sfn_curl->multi_init)
#define curl_multi_remove_handle (*Sfn_curl->multi_remove_handle)
#define curl_multi_setopt        (*Sfn_curl->multi_setopt)
#define curl_multi_socket_action (*Sfn_curl->multi_socket_action)
#define curl_slist_append        (*Sfn_curl->slist_append)
#define curl_slist_free_all      (*Sfn_curl->slist_free_all)
#define curl_url                 (*Sfn_curl->url)
#define curl_url_cleanup         (*Sfn_curl->url_cleanup)
#define curl_url_get             (*Sfn_curl->url_get)
#define curl_url_set             (*Sfn_curl->url_set)

#endif
