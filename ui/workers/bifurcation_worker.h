// Continuation of the fixed points (core/analysis/continuation.h), the period-2 branches born at
// flips (core/analysis/periodic_orbit.h) and the Lyapunov exponents through the same parameter
// (core/analysis/lyapunov.h), off the GUI thread. The worker posts what it has every ~50 ms: points
// as they are accepted, special points as they are located, Lyapunov columns as they are computed,
// so the diagram grows on screen. Each request carries a generation number; a newer request (the
// document or the controls changed) cancels the running one inside the continuation's callbacks.
// Values cross threads through Mailboxes (docs/ARCHITECTURE.md, "Threads").
#pragma once

#include <QObject>

#include <atomic>

#include "core/analysis/continuation.h"
#include "core/analysis/lyapunov.h"
#include "ui/workers/mailbox.h"
#include "ui/workers/worker_host.h"
#include "ui/workers/worker_thread.h"

namespace equilab {

struct BifurcationRequest {
    quint64 generation = 0;
    Model model;  // A after the parametrization
    Vector x, w0;
    OrbitParameter parameter = OrbitParameter::ScaleA;
    int index = 0;  // entry of c or x
    double p_min = 0.05, p_max = 2.5;
    int component = 0;  // which w_i is drawn
    int lyapunov_columns = 120;
    LyapunovOptions lyapunov;  // per column
};

// One point of a branch as drawn: the component of each point of its orbit (one value for a fixed
// point, two for a 2-cycle).
struct BifurcationPoint {
    int branch = 0;  // across the fixed-point and period-2 continuations
    int period = 1;
    double p = 0;
    std::vector<double> values;
    bool stable = false, marginal = false;
};

struct BifurcationEvent {
    quint64 generation = 0;
    std::vector<BifurcationPoint> points;
    std::vector<SpecialPoint> specials;  // branch renumbered like the points
    std::vector<LyapunovColumn> lyapunov;
    bool continuationDone = false;
    bool last = false;
    QString message;     // the continuation's summary, with the last event
    double seconds = 0;  // since the request started
};

// What has arrived: every point in arrival order, the special points, the Lyapunov columns.
struct BifurcationDiagram {
    BifurcationRequest request;  // (model and vectors of the request as sent)
    std::vector<BifurcationPoint> points;
    std::vector<SpecialPoint> specials;
    std::vector<LyapunovColumn> lyapunov;
    bool continuationDone = false;
    bool complete = false;
    QString message;
    double seconds = 0, continuationSeconds = 0;
};

class BifurcationWorker : public QObject {
    Q_OBJECT
  public:
    BifurcationWorker(WorkerThread* thread, std::atomic<quint64>* latest,
                      Mailbox<BifurcationRequest>* inbox, Mailbox<BifurcationEvent>* outbox)
        : thread_(thread), latest_(latest), inbox_(inbox), outbox_(outbox) {}
    void processRequests();  // on the worker's thread

  signals:
    void posted();

  private:
    void compute(const BifurcationRequest& r);
    WorkerThread* thread_;
    std::atomic<quint64>* latest_;
    Mailbox<BifurcationRequest>* inbox_;
    Mailbox<BifurcationEvent>* outbox_;
};

class BifurcationController : public QObject {
    Q_OBJECT
  public:
    explicit BifurcationController(QObject* parent = nullptr);
    ~BifurcationController() override;

    // Starts computing; anything running is cancelled. False (nothing changes) when the request
    // does not fit the model, with the reason in *error.
    bool request(const BifurcationRequest& r, QString* error = nullptr);
    void cancel();
    bool isBusy() const { return busy_; }
    const BifurcationDiagram& diagram() const { return diagram_; }

  signals:
    void updated();
    void busyChanged(bool busy);

  private:
    void drainOutbox();
    void setBusy(bool busy);
    std::atomic<quint64> latest_{0};
    WorkerHost<BifurcationWorker, BifurcationRequest, BifurcationEvent> host_;
    quint64 pending_ = 0;
    bool busy_ = false;
    BifurcationDiagram diagram_;
};

}  // namespace equilab
