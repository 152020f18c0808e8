#include "ui/training/gradient_bias_view.h"

#include <qcustomplot.h>

#include <cmath>

namespace equilab {

GradientBiasView::GradientBiasView(QWidget* parent)
    : PlotView(tr("Gradient bias against ρ(J*)"), parent),
      controller_(new GradientBiasController(this)) {
    connect(controller_, &GradientBiasController::finished, this, &GradientBiasView::show);
    setObjectName(QStringLiteral("gradient_bias"));
    setAxisLabels(tr("ρ(J*) (A scaled)"), tr("‖g − g*‖/‖g*‖ over A, B, c"));
    setLogY(true);
    setEmptyText(tr("Computing the gradient-bias map…"));
}

void GradientBiasView::compute(const ModelParams<double>& params, const Dataset& train) {
    if (train.regression) {
        setEmptyText(tr("The gradient-bias map is for classification data."));
        return;
    }
    computing_ = true;
    setEmptyText(tr("Computing the gradient-bias map…"));
    setPendingText(tr("computing the gradient-bias map…"));
    const Index n = std::min<Index>(kMaxSamples, train.size());
    GradientBiasRequest r;
    r.params = params;
    r.X = train.X.leftCols(n);
    r.targets.labels = train.labels.head(n);
    r.options = options_;
    generation_ = controller_->request(std::move(r));
}

void GradientBiasView::computeStudy(const DataSpec& spec, int hidden, double radius,
                                    unsigned seed) {
    computing_ = true;
    setEmptyText(tr("Computing the gradient-bias map…"));
    setPendingText(tr("computing the gradient-bias map…"));
    GradientBiasRequest r;
    r.study = true;
    r.data = spec;
    r.hidden = hidden;
    r.radius = radius;
    r.seed = seed;
    r.max_samples = kMaxSamples;
    r.options = options_;
    generation_ = controller_->request(std::move(r));
}

void GradientBiasView::cancel() {
    controller_->cancel();
    computing_ = false;
    setPendingText(QString());
    setEmptyText(tr("Computed when the training run ends (the map would take a core from it)."));
}

void GradientBiasView::show(const GradientBiasMap& m, quint64 generation) {
    if (generation != generation_) return;
    computing_ = false;
    setPendingText(QString());
    if (!m.complete || m.points.empty()) {
        setEmptyText(tr("No gradient-bias map: the training data could not be loaded."));
        return;
    }
    map_ = m;
    plot()->clearGraphs();
    for (size_t k = 0; k < options_.methods.size(); ++k) {
        const HypergradMethod method = options_.methods[k];
        QCPGraph* g = plot()->addGraph();
        g->setName(QString::fromStdString(toString(method)));
        g->setPen(QPen(methodColor(method), 2));
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
        for (const GradientBiasPoint& p : m.points) {
            const double e = p.relative_error[k];
            if (p.reached && e > 0 && std::isfinite(e)) g->addData(p.rho, e);
        }
    }
    setTitle(tr("Gradient bias against ρ(J*) (T = K = %1, λ = %2)")
                 .arg(options_.T)
                 .arg(options_.damping));
    rescale();
    requestReplot();
    emit mapReady();
}

}  // namespace equilab
