#pragma once

#include <mailports/cli/cmd/command.hpp>

#include <iosfwd>

namespace mailports::cli::cmd {

// `check --batch [FILE|-]`: one NDJSON result per input line, in order,
// written as it goes so that memory stays flat whatever the input size.
Outcome run_batch(const std::string& path, Context& ctx, std::ostream& out);

} // namespace mailports::cli::cmd
