#include <mailports/net/dane.hpp>

#include "openssl_api.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace mailports::net {

core::Result<bool> tlsa_matches(const TlsaRecord& record, std::span<const std::uint8_t> certificate_der)
{
  // Parameters this code cannot use make the record unusable (RFC 7672
  // §2.2), which the caller must tell from a mismatch.
  if (record.selector > 1 || record.matching_type > 2) {
    return core::Error{"unsupported TLSA selector or matching type"};
  }
  std::string why;
  const auto* api = ossl::api(why);
  if (api == nullptr) {
    return core::Error{why};
  }
  const unsigned char* in = certificate_der.data();
  X509* cert = api->d2i_X509(nullptr, &in, static_cast<long>(certificate_der.size()));
  if (cert == nullptr) {
    api->ERR_clear_error();
    return core::Error{"not a DER certificate"};
  }
  // The bytes the record speaks of: the certificate as sent, or its key.
  std::vector<std::uint8_t> selected;
  if (record.selector == 0) {
    selected.assign(certificate_der.begin(), certificate_der.end());
  } else {
    unsigned char* out = nullptr;
    const int length = api->i2d_X509_PUBKEY(api->X509_get_X509_PUBKEY(cert), &out);
    if (length > 0 && out != nullptr) {
      selected.assign(out, out + length);
    }
    api->CRYPTO_free(out, __FILE__, __LINE__);
  }
  api->X509_free(cert);
  if (selected.empty()) {
    api->ERR_clear_error();
    return core::Error{"certificate without a public key"};
  }
  if (record.matching_type == 0) {
    return std::equal(selected.begin(), selected.end(), record.data.begin(), record.data.end());
  }
  const EVP_MD* md = record.matching_type == 1 ? api->EVP_sha256() : api->EVP_sha512();
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  if (md == nullptr || api->EVP_Digest(selected.data(), selected.size(), digest, &digest_length, md, nullptr) != 1) {
    api->ERR_clear_error();
    return core::Error{"digest failed"};
  }
  return std::equal(digest, digest + digest_length, record.data.begin(), record.data.end());
}

core::Result<std::optional<std::size_t>, DaneError> tlsa_anchor_depth(const TlsaRecord& record,
                                                            std::span<const std::uint8_t> leaf_der,
                                                            std::span<const std::vector<std::uint8_t>> chain_der,
                                                            const std::string& host)
{
  using Kind = DaneError::Kind;
  if (record.usage != 2 || record.selector > 1 || record.matching_type > 2) {
    return DaneError{Kind::record_unusable, "unsupported TLSA usage, selector or matching type"};
  }
  std::string why;
  const auto* api = ossl::api(why);
  if (api == nullptr) {
    return DaneError{Kind::not_compared, why};
  }
  // libssl's own DANE, as Postfix uses it (RFC 7671 §5.2.2): the path is
  // built from the certificates sent, in any order, up to the anchor (for
  // "2 1 0", a key that need not be sent), and checked as any chain is: CA
  // flags, path length, every certificate's dates, the leaf's name.
  SSL_CTX* ctx = api->SSL_CTX_new(api->TLS_client_method());
  SSL* ssl = ctx != nullptr && api->SSL_CTX_dane_enable(ctx) > 0 ? api->SSL_new(ctx) : nullptr;
  X509_STORE* store = api->X509_STORE_new();
  X509_STORE_CTX* verify = api->X509_STORE_CTX_new();
  auto* untrusted = api->OPENSSL_sk_new_null();
  X509* leaf = nullptr;
  const auto free_all = [&] {
    for (int i = 0; untrusted != nullptr && i < api->OPENSSL_sk_num(untrusted); ++i) {
      api->X509_free(static_cast<X509*>(api->OPENSSL_sk_value(untrusted, i)));
    }
    api->OPENSSL_sk_free(untrusted);
    api->X509_free(leaf);
    api->X509_STORE_CTX_free(verify);
    api->X509_STORE_free(store);
    api->SSL_free(ssl);
    api->SSL_CTX_free(ctx);
    api->ERR_clear_error();
  };
  const auto parse = [&](std::span<const std::uint8_t> der) -> X509* {
    const unsigned char* in = der.data();
    return api->d2i_X509(nullptr, &in, static_cast<long>(der.size()));
  };
  if (ssl == nullptr || store == nullptr || verify == nullptr || untrusted == nullptr
      || api->SSL_dane_enable(ssl, host.c_str()) <= 0) {
    free_all();
    return DaneError{Kind::not_compared, "OpenSSL could not set up DANE"};
  }
  if (api->SSL_dane_tlsa_add(ssl, record.usage, record.selector, record.matching_type, record.data.data(),
                             record.data.size()) <= 0) {
    free_all();
    return DaneError{Kind::record_unusable, "OpenSSL cannot use this TLSA record"};
  }
  leaf = parse(leaf_der);
  bool all_parsed = leaf != nullptr;
  for (const auto& der : chain_der) {
    X509* cert = all_parsed ? parse(der) : nullptr;
    all_parsed = cert != nullptr && api->OPENSSL_sk_push(untrusted, cert) > 0;
    if (!all_parsed) {
      api->X509_free(cert);
    }
  }
  if (!all_parsed) {
    free_all();
    return DaneError{Kind::not_compared, "not a DER certificate"};
  }
  std::optional<std::size_t> depth;
  if (api->X509_STORE_CTX_init(verify, store, leaf, reinterpret_cast<STACK_OF(X509)*>(untrusted)) == 1
      && api->X509_STORE_CTX_set_default(verify, "ssl_server") == 1
      && api->X509_VERIFY_PARAM_set1_host(api->X509_STORE_CTX_get0_param(verify), host.data(), host.size()) == 1) {
    api->X509_STORE_CTX_set0_dane(verify, api->SSL_get0_dane(ssl));
    if (api->X509_verify_cert(verify) == 1) {
      const int found = api->SSL_get0_dane_authority(ssl, nullptr, nullptr);
      if (found >= 0) {
        depth = static_cast<std::size_t>(found);
      }
    }
  }
  free_all();
  return depth;
}

} // namespace mailports::net
