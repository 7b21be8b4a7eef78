// Which version of a client this machine has: the one fact config and lint
// take from outside the file, when --client-version does not say.
#pragma once

#include <mailports/clientconf/format.hpp>

#include <chrono>
#include <optional>

namespace mailports::clientconf {

// Runs the format's version_command (found on PATH; stdin and stderr
// closed) and reads the version from the first line it prints. Bounded:
// at most 4 KiB of output and `timeout`, after which the program is killed.
// nullopt when the client is not installed or says no version.
std::optional<Version> installed_version(const Format& format,
                                         std::chrono::milliseconds timeout = std::chrono::milliseconds(2000));

// --client-version if given, else the installed version, else the newest
// the unit knows. `option` must already be a valid version when set.
VersionChoice choose_version(const Format& format, const std::optional<Version>& option);

} // namespace mailports::clientconf
