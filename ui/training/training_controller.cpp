#include "training_controller.h"

namespace equilab {

TrainingController::TrainingController(QObject* parent) : QObject(parent) {
    qRegisterMetaType<equilab::TrainingUpdate>();
    qRegisterMetaType<equilab::TrainingSnapshot>();
    qRegisterMetaType<equilab::TrainingFinished>();
    worker_ = new TrainingWorker(&pause_, &stop_);
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    connect(worker_, &TrainingWorker::progress, this, &TrainingController::onProgress, Qt::QueuedConnection);
    connect(worker_, &TrainingWorker::finished, this, &TrainingController::onFinished, Qt::QueuedConnection);
    connect(worker_, &TrainingWorker::failed, this, &TrainingController::onFailed, Qt::QueuedConnection);
    connect(worker_, &TrainingWorker::snapshot, this, [this](const TrainingSnapshot& s) {
        lastSnapshot_ = s;
        emit snapshotReady(s);
    }, Qt::QueuedConnection);
    thread_.setObjectName(QStringLiteral("equilab-train"));
    thread_.start();
}

TrainingController::~TrainingController() {
    stop_.store(true);
    pause_.store(false);
    thread_.quit();
    thread_.wait();
}

bool TrainingController::start(const TrainingConfig& config, QString* error) {
    if (running_) {
        if (error) *error = tr("a run is still going; stop it first");
        return false;
    }
    if (!config.IsValid(error)) return false;
    DatasetSplit data;
    std::string why;
    if (!loadTrainingData(config.data, &data, &why)) {
        if (error) *error = QString::fromStdString(why);
        return false;
    }
    data_ = data;
    TrainingRun r;
    r.id = nextId_++;
    r.config = config;
    r.label = tr("run %1: %2").arg(r.id).arg(config.label());
    r.total = config.trainer.steps;
    runs_.push_back(r);
    stop_.store(false);
    pause_.store(false);
    running_ = true;
    TrainingWorker* w = worker_;
    const int id = r.id;
    QMetaObject::invokeMethod(worker_, [w, id, config, data] { w->run(id, config, data); },
                              Qt::QueuedConnection);
    emit runStarted(id);
    emit runningChanged(true);
    return true;
}

void TrainingController::setPaused(bool paused) { pause_.store(paused); }

void TrainingController::stop() {
    stop_.store(true);
    pause_.store(false);
}

void TrainingController::clearRuns() {
    if (running_) {
        // Keep the run in progress; drop the finished ones.
        runs_.erase(runs_.begin(), runs_.end() - 1);
    } else {
        runs_.clear();
    }
    emit runsCleared();
}

const TrainingRun* TrainingController::run(int id) const {
    for (const auto& r : runs_)
        if (r.id == id) return &r;
    return nullptr;
}

TrainingRun* TrainingController::find(int id) {
    for (auto& r : runs_)
        if (r.id == id) return &r;
    return nullptr;
}

void TrainingController::onProgress(const TrainingUpdate& u) {
    TrainingRun* r = find(u.run);
    if (!r) return;
    r->records.insert(r->records.end(), u.records.begin(), u.records.end());
    r->elapsed_ms = u.elapsed_ms;
    emit runUpdated(u.run);
}

void TrainingController::onFinished(const TrainingFinished& f) {
    running_ = false;
    if (TrainingRun* r = find(f.run)) {
        r->status = f.summary.status;
        r->message = QString::fromStdString(f.summary.message);
        r->test_accuracy = f.summary.test_accuracy;
    }
    emit runFinished(f.run);
    emit runningChanged(false);
}

void TrainingController::onFailed(int run, const QString& message) {
    running_ = false;
    if (TrainingRun* r = find(run)) {
        r->status = TrainStatus::InvalidInput;
        r->message = message;
    }
    emit runFinished(run);
    emit runningChanged(false);
}

}  // namespace equilab
