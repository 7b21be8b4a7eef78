// One message of the table: its id, and its English and Japanese text. The
// table is split by concern (diagnostics, output, help, batch, cli11) into
// the headers beside this one; cli/messages.cpp joins them in Msg order.
#pragma once

#include <mailports/cli/messages.hpp>

#include <array>

namespace mailports::cli::messages {

struct Entry {
  Msg id;
  core::Text text;
};

} // namespace mailports::cli::messages
