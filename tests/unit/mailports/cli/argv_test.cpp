#include "catch.hpp"

#include <mailports/cli/argv.hpp>

#include <string>
#include <vector>

using namespace mailports;

namespace {

std::vector<std::string> normalized(std::vector<const char*> args)
{
  const cli::NormalizedArgs n(static_cast<int>(args.size()), args.data());
  return {n.argv(), n.argv() + n.argc()};
}

} // namespace

TEST_CASE("an ASCII command line is used as it is", "[cli][argv]")
{
  std::vector<const char*> args{"mailports", "check", "--port", "587"};
  const cli::NormalizedArgs n(static_cast<int>(args.size()), args.data());
  CHECK(n.argv() == args.data()); // no copy at all
  CHECK(n.argc() == 4);
}

TEST_CASE("every argument is folded to NFKC", "[cli][argv]")
{
  CHECK(normalized({"mailports", "check", "--proto", "ｓｍｔｐ", "--port=５８７", "--tls", "ＳＴＡＲＴＴＬＳ"})
        == std::vector<std::string>{"mailports", "check", "--proto", "smtp", "--port=587", "--tls", "STARTTLS"});
}

TEST_CASE("file names are left exactly as given", "[cli][argv]")
{
  CHECK(normalized({"mailports", "--rules", "ｒｕｌｅｓ.json", "check", "--batch", "５.ndjson", "--lang", "ｊａ"})
        == std::vector<std::string>{"mailports", "--rules", "ｒｕｌｅｓ.json", "check", "--batch", "５.ndjson",
                                    "--lang", "ja"});
  CHECK(normalized({"mailports", "--providers=ｐ.json", "probe", "h", "--ca-file", "ｃａ.pem", "--port", "５"})
        == std::vector<std::string>{"mailports", "--providers=ｐ.json", "probe", "h", "--ca-file", "ｃａ.pem",
                                    "--port", "5"});
}
