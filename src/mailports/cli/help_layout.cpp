#include <mailports/cli/help_layout.hpp>

#include <mailports/util/text.hpp>

namespace mailports::cli {

std::string help_row(std::string_view name, std::string_view description, std::size_t column)
{
  std::string out = "  ";
  out += name;
  const std::size_t width = util::display_width(out);
  if (width < column) {
    out.append(column - width, ' ');
  }
  if (!description.empty()) {
    if (width >= column) {
      out += '\n';
      out.append(column, ' ');
    }
    for (const char c : description) {
      out += c;
      if (c == '\n') {
        out.append(column, ' ');
      }
    }
  }
  out += '\n';
  return out;
}

} // namespace mailports::cli
