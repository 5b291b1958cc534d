// Batches read in order, worked on by N threads, written in input order:
// the output of any number of threads is the output of one.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace quanze {

/// `read` fills a batch (false: no more), `work` runs on worker `w` (one of
/// `jobs`, each with state of its own), `write` takes the batches strictly
/// in the order they were read (false: stop everything). With one job all
/// three run on the calling thread, one batch at a time. With more, the
/// calling thread reads, `jobs` threads work and one writes; at most
/// jobs + 2 batches exist (one being read, one per worker, one being
/// written), so memory is bounded whatever the input.
/// Returns false when `write` stopped the run.
template <class Batch>
bool run_ordered(std::size_t jobs, const std::function<bool(Batch&)>& read,
                 const std::function<void(Batch&, std::size_t)>& work, const std::function<bool(Batch&)>& write) {
  if (jobs <= 1) {
    Batch batch;
    while (read(batch)) {
      work(batch, 0);
      if (!write(batch)) return false;
    }
    return true;
  }
  std::vector<std::unique_ptr<Batch>> slots;
  std::deque<Batch*> free;
  for (std::size_t i = 0; i < jobs + 2; ++i) free.push_back(slots.emplace_back(std::make_unique<Batch>()).get());
  std::mutex m;
  std::condition_variable changed;
  std::deque<std::pair<std::uint64_t, Batch*>> todo;
  std::map<std::uint64_t, Batch*> done;
  bool input_done = false, stopped = false;
  std::uint64_t produced = 0, written = 0;

  auto worker = [&](std::size_t w) {
    std::unique_lock lock(m);
    for (;;) {
      changed.wait(lock, [&] { return stopped || !todo.empty() || input_done; });
      if (stopped || todo.empty()) return;
      auto [seq, batch] = todo.front();
      todo.pop_front();
      lock.unlock();
      work(*batch, w);
      lock.lock();
      done.emplace(seq, batch);
      changed.notify_all();
    }
  };
  auto writer = [&] {
    std::unique_lock lock(m);
    for (;;) {
      changed.wait(lock, [&] { return stopped || done.contains(written) || (input_done && written == produced); });
      if (stopped || !done.contains(written)) return;
      Batch* batch = done.extract(written).mapped();
      lock.unlock();
      bool ok = write(*batch);
      lock.lock();
      if (!ok) {
        stopped = true;
        changed.notify_all();
        return;
      }
      free.push_back(batch);
      ++written;
      changed.notify_all();
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t w = 0; w < jobs; ++w) threads.emplace_back(worker, w);
  threads.emplace_back(writer);
  {
    std::unique_lock lock(m);
    for (;;) {
      changed.wait(lock, [&] { return stopped || !free.empty(); });
      if (stopped) break;
      Batch* batch = free.front();
      free.pop_front();
      lock.unlock();
      bool more = read(*batch);
      lock.lock();
      if (!more) {
        free.push_back(batch);
        break;
      }
      todo.emplace_back(produced++, batch);
      changed.notify_all();
    }
    input_done = true;
    changed.notify_all();
  }
  for (std::thread& t : threads) t.join();
  return !stopped;
}

}  // namespace quanze
