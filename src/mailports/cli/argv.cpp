#include <mailports/cli/argv.hpp>

#include <mailports/util/unicode.hpp>

#include <algorithm>
#include <array>
#include <string_view>

namespace mailports::cli {

namespace {

// Options whose value is a file name.
constexpr std::array<std::string_view, 6> k_file_options{"--rules", "--providers", "--diagnoses", "--batch", "--ca-file",
                                                        "--file"};

bool is_file_option(std::string_view arg)
{
  return std::find(k_file_options.begin(), k_file_options.end(), arg) != k_file_options.end();
}

} // namespace

NormalizedArgs::NormalizedArgs(int argc, const char* const* argv) : m_argc(argc), m_argv(argv)
{
  // The common case costs one scan: an ASCII command line is already NFKC.
  if (std::all_of(argv, argv + argc, [](const char* arg) { return util::is_ascii(arg); })) {
    return;
  }
  m_storage.reserve(static_cast<std::size_t>(argc));
  bool file_value = false;
  for (int i = 0; i < argc; ++i) {
    const std::string_view arg = argv[i];
    const auto equals = arg.find('=');
    // As CLI11 reads it: an option after a file option is not its value
    // ("--rules --rules FILE"); "-" alone is (standard input).
    const bool value_here = file_value && !(arg.size() > 1 && arg.front() == '-');
    if (value_here || i == 0) {
      m_storage.emplace_back(arg);
    } else if (arg.starts_with("--") && equals != std::string_view::npos
               && is_file_option(arg.substr(0, equals))) {
      m_storage.emplace_back(arg);
    } else {
      m_storage.push_back(util::nfkc(arg));
    }
    // "--batch" may stand alone (standard input); a following option is not its value.
    file_value = !value_here && is_file_option(m_storage.back());
  }
  for (const auto& arg : m_storage) {
    m_pointers.push_back(arg.c_str());
  }
  m_argv = m_pointers.data();
}

} // namespace mailports::cli
