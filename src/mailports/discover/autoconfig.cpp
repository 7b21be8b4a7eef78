#include <mailports/discover/autoconfig.hpp>

#include <mailports/util/unicode.hpp>

#include <pugixml.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <utility>

namespace mailports::discover {

namespace {

constexpr std::array<std::string_view, 3> k_placeholders = {"%EMAILADDRESS%", "%EMAILLOCALPART%",
                                                            "%EMAILDOMAIN%"};

// Text from the file quoted in a detail, cut short: details stay readable
// and small whatever the file holds.
std::string quote(std::string_view text)
{
  constexpr std::size_t k_max = 120;
  return text.size() <= k_max ? std::string(text) : std::string(text.substr(0, k_max)) + "...";
}

std::string lower(std::string_view text)
{
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](char c) {
    return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return out;
}

std::string_view child_text(const pugi::xml_node& node, const char* name)
{
  return util::trim(node.child(name).child_value());
}

// Where an element starts in the body ('<'), for lint's line:column; -1
// when pugixml cannot say.
std::ptrdiff_t offset_of(const pugi::xml_node& node)
{
  const auto at = node ? node.offset_debug() : -1;
  return at > 0 && node.type() == pugi::node_element ? at - 1 : at;
}

// Thunderbird decides by the media type's start (FetchHTTP.sys.mjs): XML is
// parsed only for text/xml, application/xml and text/rdf; any other answer
// is handed on as text, and reading it as a config then fails silently.
void check_content_type(std::string_view content_type, std::vector<AutoconfigProblem>& problems)
{
  const std::string type = lower(util::trim(content_type));
  const auto starts = [&](std::string_view prefix) { return type.rfind(prefix, 0) == 0; };
  if (starts("text/xml") || starts("application/xml")) {
    return;
  }
  if (starts("text/rdf")) {
    problems.push_back({"content-type",
                        "Content-Type " + quote(content_type) +
                          ": Thunderbird reads it as XML, but the autoconfig type is text/xml",
                        ProblemEffect::note, quote(content_type), -1});
    return;
  }
  problems.push_back({"content-type",
                      "Content-Type " + (type.empty() ? std::string("(none)") : quote(content_type)) +
                        ": Thunderbird reads XML only from text/xml or application/xml (or text/rdf)",
                      ProblemEffect::rejects_file, quote(content_type), -1});
}

// Every '%' in `text` must start a known placeholder; Thunderbird fills only
// those and would use the rest as written (a host "mail.%DOMAIN%").
void check_placeholders(std::string_view text, const std::string& where, const char* field, std::ptrdiff_t offset,
                        std::vector<AutoconfigProblem>& problems)
{
  for (std::size_t i = text.find('%'); i != std::string_view::npos; i = text.find('%', i)) {
    const auto known = std::find_if(k_placeholders.begin(), k_placeholders.end(),
                                    [&](std::string_view p) { return text.substr(i, p.size()) == p; });
    if (known != k_placeholders.end()) {
      i += known->size();
      continue;
    }
    problems.push_back({"placeholder",
                        where + ": <" + field + "> " + quote(text) +
                          " has a '%' that is not %EMAILADDRESS%, %EMAILLOCALPART% or %EMAILDOMAIN%",
                        ProblemEffect::note, quote(text), offset});
    return;
  }
}

// "1".."65535" exactly (Thunderbird: Sanitizer.integerRange(port, 1, 65535)).
std::optional<int> read_port(std::string_view text)
{
  int value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc{} || ptr != end || value < 1 || value > 65535) {
    return std::nullopt;
  }
  return value;
}

std::optional<core::TlsMode> read_socket_type(std::string_view word)
{
  if (word == "SSL") {
    return core::TlsMode::implicit;
  }
  if (word == "STARTTLS") {
    return core::TlsMode::starttls;
  }
  if (word == "plain") {
    return core::TlsMode::none;
  }
  return std::nullopt;
}

bool known_auth(std::string_view word, bool outgoing)
{
  constexpr std::array<std::string_view, 7> both = {"password-cleartext", "plain", "password-encrypted", "secure",
                                                    "GSSAPI", "NTLM", "OAuth2"};
  constexpr std::array<std::string_view, 3> smtp_only = {"none", "client-IP-address", "smtp-after-pop"};
  return std::find(both.begin(), both.end(), word) != both.end() ||
         (outgoing && std::find(smtp_only.begin(), smtp_only.end(), word) != smtp_only.end());
}

// Whether `who` can fill `templ`: with no local part, only %EMAILDOMAIN%;
// with no address at all (lint), nothing needs to be.
bool fillable(std::string_view templ, const AddressParts* who)
{
  return who == nullptr || !who->local.empty() || (templ.find("%EMAILADDRESS%") == std::string_view::npos &&
                                templ.find("%EMAILLOCALPART%") == std::string_view::npos);
}


// One <incomingServer> or <outgoingServer>; nullopt when Thunderbird would
// skip it (each reason is a problem). `tb_type` is set to the type
// Thunderbird accepted, even one mailports does not report (nntp, exchange).
std::optional<AutoconfigServer> read_server(const pugi::xml_node& node, bool outgoing, std::size_t index,
                                            const AddressParts* who, bool& tb_accepted,
                                            std::vector<AutoconfigProblem>& problems)
{
  const std::string_view type = node.attribute("type").value();
  const std::string where =
    std::string(outgoing ? "outgoingServer" : "incomingServer") + " #" + std::to_string(index) +
    (type.empty() ? std::string() : " (" + quote(type) + ")");
  const auto drop = [&](std::string code, std::string detail, std::string value, const pugi::xml_node& at) {
    problems.push_back({std::move(code), where + ": " + detail + "; Thunderbird skips this server",
                        ProblemEffect::drops_server, std::move(value), offset_of(at ? at : node)});
    return std::nullopt;
  };

  std::optional<core::Proto> proto;
  bool other_type = false; // accepted by Thunderbird, not reported here
  if (outgoing) {
    if (type == "smtp") {
      proto = core::Proto::smtp;
    }
  } else if (type == "imap") {
    proto = core::Proto::imap;
  } else if (type == "pop3") {
    proto = core::Proto::pop3;
  } else if (type == "nntp" || type == "exchange") {
    other_type = true;
  } else if (type == "ews" || type == "owa" || type == "graph") {
    // Web and API end points newer clients read from <url>: not a mail
    // server, and no reason for Thunderbird to reject anything.
    return std::nullopt;
  }
  if (!proto && !other_type) {
    return drop("server-type",
                "type=\"" + quote(type) + "\" is not " +
                  (outgoing ? std::string("smtp") : std::string("imap, pop3, nntp or exchange")),
                quote(type), node);
  }

  const std::string_view host_template = child_text(node, "hostname");
  if (host_template.empty()) {
    return drop("no-hostname", "no <hostname>", "", node);
  }
  // Thunderbird's Sanitizer.hostname: letters, digits, '-', '.' (and
  // placeholders); anything else, an IDN in UTF-8 included, drops the server.
  if (!std::all_of(host_template.begin(), host_template.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
               c == '%';
      })) {
    return drop("bad-hostname",
                "<hostname> " + quote(host_template) + " has a character other than letters, digits, '-' and '.'",
                quote(host_template), node.child("hostname"));
  }
  const std::string_view port_text = child_text(node, "port");
  const auto port = read_port(port_text);
  if (!port) {
    return drop("bad-port",
                "<port> " + (port_text.empty() ? std::string("missing") : quote(port_text)) + " is not 1-65535",
                quote(port_text), node.child("port"));
  }

