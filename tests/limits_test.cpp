// Limits on rule files and imports (issue 6): a policy past one is an error
// with its code, position, source line and caret — never a crash, a hang
// or memory exhausted. The limits themselves are listed in docs/testing.md.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "test_support.hpp"

using namespace quanze;
using namespace quanze::testing;

namespace {

namespace fs = std::filesystem;

const char* kSchema = "schema {\n  field id: text from \"序号\"\n}\n";

std::string rules(std::size_t n) {
  std::string text = kSchema;
  for (std::size_t i = 1; i <= n; ++i) text += "rule r" + std::to_string(i) + ": when id = \"x\" then keep\n";
  return text;
}

}  // namespace

TEST_CASE("limits: a string literal over 64 KiB is QZ1009 at its opening quote") {
  std::string text = std::string(kSchema) + "rule r: when id = \"x\" then keep because \"" + std::string(65537, 'a') +
                     "\"\ndefault keep\n";
  PolicyLoad load = load_policy_text("my.qz", text);
  CHECK(load.policy == nullptr);
  REQUIRE(load.diagnostics.items().size() == 1);
  const Diagnostic& d = load.diagnostics.items()[0];
  CHECK(summarize(load.diagnostics)[0] ==
        "QZ1009 4:41 this string is 65537 bytes long; a string in a rule file holds at most 65536 bytes (64 KiB)");
  CHECK(d.file == "my.qz");
  CHECK(render(d).find("\n    4 | rule r: when id = \"x\" then keep because \"aaa") != std::string::npos);

  // 64 KiB exactly is allowed, and so are escapes that decode shorter.
  std::string at_limit = std::string(kSchema) + "rule r: when id = \"x\" then keep because \"" +
                         std::string(65536, 'a') + "\"\ndefault keep\n";
  CHECK(summarize(load_policy_text("my.qz", at_limit).diagnostics).empty());
}

TEST_CASE("limits: a name over 1024 bytes is QZ1011 at its first character") {
  std::string text = "schema {\n  field " + std::string(1025, 'a') + ": text from \"序号\"\n}\ndefault keep\n";
  PolicyLoad load = load_policy_text("my.qz", text);
  CHECK(load.policy == nullptr);
  CHECK(summarize(load.diagnostics) ==
        std::vector<std::string>{"QZ1011 2:9 this name is 1025 bytes long; a name holds at most 1024 bytes"});
  std::string at_limit = "schema {\n  field " + std::string(1024, 'a') + ": text from \"序号\"\n}\ndefault keep\n";
  CHECK(load_policy_text("my.qz", at_limit).diagnostics.error_count() == 0);
}

TEST_CASE("limits: a rule file over 16 MiB is QZ1010, read from disk or given as text, and so is an import") {
  TempDir dir;
  std::string big = std::string(kSchema) + "# " + std::string((16u << 20) - std::string(kSchema).size(), 'x') + "\n";
  REQUIRE(big.size() > (16u << 20));
  PolicyLoad text = load_policy_text("big.qz", big);
  REQUIRE(text.diagnostics.items().size() == 1);
  CHECK(summarize(text.diagnostics)[0] ==
        "QZ1010 0:0 rule file \"big.qz\" is larger than 16 MiB, the most a rule file may be");
  CHECK(render(text.diagnostics.items()[0]) ==
        "big.qz: error[QZ1010]: rule file \"big.qz\" is larger than 16 MiB, the most a rule file may be\n");

  std::string path = dir.write("big.qz", big);
  PolicyLoad disk = load_policy({path});
  REQUIRE(disk.diagnostics.items().size() == 1);
  CHECK(disk.diagnostics.items()[0].code == "QZ1010");

  // An import past the limit is reported at the import's string.
  LoadOptions small;
  small.max_file_bytes = 100;
  dir.write("common.qz", std::string(kSchema) + "# " + std::string(100, 'x') + "\n");
  std::string main = dir.write("main.qz", "\nimport \"common.qz\"\ndefault keep\n");
  PolicyLoad imported = load_policy({main}, small);
  CHECK(summarize(imported.diagnostics) ==
        std::vector<std::string>{"QZ1010 2:8 \"common.qz\" is larger than 100 bytes, the most a rule file may be"});
  CHECK(render(imported.diagnostics.items()[0]) == main +
                                                       ":2:8: error[QZ1010]: \"common.qz\" is larger than 100 bytes, "
                                                       "the most a rule file may be\n"
                                                       "    2 | import \"common.qz\"\n"
                                                       "      |        ^~~~~~~~~~~\n");

  // All of a policy's files together are held to their own limit.
  LoadOptions total;
  total.max_total_bytes = 120;
  dir.write("schema.qz", kSchema);
  std::string two = dir.write("two.qz", "import \"schema.qz\"\n# " + std::string(80, 'y') + "\ndefault keep\n");
  CHECK(summarize(load_policy({two}, total).diagnostics) ==
        std::vector<std::string>{"QZ1010 1:8 with \"schema.qz\" the policy's files are larger than 120 bytes together, "
                                 "the most a policy may be"});
}

