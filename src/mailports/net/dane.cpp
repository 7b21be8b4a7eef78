#include <mailports/net/dane.hpp>

#include "openssl_api.hpp"

#include <algorithm>
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

} // namespace mailports::net
