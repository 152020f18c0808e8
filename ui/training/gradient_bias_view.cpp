#include "ui/training/gradient_bias_view.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

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
    draw(m);
}

void GradientBiasView::setMap(const GradientBiasMap& m, const GradientBiasOptions& options) {
    controller_->cancel();
    ++generation_;
    computing_ = false;
    setPendingText(QString());
    options_ = options;
    draw(m);
}

namespace {
bool plotted(const GradientBiasPoint& p, size_t k) {
    const double e = p.relative_error[k];
    return p.reached && e > 0 && std::isfinite(e);
}
}  // namespace

GradientBiasView::Coincidence GradientBiasView::coincidence(const GradientBiasMap& m, size_t k) {
    // The decades the plotted errors span (at least one): "on the curve" is 1 % of them.
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (const GradientBiasPoint& p : m.points)
        for (size_t j = 0; j < p.relative_error.size(); ++j)
            if (plotted(p, j)) {
                lo = std::min(lo, std::log10(p.relative_error[j]));
                hi = std::max(hi, std::log10(p.relative_error[j]));
            }
    const double tolerance = 0.01 * std::max(1.0, hi - lo);
    Coincidence best;
    for (size_t j = 0; j < k; ++j) {
        int own = 0, on = 0;
        bool samePoints = true;
        for (const GradientBiasPoint& p : m.points) {
            samePoints = samePoints && plotted(p, j) == plotted(p, k);
            if (!plotted(p, k)) continue;
            ++own;
            if (plotted(p, j) && std::abs(std::log10(p.relative_error[k]) -
                                          std::log10(p.relative_error[j])) <= tolerance)
                ++on;
        }
        if (on == 0 || 2 * on < own) continue;
        if (samePoints && on == own) return {static_cast<int>(j), true};
        if (best.with < 0) best = {static_cast<int>(j), false};
    }
    return best;
}

void GradientBiasView::draw(const GradientBiasMap& m) {
    map_ = m;
    plot()->clearGraphs();
    for (size_t k = 0; k < options_.methods.size(); ++k) {
        const HypergradMethod method = options_.methods[k];
        QCPGraph* g = plot()->addGraph();
        QString name = QString::fromStdString(toString(method));
        QPen pen(methodColor(method), 2);
        QCPScatterStyle marker(QCPScatterStyle::ssDisc, 4);
        const Coincidence on = coincidence(m, k);
        if (on.with >= 0) {
            // Drawn over the curve it hides: dashed, with hollow markers larger than the discs.
            if (on.everywhere)
                name += QStringLiteral(" (≈ %1)").arg(QString::fromStdString(
                    toString(options_.methods[static_cast<size_t>(on.with)])));
            // Thinner than the curve under it, so that curve shows on both sides of the dashes.
            pen.setWidthF(1.0);
            pen.setDashPattern({5, 3});
            marker = QCPScatterStyle(QCPScatterStyle::ssCircle, 9);
        }
        g->setName(name);
        g->setPen(pen);
        g->setScatterStyle(marker);
        for (const GradientBiasPoint& p : m.points)
            if (plotted(p, k)) g->addData(p.rho, p.relative_error[k]);
    }
    const QString steps = options_.T == options_.K
                              ? QStringLiteral("T = K = %1").arg(options_.T)
                              : QStringLiteral("T = %1, K = %2").arg(options_.T).arg(options_.K);
    setTitle(tr("Gradient bias against ρ(J*) (%1, λ = %2)").arg(steps).arg(options_.damping));
    rescale();
    requestReplot();
    emit mapReady();
}

}  // namespace equilab
