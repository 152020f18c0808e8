#include "ui/training/gradient_bias_view.h"

#include "ui/views/curve_overlap.h"

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
    subject_.clear();
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
    subject_.clear();
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

void GradientBiasView::setMap(const GradientBiasMap& m, const GradientBiasOptions& options,
                              const QString& subject) {
    controller_->cancel();
    ++generation_;
    computing_ = false;
    setPendingText(QString());
    options_ = options;
    subject_ = subject;
    draw(m);
}

namespace {
bool plotted(const GradientBiasPoint& p, size_t k) {
    const double e = p.relative_error[k];
    return p.reached && e > 0 && std::isfinite(e);
}

// Each method's plotted errors on the grid of the map's points (0 where not plotted).
CurveValues errorCurves(const GradientBiasMap& m, size_t methods) {
    CurveValues values(methods, std::vector<double>(m.points.size(), 0.0));
    for (size_t i = 0; i < m.points.size(); ++i)
        for (size_t k = 0; k < methods && k < m.points[i].relative_error.size(); ++k)
            if (plotted(m.points[i], k)) values[k][i] = m.points[i].relative_error[k];
    return values;
}
}  // namespace

CurveOverlap GradientBiasView::coincidence(const GradientBiasMap& m, size_t k) {
    size_t methods = 0;
    for (const GradientBiasPoint& p : m.points)
        methods = std::max(methods, p.relative_error.size());
    return curveOverlap(errorCurves(m, methods), k);
}

void GradientBiasView::draw(const GradientBiasMap& m) {
    map_ = m;
    plot()->clearGraphs();
    const CurveValues values = errorCurves(m, options_.methods.size());
    for (size_t k = 0; k < options_.methods.size(); ++k) {
        const HypergradMethod method = options_.methods[k];
        QCPGraph* g = plot()->addGraph();
        g->setName(QString::fromStdString(toString(method)));
        g->setPen(QPen(methodColor(method), 2));
        const CurveOverlap on = curveOverlap(values, k);
        styleOverlap(g, on,
                     on.with >= 0 ? QString::fromStdString(
                                        toString(options_.methods[static_cast<size_t>(on.with)]))
                                  : QString());
        for (const GradientBiasPoint& p : m.points)
            if (plotted(p, k)) g->addData(p.rho, p.relative_error[k]);
    }
    const QString steps = options_.T == options_.K
                              ? QStringLiteral("T = K = %1").arg(options_.T)
                              : QStringLiteral("T = %1, K = %2").arg(options_.T).arg(options_.K);
    setTitle(subject_.isEmpty()
                 ? tr("Gradient bias against ρ(J*) (%1, λ = %2)").arg(steps).arg(options_.damping)
                 : tr("Gradient bias of %1 against ρ(J*) (%2, λ = %3)")
                       .arg(subject_, steps)
                       .arg(options_.damping));
    rescale();
    requestReplot();
    emit mapReady();
}

}  // namespace equilab
