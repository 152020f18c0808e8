#include "ui/training/hypergrad_worker.h"

namespace equilab {

void HypergradWorker::processRequests() {
    serveNewestRequest(
        thread_, latest_, inbox_, outbox_, false,
        [](const HypergradRequest& r, const auto& cancelled) {
            HypergradSweepResult out;
            out.sweep = hypergradientSweep(r.params, r.X, r.targets, r.max_iterations, cancelled);
            return out;
        },
        [this] { emit posted(); });
}

HypergradController::HypergradController(QObject* parent)
    : QObject(parent),
      host_(QStringLiteral("equilab-hypergrad"), this, &HypergradController::drainOutbox) {}

void HypergradController::drainOutbox() {
    host_.drain([this](const HypergradSweepResult& r) { emit finished(r.sweep, r.generation); });
}

}  // namespace equilab
