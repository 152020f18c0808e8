#include "ui/training/hypergrad_worker.h"

namespace equilab {

void HypergradWorker::processRequests() {
    const auto fence = thread_->enter();
    std::optional<HypergradRequest> r = inbox_->takeLatest();
    if (!r) return;
    const quint64 gen = r->generation;
    auto cancelled = [this, gen] { return latest_->load() != gen; };
    if (cancelled()) return;
    HypergradSweepResult out;
    out.generation = gen;
    if (r->study) {
        DatasetSplit data;
        if (!loadTrainingData(r->data, &data, nullptr) || data.train.size() == 0) {
            outbox_->post(std::move(out));  // incomplete: nothing to sweep
            emit posted();
            return;
        }
        const Index n = std::min<Index>(r->max_samples, data.train.size());
        r->params =
            studyModel(r->hidden, r->radius, r->seed, data.train.features(), data.train.classes);
        r->X = data.train.X.leftCols(n);
        r->targets.labels = data.train.labels.head(n);
    }
    out.sweep = hypergradientSweep(r->params, r->X, r->targets, r->max_iterations, cancelled);
    if (cancelled()) return;
    outbox_->post(std::move(out));
    emit posted();
}

HypergradController::HypergradController(QObject* parent)
    : QObject(parent),
      host_(QStringLiteral("equilab-hypergrad"), this, &HypergradController::drainOutbox,
            [this](auto* thread, auto* inbox, auto* outbox) {
                return new HypergradWorker(thread, &latest_, inbox, outbox);
            }) {}

HypergradController::~HypergradController() {
    latest_.store(~quint64(0));  // cancels the sweep that runs
    host_.stop();
}

quint64 HypergradController::request(HypergradRequest r) {
    r.generation = ++generation_;
    latest_.store(r.generation);
    const quint64 gen = r.generation;
    host_.replace(std::move(r));
    return gen;
}

void HypergradController::drainOutbox() {
    for (HypergradSweepResult& r : host_.takeAll())
        if (r.generation == generation_) emit finished(r.sweep, r.generation);
}

}  // namespace equilab
