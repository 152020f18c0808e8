#include "ui/training/gradient_bias_worker.h"

namespace equilab {

void GradientBiasWorker::processRequests() {
    serveNewestRequest(
        thread_, latest_, inbox_, outbox_, true,
        [](const GradientBiasRequest& r, const auto& cancelled) {
            GradientBiasResult out;
            out.map = gradientBiasMap(r.params, r.X, r.targets, r.options, cancelled);
            return out;
        },
        [this] { emit posted(); });
}

GradientBiasController::GradientBiasController(QObject* parent)
    : QObject(parent),
      host_(QStringLiteral("equilab-gradient-bias"), this, &GradientBiasController::drainOutbox) {}

void GradientBiasController::drainOutbox() {
    host_.drain([this](const GradientBiasResult& r) { emit finished(r.map, r.generation); });
}

}  // namespace equilab
