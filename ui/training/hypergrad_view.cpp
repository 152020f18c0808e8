#include "ui/training/hypergrad_view.h"

#include "ui/views/curve_overlap.h"

#include <qcustomplot.h>

#include <cmath>

namespace equilab {

HypergradView::HypergradView(QWidget* parent)
    : PlotView(tr("Hypergradient error against T = K"), parent),
      controller_(new HypergradController(this)) {
    connect(controller_, &HypergradController::finished, this, &HypergradView::show);
    setObjectName(QStringLiteral("hypergradient_error"));
    setAxisLabels(tr("iterations T = K"), tr("relative error ‖g − g*‖/‖g*‖"));
    setLogY(true);
    setIntegerTicks(plot()->xAxis);
    setEmptyText(tr("Computing the hypergradient errors…"));
}

void HypergradView::compute(const ModelParams<double>& params, const Dataset& train) {
    computing_ = true;
    setEmptyText(tr("Computing the hypergradient errors…"));
    setPendingText(tr("computing the hypergradient errors…"));
    const Index n = std::min<Index>(kMaxSamples, train.size());
    HypergradRequest r;
    r.params = params;
    r.X = train.X.leftCols(n);
    r.targets.labels = train.labels.head(n);
    r.max_iterations = kMaxIterations;
    generation_ = controller_->request(std::move(r));
}

void HypergradView::computeStudy(const DataSpec& spec, int hidden, double radius, unsigned seed) {
    computing_ = true;
    setEmptyText(tr("Computing the hypergradient errors…"));
    setPendingText(tr("computing the hypergradient errors…"));
    HypergradRequest r;
    r.study = true;
    r.data = spec;
    r.hidden = hidden;
    r.radius = radius;
    r.seed = seed;
    r.max_samples = kMaxSamples;
    r.max_iterations = kMaxIterations;
    generation_ = controller_->request(std::move(r));
}

void HypergradView::cancel() {
    controller_->cancel();
    computing_ = false;
    setPendingText(QString());
    setEmptyText(tr("Computed when the training run ends (the sweep would take a core from it)."));
}

void HypergradView::show(const HypergradSweep& s, quint64 generation) {
    if (generation != generation_) return;
    if (!s.complete && s.iterations.empty()) {  // the study's data could not be loaded
        computing_ = false;
        setPendingText(QString());
        setEmptyText(tr("No hypergradient errors: the training data could not be loaded."));
        return;
    }
    if (!s.complete) return;
    computing_ = false;
    setPendingText(QString());
    draw(s);
}

void HypergradView::setSweep(const HypergradSweep& s) {
    controller_->cancel();
    ++generation_;
    computing_ = false;
    setPendingText(QString());
    draw(s);
}

void HypergradView::draw(const HypergradSweep& s) {
    sweep_ = s;
    plot()->clearGraphs();
    const auto& methods = HypergradSweep::methods();
    CurveValues values;
    for (auto m : methods) values.push_back(s.errors(m));
    for (size_t k = 0; k < methods.size(); ++k) {
        QCPGraph* g = plot()->addGraph();
        g->setName(QString::fromStdString(toString(methods[k])));
        g->setPen(QPen(methodColor(methods[k]), 2));
        // A method whose errors lie on an earlier one's (phantom and neumann often do) is drawn
        // over it, dashed, and named in its legend entry, instead of hiding it.
        const CurveOverlap on = curveOverlap(values, k);
        styleOverlap(g, on,
                     on.with >= 0
                         ? QString::fromStdString(toString(methods[static_cast<size_t>(on.with)]))
                         : QString());
        const auto& e = values[k];
        for (size_t i = 0; i < e.size() && i < s.iterations.size(); ++i)
            if (e[i] > 0 && std::isfinite(e[i])) g->addData(s.iterations[i], e[i]);
    }
    const double q = s.contraction_bound;
    if (q > 0 && q < 1) {
        QCPGraph* ref = plot()->addGraph();
        ref->setName(tr("qᵏ with q = ‖A‖₂ = %1").arg(q, 0, 'f', 3));
        ref->setPen(QPen(QColor(120, 120, 120), 1.4, Qt::DashLine));
        for (int k : s.iterations) ref->addData(k, std::pow(q, k));
    }
    setTitle(tr("Hypergradient error against T = K (q = ‖A‖₂ = %1)").arg(q, 0, 'f', 3));
    rescale();
    requestReplot();
    emit sweepReady();
}

}  // namespace equilab
