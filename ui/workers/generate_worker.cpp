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

GenerateController::GenerateController(QObject* parent)
    : QObject(parent),
      host_(QStringLiteral("equilab-generate"), this, &GenerateController::drainOutbox,
            [this](auto* thread, auto* inbox, auto* outbox) {
                return new GenerateWorker(thread, &latest_, inbox, outbox);
            }) {}

GenerateController::~GenerateController() {
    latest_.store(~quint64(0));  // stops whatever runs
    host_.stop();
}

void GenerateController::request(GenerateRequest r) {
    r.generation = ++pending_;
    latest_.store(r.generation);
    host_.replace(std::move(r));
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
    for (GenerateResult& r : host_.takeAll()) {
        if (r.generation != pending_ || !busy_) continue;  // stale
        result_ = std::move(r);
        setBusy(false);
        emit finished();
    }
}

}  // namespace equilab
