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

namespace {

// The leaf, then the chain, parsed; freed together.
class Certificates {
public:
  explicit Certificates(const ossl::Api& api) : m_api(api) {}
  Certificates(const Certificates&) = delete;
  Certificates& operator=(const Certificates&) = delete;
  ~Certificates()
  {
    for (X509* cert : m_list) {
      m_api.X509_free(cert);
    }
  }

  bool add(std::span<const std::uint8_t> der)
  {
    const unsigned char* in = der.data();
    X509* cert = m_api.d2i_X509(nullptr, &in, static_cast<long>(der.size()));
    if (cert == nullptr) {
      m_api.ERR_clear_error();
      return false;
    }
    m_list.push_back(cert);
    return true;
  }

  // Each certificate up to `top` names the next as issuer and is signed by it.
  [[nodiscard]] bool linked_up_to(std::size_t top) const
  {
    for (std::size_t i = 0; i < top && i + 1 < m_list.size(); ++i) {
      EVP_PKEY* key = m_api.X509_get0_pubkey(m_list[i + 1]);
      if (m_api.X509_check_issued(m_list[i + 1], m_list[i]) != X509_V_OK || key == nullptr
          || m_api.X509_verify(m_list[i], key) != 1) {
        m_api.ERR_clear_error();
        return false;
      }
    }
    return top < m_list.size();
  }

  [[nodiscard]] std::size_t size() const noexcept { return m_list.size(); }
  [[nodiscard]] X509* top() const noexcept { return m_list.back(); }

private:
  const ossl::Api& m_api;
  std::vector<X509*> m_list;
};

} // namespace

core::Result<std::optional<std::size_t>> tlsa_anchor_depth(const TlsaRecord& record,
                                                            std::span<const std::uint8_t> leaf_der,
                                                            std::span<const std::vector<std::uint8_t>> chain_der)
{
  if (record.selector > 1 || record.matching_type > 2) {
    return core::Error{"unsupported TLSA selector or matching type"};
  }
  std::string why;
  const auto* api = ossl::api(why);
  if (api == nullptr) {
    return core::Error{why};
  }
  Certificates certs(*api);
  if (!certs.add(leaf_der)) {
    return core::Error{"not a DER certificate"};
  }
  for (const auto& der : chain_der) {
    if (!certs.add(der)) {
      return core::Error{"not a DER certificate"};
    }
  }
  for (std::size_t depth = 1; depth < certs.size(); ++depth) {
    auto matched = tlsa_matches(record, chain_der[depth - 1]);
    if (!matched) {
      return matched.error();
    }
    if (*matched && certs.linked_up_to(depth)) {
      return std::optional<std::size_t>(depth);
    }
  }
  // "2 1 0": the anchor's key itself, which need not be sent (RFC 7671 §5.2.2).
  if (record.selector == 1 && record.matching_type == 0) {
    const unsigned char* in = record.data.data();
    EVP_PKEY* key = api->d2i_PUBKEY(nullptr, &in, static_cast<long>(record.data.size()));
    const bool signed_top = key != nullptr && api->X509_verify(certs.top(), key) == 1
                            && in == record.data.data() + record.data.size();
    api->EVP_PKEY_free(key);
    api->ERR_clear_error();
    if (signed_top && certs.linked_up_to(certs.size() - 1)) {
      return std::optional<std::size_t>(certs.size());
    }
  }
  return std::optional<std::size_t>();
}

} // namespace mailports::net
