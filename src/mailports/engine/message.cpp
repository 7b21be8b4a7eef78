#include <mailports/engine/check.hpp>

#include <mailports/util/text.hpp>

#include <fmt/args.h>
#include <fmt/format.h>

#include <string>

namespace mailports::engine {

namespace {

std::string display_name(core::Proto proto)
{
  return util::to_upper(core::to_string(proto));
}

} // namespace

std::string render_message(const CheckResult& result, const Finding& finding, core::Lang lang,
                           const rules::Table& table)
{
  const Query& q = result.query;
  const auto label = [&](core::TlsMode mode) { return std::string(table.mode(mode).label.in(lang)); };
  std::string modes;
  for (const auto mode : finding.modes) {
    modes += modes.empty() ? "" : (lang == core::Lang::ja ? "、" : ", ");
    modes += label(mode);
  }
  // The one word the engine says itself: a port with no IANA service name.
  constexpr core::Text k_unregistered{"unregistered", "未登録"};
  const auto service_or_unregistered = [&](const std::optional<std::string_view>& service) {
    return std::string(service ? *service : k_unregistered.in(lang));
  };
  const auto service = service_or_unregistered(
    result.entry != nullptr ? result.entry->service : std::nullopt);

  fmt::dynamic_format_arg_store<fmt::format_context> args;
  args.push_back(fmt::arg("proto", display_name(q.proto)));
  args.push_back(fmt::arg("port", q.port));
  args.push_back(fmt::arg("tls", label(q.tls)));
  args.push_back(fmt::arg("service", service));
  args.push_back(fmt::arg("modes", modes));
  args.push_back(fmt::arg("other_proto", finding.other_proto ? display_name(*finding.other_proto)
                                                             : std::string("?")));
  args.push_back(fmt::arg("other_service", service_or_unregistered(finding.other_service)));
  args.push_back(fmt::arg("best_port", result.best_port ? std::to_string(*result.best_port)
                                                        : std::string("?")));
  args.push_back(fmt::arg("likely_port", finding.likely_port ? std::to_string(*finding.likely_port)
                                                             : std::string("?")));
  // discover's findings name a source or a host here; check never does.
  args.push_back(fmt::arg("value", std::string("?")));
  args.push_back(fmt::arg("other", std::string("?")));
  try {
    return fmt::vformat(finding.def->message.in(lang), args);
  } catch (const fmt::format_error&) {
    // The loader rejects bad placeholders; this keeps a hand-built table safe.
    return std::string(finding.def->message.in(lang));
  }
}

} // namespace mailports::engine
