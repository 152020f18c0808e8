// Computes hypergradient sweeps (hypergradient_sweep.h) off the GUI thread, for HypergradView.
// Requests and results cross threads through Mailboxes (mailbox.h); a newer request supersedes
// an older one: it replaces a request still waiting and cancels the sweep that runs.
#pragma once

#include <QObject>

#include <atomic>

#include "core/training/hypergradient_sweep.h"
#include "ui/training/study_request.h"
#include "ui/workers/mailbox.h"

namespace equilab {

// The problem (study_request.h) and the sweep's adjoint iterations.
struct HypergradRequest : StudyRequest {
    int max_iterations = 0;
};

struct HypergradSweepResult {
    quint64 generation = 0;
    HypergradSweep sweep;
};

class HypergradWorker : public QObject {
    Q_OBJECT
  public:
    HypergradWorker(WorkerThread* thread, const std::atomic<quint64>* latest,
                    Mailbox<HypergradRequest>* inbox, Mailbox<HypergradSweepResult>* outbox)
        : thread_(thread), latest_(latest), inbox_(inbox), outbox_(outbox) {}
    void processRequests();

  signals:
    void posted();

  private:
    WorkerThread* thread_;
    const std::atomic<quint64>* latest_;
    Mailbox<HypergradRequest>* inbox_;
    Mailbox<HypergradSweepResult>* outbox_;
};

// The GUI-thread side: owns the thread and both mailboxes (a WorkerHost).
class HypergradController : public QObject {
    Q_OBJECT
  public:
    explicit HypergradController(QObject* parent = nullptr);
    // Starts a sweep; returns its generation.
    quint64 request(HypergradRequest r) { return host_.request(std::move(r)); }
    // Stops the sweep that runs (at its next check) and drops any result still to come.
    void cancel() { host_.cancel(); }

  signals:
    void finished(const equilab::HypergradSweep& sweep, quint64 generation);

  private:
    void drainOutbox();
    NewestRequestHost<HypergradWorker, HypergradRequest, HypergradSweepResult> host_;
};

}  // namespace equilab
