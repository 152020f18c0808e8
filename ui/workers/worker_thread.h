// The thread a worker QObject runs on, with a join that ThreadSanitizer can see.
//
// QThread::wait() synchronizes inside QtCore, which Debian does not build with TSan; TSan would
// not know that everything the worker did happens before the owner frees what the worker touched.
// So each worker slot holds the thread's fence (a std::mutex, enter()) while it runs, and stop()
// takes the fence after wait(): the worker's last access is ordered before stop() returns, in a
// way TSan observes. Owners call stop() before deleting the worker and the mailboxes it uses.
#pragma once

#include <QThread>

#include <mutex>

namespace equilab {

class WorkerThread : public QThread {
  public:
    explicit WorkerThread(const QString& name) { setObjectName(name); }
    ~WorkerThread() override { stop(); }

    // Held by a worker slot for as long as it runs (on the worker thread).
    [[nodiscard]] std::unique_lock<std::mutex> enter() {
        return std::unique_lock<std::mutex>(fence_);
    }

    // Ends the event loop, waits for the thread and takes the fence (on the owner's thread).
    void stop() {
        quit();
        wait();
        std::lock_guard<std::mutex> joined(fence_);
    }

  private:
    std::mutex fence_;
};

}  // namespace equilab
