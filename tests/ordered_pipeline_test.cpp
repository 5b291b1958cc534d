// run_ordered: batches read in order, worked on by any number of threads,
// written in the order they were read, with memory bounded by the jobs.
#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "pipeline/ordered_pipeline.hpp"

using namespace quanze;

namespace {

struct Batch {
  int seq = -1;
  int value = 0;
};

struct Run {
  std::vector<int> written;
  int max_in_flight = 0;
  bool completed = false;
};

/// `count` batches, each worked on for a time that varies so that later
/// ones often finish first; `stop_after`: write returns false on that one.
Run run(std::size_t jobs, int count, int stop_after = -1) {
  Run r;
  int next = 0;
  std::atomic<int> in_flight{0};
  auto read = [&](Batch& b) {
    if (next == count) return false;
    b.seq = next++;
    int now = ++in_flight;
    r.max_in_flight = std::max(r.max_in_flight, now);  // read() runs one at a time
    return true;
  };
  std::atomic<std::size_t> highest_worker{0};
  auto work = [&](Batch& b, std::size_t w) {
    for (std::size_t h = highest_worker; w > h && !highest_worker.compare_exchange_weak(h, w);) {
    }
    if (b.seq % 7 == 0) std::this_thread::sleep_for(std::chrono::microseconds(200));
    b.value = b.seq * 10;
  };
  auto write = [&](Batch& b) {
    --in_flight;
    r.written.push_back(b.value);
    return b.seq != stop_after;
  };
  r.completed = run_ordered<Batch>(jobs, read, work, write);
  CHECK(highest_worker < jobs);  // each worker's state is its own: w is one of `jobs`
  return r;
}

}  // namespace

TEST_CASE("ordered pipeline: every batch written once, in the order read, whatever the jobs") {
  for (std::size_t jobs : {1, 2, 3, 8}) {
    CAPTURE(jobs);
    Run r = run(jobs, 500);
    CHECK(r.completed);
    REQUIRE(r.written.size() == 500);
    for (int i = 0; i < 500; ++i) CHECK(r.written[static_cast<std::size_t>(i)] == i * 10);
    // Read but not yet written: never more than the batches that exist.
    CHECK(r.max_in_flight <= static_cast<int>(jobs) + 2);
  }
}

TEST_CASE("ordered pipeline: no batches, and a write that stops the run") {
  for (std::size_t jobs : {1, 2, 4}) {
    CAPTURE(jobs);
    Run empty = run(jobs, 0);
    CHECK(empty.completed);
    CHECK(empty.written.empty());
    Run stopped = run(jobs, 300, 41);
    CHECK_FALSE(stopped.completed);
    // Batches up to the one that stopped it, in order, and none after it.
    REQUIRE(stopped.written.size() == 42);
    for (int i = 0; i < 42; ++i) CHECK(stopped.written[static_cast<std::size_t>(i)] == i * 10);
  }
}