  // The first <socketType> Thunderbird understands wins; words it does not
  // know are skipped, and with none left the server is.
  std::optional<core::TlsMode> tls;
  std::vector<std::pair<std::string, pugi::xml_node>> unknown_socket;
  for (const auto& st : node.children("socketType")) {
    const std::string_view word = util::trim(st.child_value());
    if (!tls) {
      tls = read_socket_type(word);
      if (!tls) {
        unknown_socket.emplace_back(quote(word), st);
      }
    }
  }
  for (const auto& [word, at] : unknown_socket) {
    const std::string said = "<socketType> " + word + " is not exactly plain, SSL or STARTTLS";
    if (!tls) {
      return drop("socket-type", said, word, at);
    }
    problems.push_back({"socket-type", where + ": " + said + "; Thunderbird uses a later one",
                        ProblemEffect::note, word, offset_of(at)});
  }
  if (!tls) {
    return drop("socket-type", "no <socketType>", "", node);
  }

  AutoconfigServer server;
  server.port = *port;
  server.tls = *tls;
  for (const auto& auth : node.children("authentication")) {
    const std::string_view word = util::trim(auth.child_value());
    if (!word.empty()) {
      server.authentication.emplace_back(word);
    }
  }
  if (std::none_of(server.authentication.begin(), server.authentication.end(),
                   [&](const std::string& w) { return known_auth(w, outgoing); })) {
    const std::string written =
      server.authentication.empty() ? std::string() : " (" + quote(server.authentication.front()) + ")";
    const auto first = node.child("authentication");
    problems.push_back({"authentication", where + ": no <authentication> Thunderbird knows" + written,
                        ProblemEffect::note,
                        server.authentication.empty() ? std::string() : quote(server.authentication.front()),
                        offset_of(first ? first : node)});
  }

