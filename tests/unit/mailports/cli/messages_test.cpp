// cli/messages: every string a user can see exists in both languages, and
// every message formats with the arguments its callers pass.
#include "catch.hpp"

#include <mailports/cli/messages.hpp>
#include <mailports/rules/builtin.hpp>

#include <string>

using namespace mailports;
using cli::Msg;
using core::Lang;

namespace {

void check_both(const core::Text& text, const std::string& what)
{
  INFO(what);
  CHECK_FALSE(text.en.empty());
  CHECK_FALSE(text.ja.empty());
}

// Every named argument any message uses; fmt ignores the ones a message does not.
std::string say_with_all_args(Msg id, Lang lang)
{
  return cli::say(id, lang, fmt::arg("hint", "smtp"), fmt::arg("what", "protocol"),
                  fmt::arg("value", "smpt"), fmt::arg("choices", "smtp, imap, pop3"),
                  fmt::arg("missing", "--port"), fmt::arg("url", "smtp://h"),
                  fmt::arg("scheme", "smtps"), fmt::arg("tls", "starttls"),
                  fmt::arg("role", "client"), fmt::arg("proto", "SMTP"),
                  fmt::arg("path", "rules.json"), fmt::arg("reason", "Permission denied"),
                  fmt::arg("limit", 16), fmt::arg("detail", "/entries/0: bad"),
                  fmt::arg("port", 587), fmt::arg("verdict", "ok"), fmt::arg("kind", "rules"),
                  fmt::arg("domain", "example.com"), fmt::arg("source", "ISPDB"),
                  fmt::arg("who", "example.com"), fmt::arg("name", "Example"),
                  fmt::arg("file", "example.com.xml"), fmt::arg("n", 1),
                  fmt::arg("host", "mail.example.com"));
}

} // namespace

TEST_CASE("every CLI message has English and Japanese text", "[cli][messages]")
{
  const auto messages = cli::all_messages();
  REQUIRE(messages.size() == static_cast<std::size_t>(Msg::count_));
  for (std::size_t i = 0; i < messages.size(); ++i) {
    check_both(messages[i], "Msg #" + std::to_string(i));
  }
}

TEST_CASE("text() returns the message of its id in the language", "[cli][messages]")
{
  // The table is indexed by Msg, and only its size is checked at compile
  // time: pin ids from the start, the middle and the end, so that texts
  // added in a different order than their ids are caught.
  CHECK(cli::text(Msg::hint_help, Lang::en) == "Run 'mailports --help' for usage.");
  CHECK(cli::text(Msg::bad_port, Lang::en).rfind("invalid port '{value}'", 0) == 0);
  CHECK(cli::text(Msg::write_failed, Lang::en) == "cannot write the output: {reason}");
  CHECK(cli::text(Msg::what_proto, Lang::en) == "protocol");
  CHECK(cli::text(Msg::col_port, Lang::ja) == "ポート");
  CHECK(cli::text(Msg::status_recommended, Lang::en) == "recommended");
  CHECK(cli::text(Msg::verdict_ok, Lang::en) == "ok");
  CHECK(cli::text(Msg::opt_port, Lang::en) == "Port number, 1-65535");
  CHECK(cli::text(Msg::opt_explain_port, Lang::en) == "The port to explain, 1-65535");
  CHECK(cli::text(Msg::cmd_recommend, Lang::en) == "Which port and TLS mode to use");
  CHECK(cli::text(Msg::cmd_check, Lang::en) == "Judge a setting, or a server URL");
  CHECK(cli::text(Msg::cmd_ports, Lang::en) == "Print the whole rules table");
  CHECK(cli::text(Msg::cmd_explain, Lang::en) == "Explain what a port is for");
  CHECK(cli::text(Msg::footer_recommend, Lang::en).find("mailports recommend")
        != std::string_view::npos);
  CHECK(cli::text(Msg::footer_check, Lang::en).find("mailports check") != std::string_view::npos);
  CHECK(cli::text(Msg::footer_ports, Lang::en).find("mailports ports") != std::string_view::npos);
  CHECK(cli::text(Msg::footer_explain, Lang::en).find("mailports explain")
        != std::string_view::npos);
  CHECK(cli::text(Msg::footer_explain, Lang::ja).find("mailports explain")
        != std::string_view::npos);
}

