// CLI11's own words: help labels and parse errors, put into the user's language.
// Included by cli/messages.cpp only; the entries continue the Msg enum in order.
#pragma once

#include <mailports/cli/messages/entry.hpp>

namespace mailports::cli::messages {

inline constexpr auto k_cli11 = std::to_array<Entry>({
  // CLI11's own words
  {Msg::help_flag, {"Print this help message and exit", "このヘルプを表示して終了する"}},
  {Msg::version_flag, {"Print the version and exit", "バージョンを表示して終了する"}},
  {Msg::label_usage, {"Usage", "使い方"}},
  {Msg::label_options_upper, {"OPTIONS", "オプション"}},
  {Msg::label_subcommand, {"COMMAND", "コマンド"}},
  {Msg::label_positionals, {"Positionals", "引数"}},
  {Msg::label_required, {"REQUIRED", "必須"}},
  {Msg::group_options, {"Options", "オプション"}},
  {Msg::group_commands, {"Commands", "コマンド"}},
  {Msg::cli_extras, {"unexpected argument: {value}", "予期しない引数です: {value}"}},
  {Msg::cli_repeated, {"{value} was given more than once", "{value} が複数回指定されています"}},
  {Msg::cli_arguments, {"wrong number of values: {value}", "値の数が正しくありません: {value}"}},
  {Msg::cli_required, {"missing: {value}", "必要な引数がありません: {value}"}},
  {Msg::cli_other, {"cannot read the command line: {value}", "コマンドラインを解釈できません: {value}"}},
});

} // namespace mailports::cli::messages
