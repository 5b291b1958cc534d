// Batches read in order, worked on by N threads, written in input order:
// the output of any number of threads is the output of one.
#pragma once

#include <condition_variable>
#include <cstdint>
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
/// three run on the calling thread, one batch at a time.
///
/// With more, every worker reads its own next batch (one at a time, in
/// turn), works on it, and writes it if it is the next to be written —
/// then any that finished meanwhile and follow it; else leaves it for the
/// worker that writes the one before. No thread only reads or only writes,
/// so a batch is not handed from thread to thread on its way: on a
/// virtual machine every wake-up of another thread costs more than the
/// work a handoff could overlap. At most jobs + 2 batches exist, so
/// memory is bounded whatever the input; a worker waits for one to be
/// written before it reads more.
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
  std::vector<Batch*> free;
  for (std::size_t i = 0; i < jobs + 2; ++i) free.push_back(slots.emplace_back(std::make_unique<Batch>()).get());
  std::mutex m;                      // guards everything below but reading
  std::condition_variable slot_free;  // a batch was written, or the run stopped
  std::map<std::uint64_t, Batch*> done;
  std::uint64_t written = 0;
  bool writing = false, stopped = false;
  std::mutex reading;  // read() is called by one worker at a time, in turn
  std::uint64_t produced = 0;
  bool input_done = false;

  // Writes the batches that are next in order, while there are any; called
  // with `lock` held by the one worker that set `writing`.
  auto write_in_order = [&](std::unique_lock<std::mutex>& lock) {
    while (!stopped && done.contains(written)) {
      Batch* batch = done.extract(written).mapped();
      lock.unlock();
      bool ok = write(*batch);
      lock.lock();
      free.push_back(batch);
      if (!ok) stopped = true;
      else ++written;
      slot_free.notify_all();
    }
  };
  auto worker = [&](std::size_t w) {
    for (;;) {
      Batch* batch;
      {
        std::unique_lock lock(m);
        slot_free.wait(lock, [&] { return stopped || !free.empty(); });
        if (stopped) return;
        batch = free.back();
        free.pop_back();
      }
      std::uint64_t seq = 0;
      bool more = false;
      {
        std::lock_guard read_lock(reading);
        if (!input_done) {
          more = read(*batch);
          input_done = !more;
          seq = produced++;
        }
      }
      if (!more) {
        std::lock_guard lock(m);
        free.push_back(batch);
        slot_free.notify_all();
        return;
      }
      work(*batch, w);
      std::unique_lock lock(m);
      done.emplace(seq, batch);
      if (writing) continue;  // the writer takes it when its turn comes
      writing = true;
      write_in_order(lock);
      writing = false;
    }
  };
  std::vector<std::thread> threads;
  for (std::size_t w = 1; w < jobs; ++w) threads.emplace_back(worker, w);
  worker(0);
  for (std::thread& t : threads) t.join();
  return !stopped;
}

}  // namespace quanze
