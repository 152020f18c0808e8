#include "convergence_view.h"

#include <qcustomplot.h>

#include <cmath>

namespace equilab {

ConvergenceView::ConvergenceView(QWidget* parent) : PlotView(tr("Convergence"), parent) {
    setObjectName(QStringLiteral("convergenceView"));
    setAxisLabels(tr("iteration k"), tr("residual ‖φ(w_k) − w_k‖"));
    setLogY(true);
}

void ConvergenceView::setResult(const SolveResult& result) {
    plot()->clearGraphs();
    const auto& res = result.summary.residuals;
    QVector<double> k, r;
    for (size_t t = 0; t < res.size(); ++t) {
        // A log axis shows positive finite values only.
        if (!(res[t] > 0) || !std::isfinite(res[t])) continue;
        k.append(static_cast<double>(t));
        r.append(res[t]);
    }
    QCPGraph* g = plot()->addGraph();
    g->setName(tr("residual (%1)").arg(QString::fromStdString(toString(result.summary.method))));
    g->setPen(QPen(seriesColor(0), 2));
    g->setData(k, r, true);

    const double q = result.certificate.contraction_bound;
    if (q < 1 && !res.empty() && res.front() > 0) {
        QVector<double> bk, b;
        const double c = res.front() / (1 - q);
        for (size_t t = 0; t < res.size(); ++t) {
            const double v = c * std::pow(q, static_cast<double>(t));
            if (!(v > 0)) break;
            bk.append(static_cast<double>(t));
            b.append(v);
        }
        QCPGraph* bound = plot()->addGraph();
        bound->setName(tr("Banach bound qᵏ‖w₁−w₀‖/(1−q), q = %1").arg(q, 0, 'g', 3));
        bound->setPen(QPen(QColor(120, 120, 120), 1.4, Qt::DashLine));
        bound->setData(bk, b, true);
    }
    rescale();
    requestReplot();
}

}  // namespace equilab
