#include <mailports/cli/cmd/command.hpp>

namespace mailports::cli::cmd {

ExitCode exit_code_of(core::Verdict verdict) noexcept
{
  switch (verdict) {
  case core::Verdict::ok:
    return ExitCode::ok;
  case core::Verdict::warning:
    return ExitCode::warning;
  case core::Verdict::error:
    return ExitCode::error;
  }
  return ExitCode::error;
}

} // namespace mailports::cli::cmd
