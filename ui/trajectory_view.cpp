#include "trajectory_view.h"

#include <qcustomplot.h>

namespace equilab {

TrajectoryView::TrajectoryView(QWidget* parent) : PlotView(tr("Trajectories"), parent) {
    setObjectName(QStringLiteral("trajectoryView"));
    setAxisLabels(tr("iteration k"), tr("component of w_k"));
}

void TrajectoryView::setResult(const SolveResult& result) {
    const auto& iterates = result.summary.iterates;
    const int n = iterates.empty() ? 0 : static_cast<int>(iterates.front().size());
    const int shown = std::min(n, kMaxComponents);
    plot()->clearGraphs();
    for (int i = 0; i < shown; ++i) {
        QVector<double> k, v;
        k.reserve(static_cast<int>(iterates.size()));
        v.reserve(static_cast<int>(iterates.size()));
        for (size_t t = 0; t < iterates.size(); ++t) {
            const double value = iterates[t](i);
            if (!std::isfinite(value)) break;  // nothing non-finite reaches the plot
            k.append(static_cast<double>(t));
            v.append(value);
        }
        QCPGraph* g = plot()->addGraph();
        g->setName(QStringLiteral("w%1").arg(i + 1));
        g->setPen(QPen(seriesColor(i), 1.6));
        g->setData(k, v, true);
    }
    setTitle(shown < n ? tr("Trajectories (first %1 of %2 components)").arg(shown).arg(n)
                       : tr("Trajectories"));
    plot()->legend->setVisible(shown > 0 && shown <= 8);
    rescale();
    requestReplot();
}

}  // namespace equilab
