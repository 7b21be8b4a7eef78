// core/types: the names the rules file, the CLI and the JSON output share.
#include "catch.hpp"

#include <mailports/core/types.hpp>

#include <string>

using namespace mailports::core;

TEST_CASE("to_string and parse round-trip for every enum value", "[core][types]")
{
  for (const auto proto : k_protos) {
    CHECK(parse_proto(to_string(proto)) == proto);
  }
  for (const auto role : k_roles) {
    CHECK(parse_role(to_string(role)) == role);
  }
  for (const auto mode : k_tls_modes) {
    CHECK(parse_tls_mode(to_string(mode)) == mode);
  }
  for (const auto severity : {Severity::info, Severity::warning, Severity::error}) {
    CHECK(parse_severity(to_string(severity)) == severity);
  }
  for (const auto status : {Status::recommended, Status::acceptable, Status::fallback,
                            Status::discouraged, Status::insecure, Status::mismatch,
                            Status::not_mail_port}) {
    CHECK(parse_status(to_string(status)) == status);
  }
}

TEST_CASE("to_string gives the canonical names of the rules file", "[core][types]")
{
  CHECK(to_string(Proto::pop3) == "pop3");
  CHECK(to_string(TlsMode::none) == "none");
  CHECK(to_string(TlsMode::opportunistic) == "opportunistic");
  CHECK(to_string(TlsMode::implicit) == "implicit");
  CHECK(to_string(Role::relay) == "relay");
  CHECK(to_string(Status::not_mail_port) == "not-mail-port");
  CHECK(to_string(Verdict::ok) == "ok");
  CHECK(to_string(Verdict::warning) == "warning");
  CHECK(to_string(Verdict::error) == "error");
  CHECK(to_string(Lang::en) == "en");
  CHECK(to_string(Lang::ja) == "ja");
}

TEST_CASE("parse of rules-file names is case-sensitive and exact", "[core][types]")
{
  // The rules file uses canonical names only; aliases and case are for users.
  CHECK_FALSE(parse_proto("SMTP").has_value());
  CHECK_FALSE(parse_proto("smtps").has_value());
  CHECK_FALSE(parse_role("Client").has_value());
  CHECK_FALSE(parse_severity("fatal").has_value());
  CHECK_FALSE(parse_status("not_mail_port").has_value());
  CHECK_FALSE(parse_proto("").has_value());
}

TEST_CASE("parse_tls_mode accepts every alias", "[core][types]")
{
  struct Case {
    const char* text;
    TlsMode mode;
  };
  const Case cases[] = {
    {"none", TlsMode::none},
    {"plain", TlsMode::none},
    {"off", TlsMode::none},
    {"cleartext", TlsMode::none},
    {"starttls", TlsMode::starttls},
    {"explicit", TlsMode::starttls},
    {"opportunistic", TlsMode::opportunistic},
    {"may", TlsMode::opportunistic},
    {"starttls-optional", TlsMode::opportunistic},
    {"implicit", TlsMode::implicit},
    {"ssl", TlsMode::implicit},
    {"tls", TlsMode::implicit},
    {"ssl/tls", TlsMode::implicit},
  };
  for (const auto& c : cases) {
    INFO(c.text);
    CHECK(parse_tls_mode(c.text) == c.mode);
  }
}

TEST_CASE("parse_tls_mode ignores ASCII case", "[core][types]")
{
  CHECK(parse_tls_mode("STARTTLS") == TlsMode::starttls);
  CHECK(parse_tls_mode("SSL/TLS") == TlsMode::implicit);
  CHECK(parse_tls_mode("Ssl") == TlsMode::implicit);
  CHECK(parse_tls_mode("PLAIN") == TlsMode::none);
  CHECK(parse_tls_mode("StartTLS-Optional") == TlsMode::opportunistic);
}

