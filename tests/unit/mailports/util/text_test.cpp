// util/text: ASCII case helpers, "did you mean" distance, and making
// untrusted input safe to show in a diagnostic.
#include "catch.hpp"

#include <mailports/util/text.hpp>

#include <array>
#include <string>
#include <string_view>

using namespace mailports::util;
using namespace std::string_view_literals;

TEST_CASE("istarts_with compares a prefix ASCII case-insensitively", "[util][text]")
{
  CHECK(istarts_with("* ok ready", "* OK"));
  CHECK(istarts_with("AUTH=plain", "auth="));
  CHECK(istarts_with("x", ""));
  CHECK_FALSE(istarts_with("* O", "* OK"));
  CHECK_FALSE(istarts_with("AUTHX", "AUTH="));
}

TEST_CASE("iequals compares ASCII case-insensitively", "[util][text]")
{
  CHECK(iequals("SMTP", "smtp"));
  CHECK(iequals("", ""));
  CHECK(iequals("Ssl/Tls", "SSL/TLS"));
  CHECK_FALSE(iequals("smtp", "smtps"));
  CHECK_FALSE(iequals("smtp", "imap"));
  // Bytes above ASCII compare exactly: no locale-dependent folding.
  CHECK(iequals("ポート", "ポート"));
  CHECK_FALSE(iequals("\xc3\xa9", "\xc3\x89")); // é vs É
}

TEST_CASE("to_upper and to_lower change ASCII letters only", "[util][text]")
{
  CHECK(to_upper("smtps://Mail") == "SMTPS://MAIL");
  CHECK(to_lower("SMTPS://Mail") == "smtps://mail");
  CHECK(to_lower("ポートABC") == "ポートabc");
  CHECK(to_upper("") == "");
}

TEST_CASE("edit_distance is the optimal string alignment distance", "[util][text]")
{
  CHECK(edit_distance("smpt", "smtp") == 1); // a transposition is one edit
  CHECK(edit_distance("smtp", "smtp") == 0);
  CHECK(edit_distance("SMTP", "smtp") == 0); // case does not count
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("imap", "imaps") == 1);
  // OSA, not full Damerau: no edit of a transposed pair ("ca" -> "ac" -> "abc").
  CHECK(edit_distance("ca", "abc") == 3);
}

TEST_CASE("closest_match suggests a near candidate, and nothing for noise", "[util][text]")
{
  constexpr std::array candidates{"smtp"sv, "imap"sv, "pop3"sv};
  CHECK(closest_match("smpt", candidates) == "smtp"sv);
  CHECK(closest_match("IMAP", candidates) == "imap"sv);
  CHECK(closest_match("pop", candidates) == "pop3"sv);
  CHECK_FALSE(closest_match("xyzzy", candidates).has_value());
  CHECK_FALSE(closest_match("", candidates).has_value());
  // One letter allows one edit, which reaches none of the candidates.
  CHECK_FALSE(closest_match("s", candidates).has_value());
  // Over 64 bytes the input is not a typo of anything.
  CHECK_FALSE(closest_match(std::string(65, 's'), candidates).has_value());
  CHECK_FALSE(closest_match("smpt", std::span<const std::string_view>{}).has_value());
}

TEST_CASE("quote_for_message keeps printable text as it is", "[util][text]")
{
  CHECK(quote_for_message("smtps://mail.example.com:465") == "smtps://mail.example.com:465");
  CHECK(quote_for_message("メール.example.jp") == "メール.example.jp");
  CHECK(quote_for_message("") == "");
}

TEST_CASE("quote_for_message escapes control characters as \\xNN", "[util][text]")
{
  CHECK(quote_for_message("a\nb") == "a\\x0ab");
  CHECK(quote_for_message("\x1b[31mred") == "\\x1b[31mred"); // no terminal escapes
  CHECK(quote_for_message("tab\there") == "tab\\x09here");
  CHECK(quote_for_message("del\x7f") == "del\\x7f");
  CHECK(quote_for_message(std::string("nul\0byte", 8)) == "nul\\x00byte");
}

TEST_CASE("quote_for_message escapes malformed UTF-8 byte by byte", "[util][text]")
{
  CHECK(quote_for_message("\xff") == "\\xff");
  CHECK(quote_for_message("a\x80z") == "a\\x80z");          // lone continuation byte
  CHECK(quote_for_message("\xe3\x83") == "\\xe3\\x83");      // truncated sequence
  CHECK(quote_for_message("\xe3\x83X") == "\\xe3\\x83X");    // sequence cut by ASCII
  CHECK(quote_for_message("\xc0\xaf") == "\\xc0\\xaf");      // overlong 2-byte "/"
  CHECK(quote_for_message("\xf5\x80\x80\x80") == "\\xf5\\x80\\x80\\x80"); // lead > F4
}

TEST_CASE("quote_for_message escapes overlong and surrogate 3-byte forms", "[util][text]")
{
  // RFC 3629 restricts the byte after E0 (A0..BF), ED (80..9F), F0 (90..BF)
  // and F4 (80..8F). Regression test: utf8_sequence_length() once checked
  // only the lead byte and the 10xxxxxx continuation pattern, and let these
  // through raw (fixed in 01532a5).
  CHECK(quote_for_message("\xe0\x80\xaf") == "\\xe0\\x80\\xaf");         // overlong "/"
  CHECK(quote_for_message("\xed\xa0\x80") == "\\xed\\xa0\\x80");         // U+D800 surrogate
  CHECK(quote_for_message("\xf4\x90\x80\x80") == "\\xf4\\x90\\x80\\x80"); // U+110000
}

TEST_CASE("quote_for_message shortens long input with ...", "[util][text]")
{
  const std::string long_input(200, 'a');
  CHECK(quote_for_message(long_input) == std::string(80, 'a') + "...");
  CHECK(quote_for_message(long_input, 10) == std::string(10, 'a') + "...");
  // Exactly at the limit nothing is cut.
  CHECK(quote_for_message(std::string(80, 'b')) == std::string(80, 'b'));
  // Multibyte characters are never split by the cut.
  std::string japanese;
  for (int i = 0; i < 40; ++i) {
    japanese += "ポ"; // 3 bytes each
  }
  const auto quoted = quote_for_message(japanese);
  REQUIRE(quoted.size() > 3);
  CHECK(quoted.substr(quoted.size() - 3) == "...");
  CHECK((quoted.size() - 3) % 3 == 0);
  CHECK(quoted.size() - 3 >= 80);
}

TEST_CASE("display_width counts East Asian wide characters as two columns", "[util][text]")
{
  CHECK(display_width("") == 0);
  CHECK(display_width("abc") == 3);
  CHECK(display_width("ポート") == 6);
  CHECK(display_width("port ポート 587") == 15);
  CHECK(display_width("暗号化なし") == 10);
  CHECK(display_width("\xef\xbc\xa1") == 2); // U+FF21 FULLWIDTH LATIN A
  CHECK(display_width("é") == 1);           // U+00E9 is narrow
  CHECK(display_width("\xff") == 1);        // a malformed byte takes one column
}
