// No data loss (issue 6): a run that fails — a file past `ulimit -f`, the
// way a full disk fails, or Ctrl-C / kill part-way — leaves the previous
// output file as it was and no temporary file behind, for every writer:
// classify -o (csv, json, jsonl), report (csv, xlsx, html) and fmt -w.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "test_support.hpp"

extern char** environ;

using namespace quanze::testing;

namespace {

namespace fs = std::filesystem;

/// The sample list repeated `copies` times, each copy's items renumbered:
/// a list whose outputs are megabytes and take a while to write.
std::string big_list(int copies) {
  std::ifstream in(std::string(QUANZE_SOURCE_DIR) + "/tests/data/sample-league.csv", std::ios::binary);
  std::string header;
  std::getline(in, header);
  std::vector<std::string> rows;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) rows.push_back(line);
  std::string out = header + "\n";
  for (int c = 0; c < copies; ++c)
    for (const std::string& row : rows) out += "C" + std::to_string(c) + "-" + row + "\n";
  return out;
}

/// Files in `dir` whose names hold ".tmp.": what AtomicOutput leaves when
/// it fails to clean up.
std::vector<std::string> temp_files(const fs::path& dir) {
  std::vector<std::string> found;
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().filename().string().find(".tmp.") != std::string::npos) found.push_back(e.path().string());
  return found;
}

/// quanze under `ulimit -f blocks` (1 KiB blocks) in `cwd`.
Run run_limited(int blocks, const std::string& args, const std::string& cwd) {
  return run_shell("bash -c 'ulimit -f " + std::to_string(blocks) + "; exec \"$0\" \"$@\"' '" + QUANZE_BINARY + "' " +
                       args + " </dev/null",
                   cwd);
}

/// Starts quanze with `args` in `cwd` (its output to /dev/null), with
/// SIGINT and SIGTERM at their defaults whatever the test runner set.
pid_t spawn_quanze(const std::vector<std::string>& args, const fs::path& cwd, const std::string& err = "/dev/null") {
  std::vector<std::string> argv_s = {QUANZE_BINARY};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  sigset_t defaults;
  sigemptyset(&defaults);
  sigaddset(&defaults, SIGINT);
  sigaddset(&defaults, SIGTERM);
  posix_spawnattr_setsigdefault(&attr, &defaults);
  sigset_t none;
  sigemptyset(&none);
  posix_spawnattr_setsigmask(&attr, &none);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK);
  fs::path here = fs::current_path();
  fs::current_path(cwd);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, argv[0], &actions, &attr, argv.data(), environ);
  fs::current_path(here);
  posix_spawn_file_actions_destroy(&actions);
  posix_spawnattr_destroy(&attr);
  REQUIRE(rc == 0);
  return pid;
}

/// Waits until a temporary output file appears in `dir`, sends `sig`, and
/// returns the wait status; -1 when the run ended before any appeared.
int interrupt_when_writing(pid_t pid, const fs::path& dir, int sig) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!temp_files(dir).empty()) {
      kill(pid, sig);
      int status = 0;
      waitpid(pid, &status, 0);
      return status;
    }
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return -1;
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  kill(pid, SIGKILL);
  waitpid(pid, nullptr, 0);
  return -1;
}

const std::string kOld = "the previous output, which a failed run must leave as it is\n";

}  // namespace

TEST_CASE("no data loss: past ulimit -f, classify -o says File too large, exits 1, keeps the old file") {
  TempDir dir;
  dir.write("list.csv", big_list(40));
  for (const char* format : {"csv", "json", "jsonl"}) {
    CAPTURE(format);
    std::string out = dir.write(std::string("out.") + format, kOld);
    Run r = run_limited(64, std::string("classify -i list.csv -q --format ") + format + " -o out." + format,
                        dir.path.string());
    CHECK(r.code == 1);
    CHECK(r.err == "quanze: cannot write out." + std::string(format) + ": File too large\n");
    CHECK(slurp(out) == kOld);
    CHECK(temp_files(dir.path).empty());
  }
  // Within the limit the same run succeeds: the failure was the limit's.
  Run ok = run_limited(1 << 20, "classify -i list.csv -q --format csv -o out.csv", dir.path.string());
  CHECK(ok.code == 0);
  CHECK(slurp(dir.file("out.csv")) != kOld);
}

TEST_CASE("no data loss: past ulimit -f, report keeps every old form, and fmt -w the old rule file") {
  TempDir dir;
  dir.write("list.csv", big_list(40));
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"csv", "附件2-取消和下放职权事项清单.csv"}, {"xlsx", "附件2-取消和下放职权事项清单.xlsx"}, {"html", "审计报告.html"}};
  for (const auto& [format, file] : kinds) {
    CAPTURE(format);
    std::string old = dir.write("forms/" + file, kOld);
    Run r = run_limited(16, "report -i list.csv -d forms --format " + format, dir.path.string());
    CHECK(r.code == 1);
    CHECK(r.err.find("quanze: cannot write forms/" + file + ": File too large\n") != std::string::npos);
    CHECK(r.err.find("[ERROR]") == std::string::npos);  // libxlsxwriter's own lines are not shown
    CHECK(slurp(old) == kOld);
    CHECK(temp_files(dir.path).empty());
  }

  // The baseline, rewritten in the other dialect: every line changes, and
  // the result is larger than the limit.
  std::string text = slurp(std::string(QUANZE_SOURCE_DIR) + "/rules/liangyou.qz");
  REQUIRE(text.size() > 6 * 1024);
  std::string path = dir.write("policy.qz", text);
  std::string before = slurp(path);
  Run fmt = run_limited(4, "fmt -w --lang zh policy.qz", dir.path.string());
  CHECK(fmt.code == 1);
  CHECK(fmt.err == "quanze: cannot write policy.qz: File too large\n");
  CHECK(slurp(path) == before);
  CHECK(temp_files(dir.path).empty());
}

