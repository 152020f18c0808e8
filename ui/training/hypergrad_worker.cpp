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
    out.sweep = hypergradientSweep(r->params, r->X, r->targets, r->max_iterations, cancelled);
    if (cancelled()) return;
    outbox_->post(std::move(out));
    emit posted();
}

HypergradController::HypergradController(QObject* parent) : QObject(parent) {
    worker_ = new HypergradWorker(&thread_, &latest_, &inbox_, &outbox_);
    worker_->moveToThread(&thread_);
    connect(this, &HypergradController::requestPosted, worker_, &HypergradWorker::processRequests,
            Qt::QueuedConnection);
    connect(worker_, &HypergradWorker::posted, this, &HypergradController::drainOutbox,
            Qt::QueuedConnection);
    thread_.start();
}

HypergradController::~HypergradController() {
    latest_.store(~quint64(0));  // cancels the sweep that runs
    thread_.stop();
    delete worker_;
}

quint64 HypergradController::request(HypergradRequest r) {
    r.generation = ++generation_;
    latest_.store(r.generation);
    const quint64 gen = r.generation;
    inbox_.replace(std::move(r));
    emit requestPosted(QPrivateSignal());
    return gen;
}

void HypergradController::drainOutbox() {
    for (HypergradSweepResult& r : outbox_.takeAll())
        if (r.generation == generation_) emit finished(r.sweep, r.generation);
}

}  // namespace equilab
