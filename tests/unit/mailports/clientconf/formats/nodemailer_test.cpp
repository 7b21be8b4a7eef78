// clientconf/formats/nodemailer: secure only for implicit TLS, requireTLS
// for STARTTLS, the password from process.env.
#include "catch.hpp"

#include <mailports/clientconf/format.hpp>

#include <string>

using namespace mailports;
using namespace mailports::clientconf;

namespace {

const Format& nm = *find_format("nodemailer");

WritePlan plan_for(std::uint16_t port, core::TlsMode tls, core::Lang lang = core::Lang::en)
{
  WritePlan plan;
  plan.user = "taro@example.test";
  plan.outgoing = {{core::Proto::smtp, "smtp.example.test", port, tls, {}}};
  plan.lang = lang;
  plan.generator = "mailports 0.1.0";
  return plan;
}

bool has(const std::string& text, std::string_view part)
{
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("nodemailer: secure true only for implicit TLS", "[clientconf][nodemailer]")
{
  const auto text = nm.write(plan_for(465, core::TlsMode::implicit));
  REQUIRE(text.has_value());
  CHECK(text->starts_with("// Written by mailports 0.1.0: mailports config nodemailer.\n"));
  CHECK(has(*text, "  host: \"smtp.example.test\",\n  port: 465,\n"));
  CHECK(has(*text, "  secure: true,\n"));
  CHECK_FALSE(has(*text, "requireTLS"));
  CHECK(has(*text, "    user: \"taro@example.test\",\n    pass: process.env.SMTP_PASSWORD,\n"));
  CHECK(has(*text, "rejectUnauthorized: true"));
  CHECK(has(*text, "module.exports = nodemailer.createTransport({"));
}

TEST_CASE("nodemailer: STARTTLS is secure false with requireTLS", "[clientconf][nodemailer]")
{
  for (const auto tls : {core::TlsMode::starttls, core::TlsMode::opportunistic}) {
    const auto text = nm.write(plan_for(587, tls, core::Lang::ja));
    REQUIRE(text.has_value());
    CHECK(has(*text, "  secure: false,\n  requireTLS: true,\n"));
    CHECK(has(*text, "requireTLS: true により STARTTLS なしでは先に進みません"));
  }
  auto none = plan_for(587, core::TlsMode::none);
  none.outgoing[0].warnings = {"Forced: cleartext."};
  none.user.clear();
  const auto text = nm.write(none);
  CHECK(has(*text, "  // Forced: cleartext.\n  host:"));
  CHECK(has(*text, "  secure: false,\n  ignoreTLS: true,\n"));
  CHECK(has(*text, "// No login name was given: fill in auth.user.\n"));
  CHECK_FALSE(has(*text, "rejectUnauthorized"));
  none.outgoing.clear();
  CHECK(nm.write(none).error().kind == WriteError::Kind::needs_outgoing);
}
