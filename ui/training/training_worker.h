// Training off the GUI thread. The worker runs a Trainer<float> or Trainer<double> (the
// configuration's precision) step by step in its own
// QThread; pause and stop are atomics it checks between steps. Progress travels back as values,
// batched to at most ~20 updates a second; snapshots of the model (with the decision-boundary
// grid for 2-D data and predictions of the first test digits) a few times a second. Requests and
// events cross threads through Mailboxes (mailbox.h); the queued signals only wake the other
// side.
#pragma once

#include <QObject>

#include <atomic>
#include <memory>
#include <variant>

#include "ui/training/training_config.h"
#include "ui/workers/mailbox.h"
#include "ui/workers/worker_thread.h"

namespace equilab {

// Predicted classes over a grid of the plane (2-D datasets), and for classification the class
// probabilities softmax(Wout w* + bout) behind them.
struct BoundaryGrid {
    double xlo = 0, xhi = 1, ylo = 0, yhi = 1;
    int resolution = 0;
    std::vector<int> classes;           // classes[j·res + i], x fastest
    int classCount = 0;                 // K; 0 when there are no probabilities (regression)
    std::vector<double> probabilities;  // probabilities[c·res² + j·res + i]

    double probability(int c, int i, int j) const {
        return probabilities[static_cast<size_t>((c * resolution + j) * resolution + i)];
    }
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

// The run's end. Its steps came in TrainingUpdates and its trained model in the snapshot posted
// just before: neither is sent again.
struct TrainingFinished {
    int run = 0;
    TrainingSummary summary;  // without history
};

struct TrainingFailed {
    int run = 0;
    QString message;
};

// The run's data, loaded and checked on the worker (loadTrainingData): shared with the GUI,
// immutable, never copied.
struct TrainingDataLoaded {
    int run = 0;
    std::shared_ptr<const DatasetSplit> data;
    double load_ms = 0;
};

// What the worker is doing before the first step ("loading mnist (60000 samples)…").
struct TrainingProgress {
    int run = 0;
    QString what;
};

using TrainingEvent = std::variant<TrainingUpdate, TrainingSnapshot, TrainingFinished,
                                   TrainingFailed, TrainingDataLoaded, TrainingProgress>;

// A run: the worker loads its data (config.data, in config's precision), then trains.
struct TrainingRequest {
    int run = 0;
    TrainingConfig config;
};

constexpr int kDigits = 48;

// How fast the worker trains, set from the GUI thread and read by the worker between steps.
// steps_per_second ≤ 0 means unthrottled. Step k (counted from the last change of rate or
// resume) may begin no earlier than k / rate seconds after that change, so the rate holds on
// average without drift; the worker waits in slices of at most 10 ms, so stop, pause and a new
// rate take effect at once. While paused, each step token lets exactly one more step run.
struct TrainingPaceControl {
    std::atomic<double> steps_per_second{0};
    std::atomic<int> step_tokens{0};
};
// At or below this rate every step is sent to the GUI at once (curves and step count move with
// each step); at or below kSnapshotEveryStepRate each step also brings a new decision boundary.
constexpr double kFlushEveryStepRate = 40;
constexpr double kSnapshotEveryStepRate = 2;

// The grid the decision-boundary view shows: the data's bounding box padded by 10 %.
BoundaryGrid boundaryGridFor(const Dataset& d, int resolution);
// Fills grid.classes with the predictions of the trainer's model (what Trainer::predict gives:
// T Picard steps from 0, argmax of Wout w + bout) and, unless the task is regression,
// grid.probabilities with the softmax of the same scores.
// (In the trainer's precision; the probabilities are computed in double from its scores.)
template <typename Scalar>
void predictGrid(const Trainer<Scalar>& trainer, BoundaryGrid* grid);

class TrainingWorker : public QObject {
    Q_OBJECT
  public:
    TrainingWorker(WorkerThread* thread, std::atomic<bool>* pause, std::atomic<bool>* stop,
                   Mailbox<TrainingRequest>* inbox, Mailbox<TrainingEvent>* outbox,
                   TrainingPaceControl* pace = nullptr)
        : thread_(thread),
          pause_(pause),
          stop_(stop),
          inbox_(inbox),
          outbox_(outbox),
          pace_(pace) {}
    // Runs every waiting request in turn (on the worker's thread).
    void processRequests();

  signals:
    void posted();  // something waits in the outbox

  private:
    void run(int runId, const TrainingConfig& config);
    template <typename Scalar>
    void runWith(int runId, const TrainingConfig& config, const DatasetSplit& data);
    void post(TrainingEvent e);
    template <typename Scalar>
    TrainingSnapshot makeSnapshot(int runId, const Trainer<Scalar>& t, const DatasetSplit& data,
                                  const BoundaryGrid& grid) const;
    WorkerThread* thread_;
    std::atomic<bool>* pause_;
    std::atomic<bool>* stop_;
    Mailbox<TrainingRequest>* inbox_;
    Mailbox<TrainingEvent>* outbox_;
    TrainingPaceControl* pace_;
};

}  // namespace equilab
