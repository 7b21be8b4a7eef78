#pragma once

#include <mailports/cli/exit_code.hpp>

#include <stdexcept>
#include <string>

namespace mailports::cli {

// The one exception for errors that end the run. Caught only in cli::run,
// which prints "mailports: error: MESSAGE" and exits with `code`.
class Fatal : public std::runtime_error {
public:
  Fatal(ExitCode code, const std::string& message) : std::runtime_error(message), m_code(code) {}

  [[nodiscard]] ExitCode code() const noexcept { return m_code; }

private:
  ExitCode m_code;
};

} // namespace mailports::cli
