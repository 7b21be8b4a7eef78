#include <mailports/cli/quick.hpp>

#include <string_view>
#include <utility>

namespace mailports::cli {

namespace {

using Kind = QuickCommand::Kind;

// Stores the canonical spelling of `value` in `target`, if `choices` has it.
bool choose(std::string& target, std::string_view value, std::span<const std::string_view> choices)
{
  const auto choice = canonical_choice(value, choices);
  if (choice) {
    target = std::string(*choice);
  }
  return choice.has_value();
}

// --proto as CLI11's transform leaves it; false if given twice or not a protocol.
bool take_proto(std::string& target, std::string_view value)
{
  const auto proto = core::parse_proto_word(value);
  return target.empty() && proto && (target = std::string(core::to_string(*proto)), true);
}

// A value the option keeps as it is; CLI11 judges an empty one, and a repeat.
bool take_once(std::string& target, std::string_view value)
{
  return target.empty() && !value.empty() && (target = std::string(value), true);
}

// Names given once at most: CLI11 decides about a repeat.
struct Seen {
  bool role = false;
  bool color = false;
};

// One "--name value" (or "--name=value"); false if CLI11 must judge it.
bool take(QuickCommand& q, Seen& seen, std::string_view name, std::string_view value)
{
  if (name == "--lang") {
    return q.global.lang.empty() && choose(q.global.lang, value, lang_names());
  }
  if (name == "--color") {
    return !std::exchange(seen.color, true) && choose(q.global.color, value, color_names());
  }
  switch (q.kind) {
  case Kind::check: {
    auto& c = q.check;
    if (name == "--proto") {
      return take_proto(c.proto, value);
    }
    if (name == "--port") {
      return c.port.empty() && is_port(value) && (c.port = std::string(value), true);
    }
    if (name == "--tls") {
      auto word = canonical_tls_word(value);
      return c.tls.empty() && word && (c.tls = std::move(*word), true);
    }
    if (name == "--role") {
      return !std::exchange(seen.role, true) && choose(c.role, value, role_names());
    }
    return false;
  }
  case Kind::recommend: {
    auto& r = q.recommend;
    if (name == "--proto") {
      return take_proto(r.proto, value);
    }
    if (name == "--email") {
      return take_once(r.email, value);
    }
    if (name == "--domain") {
      return take_once(r.domain, value);
    }
    return false;
  }
  case Kind::ports:
    return name == "--proto" && take_proto(q.ports.proto, value);
  case Kind::explain:
    return false;
  }
  return false;
}

std::optional<Kind> kind_of(std::string_view command)
{
  for (const auto& [name, kind] : {std::pair{"check", Kind::check}, std::pair{"recommend", Kind::recommend},
                                   std::pair{"explain", Kind::explain}, std::pair{"ports", Kind::ports}}) {
    if (command == name) {
      return kind;
    }
  }
  return std::nullopt;
}

bool& json_flag(QuickCommand& q)
{
  switch (q.kind) {
  case Kind::recommend:
    return q.recommend.json;
  case Kind::explain:
    return q.explain.json;
  case Kind::ports:
    return q.ports.json;
  case Kind::check:
    break;
  }
  return q.check.json;
}

// Whether the command has what it needs; the rest is CLI11's to say.
bool complete(const QuickCommand& q)
{
  switch (q.kind) {
  case Kind::check:
    return !q.check.proto.empty() && !q.check.port.empty() && !q.check.tls.empty();
  case Kind::recommend:
    // Exactly one target: run_recommend says so otherwise, the same either way,
    // but the usual line is all this path is for.
    return static_cast<int>(!q.recommend.proto.empty()) + static_cast<int>(!q.recommend.email.empty())
             + static_cast<int>(!q.recommend.domain.empty())
           == 1;
  case Kind::explain:
    return !q.explain.port.empty();
  case Kind::ports:
    return true;
  }
  return false;
}

} // namespace

std::optional<QuickCommand> quick_command(int argc, const char* const* argv)
{
  if (argc < 2) {
    return std::nullopt;
  }
  const auto kind = kind_of(argv[1]);
  if (!kind) {
    return std::nullopt;
  }
  QuickCommand q;
  q.kind = *kind;
  Seen seen;
  for (int i = 2; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--json") {
      if (std::exchange(json_flag(q), true)) {
        return std::nullopt; // repeated: CLI11 decides
      }
      continue;
    }
    if (!arg.starts_with("--")) {
      // explain's PORT (a digit first: never an option); anything else, a
      // URL or a stray word, is CLI11's.
      if (q.kind == Kind::explain && q.explain.port.empty() && is_port(arg)) {
        q.explain.port = std::string(arg);
        continue;
      }
      return std::nullopt;
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
    if (!take(q, seen, name, value)) {
      return std::nullopt;
    }
  }
  if (!complete(q)) {
    return std::nullopt;
  }
  return q;
}

cmd::Outcome run_quick(const QuickCommand& command, Context& ctx, std::ostream& out)
{
  switch (command.kind) {
  case Kind::recommend:
    return cmd::run_recommend(command.recommend, ctx);
  case Kind::explain:
    return cmd::run_explain(command.explain, ctx);
  case Kind::ports:
    return cmd::run_ports(command.ports, ctx);
  case Kind::check:
    break;
  }
  return cmd::run_check(command.check, ctx, out);
}

} // namespace mailports::cli