TEST_CASE("every rules text in the built-in table has English and Japanese", "[cli][messages]")
{
  const auto& table = rules::builtin_table();
  for (const auto& mode : table.modes) {
    const std::string name(core::to_string(mode.mode));
    check_both(mode.label, "modes/" + name + "/label");
    check_both(mode.summary, "modes/" + name + "/summary");
  }
  for (const auto& finding : table.findings) {
    check_both(finding.message, "findings/" + std::string(finding.code) + "/message");
  }
  for (const auto& note : table.notes) {
    check_both(note.title, "notes/" + std::string(note.id) + "/title");
    check_both(note.text, "notes/" + std::string(note.id) + "/text");
  }
  for (std::size_t i = 0; i < table.entries.size(); ++i) {
    check_both(table.entries[i].summary, "entries/" + std::to_string(i) + "/summary");
  }
}

TEST_CASE("say() fills the named arguments", "[cli][messages]")
{
  CHECK(cli::say(Msg::bad_port, Lang::en, fmt::arg("value", "0"))
        == "invalid port '0': expected a number from 1 to 65535");
  CHECK(cli::say(Msg::bad_port, Lang::ja, fmt::arg("value", "0"))
        == "ポート番号 '0' は無効です。1〜65535 の数を指定してください");
  CHECK(cli::say(Msg::did_you_mean, Lang::en, fmt::arg("hint", "smtp"))
        == "; did you mean 'smtp'?");
  CHECK(cli::say(Msg::did_you_mean, Lang::ja, fmt::arg("hint", "smtp"))
        == "。'smtp' のことですか？");
  CHECK(cli::say(Msg::url_bad_port, Lang::en, fmt::arg("value", "99999"),
                 fmt::arg("url", "smtps://u:***@h:99999"))
        == "invalid port '99999' in URL 'smtps://u:***@h:99999': expected a number from 1 to "
           "65535");
}

TEST_CASE("every message formats with the arguments callers pass", "[cli][messages]")
{
  // A typo in a placeholder ({vaule}) would throw here instead of at a user.
  for (int i = 0; i < static_cast<int>(Msg::count_); ++i) {
    for (const auto lang : {Lang::en, Lang::ja}) {
      INFO("Msg #" << i << " " << core::to_string(lang));
      std::string out;
      CHECK_NOTHROW(out = say_with_all_args(static_cast<Msg>(i), lang));
      CHECK(out.find('{') == std::string::npos);
      CHECK_FALSE(out.empty());
    }
  }
}

TEST_CASE("labels map each enum value to its message", "[cli][messages]")
{
  CHECK(cli::status_label(core::Status::recommended, Lang::en) == "recommended");
  CHECK(cli::status_label(core::Status::not_mail_port, Lang::en) == "not a mail port");
  CHECK(cli::status_label(core::Status::mismatch, Lang::ja) == "不一致");
  CHECK(cli::severity_label(core::Severity::info, Lang::en) == "info");
  CHECK(cli::severity_label(core::Severity::error, Lang::ja) == "エラー");
  CHECK(cli::verdict_label(core::Verdict::ok, Lang::en) == "ok");
  CHECK(cli::verdict_label(core::Verdict::warning, Lang::ja) == "警告");
  CHECK(cli::verdict_label(core::Verdict::error, Lang::en) == "error");
  CHECK(cli::role_label(core::Role::client, Lang::en) == "mail client");
  CHECK(cli::role_label(core::Role::relay, Lang::ja) == "サーバー間の転送");
}
