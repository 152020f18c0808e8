// The dataset-convergence evaluation off the GUI thread: loads the data of a model's dataset
// spec, then runs core's evaluateDataset with progress and cancel. Requests and events cross
// threads through Mailboxes (mailbox.h); the queued signals only wake the other side.
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <variant>

#include "core/analysis/dataset_convergence.h"
#include "core/data/data_spec.h"
#include "ui/workers/mailbox.h"
#include "ui/workers/worker_host.h"
#include "ui/workers/worker_thread.h"

namespace equilab {

struct ConvergenceRequest {
    int id = 0;
    ModelParams<double> params;
    DataSpec spec;
    QString split = QStringLiteral("test");
    Dataset data;  // used when it has samples; otherwise loaded from spec
    DatasetConvergenceOptions options;
};

struct ConvergenceProgress {
    int id = 0;
    double fraction = 0;
};

struct ConvergenceDone {
    int id = 0;
    Dataset data;  // the evaluated samples (to explore one of them)
    DatasetConvergence result;
};

struct ConvergenceFailed {
    int id = 0;
    QString message;
};

using ConvergenceEvent = std::variant<ConvergenceProgress, ConvergenceDone, ConvergenceFailed>;

class ConvergenceWorker : public QObject {
    Q_OBJECT
  public:
    ConvergenceWorker(WorkerThread* thread, std::atomic<int>* cancelBelow,
                      Mailbox<ConvergenceRequest>* inbox, Mailbox<ConvergenceEvent>* outbox)
        : thread_(thread), cancelBelow_(cancelBelow), inbox_(inbox), outbox_(outbox) {}
    void processRequests();  // on the worker's thread

  signals:
    void posted();

  private:
    void run(const ConvergenceRequest& r);
    void post(ConvergenceEvent e);
    WorkerThread* thread_;
    std::atomic<int>* cancelBelow_;  // requests with a smaller id are cancelled
    Mailbox<ConvergenceRequest>* inbox_;
    Mailbox<ConvergenceEvent>* outbox_;
};

// The GUI side: one evaluation at a time; a new request cancels the one in progress.
class ConvergenceController : public QObject {
    Q_OBJECT
  public:
    explicit ConvergenceController(QObject* parent = nullptr);
    ~ConvergenceController() override;
    int request(ConvergenceRequest r);  // returns its id
    void cancel();
    bool isBusy() const { return busy_; }

  signals:
    void progress(double fraction);
    void finished(const equilab::Dataset& data, const equilab::DatasetConvergence& result);
    void failed(const QString& message);
    void busyChanged(bool busy);

  private:
    void drain();
    std::atomic<int> cancelBelow_{0};
    WorkerHost<ConvergenceWorker, ConvergenceRequest, ConvergenceEvent> host_;
    int nextId_ = 1;
    int current_ = 0;
    bool busy_ = false;
};

}  // namespace equilab
