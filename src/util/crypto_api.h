/* libcrypto, opened at first use (util/dynlib.h): linked, its thousands
 * of symbol bindings (it is built with BIND_NOW) cost every command about
 * 2.5 million instructions before main, most of `sfnc --version` and of
 * the tutorial's compile, which need none of it. Only SigV4 (signing
 * Bedrock calls, checking signatures in sfnc serve) and the SHA digests
 * of States.Hash and $hash load it. Every file of ours that calls
 * libcrypto includes this header instead of OpenSSL's: the names of its
 * functions become calls through the table. Knows nothing of what is
 * hashed or signed. */
#ifndef SFN_UTIL_CRYPTO_API_H
#define SFN_UTIL_CRYPTO_API_H

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "sfn/status.h"

/* The functions we call; each slot has the type OpenSSL declares. */
#define SFN_CRYPTO_FUNCTIONS(X)                                                \
	X(CRYPTO_memcmp)                                                       \
	X(EVP_Digest)                                                          \
	X(EVP_DigestFinal_ex)                                                  \
	X(EVP_DigestInit_ex)                                                   \
	X(EVP_DigestUpdate)                                                    \
	X(EVP_MD_CTX_free)                                                     \
	X(EVP_MD_CTX_new)                                                      \
	X(EVP_md5)                                                             \
	X(EVP_sha1)                                                            \
	X(EVP_sha256)                                                          \
	X(EVP_sha384)                                                          \
	X(EVP_sha512)                                                          \
	X(HMAC)

#define SFN_CRYPTO_SLOT(f) __typeof__(f) *f##_fn;
struct Sfn_crypto_api {
	SFN_CRYPTO_FUNCTIONS(SFN_CRYPTO_SLOT)
};
#undef SFN_CRYPTO_SLOT

/* The table: empty until Sfn_crypto_load succeeds. */
extern const struct Sfn_crypto_api *const Sfn_crypto;

/* Loads libcrypto (SFN_CRYPTO_SONAME) once per process; every entry
 * point that leads to a call of the table runs it first. SFN_ERR_IO when
 * it cannot be loaded, with *WHY (static text) naming the library and
 * the package. */
enum sfn_status Sfn_crypto_load(const char **why);

#define CRYPTO_memcmp      (*Sfn_crypto->CRYPTO_memcmp_fn)
#define EVP_Digest         (*Sfn_crypto->EVP_Digest_fn)
#define EVP_DigestFinal_ex (*Sfn_crypto->EVP_DigestFinal_ex_fn)
#define EVP_DigestInit_ex  (*Sfn_crypto->EVP_DigestInit_ex_fn)
#define EVP_DigestUpdate   (*Sfn_crypto->EVP_DigestUpdate_fn)
#define EVP_MD_CTX_free    (*Sfn_crypto->EVP_MD_CTX_free_fn)
#define EVP_MD_CTX_new     (*Sfn_crypto->EVP_MD_CTX_new_fn)
#define EVP_md5            (*Sfn_crypto->EVP_md5_fn)
#define EVP_sha1           (*Sfn_crypto->EVP_sha1_fn)
#define EVP_sha256         (*Sfn_crypto->EVP_sha256_fn)
#define EVP_sha384         (*Sfn_crypto->EVP_sha384_fn)
#define EVP_sha512         (*Sfn_crypto->EVP_sha512_fn)
#define HMAC               (*Sfn_crypto->HMAC_fn)

#endif
