// Every human-facing string of the CLI, in English and Japanese. The rules
// table carries its own texts; these are the words around them.
#pragma once

#include <mailports/core/types.hpp>

#include <fmt/format.h>

#include <span>
#include <string>

namespace mailports::cli {

enum class Msg {
  // diagnostics
  hint_help,
  did_you_mean,
  bad_value,
  bad_port,
  unknown_command,
  no_command,
  check_incomplete,
  check_url_and_setting,
  url_no_scheme,
  url_unknown_scheme,
  url_empty_host,
  url_bad_host,
  url_bad_port,
  url_has_path,
  url_tls_conflict,
  no_choices,
  rules_not_found,
  rules_unreadable,
  rules_too_large,
  rules_invalid,
  write_failed,
  // names used in diagnostics
  what_proto,
  what_tls,
  what_role,
  what_prefer,
  what_lang,
  what_color,
  // text output
  role_client,
  role_relay,
  any,
  recommend_heading,
  check_heading,
  check_heading_url,
  try_instead,
  port_mode,
  refs,
  note,
  explain_heading,
  explain_unknown,
  col_proto,
  col_port,
  col_tls,
  col_role,
  col_status,
  col_service,
  status_recommended,
  status_acceptable,
  status_fallback,
  status_discouraged,
  status_insecure,
  status_mismatch,
  status_not_mail_port,
  severity_info,
  severity_warning,
  severity_error,
  verdict_ok,
  // --help
  app_description,
  app_footer,
  opt_rules,
  opt_lang,
  opt_color,
  opt_json,
  opt_proto,
  opt_port,
  opt_tls,
  opt_role,
  opt_prefer,
  opt_url,
  opt_ports_proto,
  opt_explain_port,
  cmd_recommend,
  cmd_check,
  cmd_ports,
  cmd_explain,
  footer_recommend,
  footer_check,
  footer_ports,
  footer_explain,
  count_ // keep last
};

std::string_view text(Msg id, core::Lang lang) noexcept;

// All messages, for the test that every one has both languages.
std::span<const core::Text> all_messages() noexcept;

template <typename... Args>
std::string say(Msg id, core::Lang lang, Args&&... args)
{
  return fmt::format(fmt::runtime(text(id, lang)), std::forward<Args>(args)...);
}

std::string_view status_label(core::Status status, core::Lang lang) noexcept;
std::string_view severity_label(core::Severity severity, core::Lang lang) noexcept;
std::string_view verdict_label(core::Verdict verdict, core::Lang lang) noexcept;
std::string_view role_label(core::Role role, core::Lang lang) noexcept;

} // namespace mailports::cli
