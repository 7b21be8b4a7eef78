// cli/options: option values are checked while CLI11 parses, canonicalized
// when accepted, and rejected with a message that helps fix them.
#include "catch.hpp"

#include "../support.hpp"

#include <mailports/cli/options.hpp>

#include <CLI/CLI.hpp>
#include <mailports/core/types.hpp>

#include <array>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

using namespace mailports;
using core::Lang;
using test::contains;

namespace {

// Run a validator as CLI11 does: the error text, and the value it leaves.
struct Validated {
  std::string error;
  std::string value;
};

Validated validate(const CLI::Validator& validator, std::string value)
{
  auto error = validator(value);
  return {std::move(error), std::move(value)};
}

// Set or unset an environment variable for one scope, then restore it.
class EnvVar {
public:
  EnvVar(const char* name, const char* value) : m_name(name)
  {
    if (const char* old = std::getenv(name)) {
      m_old = old;
    }
    if (value != nullptr) {
      ::setenv(name, value, 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~EnvVar()
  {
    if (m_old) {
      ::setenv(m_name, m_old->c_str(), 1);
    } else {
      ::unsetenv(m_name);
    }
  }
  EnvVar(const EnvVar&) = delete;
  EnvVar& operator=(const EnvVar&) = delete;

private:
  const char* m_name;
  std::optional<std::string> m_old;
};

constexpr std::array<std::string_view, 3> k_protos{"smtp", "imap", "pop3"};

} // namespace

TEST_CASE("bad_value_message names the value and suggests a near choice", "[cli][options]")
{
  const auto typo = cli::bad_value_message(Lang::en, "protocol", "smpt", k_protos);
  CHECK(typo
        == "invalid protocol 'smpt'; expected one of: smtp, imap, pop3; did you mean 'smtp'?");

  const auto noise = cli::bad_value_message(Lang::en, "protocol", "zzzzzz", k_protos);
  CHECK(noise == "invalid protocol 'zzzzzz'; expected one of: smtp, imap, pop3");
  CHECK_FALSE(contains(noise, "did you mean"));

  const auto ja = cli::bad_value_message(Lang::ja, "プロトコル", "smpt", k_protos);
  CHECK(contains(ja, "'smtp' のことですか"));
}

TEST_CASE("bad_value_message quotes a hostile value safely", "[cli][options]")
{
  const auto message = cli::bad_value_message(Lang::en, "protocol", "\x1b[2Jsmtp", k_protos);
  INFO(message);
  CHECK(contains(message, "'\\x1b[2Jsmtp'"));
  CHECK_FALSE(contains(message, "\x1b"));
}

TEST_CASE("the TLS validator accepts aliases and stores the canonical name", "[cli][options]")
{
  const auto tls = cli::tls_validator(Lang::en);
  for (const auto& [input, canonical] :
       {std::pair{"SSL", "implicit"}, std::pair{"ssl/tls", "implicit"},
        std::pair{"STARTTLS", "starttls"}, std::pair{"plain", "none"},
        std::pair{"may", "opportunistic"}, std::pair{"implicit", "implicit"}}) {
    INFO(input);
    const auto r = validate(tls, input);
    CHECK(r.error.empty());
    CHECK(r.value == canonical);
  }
}

TEST_CASE("the TLS validator rejects an unknown mode with a hint", "[cli][options]")
{
  const auto r = validate(cli::tls_validator(Lang::en), "starttsl");
  INFO(r.error);
  CHECK(r.error.rfind("invalid TLS mode 'starttsl'; expected one of: none, starttls", 0) == 0);
  CHECK(contains(r.error, "did you mean 'starttls'?"));
  CHECK(r.value == "starttsl"); // left as typed

  CHECK_FALSE(validate(cli::tls_validator(Lang::en), "ssl3").error.empty());
  CHECK_FALSE(validate(cli::tls_validator(Lang::en), "").error.empty());
}

TEST_CASE("choice validators accept any case and canonicalize", "[cli][options]")
{
  CHECK(validate(cli::proto_validator(Lang::en), "SMTP").value == "smtp");
  CHECK(validate(cli::role_validator(Lang::en), "Relay").value == "relay");
  CHECK(validate(cli::prefer_validator(Lang::en), "StartTLS").value == "starttls");
  CHECK(validate(cli::lang_validator(Lang::en), "JA").value == "ja");
  CHECK(validate(cli::color_validator(Lang::en), "Never").value == "never");

  const auto bad = validate(cli::proto_validator(Lang::en), "smpt");
  CHECK(bad.error
        == "invalid protocol 'smpt'; expected one of: smtp, imap, pop3; did you mean 'smtp'?");
  // prefer takes only the two modes recommend can reorder by.
  CHECK_FALSE(validate(cli::prefer_validator(Lang::en), "none").error.empty());
  // ... in the words --tls takes.
  const auto ssl = validate(cli::prefer_validator(Lang::en), "ssl");
  CHECK(ssl.error.empty());
  CHECK(ssl.value == "implicit");
  CHECK(validate(cli::prefer_validator(Lang::en), "STARTTLS").value == "starttls");
  // TLS means STARTTLS in Outlook: a preference read the wrong way is refused.
  CHECK(validate(cli::prefer_validator(Lang::en), "TLS").error.find("ambiguous") != std::string::npos);
}

TEST_CASE("--proto takes POP for pop3; --tls keeps the ambiguous word TLS", "[cli][options]")
{
  CHECK(validate(cli::proto_validator(Lang::en), "POP").value == "pop3");
  CHECK(validate(cli::tls_validator(Lang::en), "TLS").value == "tls");
  CHECK(validate(cli::tls_validator(Lang::en), "SSL/TLS").value == "implicit");
  CHECK(validate(cli::tls_validator(Lang::en), "自動").value == "opportunistic");
}

TEST_CASE("the port validator accepts 1..65535 and nothing else", "[cli][options]")
{
  const auto port = cli::port_validator(Lang::en);
  for (const char* good : {"1", "25", "65535"}) {
    INFO(good);
    CHECK(validate(port, good).error.empty());
  }
  for (const char* bad : {"0", "65536", "-1", "abc", "", "99999999999999999999", "25 ", " 25",
                          "+25", "0x19", "25.0"}) {
    INFO('"' << bad << '"');
    CHECK_FALSE(validate(port, bad).error.empty());
  }
  CHECK(validate(port, "0").error == "invalid port '0': expected a number from 1 to 65535");
  CHECK(validate(cli::port_validator(Lang::ja), "abc").error
        == "ポート番号 'abc' は無効です。1〜65535 の数を指定してください");
}

TEST_CASE("to_port reads a validated port", "[cli][options]")
{
  CHECK(cli::to_port("1") == 1);
  CHECK(cli::to_port("587") == 587);
  CHECK(cli::to_port("65535") == 65535);
}

TEST_CASE("to_color_mode maps the validated names", "[cli][options]")
{
  CHECK(cli::to_color_mode("always") == cli::ColorMode::always);
  CHECK(cli::to_color_mode("never") == cli::ColorMode::never);
  CHECK(cli::to_color_mode("auto") == cli::ColorMode::auto_);
}

TEST_CASE("detect_lang: --lang wins, then LC_ALL, LC_MESSAGES, LANG", "[cli][options]")
{
  const EnvVar lc_all("LC_ALL", nullptr);
  const EnvVar lc_messages("LC_MESSAGES", nullptr);
  const EnvVar lang("LANG", nullptr);
  const char* plain[] = {"mailports", "ports"};
  CHECK(cli::detect_lang(2, plain) == Lang::en);

  SECTION("--lang ja and --lang=ja")
  {
    const char* separate[] = {"mailports", "--lang", "ja", "ports"};
    CHECK(cli::detect_lang(4, separate) == Lang::ja);
    const char* joined[] = {"mailports", "ports", "--lang=JA"};
    CHECK(cli::detect_lang(3, joined) == Lang::ja);
  }
  SECTION("nothing after -- is an option")
  {
    const char* after[] = {"mailports", "--", "--lang", "ja"};
    CHECK(cli::detect_lang(4, after) == Lang::en);
  }
  SECTION("the environment, in precedence order")
  {
    const EnvVar ja_lang("LANG", "ja_JP.UTF-8");
    CHECK(cli::detect_lang(2, plain) == Lang::ja);
    const EnvVar en_messages("LC_MESSAGES", "C");
    CHECK(cli::detect_lang(2, plain) == Lang::en);
    const EnvVar ja_all("LC_ALL", "ja_JP.UTF-8");
    CHECK(cli::detect_lang(2, plain) == Lang::ja);
    const char* explicit_en[] = {"mailports", "--lang", "en"};
    CHECK(cli::detect_lang(3, explicit_en) == Lang::en);
  }
  SECTION("an empty variable is skipped")
  {
    const EnvVar empty_all("LC_ALL", "");
    const EnvVar ja_lang("LANG", "ja_JP.UTF-8");
    CHECK(cli::detect_lang(2, plain) == Lang::ja);
  }
}
