#include "catch.hpp"

#include "mailports/net/dane_certs.hpp"

#include <mailports/net/dane.hpp>

#include <cstdint>
#include <string>
#include <vector>

using namespace mailports::net;

namespace {

using mailports_test::k_cert;

std::vector<std::uint8_t> hex(const std::string& text)
{
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i + 1 < text.size(); i += 2) {
    out.push_back(static_cast<std::uint8_t>(std::stoi(text.substr(i, 2), nullptr, 16)));
  }
  return out;
}

const std::string k_cert_sha256 = "69daf84d9b53185cd2e816658ee0c59e01b5710678351fd4c388511014f3deb6";
const std::string k_spki_sha256 = "4b48039cff05b9f45328a805190ec7c81d964a4fbf858d5156dd0c684ead4ce0";
const std::string k_spki_sha512 = "a00c2e4de4fbbc874809bd5f618b6ab2fdd5690de246be81e08ec5cfe176f4da"
                                  "60f209271b47aef1d22542912e288734e903c384a688b3a018d58d5f8b2f4c6d";

} // namespace

TEST_CASE("a TLSA record matches the certificate or its key (RFC 6698 §2.1)", "[net][dane]")
{
  CHECK(*tlsa_matches(TlsaRecord{3, 1, 1, hex(k_spki_sha256)}, k_cert));   // DANE-EE SPKI SHA-256: RFC 7672's usual
  CHECK(*tlsa_matches(TlsaRecord{3, 0, 1, hex(k_cert_sha256)}, k_cert));
  CHECK(*tlsa_matches(TlsaRecord{3, 1, 2, hex(k_spki_sha512)}, k_cert));
  CHECK(*tlsa_matches(TlsaRecord{3, 0, 0, k_cert}, k_cert));                 // exact, whole certificate
  // Not matching: another digest, or the certificate's digest under the key selector.
  CHECK_FALSE(*tlsa_matches(TlsaRecord{3, 1, 1, std::vector<std::uint8_t>(32, 0xAA)}, k_cert));
  CHECK_FALSE(*tlsa_matches(TlsaRecord{3, 1, 1, hex(k_cert_sha256)}, k_cert));
  CHECK_FALSE(*tlsa_matches(TlsaRecord{3, 0, 0, std::vector<std::uint8_t>(k_cert.begin(), k_cert.end() - 1)}, k_cert));
}

TEST_CASE("DANE: bytes that are not a certificate are an error", "[net][dane]")
{
  const std::vector<std::uint8_t> junk = {0x30, 0x03, 0x02, 0x01, 0x00};
  CHECK(tlsa_matches(TlsaRecord{3, 1, 1, hex(k_spki_sha256)}, junk).error().message == "not a DER certificate");
  CHECK_FALSE(tlsa_matches(TlsaRecord{3, 1, 1, hex(k_spki_sha256)}, {}));
}

TEST_CASE("DANE-TA: an anchor the chain leads to, checked as a chain (RFC 7671 §5.2.2)", "[net][dane]")
{
  using namespace mailports_test;
  using Chain = std::vector<std::vector<std::uint8_t>>;
  const std::string host = "mx.example.test";
  const std::string root_sha256 = "286bcaf0de58fee4cf7ce8bfcf68347d8a51975b813582003befbf0a5e9b868b";
  const std::string mid_sha256 = "ff7846c093cdb8c012b33121c62da69dd9e2ba4dc2c041aa847c0157d83295d9";
  const Chain sent = {k_ta_intermediate, k_ta_root};
  const auto depth = [&](const TlsaRecord& r, const std::vector<std::uint8_t>& leaf, const Chain& chain,
                         const std::string& name) { return *tlsa_anchor_depth(r, leaf, chain, name); };
  // The intermediate (depth 1) or the root (depth 2), by digest or in full.
  CHECK(depth(TlsaRecord{2, 0, 1, hex(mid_sha256)}, k_ta_leaf, sent, host) == 1U);
  CHECK(depth(TlsaRecord{2, 0, 1, hex(root_sha256)}, k_ta_leaf, sent, host) == 2U);
  CHECK(depth(TlsaRecord{2, 0, 0, k_ta_root}, k_ta_leaf, sent, host) == 2U);
  // "2 1 0": the root's key need not be sent.
  CHECK(depth(TlsaRecord{2, 1, 0, k_ta_root_spki}, k_ta_leaf, Chain{k_ta_intermediate}, host).has_value());
  // Sent out of order, or with the intermediate twice: the path is built all the same.
  CHECK(depth(TlsaRecord{2, 0, 1, hex(root_sha256)}, k_ta_leaf, Chain{k_ta_root, k_ta_intermediate}, host) == 2U);
  CHECK(depth(TlsaRecord{2, 0, 1, hex(root_sha256)}, k_ta_leaf,
              Chain{k_ta_intermediate, k_ta_intermediate, k_ta_root}, host) == 2U);
  // The leaf must name the MX host.
  CHECK_FALSE(depth(TlsaRecord{2, 0, 1, hex(mid_sha256)}, k_ta_leaf, sent, "other.example.test"));
  // A root digest, but the root was not sent: nothing to compare it with.
  CHECK_FALSE(depth(TlsaRecord{2, 0, 1, hex(root_sha256)}, k_ta_leaf, Chain{k_ta_intermediate}, host));
  CHECK_FALSE(depth(TlsaRecord{2, 0, 1, std::vector<std::uint8_t>(32, 0xCD)}, k_ta_leaf, sent, host));
  // Another root of the same name, which signed nothing here.
  CHECK_FALSE(depth(TlsaRecord{2, 0, 0, k_ta_other_root}, k_ta_leaf, Chain{k_ta_intermediate, k_ta_other_root}, host));
  // The intermediate left out: the leaf was not signed by the root.
  CHECK_FALSE(depth(TlsaRecord{2, 0, 1, hex(root_sha256)}, k_ta_leaf, Chain{k_ta_root}, host));
  CHECK_FALSE(depth(TlsaRecord{2, 1, 0, k_ta_root_spki}, k_ta_leaf, Chain{}, host));
  // Signed through a certificate that is not a CA: refused, as openssl verify refuses it.
  CHECK_FALSE(depth(TlsaRecord{2, 0, 1, hex(root_sha256)}, k_ta_forged_leaf, Chain{k_ta_not_ca, k_ta_root}, host));
  CHECK_FALSE(depth(TlsaRecord{2, 1, 0, k_ta_root_spki}, k_ta_forged_leaf, Chain{k_ta_not_ca}, host));
  // Bytes that are not certificates, and records libssl cannot use: errors.
  const std::vector<std::uint8_t> junk = {0x30, 0x03, 0x02, 0x01, 0x00};
  using Kind = DaneError::Kind;
  CHECK(tlsa_anchor_depth(TlsaRecord{2, 0, 1, hex(root_sha256)}, k_ta_leaf, Chain{junk}, host).error().kind
        == Kind::not_compared);
  CHECK(tlsa_anchor_depth(TlsaRecord{2, 0, 1, hex(root_sha256)}, junk, sent, host).error().kind == Kind::not_compared);
  CHECK(tlsa_anchor_depth(TlsaRecord{2, 2, 1, hex(root_sha256)}, k_ta_leaf, sent, host).error().kind
        == Kind::record_unusable);
  CHECK(tlsa_anchor_depth(TlsaRecord{2, 0, 1, {1, 2, 3}}, k_ta_leaf, sent, host).error().kind == Kind::record_unusable);
}
