// diagnose/literals: the one-pass search finds exactly what a substring
// search per literal finds.
#include "catch.hpp"

#include <mailports/diagnose/literals.hpp>

#include <random>
#include <string>

using mailports::diagnose::LiteralIndex;

TEST_CASE("the automaton agrees with std::string::find on every literal", "[diagnose][literals]")
{
  const std::vector<std::string> literals{"wrong version number", "version", "sion n", "ssl_accept", "535", "5.7.8",
                                          "aaa", "aa", "a", "starttls command first", "をサポート", "\xff\xfe"};
  LiteralIndex index;
  for (const auto& l : literals) {
    index.add(l);
  }
  CHECK(index.add("535") == 4); // the same text, the same id
  index.build();
  REQUIRE(index.size() == literals.size());

  std::mt19937 random(12345);
  const std::string alphabet = "wrong versiumb_acpt53.78ftl \xff\xfe";
  std::vector<bool> found;
  for (int round = 0; round < 2000; ++round) {
    std::string text;
    const auto length = random() % 80;
    for (unsigned i = 0; i < length; ++i) {
      text += alphabet[random() % alphabet.size()];
    }
    if (round % 7 == 0) {
      text.insert(random() % (text.size() + 1), literals[random() % literals.size()]);
    }
    index.search(text, found);
    for (std::size_t id = 0; id < literals.size(); ++id) {
      INFO(text << " / " << literals[id]);
      CHECK(found[id] == (text.find(literals[id]) != std::string::npos));
    }
  }
}

TEST_CASE("an index without literals finds nothing", "[diagnose][literals]")
{
  LiteralIndex index;
  index.build();
  std::vector<bool> found{true};
  index.search("anything", found);
  CHECK(found.empty());
}
