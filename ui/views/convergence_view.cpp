#include "ui/views/convergence_view.h"

#include <qcustomplot.h>

#include <cmath>

namespace equilab {
namespace {

void setResiduals(QCPGraph* g, const std::vector<double>& res, int last) {
    QVector<double> k, r;
    last = std::min(last, static_cast<int>(res.size()) - 1);
    const int stride = PlotView::displayStride(static_cast<size_t>(last + 1));
    for (int t = 0; t <= last; t = (t == last || t + stride <= last) ? t + stride : last) {
        // A log axis shows positive finite values only.
        if (!(res[static_cast<size_t>(t)] > 0) || !std::isfinite(res[static_cast<size_t>(t)]))
            continue;
        k.append(t);
        r.append(res[static_cast<size_t>(t)]);
    }
    g->setData(k, r, true);
}

}  // namespace

ConvergenceView::ConvergenceView(QWidget* parent) : PlotView(tr("Convergence"), parent) {
    setObjectName(QStringLiteral("convergence"));
    setAxisLabels(tr("iteration k"), tr("residual ‖φ(wₖ) − wₖ‖"));
    setLogY(true);
    setIntegerTicks(plot()->xAxis);
    cursorLine_ = new QCPItemStraightLine(plot());
    cursorLine_->setPen(QPen(QColor(255, 160, 0), 2, Qt::DashLine));  // as the phase plane's ring
    cursorLine_->setVisible(false);
}

void ConvergenceView::setResult(const SolveResultPtr& result) {
    result_ = result;
    // The certificate stage of the same solve keeps an analysis that came first.
    if (analysis_.generation != result->generation) analysis_ = AnalysisResult{};
    // The other solvers come with the analysis, seconds later for a large n.
    setPendingText(result->generation > analysis_.generation ? tr("computing the other solvers…")
                                                             : QString());
    redraw();
    rescale();
    requestReplot();
}

void ConvergenceView::setAnalysis(const AnalysisResult& analysis) {
    analysis_ = analysis;
    if (analysis.generation >= result_->generation) setPendingText(QString());
    redraw();
    rescale();
    requestReplot();
}

void ConvergenceView::setCursor(int k) {
    if (k == cursor_) return;
    cursor_ = k;
    redraw();
    requestReplot();
}

void ConvergenceView::redraw() {
    plot()->clearGraphs();
    const SolverSummary& s = result_->summary;
    const int all = 1 << 30;
    // The other solvers (thin), from the analysis.
    for (const SolverSummary& other : analysis_.comparison) {
        if (other.method == s.method) continue;
        QCPGraph* g = plot()->addGraph();
        g->setName(tr("%1 (%2 it.)")
                       .arg(QString::fromStdString(toString(other.method)))
                       .arg(other.iterations));
        g->setPen(QPen(solverColor(other.method), 1.2));
        setResiduals(g, other.residuals, cursor_ < 0 ? all : cursor_);
    }
    QCPGraph* g = plot()->addGraph();
    const double rate = s.observedRate();
    g->setName(
        tr("%1: rate %2").arg(QString::fromStdString(toString(s.method))).arg(rate, 0, 'f', 3));
    g->setPen(QPen(solverColor(s.method), 2.4));
    setResiduals(g, s.residuals, cursor_ < 0 ? all : cursor_);

    const double q = result_->certificate.contraction_bound;
    const auto& res = s.residuals;
    if (q < 1 && !res.empty() && res.front() > 0) {
        QVector<double> bk, b;
        const double c = res.front() / (1 - q);
        for (size_t t = 0; t < res.size(); ++t) {
            const double v = c * std::pow(q, static_cast<double>(t));
            if (!(v > 1e-300)) break;
            bk.append(static_cast<double>(t));
            b.append(v);
        }
        QCPGraph* bound = plot()->addGraph();
        bound->setName(tr("Banach bound, q = %1").arg(q, 0, 'g', 3));
        bound->setProperty("equilabCsvName",
                           tr("Banach bound qᵏ‖w₁−w₀‖/(1−q), q = %1").arg(q, 0, 'g', 3));
        bound->setPen(QPen(QColor(120, 120, 120), 1.4, Qt::DashLine));
        bound->setData(bk, b, true);
    }
    // The current iterate during playback (two positive y: the axis is logarithmic).
    const int last = std::min(cursor_, static_cast<int>(s.residuals.size()) - 1);
    cursorLine_->setVisible(cursor_ >= 0 && last >= 0);
    cursorLine_->point1->setCoords(last, 1);
    cursorLine_->point2->setCoords(last, 10);
}

}  // namespace equilab
