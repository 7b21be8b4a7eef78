#include <mailports/net/tls.hpp>

#include "tls_detail.hpp"

#include <mailports/net/net.hpp>
#include <mailports/net/stream.hpp>

#include <mailports/util/text.hpp>

#include <arpa/inet.h>

#include <ctime>
#include <optional>

namespace mailports::net {

namespace {

// Records each error and lets the handshake go on: the probe reports the
// certificate instead of refusing to look at it. It never sends
// credentials, so finishing a handshake with an untrusted peer is safe.
int record_verify_error(int preverify_ok, X509_STORE_CTX* store)
{
  if (preverify_ok != 0) {
    return 1;
  }
  std::string why;
  const auto* api = ossl::api(why);
  if (api == nullptr) {
    return 0;
  }
  auto* ssl = static_cast<SSL*>(
    api->X509_STORE_CTX_get_ex_data(store, api->SSL_get_ex_data_X509_STORE_CTX_idx()));
  auto* log = ssl != nullptr ? static_cast<detail::VerifyLog*>(api->SSL_get_ex_data(ssl, 0)) : nullptr;
  if (log != nullptr && log->errors.size() < 32) {
    log->errors.push_back(api->X509_STORE_CTX_get_error(store));
  }
  return 1;
}

// Judged from the dates instead (probe-cert-expired, -not-yet-valid), so
// that a chain is "trusted" or not whatever the time.
Certificate::ChainProblem chain_problem_of(int error)
{
  using Problem = Certificate::ChainProblem;
  switch (error) {
  case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
    return Problem::self_signed;
  case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    return Problem::self_signed_in_chain;
  case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
  case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
  case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
    return Problem::unknown_issuer;
  default:
    return Problem::other;
  }
}

bool is_time_error(int error)
{
  return error == X509_V_ERR_CERT_HAS_EXPIRED || error == X509_V_ERR_CERT_NOT_YET_VALID;
}

// Server-supplied text, safe to print on a terminal, no longer than a line.
std::string printable(std::string_view text)
{
  return util::quote_for_message(text, k_max_line);
}

std::string name_text(const ossl::Api& api, const X509_NAME* name)
{
  BIO* bio = api.BIO_new(api.BIO_s_mem());
  if (bio == nullptr) {
    return {};
  }
  // RFC 2253, but UTF-8 kept as is rather than escaped byte by byte.
  api.X509_NAME_print_ex(bio, name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
  char* data = nullptr;
  const long length = api.BIO_ctrl(bio, BIO_CTRL_INFO, 0, &data);
  std::string out = data != nullptr && length > 0 ? std::string(data, static_cast<std::size_t>(length)) : "";
  api.BIO_free(bio);
  return printable(out);
}

std::vector<std::string> subject_alt_names(const ossl::Api& api, X509* cert)
{
  std::vector<std::string> out;
  auto* names = static_cast<GENERAL_NAMES*>(api.X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr));
  if (names == nullptr) {
    return out;
  }
  const auto* stack = reinterpret_cast<const OPENSSL_STACK*>(names);
  const int count = api.OPENSSL_sk_num(stack);
  for (int i = 0; i < count && out.size() < 100; ++i) {
    const auto* name = static_cast<const GENERAL_NAME*>(api.OPENSSL_sk_value(stack, i));
    if (name->type == GEN_DNS) {
      const auto* data = api.ASN1_STRING_get0_data(name->d.dNSName);
      out.push_back(printable({reinterpret_cast<const char*>(data),
                               static_cast<std::size_t>(api.ASN1_STRING_length(name->d.dNSName))}));
    } else if (name->type == GEN_IPADD) {
      const int length = api.ASN1_STRING_length(name->d.iPAddress);
      const auto* data = api.ASN1_STRING_get0_data(name->d.iPAddress);
      char text[INET6_ADDRSTRLEN] = {};
      const int family = length == 4 ? AF_INET : length == 16 ? AF_INET6 : AF_UNSPEC;
      if (family != AF_UNSPEC && ::inet_ntop(family, data, text, sizeof text) != nullptr) {
        out.emplace_back(text);
      }
    }
  }
  api.GENERAL_NAMES_free(names);
  return out;
}

std::optional<std::time_t> utc_time(const ossl::Api& api, const ASN1_TIME* time)
{
  std::tm tm{};
  if (time == nullptr || api.ASN1_TIME_to_tm(time, &tm) != 1) {
    return std::nullopt;
  }
  return ::timegm(&tm);
}

std::string iso_8601(std::time_t time)
{
  std::tm tm{};
  ::gmtime_r(&time, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

Certificate describe_certificate(const ossl::Api& api, X509* cert, const std::string& host,
                                 const detail::VerifyLog& log)
{
  Certificate out;
  out.subject = name_text(api, api.X509_get_subject_name(cert));
  out.issuer = name_text(api, api.X509_get_issuer_name(cert));
  out.sans = subject_alt_names(api, cert);
  const auto now = std::time(nullptr);
  if (const auto not_before = utc_time(api, api.X509_get0_notBefore(cert))) {
    out.not_before = iso_8601(*not_before);
    out.not_yet_valid = *not_before > now;
  }
  if (const auto not_after = utc_time(api, api.X509_get0_notAfter(cert))) {
    out.not_after = iso_8601(*not_after);
    const long long seconds = static_cast<long long>(*not_after - now);
    // Whole days, rounded down: -0.5 days is already expired.
    out.days_left = seconds >= 0 ? seconds / 86400 : -((-seconds + 86399) / 86400);
    // "expired 11 days ago" for 11 days and some hours, not 12.
    out.days_expired = seconds >= 0 ? 0 : -seconds / 86400;
  }
  out.hostname_match = is_ip_literal(host)
                         ? api.X509_check_ip_asc(cert, host.c_str(), 0) == 1
                         : api.X509_check_host(cert, host.data(), host.size(), 0, nullptr) == 1;
  out.chain_trusted = true;
  for (const int error : log.errors) {
    if (!is_time_error(error) && out.chain_trusted) {
      out.chain_trusted = false;
      out.chain_error = api.X509_verify_cert_error_string(error);
      out.chain_problem = chain_problem_of(error);
    }
  }
  if (!log.errors.empty()) {
    out.verify_error = api.X509_verify_cert_error_string(log.errors.front());
  } else if (!out.hostname_match) {
    // The handshake checks no name (the probe checks it here): say why
    // anyway, rather than a null reason beside hostname_match false.
    out.verify_error = api.X509_verify_cert_error_string(
      is_ip_literal(host) ? X509_V_ERR_IP_ADDRESS_MISMATCH : X509_V_ERR_HOSTNAME_MISMATCH);
  }
  return out;
}

} // namespace

namespace detail {

TlsSession describe_session(const ossl::Api& api, SSL* ssl, const std::string& host,
                            const VerifyLog& log)
{
  TlsSession out;
  out.version = api.SSL_get_version(ssl);
  out.version_number = api.SSL_version(ssl);
  if (const auto* cipher = api.SSL_get_current_cipher(ssl)) {
    out.cipher = api.SSL_CIPHER_get_name(cipher);
    out.cipher_bits = api.SSL_CIPHER_get_bits(cipher, nullptr);
    // TLS 1.3's key exchange is always ephemeral (NID_kx_any); before it,
    // plain RSA key exchange is the one without forward secrecy.
    const int kx = api.SSL_CIPHER_get_kx_nid(cipher);
    out.forward_secret = kx != NID_kx_rsa && kx != NID_kx_psk && kx != NID_kx_rsa_psk;
  }
  if (X509* cert = api.SSL_get1_peer_certificate(ssl)) {
    out.certificate = describe_certificate(api, cert, host, log);
    unsigned char* der = nullptr;
    const int length = api.i2d_X509(cert, &der);
    if (length > 0 && der != nullptr) {
      out.certificate_der.assign(der, der + length);
    }
    api.CRYPTO_free(der, __FILE__, __LINE__);
    api.X509_free(cert);
  }
  // As the server sent it; on the client's side the leaf comes first.
  if (const auto* chain = reinterpret_cast<const OPENSSL_STACK*>(api.SSL_get_peer_cert_chain(ssl))) {
    const int count = api.OPENSSL_sk_num(chain);
    for (int i = 1; i < count && out.chain_der.size() < k_max_chain; ++i) {
      const auto* issuer = static_cast<const X509*>(api.OPENSSL_sk_value(chain, i));
      unsigned char* der = nullptr;
      const int length = api.i2d_X509(issuer, &der);
      if (length > 0 && der != nullptr) {
        out.chain_der.emplace_back(der, der + length);
      }
      api.CRYPTO_free(der, __FILE__, __LINE__);
    }
  }
  return out;
}

} // namespace detail

bool ssl3_available() noexcept
{
#if defined(OPENSSL_NO_SSL3) || defined(OPENSSL_NO_SSL3_METHOD)
  return false; // the headers describe the library the distribution ships with them
#else
  return true;
#endif
}

std::string ciphers_weaker_than(const TlsContext& context, int bits)
{
  std::string why;
  const auto* api = ossl::api(why);
  if (api == nullptr) {
    return {};
  }
  SSL* ssl = api->SSL_new(static_cast<SSL_CTX*>(context.native()));
  if (ssl == nullptr) {
    api->ERR_clear_error();
    return {};
  }
  std::string out;
  api->SSL_set_security_level(ssl, 0);
  if (api->SSL_set_cipher_list(ssl, "ALL:COMPLEMENTOFALL:!aNULL:!PSK:!SRP:@SECLEVEL=0") == 1) {
    const auto* stack = reinterpret_cast<const OPENSSL_STACK*>(api->SSL_get_ciphers(ssl));
    const int count = stack != nullptr ? api->OPENSSL_sk_num(stack) : 0;
    for (int i = 0; i < count; ++i) {
      const auto* cipher = static_cast<const SSL_CIPHER*>(api->OPENSSL_sk_value(stack, i));
      if (api->SSL_CIPHER_get_bits(cipher, nullptr) < bits) {
        if (!out.empty()) {
          out += ':';
        }
        out += api->SSL_CIPHER_get_name(cipher);
      }
    }
  }
  api->ERR_clear_error();
  api->SSL_free(ssl);
  return out.empty() ? out : out + ":@SECLEVEL=0";
}

core::Result<TlsContext, TlsSetupError> TlsContext::create(const std::optional<std::string>& ca_file)
{
  std::string why;
  const auto* api = ossl::api(why);
  if (api == nullptr) {
    return TlsSetupError{TlsSetupError::Kind::no_library, why};
  }
  SSL_CTX* ctx = api->SSL_CTX_new(api->TLS_client_method());
  if (ctx == nullptr) {
    return TlsSetupError{TlsSetupError::Kind::no_library, ossl::last_error(*api)};
  }
  std::shared_ptr<void> owned(ctx, [api](void* p) { api->SSL_CTX_free(static_cast<SSL_CTX*>(p)); });
  // Accept old protocol versions and weak ciphers so that a server using
  // them is reported (probe-tls-old) rather than unreachable.
  api->SSL_CTX_ctrl(ctx, SSL_CTRL_SET_MIN_PROTO_VERSION, TLS1_VERSION, nullptr);
  api->SSL_CTX_set_security_level(ctx, 0);
  api->SSL_CTX_set_cipher_list(ctx, "DEFAULT:@SECLEVEL=0");
  // A server that hangs up without close_notify has closed the connection;
  // OpenSSL 3 would otherwise call that a protocol error.
  api->SSL_CTX_set_options(ctx, SSL_OP_IGNORE_UNEXPECTED_EOF);
  const int loaded = ca_file ? api->SSL_CTX_load_verify_locations(ctx, ca_file->c_str(), nullptr)
                             : api->SSL_CTX_set_default_verify_paths(ctx);
  if (loaded != 1) {
    return TlsSetupError{TlsSetupError::Kind::bad_ca_file, ossl::last_error(*api)};
  }
  api->SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, record_verify_error);
  return TlsContext(std::move(owned));
}

} // namespace mailports::net
