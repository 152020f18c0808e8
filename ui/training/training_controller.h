// The GUI side of training: starts runs on the worker thread (which loads the data, then
// trains), keeps every run's records until cleared, and relays snapshots. One run at a time;
// Start while a run is going is refused.
#pragma once

#include <QObject>

#include <atomic>

#include "ui/training/training_worker.h"
#include "ui/workers/worker_host.h"

namespace equilab {

struct TrainingRun {
    int id = 0;
    TrainingConfig config;
    QString label;
    std::vector<StepRecord> records;
    TrainStatus status = TrainStatus::Running;
    QString message;
    double test_accuracy = -1;
    double test_rmse = -1;  // regression runs
    int total = 0;
    double elapsed_ms = 0;
};

class TrainingController : public QObject {
    Q_OBJECT
  public:
    explicit TrainingController(QObject* parent = nullptr);
    ~TrainingController() override;

    // Starts a run: false (with *error) on bad options or while a run is going. The worker loads
    // the data first (progress() says so; runStarted() follows once it is loaded); bad data ends
    // the run with status InvalidInput and the reason as its message (runFinished()).
    // paused: the run waits before its first step (stepOnce() trains one; Step before Start).
    bool start(const TrainingConfig& config, QString* error, bool paused = false);
    void setPaused(bool paused);
    // Steps per second of every run (≤ 0: unthrottled); takes effect at the next step.
    void setStepsPerSecond(double rate) { pace_.steps_per_second.store(rate); }
    double stepsPerSecond() const { return pace_.steps_per_second.load(); }
    // While a run is paused: exactly one more step (then it waits again). False otherwise.
    bool stepOnce();
    void stop();
    void clearRuns();
    bool isRunning() const { return running_; }
    bool isPaused() const { return pause_.load(); }

    const std::vector<TrainingRun>& runs() const { return runs_; }
    const TrainingRun* run(int id) const;
    // The data of the newest run whose data is loaded (empty before).
    const DatasetSplit& data() const { return *data_; }
    const TrainingSnapshot& lastSnapshot() const { return lastSnapshot_; }

  signals:
    void runStarted(int id);
    void runUpdated(int id);
    void runFinished(int id);
    void runsCleared();
    void snapshotReady(const equilab::TrainingSnapshot& s);
    void runningChanged(bool running);
    // What the worker does before the first step ("loading mnist…"); empty when it trains.
    void progress(const QString& what);

  private:
    void drainOutbox();
    void onProgress(const TrainingUpdate& u);
    void onSnapshot(TrainingSnapshot s);
    void onFinished(const TrainingFinished& f);
    void onFailed(int run, const QString& message);
    TrainingRun* find(int id);

    std::atomic<bool> pause_{false};
    std::atomic<bool> stop_{false};
    TrainingPaceControl pace_;
    WorkerHost<TrainingWorker, TrainingRequest, TrainingEvent> host_;
    std::vector<TrainingRun> runs_;
    std::shared_ptr<const DatasetSplit> data_ = std::make_shared<const DatasetSplit>();
    TrainingSnapshot lastSnapshot_;
    bool running_ = false;
    int nextId_ = 1;
};

}  // namespace equilab
