#include "ui/workers/orbit_worker.h"

#include <QElapsedTimer>

#include <algorithm>

namespace equilab {

void OrbitWorker::processRequests() {
    const auto fence = thread_->enter();
    if (std::optional<OrbitRequest> r = inbox_->takeLatest()) compute(*r);
}

void OrbitWorker::compute(const OrbitRequest& r) {
    auto cancelled = [this, &r] { return latest_->load() != r.generation; };
    QElapsedTimer clock;
    clock.start();
    const std::vector<std::vector<int>> stages = orbitStages(r.options.count);
    for (size_t s = 0; s < stages.size(); ++s) {
        OrbitStage stage;
        stage.generation = r.generation;
        for (int k : stages[s]) {
            if (cancelled()) return;
            stage.columns.push_back(computeOrbitColumn(r.model, r.x, r.w0, r.options, k));
        }
        stage.last = s + 1 == stages.size();
        stage.seconds = clock.nsecsElapsed() * 1e-9;
        outbox_->post(std::move(stage));
        emit posted();
    }
}

OrbitController::OrbitController(QObject* parent)
    : QObject(parent),
      host_(QStringLiteral("equilab-orbit"), this, &OrbitController::drainOutbox,
            [this](auto* thread, auto* inbox, auto* outbox) {
                return new OrbitWorker(thread, &latest_, inbox, outbox);
            }) {}

OrbitController::~OrbitController() {
    latest_.store(~quint64(0));
    host_.stop();
}

bool OrbitController::request(const Model& model, const Vector& x, const Vector& w0,
                              const OrbitOptions& options, QString* error) {
    std::string why;
    if (!options.IsValidFor(model, &why)) {
        if (error) *error = QString::fromStdString(why);
        return false;
    }
    const quint64 gen = ++pending_;
    latest_.store(gen);
    diagram_ = OrbitDiagram{};
    diagram_.options = options;
    seconds_ = 0;
    host_.replace(OrbitRequest{gen, model, x, w0, options});
    setBusy(true);
    emit updated();  // the old diagram is gone
    return true;
}

void OrbitController::cancel() {
    latest_.store(++pending_);
    setBusy(false);
}

void OrbitController::setBusy(bool busy) {
    if (busy == busy_) return;
    busy_ = busy;
    emit busyChanged(busy);
}

void OrbitController::drainOutbox() {
    bool changed = false;
    for (OrbitStage& s : host_.takeAll()) {
        if (s.generation != pending_) continue;  // superseded
        diagram_.columns.insert(diagram_.columns.end(), std::make_move_iterator(s.columns.begin()),
                                std::make_move_iterator(s.columns.end()));
        seconds_ = s.seconds;
        diagram_.complete = s.last;
        changed = true;
    }
    if (!changed) return;
    std::sort(diagram_.columns.begin(), diagram_.columns.end(),
              [](const OrbitColumn& a, const OrbitColumn& b) { return a.index < b.index; });
    emit updated();
    if (diagram_.complete) setBusy(false);
}

}  // namespace equilab