TEST_CASE("no data loss: a workbook whose sheets outgrow ulimit -f while the zip would not is refused, not cut short") {
  // libxlsxwriter writes each sheet to a temporary file, unchecked: a limit
  // between the zip's size and a sheet's XML once gave a shorter workbook
  // and exit 0. Each run must fail cleanly or write exactly the full file.
  TempDir dir;
  dir.write("list.csv", big_list(60));
  const std::string form = "附件2-取消和下放职权事项清单.xlsx";
  Run full = run_shell(std::string("'") + QUANZE_BINARY + "' report -i list.csv -d full --format xlsx", dir.path.string());
  REQUIRE(full.code == 0);
  std::string whole = slurp((dir.path / "full" / form).string());
  const int kib = static_cast<int>(whole.size() / 1024);
  for (int blocks : {kib + 2, kib * 3 / 2, kib * 2}) {
    CAPTURE(blocks);
    std::string old = dir.write("forms/" + form, kOld);
    Run r = run_limited(blocks, "report -i list.csv -d forms --format xlsx", dir.path.string());
    if (r.code == 0) {
      CHECK(slurp(old) == whole);
    } else {
      CHECK(r.code == 1);
      CHECK(r.err.find("quanze: forms/" + form + ": the workbook read back is incomplete (sheet \"全部\": ") !=
            std::string::npos);
      CHECK(slurp(old) == kOld);
    }
    CHECK(temp_files(dir.path).empty());
  }
}

TEST_CASE("no data loss: SIGINT or SIGTERM part-way through classify -o removes the temporary file, keeps the old") {
  TempDir dir;
  dir.write("list.csv", big_list(1000));
  for (const char* format : {"csv", "json", "jsonl"}) {
    for (int sig : {SIGINT, SIGTERM}) {
      CAPTURE(format);
      CAPTURE(sig);
      std::string out = dir.write(std::string("out.") + format, kOld);
      pid_t pid = spawn_quanze({"classify", "-i", "list.csv", "-q", "--format", format, "-o", std::string("out.") + format},
                               dir.path);
      int status = interrupt_when_writing(pid, dir.path, sig);
      REQUIRE_MESSAGE(status != -1, "the run ended before its temporary file was seen");
      // Killed by the signal itself, as a shell or a batch runner expects.
      CHECK(WIFSIGNALED(status));
      CHECK(WTERMSIG(status) == sig);
      CHECK(slurp(out) == kOld);
      CHECK(temp_files(dir.path).empty());
    }
  }
}

TEST_CASE("no data loss: a list cut short while one job reads it mapped: the run says so, removes its temporary file") {
  // One job reads a list file through a memory mapping; pages the file no
  // longer has raise SIGBUS when read.
  TempDir dir;
  const std::string list = big_list(1000);
  dir.write("list.csv", list);
  std::string out = dir.write("out.csv", kOld);
  pid_t pid = spawn_quanze({"classify", "-i", "list.csv", "-q", "--jobs", "1", "-o", "out.csv"}, dir.path,
                           dir.file("err"));
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  int status = -1;
  while (std::chrono::steady_clock::now() < deadline && status == -1) {
    // Once a few megabytes are written, the list is being read in place
    // (its first megabyte is read to tell its encoding, before the output
    // is opened).
    const std::vector<std::string> temps = temp_files(dir.path);
    std::error_code size_unknown;
    if (!temps.empty() && fs::file_size(temps.front(), size_unknown) > (std::uintmax_t{4} << 20)) {
      fs::resize_file(dir.file("list.csv"), list.find('\n') + 1);  // the header row alone
      waitpid(pid, &status, 0);
      break;
    }
    if (waitpid(pid, &status, WNOHANG) == pid) REQUIRE_MESSAGE(false, "the run ended before its output reached 4 MiB");
    std::this_thread::sleep_for(std::chrono::microseconds(200));
  }
  REQUIRE(status != -1);
  CHECK(slurp(out) == kOld);
#if defined(__SANITIZE_ADDRESS__)
  // AddressSanitizer handles SIGBUS itself, and install_output_signal_handlers
  // leaves a handler it finds alone: the run is stopped, by ASan's report.
  CHECK(!(WIFEXITED(status) && WEXITSTATUS(status) == 0));
#else
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGBUS);
  CHECK(slurp(dir.file("err")) ==
        "quanze: error: the list was cut short while it was read (SIGBUS reading its mapped pages); no output was "
        "finished\n");
  CHECK(temp_files(dir.path).empty());
#endif
}

TEST_CASE("no data loss: SIGINT while report writes its forms removes every temporary file") {
  TempDir dir;
  dir.write("list.csv", big_list(1000));
  std::string old = dir.write("forms/审计报告.html", kOld);
  pid_t pid = spawn_quanze({"report", "-i", "list.csv", "-d", "forms"}, dir.path);
  int status = interrupt_when_writing(pid, dir.path, SIGINT);
  REQUIRE_MESSAGE(status != -1, "the run ended before its temporary file was seen");
  CHECK(WIFSIGNALED(status));
  CHECK(WTERMSIG(status) == SIGINT);
  CHECK(slurp(old) == kOld);
  CHECK(temp_files(dir.path).empty());
  CHECK(!fs::exists(dir.path / "forms/附件2-取消和下放职权事项清单.csv"));
}
