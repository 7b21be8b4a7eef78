#include <mailports/cli/output/clientconf.hpp>

#include <mailports/cli/messages.hpp>
#include <mailports/util/text.hpp>

#include <ostream>

namespace mailports::cli::output {

std::string version_text(const clientconf::Format& format, const clientconf::VersionChoice& version,
                         core::Lang lang)
{
  if (format.client.empty()) {
    return std::string(format.name);
  }
  Msg id = Msg::lint_origin_newest;
  switch (version.origin) {
  case clientconf::VersionChoice::Origin::option:
    id = Msg::lint_origin_option;
    break;
  case clientconf::VersionChoice::Origin::installed:
    id = Msg::lint_origin_installed;
    break;
  case clientconf::VersionChoice::Origin::newest:
    break;
  }
  return say(id, lang, fmt::arg("client", format.client), fmt::arg("version", version.version.text));
}

namespace {

void located(std::ostream& out, const TextContext& ctx, const std::string& path, const clientconf::Location& where,
             std::string_view account, std::string_view setting, std::string_view indent)
{
  out << indent << path;
  if (where.line != 0) {
    out << ':' << where.line;
  }
  out << ": ";
  if (!account.empty()) {
    out << ctx.style.bold(util::quote_for_message(account));
  }
  if (!setting.empty()) {
    out << (account.empty() ? "" : ": ") << setting;
  }
  out << '\n';
}

void client_finding(std::ostream& out, const TextContext& ctx, const std::string& path,
                    const clientconf::ClientFinding& finding, std::string_view account, std::string_view indent)
{
  located(out, ctx, path, finding.where, account, finding.setting, indent);
  const auto* def = clientconf::definition(ctx.table, finding);
  const auto message = clientconf::render(ctx.table, finding, ctx.lang);
  if (def != nullptr) {
    rendered_finding_text(out, ctx, *def, message, std::string(indent) + "  ");
  } else {
    out << indent << "  " << message << '\n';
  }
}

void endpoint_text(std::ostream& out, const TextContext& ctx, const std::string& path,
                   const clientconf::Account& account, const clientconf::Endpoint& endpoint,
                   const clientconf::JudgedEndpoint& judged)
{
  const auto mode = ctx.table.mode(endpoint.tls).label.in(ctx.lang);
  const std::string_view by_default = text(Msg::lint_default, ctx.lang);
  out << "    " << ctx.style.verdict(judged.verdict, mark(judged.verdict)) << ' '
      << say(Msg::lint_server, ctx.lang, fmt::arg("proto", core::to_string(endpoint.proto)),
             fmt::arg("host", util::quote_for_message(endpoint.host)), fmt::arg("port", endpoint.port),
             fmt::arg("port_default", endpoint.port_stated ? std::string_view() : by_default), fmt::arg("tls", mode),
             fmt::arg("tls_default", endpoint.tls_stated ? std::string_view() : by_default),
             fmt::arg("setting", endpoint.setting), fmt::arg("line", endpoint.where.line))
      << '\n';
  for (const auto& finding : judged.check.findings) {
    located(out, ctx, path, endpoint.where, account.name, endpoint.setting, "      ");
    rendered_finding_text(out, ctx, *finding.def,
                          engine::render_message(judged.check, finding, ctx.lang, ctx.table), "        ");
  }
  for (const auto& finding : endpoint.findings) {
    client_finding(out, ctx, path, finding, account.name, "      ");
  }
}

} // namespace

void lint_text(std::ostream& out, const TextContext& ctx, const std::vector<LintedFile>& files)
{
  bool first = true;
  for (const auto& file : files) {
    if (!file.result) {
      continue; // its error is on stderr
    }
    if (!first) {
      out << '\n';
    }
    first = false;
    const auto shown = util::quote_for_message(file.path);
    out << ctx.style.bold(say(Msg::lint_file_header, ctx.lang, fmt::arg("path", shown),
                              fmt::arg("format", file.format->name),
                              fmt::arg("value", version_text(*file.format, file.version, ctx.lang))))
        << '\n';
    const auto& result = *file.result;
    for (const auto& finding : result.parsed.findings) {
      client_finding(out, ctx, shown, finding, {}, "  ");
    }
    for (std::size_t a = 0; a < result.parsed.accounts.size(); ++a) {
      const auto& account = result.parsed.accounts[a];
      const auto& judged = result.accounts[a];
      out << "  " << ctx.style.verdict(judged.verdict, mark(judged.verdict)) << ' '
          << say(Msg::lint_account, ctx.lang, fmt::arg("value", util::quote_for_message(account.name))) << '\n';
      for (const auto& finding : account.findings) {
        client_finding(out, ctx, shown, finding, account.name, "    ");
      }
      for (std::size_t e = 0; e < account.endpoints.size(); ++e) {
        endpoint_text(out, ctx, shown, account, account.endpoints[e], judged.endpoints[e]);
      }
    }
    const auto summary = result.parsed.accounts.empty()      ? text(Msg::lint_no_accounts, ctx.lang)
                         : result.verdict == core::Verdict::ok ? text(Msg::lint_no_problems, ctx.lang)
                                                               : verdict_label(result.verdict, ctx.lang);
    out << say(Msg::lint_summary, ctx.lang, fmt::arg("path", shown),
               fmt::arg("value", ctx.style.verdict(result.verdict, summary)))
        << '\n';
  }
}

} // namespace mailports::cli::output
