#include "ui/training/training_worker.h"

#include <QElapsedTimer>
#include <QThread>

#include <algorithm>

#include "core/solvers/batched.h"

namespace equilab {

namespace {
constexpr int kUpdateMs = 50;     // progress batches
constexpr int kSnapshotMs = 250;  // model snapshots
constexpr int kBoundaryResolution = 80;
}  // namespace

BoundaryGrid boundaryGridFor(const Dataset& d, int resolution) {
    BoundaryGrid g;  // resolution 0: no boundary (the plane of inputs exists for 2 features only)
    if (d.features() != 2 || d.size() == 0) return g;
    g.resolution = resolution;
    const double xlo = d.X.row(0).minCoeff(), xhi = d.X.row(0).maxCoeff();
    const double ylo = d.X.row(1).minCoeff(), yhi = d.X.row(1).maxCoeff();
    const double px = 0.1 * std::max(xhi - xlo, 1e-3), py = 0.1 * std::max(yhi - ylo, 1e-3);
    g.xlo = xlo - px;
    g.xhi = xhi + px;
    g.ylo = ylo - py;
    g.yhi = yhi + py;
    return g;
}

template <typename Scalar>
void predictGrid(const Trainer<Scalar>& trainer, BoundaryGrid* g) {
    const int r = g->resolution;
    if (r < 2 || trainer.params().B.cols() != 2) return;  // the grid's points are 2-D inputs
    MatrixT<Scalar> X(2, r * r);
    for (int j = 0; j < r; ++j)
        for (int i = 0; i < r; ++i) {
            X(0, j * r + i) = static_cast<Scalar>(g->xlo + (g->xhi - g->xlo) * i / (r - 1));
            X(1, j * r + i) = static_cast<Scalar>(g->ylo + (g->yhi - g->ylo) * j / (r - 1));
        }
    const Matrix Z = trainer.scores(X).template cast<double>();  // Trainer::predict's pass
    g->classes.resize(static_cast<size_t>(r * r));
    for (Index k = 0; k < Z.cols(); ++k) {
        Index arg;
        Z.col(k).maxCoeff(&arg);
        g->classes[static_cast<size_t>(k)] = static_cast<int>(arg);
    }
    g->classCount = 0;
    g->probabilities.clear();
    if (trainer.regression() || Z.rows() < 2) return;
    const int K = static_cast<int>(Z.rows());
    g->classCount = K;
    g->probabilities.resize(static_cast<size_t>(K) * r * r);
    for (Index k = 0; k < Z.cols(); ++k) {
        // Softmax, shifted by the largest score so that exp never overflows.
        const Vector e = (Z.col(k).array() - Z.col(k).maxCoeff()).exp().matrix();
        const double sum = e.sum();
        for (int c = 0; c < K; ++c)
            g->probabilities[static_cast<size_t>(c) * r * r + static_cast<size_t>(k)] = e(c) / sum;
    }
}

template void predictGrid(const Trainer<float>&, BoundaryGrid*);
template void predictGrid(const Trainer<double>&, BoundaryGrid*);

template <typename Scalar>
TrainingSnapshot TrainingWorker::makeSnapshot(int runId, const Trainer<Scalar>& t,
                                              const DatasetSplit& data,
                                              const BoundaryGrid& grid) const {
    TrainingSnapshot s;
    s.run = runId;
    s.step = static_cast<int>(t.summary().history.size());
    s.params = t.params().template cast<double>();
    if (grid.resolution > 0) {
        s.boundary = grid;
        predictGrid(t, &s.boundary);
    }
    if (data.test.image_width > 0) {
        const Index n = std::min<Index>(kDigits, data.test.size());
        const IndexVector pred = t.predict(data.test.X.leftCols(n));
        s.digitPredictions.assign(pred.data(), pred.data() + pred.size());
    }
    return s;
}

void TrainingWorker::processRequests() {
    const auto fence = thread_->enter();
    for (TrainingRequest& r : inbox_->takeAll()) run(r.run, r.config);
}

void TrainingWorker::post(TrainingEvent e) {
    outbox_->post(std::move(e));
    emit posted();
}

void TrainingWorker::run(int runId, const TrainingConfig& config) {
    // The dataset is loaded here, off the GUI thread (MNIST: 60 000 images read and checked).
    post(TrainingProgress{runId,
                          tr("loading %1…").arg(QString::fromStdString(config.data.dataset))});
    QElapsedTimer clock;
    clock.start();
    auto data = std::make_shared<DatasetSplit>();
    std::string why;
    DataSpec spec = config.data;
    spec.float32 = config.float32;  // a float32 run refuses values float32 cannot hold
    if (!loadTrainingData(spec, data.get(), &why)) {
        post(TrainingFailed{runId, QString::fromStdString(why)});
        return;
    }
    post(TrainingDataLoaded{runId, data, clock.nsecsElapsed() * 1e-6});
    post(TrainingProgress{runId, QString()});
    if (config.float32)
        runWith<float>(runId, config, *data);
    else
        runWith<double>(runId, config, *data);
}

template <typename Scalar>
void TrainingWorker::runWith(int runId, const TrainingConfig& config, const DatasetSplit& data) {
    Trainer<Scalar> trainer;
    std::string why;
    if (!trainer.init(config.trainer, data, &why)) {
        post(TrainingFailed{runId, QString::fromStdString(why)});
        return;
    }
    const BoundaryGrid grid = boundaryGridFor(data.train, kBoundaryResolution);
    QElapsedTimer clock, lastUpdate, lastSnapshot;
    clock.start();
    lastUpdate.start();
    lastSnapshot.start();
    TrainingUpdate batch;
    batch.run = runId;
    batch.total = config.trainer.steps;
    auto flush = [&] {
        batch.elapsed_ms = static_cast<double>(clock.elapsed());
        post(batch);
        batch.records.clear();
        lastUpdate.restart();
    };
    post(makeSnapshot(runId, trainer, data, grid));
    int snapshotStep = 0;
    auto snapshot = [&] {
        post(makeSnapshot(runId, trainer, data, grid));
        snapshotStep = batch.step;
        lastSnapshot.restart();
    };
    // Pacing (TrainingPaceControl): the origin of the schedule and the steps since then.
    QElapsedTimer paceClock;
    paceClock.start();
    double pacedRate = 0;
    int pacedSteps = 0;
    auto stopping = [&] { return stop_->load(); };
    trainer.run([&](const StepRecord& r) {
        batch.records.push_back(r);
        batch.step = r.step;
        const double rate = pace_ ? pace_->steps_per_second.load() : 0.0;
        const bool slow = rate > 0 && rate <= kFlushEveryStepRate;
        if (slow || lastUpdate.elapsed() >= kUpdateMs) flush();
        if ((rate > 0 && rate <= kSnapshotEveryStepRate) || lastSnapshot.elapsed() >= kSnapshotMs)
            snapshot();
        // Paused with step tokens left (several Steps, or a recording's frames ahead): the next
        // step at once, shown only where the tokens run out.
        auto takeStepToken = [&] {
            if (!pace_) return false;
            int tokens = pace_->step_tokens.load();
            while (tokens > 0 && !pace_->step_tokens.compare_exchange_weak(tokens, tokens - 1)) {
            }
            return tokens > 0;
        };
        if (pause_->load() && !stopping() && !takeStepToken()) {
            // Show where the run stands, then wait for resume, stop or a step token.
            if (!batch.records.empty()) flush();
            if (snapshotStep != batch.step) snapshot();
            while (pause_->load() && !stopping()) {
                if (takeStepToken()) break;  // one step, then the next callback waits again
                QThread::msleep(5);
            }
            pacedRate = 0;  // the schedule restarts after a pause
        }
        if (rate > 0 && !stopping()) {
            if (rate != pacedRate) {
                pacedRate = rate;
                pacedSteps = 0;
                paceClock.restart();
            }
            ++pacedSteps;
            const double due = 1000.0 * pacedSteps / rate;  // ms after the origin
            for (;;) {
                const double left = due - static_cast<double>(paceClock.nsecsElapsed()) * 1e-6;
                if (left <= 0 || stopping() || pause_->load() ||
                    pace_->steps_per_second.load() != rate)
                    break;
                QThread::usleep(static_cast<unsigned long>(std::min(left, 10.0) * 1000));
            }
        }
        return stopping() ? CallbackReturn::Abort : CallbackReturn::Continue;
    });
    if (!batch.records.empty() || batch.step == 0) flush();
    const TrainingSummary& s = trainer.summary();
    // The run's last step may have stopped before the callback (a non-finite value).
    if (!s.history.empty() && (batch.step != s.history.back().step)) {
        batch.records.push_back(s.history.back());
        batch.step = s.history.back().step;
        flush();
    }
    post(makeSnapshot(runId, trainer, data, grid));
    TrainingFinished f;
    f.run = runId;
    f.summary = s;
    f.summary.history.clear();
    post(std::move(f));
}

}  // namespace equilab
