// The GUI-thread side of every worker: one template for the skeleton each controller (solve,
// orbit, training, hypergradients, dataset convergence) would otherwise write again.
//
// A WorkerHost owns the worker's thread (worker_thread.h) and its two mailboxes (mailbox.h). It
// creates the worker, moves it to the thread, and connects the two wake-ups before the thread
// starts: a queued signal with no arguments wakes the worker's processRequests() after a request
// is posted, and the worker's posted() signal wakes the owner's drain function on the owner's
// thread. The values themselves cross only in the mailboxes, so ThreadSanitizer sees every
// hand-off. stop() ends the thread and deletes the worker; owners cancel what runs first (their
// atomics), then stop, as the destructor does.
//
// Contract for Worker: a QObject with a slot-like `void processRequests()` that takes from the
// inbox (holding the thread's fence, WorkerThread::enter()), and a signal `void posted()` emitted
// after each post to the outbox. The factory given to the constructor creates it from the
// thread and the mailboxes, plus whatever else the owner shares with it (a cancel atomic, …).
#pragma once

#include <QObject>
#include <QString>

#include <utility>
#include <vector>

#include "ui/workers/mailbox.h"
#include "ui/workers/worker_thread.h"

namespace equilab {

// Wakes a worker: the host emits wake() after posting a request (on the owner's thread).
class WorkerWake : public QObject {
    Q_OBJECT
  signals:
    void wake();
};

template <class Worker, class Request, class Event>
class WorkerHost {
  public:
    // make(WorkerThread*, Mailbox<Request>*, Mailbox<Event>*) returns a new Worker. Whenever the
    // worker posts, (owner->*drain)() runs on the owner's thread. The thread starts here.
    template <class Owner, class Make>
    WorkerHost(const QString& threadName, Owner* owner, void (Owner::*drain)(), Make make)
        : thread_(threadName) {
        worker_ = make(&thread_, &inbox_, &outbox_);
        worker_->moveToThread(&thread_);
        QObject::connect(&wake_, &WorkerWake::wake, worker_, &Worker::processRequests,
                         Qt::QueuedConnection);
        QObject::connect(worker_, &Worker::posted, owner, drain, Qt::QueuedConnection);
        thread_.start();
    }
    ~WorkerHost() { stop(); }
    WorkerHost(const WorkerHost&) = delete;
    WorkerHost& operator=(const WorkerHost&) = delete;

    // Queues a request behind those waiting, and wakes the worker.
    void post(Request r) {
        inbox_.post(std::move(r));
        emit wake_.wake();
    }
    // Replaces whatever request still waits (only the newest matters), and wakes the worker.
    void replace(Request r) {
        inbox_.replace(std::move(r));
        emit wake_.wake();
    }
    // A worker signal with no arguments, delivered queued to receiver's slot (a wake-up only:
    // values still cross in the outbox).
    template <class Receiver, class Slot>
    void connectWorker(void (Worker::*signal)(), Receiver* receiver, Slot slot) {
        QObject::connect(worker_, signal, receiver, slot, Qt::QueuedConnection);
    }
    // Everything the worker posted so far, oldest first (on the owner's thread).
    std::vector<Event> takeAll() { return outbox_.takeAll(); }

    // Ends the thread's event loop, joins it (a join TSan sees) and deletes the worker. The
    // worker's current request runs to its end first: cancel it before. Idempotent.
    void stop() {
        thread_.stop();
        delete worker_;
        worker_ = nullptr;
    }

  private:
    WorkerThread thread_;
    Mailbox<Request> inbox_;
    Mailbox<Event> outbox_;
    WorkerWake wake_;
    Worker* worker_ = nullptr;
};

}  // namespace equilab
