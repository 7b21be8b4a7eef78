// cli/messages: every string a user can see exists in both languages, and
// every message formats with the arguments say() gives it.
#include "catch.hpp"

#include <mailports/cli/messages.hpp>
#include <mailports/rules/builtin.hpp>

#include <fmt/args.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

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

// The {name} placeholders of a message, sorted. Braces around anything but
// a name (help text quoting JSON, say) are not placeholders.
std::vector<std::string> placeholders(std::string_view text)
{
  std::vector<std::string> out;
  for (std::size_t open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    const auto close = text.find('}', open);
    if (close == std::string_view::npos) {
      break;
    }
    const auto name = text.substr(open + 1, close - open - 1);
    const bool identifier = !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    });
    if (identifier) {
      out.emplace_back(name);
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Format `text` as say() does, with each of its placeholders given a value.
std::string format_with_own_args(std::string_view text)
{
  fmt::dynamic_format_arg_store<fmt::format_context> args;
  const auto names = placeholders(text);
  for (const auto& name : names) {
    args.push_back(fmt::arg(name.c_str(), "x"));
  }
  return fmt::vformat(text, args);
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

TEST_CASE("both languages of a message use the same placeholders", "[cli][messages]")
{
  // A translation that drops {value} hides the bad value; one that adds or
  // misspells a name makes say() throw for that language only.
  const auto messages = cli::all_messages();
  for (std::size_t i = 0; i < messages.size(); ++i) {
    INFO("Msg #" << i << ": " << messages[i].en);
    CHECK(placeholders(messages[i].en) == placeholders(messages[i].ja));
  }
  CHECK(placeholders("invalid port '{value}' in URL '{url}' {value}")
        == std::vector<std::string>{"url", "value"});
  CHECK(placeholders(R"(NDJSON ({"proto","port"} or {"url"}))").empty());
}

TEST_CASE("every message with placeholders is a valid format string", "[cli][messages]")
{
  // Messages without placeholders may be printed with text() as they are;
  // the ones with placeholders go through say(), which must not throw.
  const auto messages = cli::all_messages();
  int formatted = 0;
  for (std::size_t i = 0; i < messages.size(); ++i) {
    for (const auto lang : {Lang::en, Lang::ja}) {
      const auto text = messages[i].in(lang);
      if (placeholders(text).empty()) {
        continue;
      }
      INFO("Msg #" << i << " " << core::to_string(lang) << ": " << text);
      std::string out;
      CHECK_NOTHROW(out = format_with_own_args(text));
      CHECK(out.find('{') == std::string::npos);
      ++formatted;
    }
  }
  CHECK(formatted >= 40); // most diagnostics take arguments
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
