// Policies spread over several files: import paths are relative to the
// importing file, each file loads once, cycles and missing files are errors
// at the import's string.
#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include <stdlib.h>

#include "test_support.hpp"

using namespace quanze;
using namespace quanze::testing;

namespace {

namespace fs = std::filesystem;

/// A fresh directory under the system's temp dir, removed afterwards.

const char* kSchema =
    "schema {\n"
    "  field id: text from \"序号\"\n"
    "  field level: enum ordered { township \"苏木乡镇\", county \"旗县\" } from \"行使层级\"\n"
    "}\n";

}  // namespace

TEST_CASE("imports: relative to the importing file, declarations shared") {
  TempDir dir;
  dir.write("common/schema.qz", kSchema);
  dir.write("common/lets.qz", "import \"schema.qz\"\nlet high = level > township\n");
  std::string main = dir.write("main.qz",
                               "import \"common/lets.qz\"\n"
                               "import \"common/schema.qz\"\n"  // already loaded: once is enough
                               "rule r: when high then delegate to next level\n"
                               "default keep\n");
  PolicyLoad load = load_policy({main});
  CHECK(summarize(load.diagnostics).empty());
  REQUIRE(load.policy != nullptr);
  Table t = make_table({"序号", "行使层级"}, {{{"序号", "A"}, {"行使层级", "旗县"}}});
  Diagnostics diags;
  auto classifier = Classifier::bind(load.policy, t, diags);
  REQUIRE(classifier != nullptr);
  DecisionRecord r = classifier->classify(t.rows[0]);
  CHECK(r.target == "苏木乡镇");
  REQUIRE(r.source.size() == 1);
  CHECK(r.source[0].file == main);
  CHECK(r.source[0].line == 3);
}

TEST_CASE("imports: a missing file and a cycle are reported at the import") {
  TempDir dir;
  std::string a = dir.write("a.qz", "import \"b.qz\"\n");
  dir.write("b.qz", "import \"a.qz\"\n");
  PolicyLoad cycle = load_policy({a});
  CHECK(cycle.policy == nullptr);
  REQUIRE(!cycle.diagnostics.items().empty());
  const Diagnostic& d = cycle.diagnostics.items()[0];
  CHECK(d.code == "QZ2008");
  CHECK(d.file == (dir.path / "b.qz").string());
  CHECK(d.line == 1);
  CHECK(d.column == 8);
  CHECK(d.message == "import cycle: \"a.qz\" is already being imported");

  std::string lone = dir.write("lone.qz", "\n  import \"nowhere.qz\"\n");
  PolicyLoad missing = load_policy({lone});
  REQUIRE(missing.diagnostics.items().size() == 1);
  CHECK(summarize(missing.diagnostics)[0] ==
        "QZ2008 2:10 cannot read imported file \"" + (dir.path / "nowhere.qz").string() + "\"");
}

TEST_CASE("imports: several root files form one policy, in order") {
  TempDir dir;
  std::string schema = dir.write("schema.qz", kSchema);
  std::string rules = dir.write("rules.qz", "rule r: when level = county then cancel\ndefault keep\n");
  PolicyLoad load = load_policy({schema, rules});
  CHECK(summarize(load.diagnostics).empty());
  REQUIRE(load.policy != nullptr);
  CHECK(load.policy->rules().size() == 1);
  CHECK(load.policy->rules()[0].file == rules);

  PolicyLoad unreadable = load_policy({(dir.path / "absent.qz").string()});
  REQUIRE(unreadable.diagnostics.items().size() == 1);
  CHECK(unreadable.diagnostics.items()[0].code == "QZ2008");
  CHECK(unreadable.policy == nullptr);
}

TEST_CASE("imports: the file the user named gives the policy its name — others differing get a warning") {
  TempDir dir;
  std::string base = dir.write("base.qz", "policy \"基线\"\n");
  std::string main = dir.write("main.qz", "policy \"盟本级\"\nimport \"base.qz\"\ndefault keep\n");
  PolicyLoad load = load_policy({main});
  REQUIRE(load.policy != nullptr);
  CHECK(load.policy->name() == "盟本级");
  CHECK(summarize(load.diagnostics) ==
        std::vector<std::string>{"QZ2010 1:8 policy \"盟本级\" also calls itself \"基线\"; the name in the file "
                                 "you named, \"盟本级\", is used"});
  CHECK(load.diagnostics.items()[0].file == base);
  CHECK(load.diagnostics.items()[0].severity == Severity::warning);
}