TEST_CASE("limits: more than 100,000 rules and requirements is QZ4007 at the first one too many") {
  PolicyLoad at_limit = load_policy_text("many.qz", rules(100'000) + "default keep\n");
  CHECK(at_limit.diagnostics.error_count() == 0);

  PolicyLoad over = load_policy_text("many.qz", rules(100'001) + "default keep\n");
  CHECK(over.policy == nullptr);
  REQUIRE(over.diagnostics.items().size() == 1);
  CHECK(summarize(over.diagnostics)[0] ==
        "QZ4007 100004:6 r100001 is rule or requirement number 100001; a policy has at most 100000, split it into "
        "several policies");

  // Requirements count, across imported files, reported once.
  TempDir dir;
  dir.write("schema.qz", std::string(kSchema) + "rule a: when id = \"a\" then keep\n");
  std::string main = dir.write("main.qz",
                               "import \"schema.qz\"\n"
                               "require q for keep: id = \"b\" else cancel\n"
                               "rule c: when id = \"c\" then keep\n"
                               "rule d: when id = \"d\" then keep\n");
  LoadOptions two;
  two.max_rules = 2;
  PolicyLoad load = load_policy({main}, two);
  CHECK(summarize(load.diagnostics) ==
        std::vector<std::string>{"QZ4007 3:6 c is rule or requirement number 3; a policy has at most 2, split it "
                                 "into several policies"});
  CHECK(load.diagnostics.items()[0].file == main);
}

TEST_CASE("limits: imports nested more than 32 deep, or more than 1,000 files, are QZ2012 at the import") {
  TempDir dir;
  for (int i = 0; i < 33; ++i)
    dir.write("f" + std::to_string(i) + ".qz", "import \"f" + std::to_string(i + 1) + ".qz\"\n");
  dir.write("f33.qz", kSchema);
  PolicyLoad deep = load_policy({(dir.path / "f0.qz").string()});
  CHECK(summarize(deep.diagnostics) ==
        std::vector<std::string>{"QZ2012 1:8 imports nested more than 32 files deep; a policy this deep is almost "
                                 "certainly generated wrongly"});
  REQUIRE(!deep.diagnostics.items().empty());
  CHECK(deep.diagnostics.items()[0].file == (dir.path / "f31.qz").string());

  LoadOptions three;
  three.max_files = 3;
  dir.write("a.qz", kSchema);
  dir.write("b.qz", "");
  dir.write("c.qz", "");
  std::string wide = dir.write("wide.qz", "import \"a.qz\"\nimport \"b.qz\"\nimport \"c.qz\"\n");
  CHECK(summarize(load_policy({wide}, three).diagnostics) ==
        std::vector<std::string>{"QZ2012 3:8 \"c.qz\" would be file number 4 of the policy; a policy has at most "
                                 "3 files"});
}

TEST_CASE("limits: an import outside the root file's folder is QZ2011 unless allowed") {
  TempDir dir;
  dir.write("shared/schema.qz", kSchema);
  std::string outside = dir.write("policy/main.qz", "import \"../shared/schema.qz\"\ndefault keep\n");
  PolicyLoad refused = load_policy({outside});
  CHECK(refused.policy == nullptr);
  REQUIRE(refused.diagnostics.items().size() == 1);
  CHECK(summarize(refused.diagnostics)[0] ==
        "QZ2011 1:8 \"../shared/schema.qz\" is outside the folder of " + outside +
            ", where the policy's imports must stay; run quanze --allow-imports-outside to allow it");
  CHECK(render(refused.diagnostics.items()[0]).find("    1 | import \"../shared/schema.qz\"\n"
                                                    "      |        ^~~~~~~~~~~~~~~~~~~~~\n") != std::string::npos);

  LoadOptions allow;
  allow.allow_imports_outside = true;
  PolicyLoad allowed = load_policy({outside}, allow);
  CHECK(summarize(allowed.diagnostics).empty());
  CHECK(allowed.policy != nullptr);

  // An absolute path, and a symbolic link inside the folder that leads out.
  std::string absolute =
      dir.write("policy/abs.qz", "import \"" + (dir.path / "shared/schema.qz").string() + "\"\ndefault keep\n");
  REQUIRE(load_policy({absolute}).diagnostics.items().size() == 1);
  CHECK(load_policy({absolute}).diagnostics.items()[0].code == "QZ2011");
  fs::create_symlink(dir.path / "shared", dir.path / "policy/linked");
  std::string linked = dir.write("policy/linked.qz", "import \"linked/schema.qz\"\ndefault keep\n");
  REQUIRE(load_policy({linked}).diagnostics.items().size() == 1);
  CHECK(load_policy({linked}).diagnostics.items()[0].code == "QZ2011");

  // Inside: a subfolder, and a .. that comes back in.
  dir.write("policy/common/schema.qz", kSchema);
  dir.write("policy/common/lets.qz", "import \"../common/schema.qz\"\n");
  std::string inside = dir.write("policy/in.qz", "import \"common/lets.qz\"\ndefault keep\n");
  CHECK(summarize(load_policy({inside}).diagnostics).empty());
}

TEST_CASE("cli: --allow-imports-outside before or after the command, and without it check exits 1") {
  TempDir dir;
  dir.write("shared/schema.qz", kSchema);
  dir.write("policy/main.qz", "import \"../shared/schema.qz\"\ndefault keep\n");
  Run refused = run_quanze("check policy/main.qz", dir.path.string());
  CHECK(refused.code == 1);
  CHECK((refused.out + refused.err).find("policy/main.qz:1:8: error[QZ2011]: \"../shared/schema.qz\" is outside the folder of "
                         "policy/main.qz") != std::string::npos);
  CHECK(run_quanze("--allow-imports-outside check policy/main.qz", dir.path.string()).code == 0);
  CHECK(run_quanze("check --allow-imports-outside policy/main.qz", dir.path.string()).code == 0);
  Run tree = run_quanze("tree --allow-imports-outside policy/main.qz", dir.path.string());
  CHECK(tree.code == 0);
}
