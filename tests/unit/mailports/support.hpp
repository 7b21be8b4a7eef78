// Helpers shared by the unit tests: the real rules file as text or as a
// mutable JSON document, and a scratch directory that cleans up after itself.
#pragma once

#include <mailports/rules/load.hpp>

#include <nlohmann/json.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <system_error>
#include <unistd.h>

namespace mailports::test {

inline std::string slurp(const std::string& path)
{
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot open test input " + path);
  }
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::string rules_json_path()
{
  return std::string(MAILPORTS_SOURCE_DIR) + "/data/rules.json";
}

inline std::string test_data(const std::string& relative)
{
  return std::string(MAILPORTS_TEST_DATA) + "/" + relative;
}

// data/rules.json as a document the validation tests mutate.
inline nlohmann::json rules_document()
{
  return nlohmann::json::parse(slurp(rules_json_path()));
}

// Load a (mutated) document through the public loader, as --rules would.
inline core::Result<rules::OwnedTable> load_document(const nlohmann::json& document)
{
  return rules::load_rules(document.dump(2), "test.json");
}

// A fresh directory under the system temp dir, removed with its contents.
class ScratchDir {
public:
  ScratchDir()
  {
    static std::atomic<int> counter{0};
    m_path = std::filesystem::temp_directory_path()
             / ("mailports-unit-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(m_path);
  }
  ~ScratchDir()
  {
    std::error_code ignored;
    std::filesystem::permissions(m_path, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(m_path, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  [[nodiscard]] const std::filesystem::path& path() const noexcept { return m_path; }

  // Write `content` to `name` inside the directory; returns the full path.
  std::string write(const std::string& name, const std::string& content) const
  {
    const auto file = m_path / name;
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << content;
    if (!out.flush()) {
      throw std::runtime_error("cannot write " + file.string());
    }
    return file.string();
  }

private:
  std::filesystem::path m_path;
};

inline bool contains(const std::string& haystack, const std::string& needle)
{
  return haystack.find(needle) != std::string::npos;
}

} // namespace mailports::test
