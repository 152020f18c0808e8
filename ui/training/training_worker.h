// Training off the GUI thread. The worker runs a Trainer<double> step by step in its own
// QThread; pause and stop are atomics it checks between steps. Progress travels back as values,
// batched to at most ~20 updates a second; snapshots of the model (with the decision-boundary
// grid for 2-D data and predictions of the first test digits) a few times a second. Requests and
// events cross threads through Mailboxes (mailbox.h); the queued signals only wake the other
// side.
#pragma once

#include <QObject>

#include <atomic>
#include <variant>

#include "mailbox.h"
#include "training_config.h"
#include "worker_thread.h"

namespace equilab {

// Predicted classes over a grid of the plane (2-D datasets).
struct BoundaryGrid {
    double xlo = 0, xhi = 1, ylo = 0, yhi = 1;
    int resolution = 0;
    std::vector<int> classes;  // classes[j·res + i], x fastest
};

struct TrainingUpdate {
    int run = 0;
    std::vector<StepRecord> records;
    int step = 0, total = 0;
    double elapsed_ms = 0;
};

struct TrainingSnapshot {
    int run = 0;
    int step = 0;
    ModelParams<double> params;
    BoundaryGrid boundary;
    std::vector<int> digitPredictions;  // for the first kDigits test images
};

struct TrainingFinished {
    int run = 0;
    TrainingSummary summary;  // without history
    ModelParams<double> params;
};

struct TrainingFailed {
    int run = 0;
    QString message;
};

using TrainingEvent = std::variant<TrainingUpdate, TrainingSnapshot, TrainingFinished, TrainingFailed>;

struct TrainingRequest {
    int run = 0;
    TrainingConfig config;
    DatasetSplit data;
};

constexpr int kDigits = 48;

// The grid the decision-boundary view shows: the data's bounding box padded by 10 %.
BoundaryGrid boundaryGridFor(const Dataset& d, int resolution);
// Fills grid.classes with the predictions of the trainer's model.
void predictGrid(const Trainer<double>& trainer, BoundaryGrid* grid);

class TrainingWorker : public QObject {
    Q_OBJECT
public:
    TrainingWorker(WorkerThread* thread, std::atomic<bool>* pause, std::atomic<bool>* stop,
                   Mailbox<TrainingRequest>* inbox, Mailbox<TrainingEvent>* outbox)
        : thread_(thread), pause_(pause), stop_(stop), inbox_(inbox), outbox_(outbox) {}
    // Runs every waiting request in turn (on the worker's thread).
    void processRequests();

signals:
    void posted();  // something waits in the outbox

private:
    void run(int runId, const TrainingConfig& config, const DatasetSplit& data);
    void post(TrainingEvent e);
    TrainingSnapshot makeSnapshot(int runId, const Trainer<double>& t, const DatasetSplit& data,
                                  const BoundaryGrid& grid) const;
    WorkerThread* thread_;
    std::atomic<bool>* pause_;
    std::atomic<bool>* stop_;
    Mailbox<TrainingRequest>* inbox_;
    Mailbox<TrainingEvent>* outbox_;
};

}  // namespace equilab
