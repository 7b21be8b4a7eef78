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
  batch_alone,
  url_no_scheme,
  url_unknown_scheme,
  url_empty_host,
  url_bad_host,
  url_bad_port,
  url_has_path,
  url_tls_conflict,
  no_choices,
  data_not_found,
  data_unreadable,
  data_too_large,
  data_invalid,
  input_not_found,
  input_unreadable,
  kind_rules,
  kind_providers,
  bad_email,
  bad_domain,
  why_no_at,
  why_several_at,
  why_empty_local,
  why_empty_domain,
  why_control_char,
  why_too_long,
  why_bad_domain,
  recommend_target,
  not_found,
  no_match,
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
  col_id,
  col_name,
  col_domains,
  provider_heading,
  incoming_heading,
  outgoing_heading,
  imap_first,
  ordering,
  server_line,
  username_line,
  auth_line,
  leave_line,
  yes,
  no,
  your_address,
  your_local_part,
  your_domain,
  docs_line,
  other_servers,
  auth_password_cleartext,
  auth_password_encrypted,
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
  opt_batch,
  opt_email,
  opt_domain,
  opt_providers,
  opt_search,
  cmd_recommend,
  cmd_check,
  cmd_ports,
  cmd_explain,
  cmd_providers,
  footer_recommend,
  footer_check,
  footer_ports,
  footer_explain,
  footer_providers,
  // batch line errors
  batch_not_json,
  batch_not_object,
  batch_wrong_type,
  batch_bad_port,
  batch_bad_value,
  batch_missing,
  batch_url_and_setting,
  batch_bad_url,
  batch_no_port,
  batch_tls_conflict,
  batch_line_too_long,
  // CLI11's own words
  help_flag,
  version_flag,
  label_usage,
  label_options_upper,
  label_subcommand,
  label_positionals,
  group_options,
  group_commands,
  cli_extras,
  cli_repeated,
  cli_arguments,
  cli_required,
  cli_other,
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

// A mail client's name for an ISPDB authentication kind.
std::string auth_label(std::string_view kind, core::Lang lang);

} // namespace mailports::cli
