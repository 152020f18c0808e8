#include "ui/workers/generate_worker.h"

#include <QElapsedTimer>

#include "core/cancellation.h"

namespace equilab {

void GenerateWorker::processRequests() {
    const auto fence = thread_->enter();
    std::optional<GenerateRequest> r = inbox_->takeLatest();
    if (!r) return;
    const quint64 generation = r->generation;
    auto stale = [this, generation] { return latest_->load() != generation; };
    if (stale()) return;  // superseded before it started
    QElapsedTimer clock;
    clock.start();
    GenerateResult out;
    out.generation = generation;
    out.kind = r->kind;
    out.text = r->text;
    try {
        // The spectral norm inside the generators stops at its next product once stale.
        const ScopedCancellation scope(stale);
        if (r->kind == GenerateRequest::Kind::ReplaceA)
            out.A = generateMatrix(r->generator, r->hidden, r->norm, r->seed, r->reflections);
        else {
            r->from.model.A = r->fromAScale * *r->fromA;
            out.scenario = resizedScenario(r->from, r->hidden, r->input, r->seed);
        }
    } catch (const OperationCancelled&) {
        return;
    }
    r->fromA.reset();  // released here, not on the GUI thread
    if (stale()) return;
    out.seconds = clock.nsecsElapsed() * 1e-9;
    outbox_->post(std::move(out));
    emit posted();
}

GenerateController::GenerateController(QObject* parent) : QObject(parent) {
    worker_ = new GenerateWorker(&thread_, &latest_, &inbox_, &outbox_);
    worker_->moveToThread(&thread_);
    connect(this, &GenerateController::requestPosted, worker_, &GenerateWorker::processRequests,
            Qt::QueuedConnection);
    connect(worker_, &GenerateWorker::posted, this, &GenerateController::drainOutbox,
            Qt::QueuedConnection);
    thread_.start();
}

GenerateController::~GenerateController() {
    latest_.store(~quint64(0));  // stops whatever runs
    thread_.stop();
    delete worker_;
}

void GenerateController::request(GenerateRequest r) {
    r.generation = ++pending_;
    latest_.store(r.generation);
    inbox_.replace(std::move(r));
    emit requestPosted(QPrivateSignal());
    setBusy(true);
}

void GenerateController::cancel() {
    if (!busy_) return;
    latest_.store(++pending_);
    setBusy(false);
}

void GenerateController::setBusy(bool busy) {
    if (busy == busy_) return;
    busy_ = busy;
    emit busyChanged(busy);
}

void GenerateController::drainOutbox() {
    for (GenerateResult& r : outbox_.takeAll()) {
        if (r.generation != pending_ || !busy_) continue;  // stale
        result_ = std::move(r);
        setBusy(false);
        emit finished();
    }
}

}  // namespace equilab
