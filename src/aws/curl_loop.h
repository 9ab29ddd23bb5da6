/* libcurl's multi interface driven by the event loop: curl tells which
 * sockets to watch and when to wake it (CURLMOPT_SOCKETFUNCTION,
 * CURLMOPT_TIMERFUNCTION); the loop tells curl what is ready
 * (curl_multi_socket_action); finished transfers are reported through a
 * callback. Knows nothing of ASL or of what the transfers carry. */
#ifndef SFN_CURL_LOOP_H
#define SFN_CURL_LOOP_H

#include "aws/curl_api.h"

#include "sfn/loop.h"

/* Transfers in progress on one adapter at a time. */
#define SFN_CURL_LOOP_MAX_TRANSFERS 256

struct sfn_curl_loop;

/* Called once per transfer that finished (RESULT CURLE_OK or why not;
 * CURLE_ABORTED_BY_CALLBACK when the adapter could not drive curl any
 * more, see Sfn_curl_loop_status), from the event loop. EASY is back in the
 * caller's hands: removed from the multi handle, not cleaned up. */
typedef void (*sfn_curl_done_fn)(void *ctx, CURL *easy, CURLcode result);

/* An adapter on LOOP (borrowed). The program calls curl_global_init
 * before the first one. SFN_ERR_IO when libcurl cannot be loaded
 * (Sfn_curl_load says why). */
enum sfn_status Sfn_curl_loop_new(struct sfn_loop *loop,
                                  struct sfn_curl_loop **out);
/* Removes the transfers still running (their callbacks are not called;
 * their easy handles stay the caller's) and frees the adapter. */
void Sfn_curl_loop_free(struct sfn_curl_loop *cl);

/* Starts EASY, a configured easy handle the caller keeps owning; the
 * adapter uses its CURLOPT_PRIVATE. SFN_ERR_LIMIT past
 * SFN_CURL_LOOP_MAX_TRANSFERS; SFN_ERR_USAGE when curl refuses EASY. */
enum sfn_status Sfn_curl_loop_add(struct sfn_curl_loop *cl, CURL *easy,
                                  sfn_curl_done_fn done, void *ctx);
/* Cancels EASY's transfer: its callback will not be called. 0 when EASY
 * was not running here. */
int Sfn_curl_loop_remove(struct sfn_curl_loop *cl, CURL *easy);
size_t Sfn_curl_loop_running(const struct sfn_curl_loop *cl);
/* SFN_OK, or how driving curl failed (a watch or timer past its limit,
 * curl_multi_socket_action refusing); sticky. */
enum sfn_status Sfn_curl_loop_status(const struct sfn_curl_loop *cl);

#endif
