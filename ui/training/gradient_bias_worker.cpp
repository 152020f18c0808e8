#include "ui/training/gradient_bias_worker.h"

namespace equilab {

void GradientBiasWorker::processRequests() {
    const auto fence = thread_->enter();
    std::optional<GradientBiasRequest> r = inbox_->takeLatest();
    if (!r) return;
    const quint64 gen = r->generation;
    auto cancelled = [this, gen] { return latest_->load() != gen; };
    if (cancelled()) return;
    GradientBiasResult out;
    out.generation = gen;
    if (r->study) {
        DatasetSplit data;
        if (!loadTrainingData(r->data, &data, nullptr) || data.train.size() == 0 ||
            data.train.regression) {
            outbox_->post(std::move(out));  // incomplete: nothing to map
            emit posted();
            return;
        }
        const Index n = std::min<Index>(r->max_samples, data.train.size());
        r->params =
            studyModel(r->hidden, r->radius, r->seed, data.train.features(), data.train.classes);
        r->X = data.train.X.leftCols(n);
        r->targets.labels = data.train.labels.head(n);
    }
    out.map = gradientBiasMap(r->params, r->X, r->targets, r->options, cancelled);
    if (cancelled()) return;
    outbox_->post(std::move(out));
    emit posted();
}

GradientBiasController::GradientBiasController(QObject* parent)
    : QObject(parent),
      host_(QStringLiteral("equilab-gradient-bias"), this, &GradientBiasController::drainOutbox,
            [this](auto* thread, auto* inbox, auto* outbox) {
                return new GradientBiasWorker(thread, &latest_, inbox, outbox);
            }) {}

GradientBiasController::~GradientBiasController() {
    latest_.store(~quint64(0));
    host_.stop();
}

quint64 GradientBiasController::request(GradientBiasRequest r) {
    r.generation = ++generation_;
    latest_.store(r.generation);
    const quint64 gen = r.generation;
    host_.replace(std::move(r));
    return gen;
}

void GradientBiasController::drainOutbox() {
    for (GradientBiasResult& r : host_.takeAll())
        if (r.generation == generation_) emit finished(r.map, r.generation);
}

}  // namespace equilab
