// What users type, as mailports reads it before judging anything: NFKC
// (util::nfkc, through libunistring), the mode and protocol words, the
// command line as a whole (cli::NormalizedArgs), HOST:PORT (url::parse_authority
// for check, probe::parse_host_port for probe) and pasted addresses
// (providers::tidy_address). Properties:
//
// 1. NFKC is idempotent, leaves ASCII and invalid UTF-8 alone, and never
//    yields invalid UTF-8 from valid input.
// 2. A word that parses as a mode parses the same after NFKC, and "TLS", the
//    ambiguous word, reads as implicit TLS.
// 3. NormalizedArgs keeps the number of arguments, and the value after a file
//    option byte for byte (a word starting with '-' is no value, as in CLI11).
// 4. A HOST:PORT that parses has a host and a port in 1-65535, and what it
//    parsed to parses back to the same.
// 5. A tidied address is a piece of the input, never longer.
#include "fuzz_support.hpp"

#include <mailports/cli/argv.hpp>
#include <mailports/core/types.hpp>
#include <mailports/probe/host_port.hpp>
#include <mailports/providers/address.hpp>
#include <mailports/url/mail_url.hpp>
#include <mailports/util/text.hpp>
#include <mailports/util/unicode.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using namespace mailports;

void check_nfkc(std::string_view text)
{
  const auto folded = util::nfkc(text);
  if (util::is_ascii(text) || !util::is_valid_utf8(text)) {
    MAILPORTS_FUZZ_CHECK(folded == text);
    return;
  }
  MAILPORTS_FUZZ_CHECK(util::is_valid_utf8(folded));
  MAILPORTS_FUZZ_CHECK(util::nfkc(folded) == folded);
}

void check_words(std::string_view text)
{
  const auto mode = core::parse_tls_mode(text);
  if (mode && util::is_valid_utf8(text)) {
    MAILPORTS_FUZZ_CHECK(core::parse_tls_mode(util::nfkc(text)) == mode);
  }
  if (core::is_ambiguous_tls_word(text)) {
    MAILPORTS_FUZZ_CHECK(mode == core::TlsMode::implicit);
  }
  (void)core::parse_proto_word(text);
}

// The input split at NUL bytes is a command line.
void check_argv(std::string_view text)
{
  std::vector<std::string> words{"mailports"};
  for (std::size_t start = 0;;) {
    const auto end = text.find('\0', start);
    words.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) {
      break;
    }
    start = end + 1;
  }
  std::vector<const char*> argv;
  for (const auto& w : words) {
    argv.push_back(w.c_str());
  }
  const cli::NormalizedArgs args(static_cast<int>(argv.size()), argv.data());
  MAILPORTS_FUZZ_CHECK(args.argc() == static_cast<int>(argv.size()));
  // The value after a file option is kept byte for byte; as CLI11 reads it,
  // a word starting with '-' (other than "-" alone) is an option, not a value.
  for (int i = 1; i + 1 < args.argc(); ++i) {
    const std::string_view name = args.argv()[i];
    const std::string_view value = argv[static_cast<std::size_t>(i) + 1];
    const bool option_next = value.size() > 1 && value.front() == '-';
    if ((name == "--rules" || name == "--providers" || name == "--ca-file") && !option_next) {
      MAILPORTS_FUZZ_CHECK(std::string_view(args.argv()[i + 1]) == value);
      ++i; // a value, not an option
    }
  }
}

void check_host_port(std::string_view text)
{
  if (const auto a = url::parse_authority(text)) {
    MAILPORTS_FUZZ_CHECK(!a->host.empty());
    MAILPORTS_FUZZ_CHECK(!a->port || *a->port >= 1);
    const auto again = url::parse_authority(a->port ? a->host + ":" + std::to_string(*a->port) : a->host);
    MAILPORTS_FUZZ_CHECK(again.has_value() && again->host == a->host && again->port == a->port);
  }
  if (const auto p = probe::parse_host_port(text)) {
    MAILPORTS_FUZZ_CHECK(!p->port || *p->port >= 1);
  }
}

void check_address(std::string_view text)
{
  const auto tidy = providers::tidy_address(text);
  MAILPORTS_FUZZ_CHECK(tidy.size() <= text.size());
  MAILPORTS_FUZZ_CHECK(tidy.empty() || (tidy.data() >= text.data() && tidy.data() + tidy.size() <= text.data() + text.size()));
  (void)providers::looks_like_address(text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto text = mailports_fuzz::as_text(data, size);
  check_nfkc(text);
  if (text.find('\0') == std::string_view::npos) {
    check_words(text);
    check_host_port(text);
    check_address(text);
  }
  check_argv(text);
  return 0;
}
