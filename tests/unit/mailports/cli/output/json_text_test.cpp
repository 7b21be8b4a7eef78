// cli/output/json_text and json_writer: the hot outputs written without
// nlohmann are byte for byte what write_json() of the nlohmann documents
// gives, for every built-in provider, every port, every protocol, en and ja.
#include "catch.hpp"

#include <mailports/cli/output/json_text.hpp>
#include <mailports/cli/output/json_writer.hpp>
#include <mailports/engine/check.hpp>
#include <mailports/engine/lookup.hpp>
#include <mailports/engine/provider.hpp>
#include <mailports/providers/address.hpp>
#include <mailports/providers/catalog.hpp>
#include <mailports/rules/builtin.hpp>
#include <mailports/url/mail_url.hpp>

#include <set>
#include <sstream>
#include <string>

using namespace mailports;
using cli::output::Json;

namespace {

const rules::Table& table()
{
  return rules::builtin_table();
}

std::string pretty(const Json& document)
{
  std::ostringstream out;
  cli::output::write_json(out, document);
  return out.str();
}

constexpr core::Lang k_langs[] = {core::Lang::en, core::Lang::ja};
constexpr core::Proto k_protos[] = {core::Proto::smtp, core::Proto::imap, core::Proto::pop3};
constexpr core::TlsMode k_modes[] = {core::TlsMode::none, core::TlsMode::starttls,
                                     core::TlsMode::opportunistic, core::TlsMode::implicit};
constexpr core::Role k_roles[] = {core::Role::client, core::Role::relay};

// Every port the table names, and some it does not.
std::set<std::uint16_t> ports()
{
  std::set<std::uint16_t> out{1, 80, 443, 2525, 8080, 65535};
  for (const auto& e : table().entries) {
    out.insert(e.port);
  }
  return out;
}

} // namespace

TEST_CASE("JsonWriter writes what nlohmann dumps, strings included", "[cli][output][json]")
{
  const std::string strings[] = {"", "plain", "quote \" backslash \\ slash /", "\b\f\n\r\t",
                                 std::string("\x01\x1f\x7f nul:") + '\0', "日本語 ✓ 😀",
                                 "bad \xff byte", "cut \xe3\x81", "overlong \xc0\xaf",
                                 "surrogate \xed\xa0\x80", "\xf4\x90\x80\x80 high", "\xe3\x81\x82\xe3"};
  for (const auto& s : strings) {
    INFO(s);
    for (const int indent : {-1, 2}) {
      Json doc = Json::object();
      doc["list"] = Json::array({s, 1, true, nullptr, Json::object(), Json::array()});
      doc["n"] = -5;
      doc["deep"] = "x";
      cli::output::JsonWriter w(indent, 4);
      w.begin_object().key("list").begin_array().value(s).value(1).value(true).null();
      w.begin_object().end_object().begin_array().end_array().end_array();
      w.field("n", -5).field("deep", "x").end_object();
      CHECK(std::move(w).finish() == doc.dump(indent, ' ', false, Json::error_handler_t::replace));
    }
  }
}

