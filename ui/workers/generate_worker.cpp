#include "ui/workers/generate_worker.h"

#include <QElapsedTimer>

#include "core/internal/cancellation.h"
#include "core/model/model.h"

namespace equilab {

void GenerateWorker::processRequests() {
    const auto fence = thread_->enter();
    std::optional<GenerateRequest> r = inbox_->takeLatest();
    if (!r) return;
    const quint64 generation = r->generation;
    auto stale = [this, generation] { return latest_->load() != generation; };
    if (stale()) return retire(generation);  // superseded before it started
    emit started();
    QElapsedTimer clock;
    clock.start();
    GenerateResult out;
    out.generation = generation;
    out.kind = r->kind;
    out.text = r->text;
    try {
        // The spectral norm inside the generators stops at its next product once stale.
        const ScopedCancellation scope(stale);
        if (r->kind == GenerateRequest::Kind::ReplaceA) {
            out.A = generateMatrix(r->generator, r->hidden, r->norm, r->seed, r->reflections);
        } else if (r->kind == GenerateRequest::Kind::ScaleA) {
            out.start = r->fromAScale == 1.0
                            ? r->fromA
                            : std::make_shared<const Matrix>(r->fromAScale * *r->fromA);
            out.normA = spectralNorm(*out.start);
            out.target = r->target;
        } else {
            r->from.model.A = r->fromAScale * *r->fromA;
            out.scenario = resizedScenario(r->from, r->hidden, r->input, r->seed);
        }
    } catch (const OperationCancelled&) {
        r->fromA.reset();
        return retire(generation);
    }
    r->fromA.reset();  // released here, not on the GUI thread
    if (stale()) return retire(generation);
    out.seconds = clock.nsecsElapsed() * 1e-9;
    outbox_->post(std::move(out));
    emit posted();
}

void GenerateWorker::retire(quint64 generation) {
    GenerateResult out;
    out.generation = generation;
    out.stale = true;
    outbox_->post(std::move(out));
    emit posted();
}

GenerateController::GenerateController(QObject* parent)
    : QObject(parent),
      host_(QStringLiteral("equilab-generate"), this, &GenerateController::drainOutbox,
            [this](auto* thread, auto* inbox, auto* outbox) {
                return new GenerateWorker(thread, &latest_, inbox, outbox);
            }) {
    host_.connectWorker(&GenerateWorker::started, this, &GenerateController::started);
}

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
        if (r.stale || r.generation != pending_ || !busy_) {
            emit dropped();
            continue;
        }
        result_ = std::move(r);
        setBusy(false);
        emit finished();
    }
}

}  // namespace equilab
