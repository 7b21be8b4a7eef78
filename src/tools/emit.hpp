// Shared by the build-time generators.
#pragma once

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

namespace mailports::tools {

// The bytes of `text` as the inside of a C++ string literal. Octal escapes
// keep the generated source ASCII; three digits, so a following digit is safe.
inline std::string escape_for_literal(std::string_view text)
{
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte >= 0x20 && byte < 0x7F) {
      out += c;
    } else {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\%03o", byte);
      out += escaped;
    }
  }
  return out;
}

// A data file embedded as text: `constexpr char k_text[] = ...;` in short
// lines, which keep compilers and editors happy.
inline std::string text_constant(std::string_view content)
{
  std::string out = "constexpr char k_text[] =\n";
  constexpr std::size_t k_chunk = 96;
  for (std::size_t at = 0; at < content.size(); at += k_chunk) {
    out += "  \"" + escape_for_literal(content.substr(at, k_chunk)) + "\"\n";
  }
  return out + ";\n";
}

// Write beside the target and rename, so a failed run leaves no half file.
inline bool write_atomically(const std::filesystem::path& output, const std::string& content)
{
  const auto temporary = output.string() + ".tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    file << content;
    if (!file.flush()) {
      return false;
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, output, error);
  return !error;
}

} // namespace mailports::tools
