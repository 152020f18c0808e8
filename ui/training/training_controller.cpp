#include "ui/training/training_controller.h"

namespace equilab {

TrainingController::TrainingController(QObject* parent)
    : QObject(parent),
      host_(QStringLiteral("equilab-train"), this, &TrainingController::drainOutbox,
            [this](auto* thread, auto* inbox, auto* outbox) {
                return new TrainingWorker(thread, &pause_, &stop_, inbox, outbox, &pace_);
            }) {}

void TrainingController::drainOutbox() {
    for (TrainingEvent& e : host_.takeAll()) {
        if (auto* u = std::get_if<TrainingUpdate>(&e))
            onProgress(*u);
        else if (auto* s = std::get_if<TrainingSnapshot>(&e))
            onSnapshot(std::move(*s));
        else if (auto* f = std::get_if<TrainingFinished>(&e))
            onFinished(*f);
        else if (auto* x = std::get_if<TrainingFailed>(&e))
            onFailed(x->run, x->message);
        else if (auto* d = std::get_if<TrainingDataLoaded>(&e)) {
            data_ = std::move(d->data);
            emit runStarted(d->run);
        } else if (auto* p = std::get_if<TrainingProgress>(&e))
            emit progress(p->what);
    }
}

void TrainingController::onSnapshot(TrainingSnapshot s) {
    lastSnapshot_ = std::move(s);
    emit snapshotReady(lastSnapshot_);
}

TrainingController::~TrainingController() {
    stop_.store(true);
    pause_.store(false);
    host_.stop();
}

bool TrainingController::start(const TrainingConfig& config, QString* error, bool paused) {
    if (running_) {
        if (error) *error = tr("a run is still going; stop it first");
        return false;
    }
    if (!config.IsValid(error)) return false;
    TrainingRun r;
    r.id = nextId_++;
    r.config = config;
    r.label = tr("run %1: %2").arg(r.id).arg(config.label());
    r.total = config.trainer.steps;
    runs_.push_back(r);
    stop_.store(false);
    pause_.store(paused);
    pace_.step_tokens.store(0);
    running_ = true;
    const int id = r.id;
    host_.post(TrainingRequest{id, config});  // the worker loads the data, then trains
    emit runningChanged(true);
    return true;
}

void TrainingController::setPaused(bool paused) {
    pace_.step_tokens.store(0);  // tokens left from an earlier pause would run on their own
    pause_.store(paused);
}

bool TrainingController::stepOnce() {
    if (!running_ || !pause_.load()) return false;
    pace_.step_tokens.fetch_add(1);
    return true;
}

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
        r->test_rmse = f.summary.test_rmse;
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