TEST_CASE("JsonWriter: strings and documents larger than its chunk, and every tail length", "[cli][output][json]")
{
  // The writer copies plain text in blocks of 16 or 8 bytes (the last one
  // overlapping) and appends the document a few kB at a time: a byte to
  // escape at each position of a block, and values larger than a chunk.
  std::vector<std::string> strings;
  for (std::size_t length = 0; length < 40; ++length) {
    for (std::size_t at = 0; at < length; ++at) {
      for (const char odd : {'"', '\\', '\n', '\x7f', '\x80'}) {
        std::string s(length, 'a');
        s[at] = odd;
        strings.push_back(s);
      }
    }
    strings.emplace_back(length, 'b');
  }
  strings.emplace_back(5000, 'c');
  strings.push_back(std::string(4000, 'd') + "\"" + std::string(3000, 'e'));
  std::string japanese;
  for (int i = 0; i < 1500; ++i) {
    japanese += "日本";
  }
  strings.push_back(japanese);
  for (const int indent : {-1, 2}) {
    Json doc = Json::array();
    cli::output::JsonWriter w(indent, 16);
    w.begin_array();
    for (const auto& s : strings) {
      doc.push_back(Json::object({{"s", s}, {"n", s.size()}}));
      w.begin_object().field("s", s).field("n", static_cast<std::int64_t>(s.size())).end_object();
    }
    w.end_array();
    const auto written = std::move(w).finish("\n");
    CHECK(written.size() > 40'000);
    CHECK(written == doc.dump(indent, ' ', false, Json::error_handler_t::replace) + "\n");
  }
}

TEST_CASE("check --json and --batch lines, written directly, equal the nlohmann document", "[cli][output][json]")
{
  const auto url = url::parse_mail_url("smtps://taro:secret@smtp.example.com:465");
  REQUIRE(url);
  int compared = 0;
  for (const auto lang : k_langs) {
    for (const auto proto : k_protos) {
      for (const auto port : ports()) {
        for (const auto mode : k_modes) {
          for (const auto role : k_roles) {
            engine::Query q{proto, port, mode, role};
            q.tls_word_ambiguous = port % 2 == 0;
            q.proto_inferred = port % 3 == 0;
            const auto result = engine::check(table(), q);
            for (const auto* shown : {static_cast<const url::MailUrl*>(nullptr), &url.value()}) {
              INFO(port << " " << core::to_string(proto) << " " << core::to_string(mode));
              const auto document = cli::output::check_json(result, table(), lang, shown);
              CHECK(cli::output::check_json_text(result, table(), lang, shown) == pretty(document));
              CHECK(cli::output::check_json_compact(result, table(), lang, shown)
                    == document.dump(-1, ' ', false, Json::error_handler_t::replace));
              ++compared;
            }
          }
        }
      }
    }
  }
  CHECK(compared > 1000);
}

TEST_CASE("recommend --proto, explain and ports --json, written directly", "[cli][output][json]")
{
  for (const auto lang : k_langs) {
    for (const auto proto : k_protos) {
      for (const auto role : k_roles) {
        for (const auto prefer : k_modes) {
          const auto list = engine::recommend(table(), proto, role, prefer);
          CHECK(cli::output::recommend_json_text(list, proto, role, prefer, table(), lang)
                == pretty(cli::output::recommend_json(list, proto, role, prefer, table(), lang)));
        }
      }
      const auto entries = engine::entries_for_proto(table(), proto);
      CHECK(cli::output::ports_json_text(entries, table(), lang)
            == pretty(cli::output::ports_json(entries, table(), lang)));
    }
    const auto all = engine::entries_for_proto(table(), std::nullopt);
    CHECK(cli::output::ports_json_text(all, table(), lang) == pretty(cli::output::ports_json(all, table(), lang)));
    for (const auto port : ports()) {
      INFO(port);
      const auto entries = engine::entries_for_port(table(), port);
      CHECK(cli::output::explain_json_text(port, entries, table(), lang)
            == pretty(cli::output::explain_json(port, entries, table(), lang)));
    }
  }
}

TEST_CASE("recommend --email/--domain --json, written directly, for every built-in provider",
          "[cli][output][json]")
{
  const auto& catalog = providers::builtin_catalog();
  REQUIRE(catalog.providers.size() > 100);
  for (const auto lang : k_langs) {
    for (const auto& p : catalog.providers) {
      const auto advice = engine::advise(table(), p);
      const auto domain = std::string(p.domains.front());
      cli::output::Lookup by_domain{domain, {}, {}, {}, {}};
      cli::output::Lookup by_address{domain, providers::Address{"taro", domain}, {}, {}, {}};
      cli::output::Lookup by_host{domain, {}, cli::output::Lookup::By::host, "mail." + domain, {}};
      for (const auto* lookup : {&by_domain, &by_address, &by_host}) {
        INFO(p.id);
        CHECK(cli::output::advice_json_text(*lookup, catalog.source, p, advice, table(), lang)
              == pretty(cli::output::advice_json(*lookup, catalog.source, p, advice, table(), lang)));
      }
    }
  }
}
