// The command line as mailports reads it: every argument folded to NFKC
// (util/unicode.hpp) before anything else looks at it, so that "５８７",
// "ＳＴＡＲＴＴＬＳ" and "--lang ｊａ" mean what the user meant. File names are
// left exactly as given: they name files, not words.
#pragma once

#include <string>
#include <vector>

namespace mailports::cli {

class NormalizedArgs {
public:
  NormalizedArgs(int argc, const char* const* argv);

  [[nodiscard]] int argc() const noexcept { return m_argc; }
  [[nodiscard]] const char* const* argv() const noexcept { return m_argv; }

private:
  int m_argc = 0;
  const char* const* m_argv = nullptr; // the caller's, when nothing changed
  std::vector<std::string> m_storage;
  std::vector<const char*> m_pointers;
};

} // namespace mailports::cli