TEST_CASE("parse_tls_mode rejects what is not a mode", "[core][types]")
{
  for (const char* text : {"ssl3", "", "   ", "tls1.2", "ssl/", "starttls-required", "any", "implicit\n",
                           "自動的", "暗黙", "なしで", "ＳＳＬ" /* full-width: NFKC comes first, elsewhere */}) {
    INFO('"' << text << '"');
    CHECK_FALSE(parse_tls_mode(text).has_value());
  }
}

TEST_CASE("tls_mode_spellings lists the canonical names first, then every alias",
          "[core][types]")
{
  const auto spellings = tls_mode_spellings();
  REQUIRE(spellings.size() == 13);
  for (std::size_t i = 0; i < std::size(k_tls_modes); ++i) {
    CHECK(spellings[i] == to_string(k_tls_modes[i]));
  }
  for (const auto spelling : spellings) {
    INFO(std::string(spelling));
    CHECK(parse_tls_mode(spelling).has_value());
  }
}

TEST_CASE("verdict_of maps each severity to its verdict", "[core][types]")
{
  // An info finding does not spoil an otherwise good setting.
  CHECK(verdict_of(Severity::info) == Verdict::ok);
  CHECK(verdict_of(Severity::warning) == Verdict::warning);
  CHECK(verdict_of(Severity::error) == Verdict::error);
}

TEST_CASE("Text::in picks the language", "[core][types]")
{
  constexpr Text text{"port", "ポート"};
  CHECK(text.in(Lang::en) == "port");
  CHECK(text.in(Lang::ja) == "ポート");
}

TEST_CASE("parse_tls_mode reads the words Japanese clients and guides use", "[core][types]")
{
  CHECK(parse_tls_mode("なし") == TlsMode::none);
  CHECK(parse_tls_mode("平文") == TlsMode::none);
  CHECK(parse_tls_mode("自動") == TlsMode::opportunistic);
  CHECK(parse_tls_mode("日和見TLS") == TlsMode::opportunistic);
  // Outlook's label after NFKC has folded the full-width parentheses.
  CHECK(parse_tls_mode("STARTTLS(利用可能な場合)") == TlsMode::opportunistic);
  CHECK(parse_tls_mode("暗黙的TLS") == TlsMode::implicit);
  CHECK(parse_tls_mode("暗黙的 TLS") == TlsMode::implicit);
  CHECK(parse_tls_mode("明示的TLS") == TlsMode::starttls);
  CHECK(parse_tls_mode("SSL/TLS") == TlsMode::implicit);
  CHECK(parse_tls_mode("SSL") == TlsMode::implicit);
}

TEST_CASE("parse_tls_mode ignores case and spaces, as people type labels", "[core][types]")
{
  CHECK(parse_tls_mode(" ssl ") == TlsMode::implicit);
  CHECK(parse_tls_mode("SSL / TLS") == TlsMode::implicit);
  CHECK(parse_tls_mode("Start TLS") == TlsMode::starttls);
}

TEST_CASE("only the word TLS is ambiguous", "[core][types]")
{
  CHECK(is_ambiguous_tls_word("TLS"));
  CHECK(is_ambiguous_tls_word(" tls "));
  for (const char* text : {"SSL/TLS", "ssl", "starttls", "implicit", "暗黙的TLS", "", "tlss"}) {
    INFO(text);
    CHECK_FALSE(is_ambiguous_tls_word(text));
  }
}

TEST_CASE("parse_proto_word takes POP for pop3, in any case", "[core][types]")
{
  CHECK(parse_proto_word("pop") == Proto::pop3);
  CHECK(parse_proto_word("POP") == Proto::pop3);
  CHECK(parse_proto_word("Pop3") == Proto::pop3);
  CHECK(parse_proto_word("SMTP") == Proto::smtp);
  CHECK_FALSE(parse_proto_word("pop4").has_value());
  CHECK_FALSE(parse_proto_word("").has_value());
  // The rules file stays strict.
  CHECK_FALSE(parse_proto("pop").has_value());
}