  check_placeholders(host_template, where, "hostname", offset_of(node.child("hostname")), problems);
  const std::string_view user_template = child_text(node, "username");
  check_placeholders(user_template, where, "username", offset_of(node.child("username")), problems);
  for (const auto& [text, field] : {std::pair{host_template, "hostname"}, std::pair{user_template, "username"}}) {
    if (!fillable(text, who)) {
      problems.push_back({"placeholder",
                          where + ": <" + field + "> " + quote(text) +
                            " needs the address's local part; only the domain is known",
                          ProblemEffect::note, quote(text), offset_of(node.child(field))});
    }
  }
  tb_accepted = true;
  if (!proto) {
    return std::nullopt;
  }
  server.proto = *proto;
  server.hostname = who == nullptr ? std::string(host_template) : lower(fill_placeholders(host_template, *who));
  server.username_template = std::string(user_template);
  server.username = who == nullptr ? server.username_template : fill_placeholders(user_template, *who);
  server.offset = offset_of(node);
  server.hostname_offset = offset_of(node.child("hostname"));
  // A password in the file (the ISPDB format allows <password>): only where
  // it is, never what it is.
  if (!util::trim(node.child("password").child_value()).empty()) {
    server.password_offset = offset_of(node.child("password"));
  }
  return server;
}

// `content_type` nullptr: a file, not an HTTP answer; `who` nullptr: no
// address, placeholders stay as written.
AutoconfigResult read(std::string_view body, const std::string_view* content_type, const AddressParts* who)
{
  AutoconfigResult out;
  auto& problems = out.problems;
  if (content_type != nullptr) {
    check_content_type(*content_type, problems);
  }
  const auto finish = [&] {
    out.accepted = std::none_of(problems.begin(), problems.end(),
                                [](const auto& p) { return p.effect == ProblemEffect::rejects_file; });
    return out;
  };
  if (body.size() > k_max_autoconfig_bytes) {
    problems.push_back({"too-large",
                        std::to_string(body.size()) + " bytes, more than mailports reads (" +
                          std::to_string(k_max_autoconfig_bytes) + ")",
                        ProblemEffect::rejects_file, std::to_string(body.size()), -1});
    return finish();
  }

  // parse_default never expands a DTD's entities (pugixml has no DTD
  // support; &name; stays as text) and skips the DOCTYPE: no entity bomb,
  // no external fetch. Only the five predefined entities and &#..; are read.
  pugi::xml_document doc;
  const auto parsed = doc.load_buffer(body.data(), body.size(), pugi::parse_default, pugi::encoding_auto);
  if (!parsed) {
    problems.push_back({"not-xml",
                        std::string(parsed.description()) + " at byte " + std::to_string(parsed.offset),
                        ProblemEffect::rejects_file, parsed.description(), parsed.offset});
    return finish();
  }
  const auto root = doc.document_element();
  if (std::string_view(root.name()) != "clientConfig") {
    problems.push_back({"not-client-config",
                        "the root element is <" + quote(root.name()) + ">, not <clientConfig>",
                        ProblemEffect::rejects_file, quote(root.name()), offset_of(root)});
    return finish();
  }
  // Thunderbird reads the first <emailProvider> only.
  const auto provider = root.child("emailProvider");
  if (!provider) {
    problems.push_back({"no-email-provider", "no <emailProvider> in <clientConfig>", ProblemEffect::rejects_file,
                        "", offset_of(root)});
    return finish();
  }
  out.provider_id = quote(util::trim(provider.attribute("id").value()));
  out.provider_offset = offset_of(provider);

  for (const bool outgoing : {false, true}) {
    const char* tag = outgoing ? "outgoingServer" : "incomingServer";
    bool any_accepted = false;
    std::size_t index = 0;
    for (const auto& node : provider.children(tag)) {
      bool accepted = false;
      auto server = read_server(node, outgoing, ++index, who, accepted, problems);
      any_accepted = any_accepted || accepted;
      if (server) {
        (outgoing ? out.outgoing : out.incoming).push_back(std::move(*server));
      }
    }
    if (!any_accepted) {
      problems.push_back({outgoing ? "no-outgoing" : "no-incoming",
                          std::string("no usable <") + tag + ">: Thunderbird rejects the whole file",
                          ProblemEffect::rejects_file, "", offset_of(provider)});
    }
  }
  return finish();
}

} // namespace

AutoconfigResult read_autoconfig(std::string_view body, std::string_view content_type, const AddressParts& who)
{
  return read(body, &content_type, &who);
}

AutoconfigResult read_autoconfig_file(std::string_view body)
{
  return read(body, nullptr, nullptr);
}

std::string_view to_string(ProblemEffect effect) noexcept
{
  switch (effect) {
  case ProblemEffect::rejects_file:
    return "rejects-file";
  case ProblemEffect::drops_server:
    return "drops-server";
  case ProblemEffect::note:
    return "note";
  }
  return "note";
}

std::string fill_placeholders(std::string_view templ, const AddressParts& who)
{
  if (who.local.empty()) {
    // Only the domain is known: fill %EMAILDOMAIN% alone.
    std::string out;
    for (std::size_t i = 0; i < templ.size();) {
      if (templ.substr(i, 13) == "%EMAILDOMAIN%") {
        out += who.domain;
        i += 13;
      } else {
        out += templ[i++];
      }
    }
    return out;
  }
  return providers::resolve_username(templ, who);
}

} // namespace mailports::discover
