#pragma once

namespace mailports::cli {

// Every exit status mailports uses. Scripts depend on these: never renumber.
enum class ExitCode : int {
  ok = 0,           // nothing worse than an info finding
  warning = 1,      // the worst finding is a warning
  error = 2,        // the worst finding is an error
  not_found = 3,    // no provider settings known for the domain
  usage = 64,       // bad command line (EX_USAGE)
  data_invalid = 65,// invalid rules data (EX_DATAERR)
  no_input = 66,    // rules file not found or unreadable (EX_NOINPUT)
  no_host = 68,     // probe: the host name does not resolve (EX_NOHOST)
  unavailable = 69, // probe: OpenSSL cannot be loaded (EX_UNAVAILABLE)
  cant_create = 73, // config: --output exists or cannot be created (EX_CANTCREAT)
  io_error = 74,    // output could not be written (EX_IOERR)
};

} // namespace mailports::cli
