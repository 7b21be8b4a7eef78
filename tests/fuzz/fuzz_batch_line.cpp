// batch::parse_line on arbitrary text, against parse_line_full (nlohmann
// for every line): the fast path for flat and URL lines must never change
// an answer. LineParser::parse_fast, which `check --batch` uses, is held to
// the full parser too, with one parser for every input so that its
// remembered words are the ones of earlier inputs: the query, the id as
// nlohmann dumps it, and every part of the URL. Also: an error's value
// never holds raw control characters.
#include "fuzz_support.hpp"

#include <mailports/batch/line.hpp>
#include <mailports/rules/builtin.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>

using namespace mailports;

namespace {

bool same_url(const url::MailUrl& a, const url::MailUrl& b)
{
  return a.scheme == b.scheme && a.proto == b.proto && a.tls == b.tls && a.service == b.service
         && a.user == b.user && a.has_password == b.has_password && a.host == b.host && a.port == b.port
         && a.redacted == b.redacted;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  const auto line = mailports_fuzz::as_text(data, size);
  const auto& table = rules::builtin_table();
  static batch::LineParser parser(table);
  static batch::FastLine fast_line;
  const auto fast = batch::parse_line(line, table);
  const auto full = batch::parse_line_full(line, table);
  MAILPORTS_FUZZ_CHECK(fast.has_value() == full.has_value());
  if (parser.parse_fast(line, fast_line)) {
    MAILPORTS_FUZZ_CHECK(full.has_value());
    MAILPORTS_FUZZ_CHECK(fast_line.query == full->query);
    MAILPORTS_FUZZ_CHECK(fast_line.id == (full->id.is_null() ? std::string() : full->id.dump()));
    MAILPORTS_FUZZ_CHECK(fast_line.has_url == full->url.has_value());
    MAILPORTS_FUZZ_CHECK(!fast_line.has_url || same_url(fast_line.url, *full->url));
  }
  if (!fast) {
    const auto& a = fast.error();
    const auto& b = full.error();
    MAILPORTS_FUZZ_CHECK(a.problem == b.problem && a.field == b.field && a.value == b.value);
    MAILPORTS_FUZZ_CHECK(a.id == b.id);
    MAILPORTS_FUZZ_CHECK(std::none_of(a.value.begin(), a.value.end(),
                                      [](unsigned char c) { return c < 0x20 || c == 0x7f; }));
    return 0;
  }
  const auto& q = fast->query;
  const auto& r = full->query;
  MAILPORTS_FUZZ_CHECK(q == r); // every field, the readings included
  MAILPORTS_FUZZ_CHECK(q.port >= 1);
  MAILPORTS_FUZZ_CHECK(fast->id == full->id && fast->id.type() == full->id.type());
  MAILPORTS_FUZZ_CHECK(fast->url.has_value() == full->url.has_value());
  MAILPORTS_FUZZ_CHECK(!fast->url || same_url(*fast->url, *full->url));
  return 0;
}
