// OpenSSL, loaded with dlopen when a probe first needs it. Linking libssl
// would run libcrypto's start-up on every invocation, ~3.3 M instructions,
// five times what a `check` costs (tests/bench/README.md); only `probe` pays.
#pragma once

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <string>

namespace mailports::net::ossl {

// Every function the probe calls, by its OpenSSL name. Header macros that
// expand to one of these (SSL_set_tlsext_host_name, ...) are spelled out at
// the call site, so nothing here needs libssl at link time.
#define MAILPORTS_OPENSSL_FUNCTIONS(X)                                                            \
  X(TLS_client_method)                                                                          \
  X(SSL_CTX_new)                                                                                \
  X(SSL_CTX_free)                                                                               \
  X(SSL_CTX_ctrl)                                                                               \
  X(SSL_CTX_set_security_level)                                                                 \
  X(SSL_CTX_set_cipher_list)                                                                    \
  X(SSL_CTX_set_options)                                                                        \
  X(SSL_CTX_set_default_verify_paths)                                                           \
  X(SSL_CTX_load_verify_locations)                                                              \
  X(SSL_CTX_set_verify)                                                                         \
  X(SSL_new)                                                                                    \
  X(SSL_free)                                                                                   \
  X(SSL_set_fd)                                                                                 \
  X(SSL_ctrl)                                                                                   \
  X(SSL_connect)                                                                                \
  X(SSL_read)                                                                                   \
  X(SSL_write)                                                                                  \
  X(SSL_pending)                                                                                \
  X(SSL_get_error)                                                                              \
  X(SSL_get_version)                                                                            \
  X(SSL_version)                                                                                \
  X(SSL_get_current_cipher)                                                                     \
  X(SSL_CIPHER_get_name)                                                                        \
  X(SSL_CIPHER_get_bits)                                                                        \
  X(SSL_CIPHER_get_kx_nid)                                                                      \
  X(SSL_set_cipher_list)                                                                        \
  X(SSL_set_security_level)                                                                     \
  X(SSL_get_ciphers)                                                                            \
  X(SSL_get1_peer_certificate)                                                                  \
  X(SSL_get_peer_cert_chain)                                                                    \
  X(SSL_set_ex_data)                                                                            \
  X(SSL_get_ex_data)                                                                            \
  X(SSL_get_ex_data_X509_STORE_CTX_idx)                                                         \
  X(X509_STORE_CTX_get_ex_data)                                                                 \
  X(X509_STORE_CTX_get_error)                                                                   \
  X(X509_verify_cert_error_string)                                                              \
  X(X509_free)                                                                                  \
  X(X509_get_subject_name)                                                                      \
  X(X509_get_issuer_name)                                                                       \
  X(X509_NAME_print_ex)                                                                         \
  X(X509_get0_notAfter)                                                                         \
  X(X509_get0_notBefore)                                                                        \
  X(X509_get_ext_d2i)                                                                           \
  X(X509_check_host)                                                                            \
  X(X509_check_ip_asc)                                                                          \
  X(ASN1_TIME_to_tm)                                                                            \
  X(ASN1_STRING_get0_data)                                                                      \
  X(ASN1_STRING_length)                                                                         \
  X(GENERAL_NAMES_free)                                                                         \
  X(OPENSSL_sk_num)                                                                             \
  X(OPENSSL_sk_value)                                                                           \
  X(BIO_s_mem)                                                                                  \
  X(BIO_new)                                                                                    \
  X(BIO_free)                                                                                   \
  X(BIO_ctrl)                                                                                   \
  X(ERR_get_error)                                                                              \
  X(ERR_error_string_n)                                                                         \
  X(ERR_clear_error)                                                                            \
  X(d2i_X509)                                                                                   \
  X(i2d_X509)                                                                                   \
  X(X509_get_X509_PUBKEY)                                                                       \
  X(i2d_X509_PUBKEY)                                                                            \
  X(SSL_CTX_dane_enable)                                                                        \
  X(SSL_dane_enable)                                                                            \
  X(SSL_dane_tlsa_add)                                                                          \
  X(SSL_get0_dane)                                                                              \
  X(SSL_get0_dane_authority)                                                                    \
  X(X509_STORE_new)                                                                             \
  X(X509_STORE_free)                                                                            \
  X(X509_STORE_CTX_new)                                                                         \
  X(X509_STORE_CTX_free)                                                                        \
  X(X509_STORE_CTX_init)                                                                        \
  X(X509_STORE_CTX_set_default)                                                                 \
  X(X509_STORE_CTX_set0_dane)                                                                   \
  X(X509_STORE_CTX_get0_param)                                                                  \
  X(X509_VERIFY_PARAM_set1_host)                                                                \
  X(X509_verify_cert)                                                                           \
  X(OPENSSL_sk_new_null)                                                                        \
  X(OPENSSL_sk_push)                                                                            \
  X(OPENSSL_sk_free)                                                                            \
  X(CRYPTO_free)                                                                                \
  X(EVP_Digest)                                                                                 \
  X(EVP_sha256)                                                                                 \
  X(EVP_sha512)

struct Api {
#define MAILPORTS_OPENSSL_POINTER(name) decltype(&::name) name = nullptr;
  MAILPORTS_OPENSSL_FUNCTIONS(MAILPORTS_OPENSSL_POINTER)
#undef MAILPORTS_OPENSSL_POINTER
};

// The loaded library, or nullptr with `why` set (e.g. libssl.so.3 missing).
const Api* api(std::string& why);

// The oldest error on this thread's OpenSSL error queue, as text; clears it.
std::string last_error(const Api& api);

} // namespace mailports::net::ossl
