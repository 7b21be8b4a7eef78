#include <mailports/engine/check.hpp>

#include <mailports/util/text.hpp>

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

  const auto proto = display_name(q.proto);
  const auto tls = label(q.tls);
  const auto other_proto = finding.other_proto ? display_name(*finding.other_proto) : std::string("?");
  const auto other_service = service_or_unregistered(finding.other_service);
  const auto best_port = result.best_port ? std::to_string(*result.best_port) : std::string("?");
  const auto likely_port = finding.likely_port ? std::to_string(*finding.likely_port) : std::string("?");
  // discover's findings name a source or a host in {value} and {other};
  // check never does.
  constexpr std::string_view k_unknown = "?";
  try {
    // Arguments on the stack, not fmt's dynamic store: it allocates a node
    // per argument, a good part of `check --json`'s own cost.
    return fmt::vformat(finding.def->message.in(lang),
                        fmt::make_format_args(fmt::arg("proto", proto), fmt::arg("port", q.port),
                                              fmt::arg("tls", tls), fmt::arg("service", service),
                                              fmt::arg("modes", modes), fmt::arg("other_proto", other_proto),
                                              fmt::arg("other_service", other_service),
                                              fmt::arg("best_port", best_port),
                                              fmt::arg("likely_port", likely_port),
                                              fmt::arg("value", k_unknown), fmt::arg("other", k_unknown)));
  } catch (const fmt::format_error&) {
    // The loader rejects bad placeholders; this keeps a hand-built table safe.
    return std::string(finding.def->message.in(lang));
  }
}

} // namespace mailports::engine
