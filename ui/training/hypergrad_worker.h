// Computes hypergradient sweeps (hypergradient_sweep.h) off the GUI thread, for HypergradView.
// Requests and results cross threads through Mailboxes (mailbox.h); a newer request supersedes
// an older one: it replaces a request still waiting and cancels the sweep that runs.
#pragma once

#include <QObject>

#include <atomic>

#include "core/data/data_spec.h"
#include "core/training/hypergradient_sweep.h"
#include "ui/workers/mailbox.h"
#include "ui/workers/worker_host.h"
#include "ui/workers/worker_thread.h"

namespace equilab {

struct HypergradRequest {
    quint64 generation = 0;
    ModelParams<double> params;
    Matrix X;
    Targets<double> targets;
    int max_iterations = 0;
    // Set: the sweep of the study model (studyModel of hidden, radius, seed) on up to
    // max_samples training samples of data, the data loaded and the model made on the worker
    // (params, X and targets above are then unused). A load that fails posts an incomplete sweep.
    bool study = false;
    DataSpec data;
    int hidden = 1;
    double radius = 0.9;
    unsigned seed = 0;
    Index max_samples = 0;
};

struct HypergradSweepResult {
    quint64 generation = 0;
    HypergradSweep sweep;
};

class HypergradWorker : public QObject {
    Q_OBJECT
  public:
    HypergradWorker(WorkerThread* thread, std::atomic<quint64>* latest,
                    Mailbox<HypergradRequest>* inbox, Mailbox<HypergradSweepResult>* outbox)
        : thread_(thread), latest_(latest), inbox_(inbox), outbox_(outbox) {}
    void processRequests();

  signals:
    void posted();

  private:
    WorkerThread* thread_;
    std::atomic<quint64>* latest_;
    Mailbox<HypergradRequest>* inbox_;
    Mailbox<HypergradSweepResult>* outbox_;
};

// The GUI-thread side: owns the thread and both mailboxes (a WorkerHost).
class HypergradController : public QObject {
    Q_OBJECT
  public:
    explicit HypergradController(QObject* parent = nullptr);
    ~HypergradController() override;
    // Starts a sweep; returns its generation.
    quint64 request(HypergradRequest r);
    // Stops the sweep that runs (at its next check) and drops any result still to come.
    void cancel() { latest_.store(++generation_); }

  signals:
    void finished(const equilab::HypergradSweep& sweep, quint64 generation);

  private:
    void drainOutbox();
    std::atomic<quint64> latest_{0};
    quint64 generation_ = 0;
    WorkerHost<HypergradWorker, HypergradRequest, HypergradSweepResult> host_;
};

}  // namespace equilab
