#include <mailports/cli/cmd/tls_options.hpp>

#include <mailports/cli/fatal.hpp>
#include <mailports/util/file.hpp>
#include <mailports/util/text.hpp>

namespace mailports::cli::cmd {

net::TlsContext tls_context(const std::string& ca_file, core::Lang lang, Msg no_library)
{
  std::optional<std::string> file;
  if (!ca_file.empty()) {
    // Read once here for the errors --rules gives (missing, a directory,
    // unreadable: 66); OpenSSL then judges the content (65).
    constexpr std::size_t k_max_ca_file = 16 * 1024 * 1024;
    const auto content = util::read_file(ca_file, k_max_ca_file);
    if (!content) {
      const auto& e = content.error();
      const bool too_large = e.kind == util::FileError::Kind::too_large;
      throw Fatal(too_large ? ExitCode::data_invalid : ExitCode::no_input,
                  say(Msg::probe_bad_ca_file, lang, fmt::arg("path", util::quote_for_message(ca_file)),
                      fmt::arg("reason", too_large ? "larger than 16 MiB" : e.reason)));
    }
    file = ca_file;
  }
  auto context = net::TlsContext::create(file);
  if (!context) {
    const auto& e = context.error();
    if (e.kind == net::TlsSetupError::Kind::no_library) {
      throw Fatal(ExitCode::unavailable, say(no_library, lang, fmt::arg("reason", e.detail)));
    }
    throw Fatal(ExitCode::data_invalid, say(Msg::probe_bad_ca_file, lang,
                                            fmt::arg("path", util::quote_for_message(ca_file)),
                                            fmt::arg("reason", e.detail.empty() ? "no certificate" : e.detail)));
  }
  return std::move(context).value();
}

} // namespace mailports::cli::cmd
