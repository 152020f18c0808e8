// Computing the orbit diagram off the GUI thread, in coarse-to-fine stages (orbitStages): every
// 8th column first, then the columns between, so the whole picture appears at once and sharpens.
// Each request carries a generation number; a newer request (the document changed) cancels the
// running one between columns. Requests and the columns of each stage cross threads through
// Mailboxes, as in solve_worker.h.
#pragma once

#include <QObject>

#include <atomic>

#include "core/analysis/orbit.h"
#include "ui/workers/mailbox.h"
#include "ui/workers/worker_host.h"
#include "ui/workers/worker_thread.h"

namespace equilab {

struct OrbitRequest {
    quint64 generation = 0;
    Model model;  // A after the parametrization
    Vector x, w0;
    OrbitOptions options;
};

struct OrbitStage {
    quint64 generation = 0;
    std::vector<OrbitColumn> columns;
    bool last = false;   // the diagram is complete after this stage
    double seconds = 0;  // wall time since the request started
};

class OrbitWorker : public QObject {
    Q_OBJECT
  public:
    OrbitWorker(WorkerThread* thread, std::atomic<quint64>* latest, Mailbox<OrbitRequest>* inbox,
                Mailbox<OrbitStage>* outbox)
        : thread_(thread), latest_(latest), inbox_(inbox), outbox_(outbox) {}
    void processRequests();  // on the worker's thread

  signals:
    void posted();

  private:
    void compute(const OrbitRequest& r);
    WorkerThread* thread_;
    std::atomic<quint64>* latest_;
    Mailbox<OrbitRequest>* inbox_;
    Mailbox<OrbitStage>* outbox_;
};

class OrbitController : public QObject {
    Q_OBJECT
  public:
    explicit OrbitController(QObject* parent = nullptr);
    ~OrbitController() override;

    // Starts computing; anything running is cancelled. Returns false (and changes nothing) when
    // the options do not fit the model, with the reason in *error.
    bool request(const Model& model, const Vector& x, const Vector& w0, const OrbitOptions& options,
                 QString* error = nullptr);
    void cancel();
    bool isBusy() const { return busy_; }
    // The diagram so far (columns sorted by index).
    const OrbitDiagram& diagram() const { return diagram_; }
    double seconds() const { return seconds_; }  // compute time of the diagram so far

  signals:
    void updated();  // new columns arrived
    void busyChanged(bool busy);

  private:
    void drainOutbox();
    void setBusy(bool busy);
    std::atomic<quint64> latest_{0};
    WorkerHost<OrbitWorker, OrbitRequest, OrbitStage> host_;
    quint64 pending_ = 0;
    bool busy_ = false;
    OrbitDiagram diagram_;
    double seconds_ = 0;
};

}  // namespace equilab
