// How data crosses between the GUI thread and a worker thread.
//
// The data itself travels through a Mailbox: a FIFO guarded by a std::mutex. The queued signal
// that follows the post carries no arguments; it only wakes the other thread's event loop, which
// then takes what was posted. Why not pass the values as arguments of the queued signal? Qt copies
// queued arguments inside QtCore under its own futex-based mutex; with Debian's Qt, which is not
// built with ThreadSanitizer, TSan cannot see that synchronization and reports every hand-off.
// A std::mutex in our own code is visible to TSan, so the threaded code can be checked for real
// races with no suppression of our own frames (scripts/tsan.supp).
//
// Contract: post() and take*() may be called from any thread; a value is moved in and moved out,
// so the two threads never share it.
#pragma once

#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace equilab {

template <class T>
class Mailbox {
  public:
    void post(T value) {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.push_back(std::move(value));
    }

    // Replaces whatever is waiting by value: for requests where only the newest matters.
    void replace(T value) {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.clear();
        queue_.push_back(std::move(value));
    }

    // Everything posted so far, oldest first.
    std::vector<T> takeAll() {
        std::lock_guard<std::mutex> lock(mutex_);
        std::vector<T> out(std::make_move_iterator(queue_.begin()),
                           std::make_move_iterator(queue_.end()));
        queue_.clear();
        return out;
    }

    // The newest value; older ones are dropped.
    std::optional<T> takeLatest() {
        std::lock_guard<std::mutex> lock(mutex_);
        if (queue_.empty()) return std::nullopt;
        std::optional<T> out(std::move(queue_.back()));
        queue_.clear();
        return out;
    }

  private:
    std::mutex mutex_;
    std::deque<T> queue_;
};

}  // namespace equilab
