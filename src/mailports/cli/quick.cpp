#include <mailports/cli/quick.hpp>

#include <string_view>

namespace mailports::cli {

namespace {

// Stores the canonical spelling of `value` in `target`, if `choices` has it.
bool choose(std::string& target, std::string_view value, std::span<const std::string_view> choices)
{
  const auto choice = canonical_choice(value, choices);
  if (choice) {
    target = std::string(*choice);
  }
  return choice.has_value();
}

// One "--name value" (or "--name=value"); false if CLI11 must judge it.
bool take(QuickCheck& q, std::string_view name, std::string_view value)
{
  auto& c = q.check;
  if (name == "--proto") {
    const auto proto = core::parse_proto_word(value);
    return c.proto.empty() && proto && (c.proto = std::string(core::to_string(*proto)), true);
  }
  if (name == "--port") {
    return c.port.empty() && is_port(value) && (c.port = std::string(value), true);
  }
  if (name == "--tls") {
    auto word = canonical_tls_word(value);
    return c.tls.empty() && word && (c.tls = std::move(*word), true);
  }
  if (name == "--role") {
    return choose(c.role, value, role_names());
  }
  if (name == "--lang") {
    return q.global.lang.empty() && choose(q.global.lang, value, lang_names());
  }
  if (name == "--color") {
    return choose(q.global.color, value, color_names());
  }
  return false;
}

} // namespace

std::optional<QuickCheck> quick_check(int argc, const char* const* argv)
{
  if (argc < 2 || std::string_view(argv[1]) != "check") {
    return std::nullopt;
  }
  QuickCheck q;
  bool role_seen = false;
  bool color_seen = false;
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--json") {
      if (q.check.json) {
        return std::nullopt; // repeated: CLI11 decides
      }
      q.check.json = true;
      continue;
    }
    if (!arg.starts_with("--")) {
      return std::nullopt; // a URL, or a stray word
    }
    const auto equals = arg.find('=');
    const auto name = arg.substr(0, equals);
    std::string_view value;
    if (equals != std::string_view::npos) {
      value = arg.substr(equals + 1);
    } else if (i + 1 < argc && !std::string_view(argv[i + 1]).starts_with("-")) {
      value = argv[++i];
    } else {
      return std::nullopt;
    }
    bool& seen = name == "--role" ? role_seen : color_seen;
    if ((name == "--role" || name == "--color") && std::exchange(seen, true)) {
      return std::nullopt;
    }
    if (!take(q, name, value)) {
      return std::nullopt;
    }
  }
  if (q.check.proto.empty() || q.check.port.empty() || q.check.tls.empty()) {
    return std::nullopt;
  }
  return q;
}

} // namespace mailports::cli
