// The thunderbird format's reader (lint) on arbitrary files: discover's
// autoconfig reader without an address, offsets turned into line:column.
// Properties: never crashes; every location lies inside the file; a
// password in a <password> element never reaches anything lint shows.
#include "fuzz_lint_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
  mailports_fuzz::check_lint_reader("thunderbird", mailports_fuzz::as_text(data, size), "<password>", "</password>");
  return 0;
}
