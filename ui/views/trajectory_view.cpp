#include "ui/views/trajectory_view.h"

#include <qcustomplot.h>

namespace equilab {

TrajectoryView::TrajectoryView(QWidget* parent) : PlotView(tr("Trajectories"), parent) {
    setObjectName(QStringLiteral("trajectories"));
    setAxisLabels(tr("iteration k"), tr("component of wₖ"));
    setIntegerTicks(plot()->xAxis);
    cursorLine_ = new QCPItemStraightLine(plot());
    cursorLine_->setPen(QPen(QColor(255, 160, 0), 2, Qt::DashLine));  // as the phase plane's ring
    cursorLine_->setVisible(false);
}

void TrajectoryView::setResult(const SolveResultPtr& result) {
    result_ = result;
    redraw();
    rescale();
    requestReplot();
}

void TrajectoryView::setCursor(int k) {
    if (k == cursor_) return;
    cursor_ = k;
    redraw();
    requestReplot();
}

void TrajectoryView::redraw() {
    const auto& iterates = result_->summary.iterates;
    const int n = iterates.empty() ? 0 : static_cast<int>(iterates.front().size());
    const int shown = std::min(n, kMaxComponents);
    const int last = cursor_ < 0 ? static_cast<int>(iterates.size()) - 1
                                 : std::min(cursor_, static_cast<int>(iterates.size()) - 1);
    if (plot()->graphCount() != shown) {
        plot()->clearGraphs();
        for (int i = 0; i < shown; ++i) {
            QCPGraph* g = plot()->addGraph();
            g->setName(QStringLiteral("w%1").arg(i + 1));
            g->setPen(QPen(seriesColor(i), 1.6));
        }
    }
    const int stride = displayStride(static_cast<size_t>(last + 1));
    for (int i = 0; i < shown; ++i) {
        QVector<double> k, v;
        for (int t = 0; t <= last; t = (t == last || t + stride <= last) ? t + stride : last) {
            const double value = iterates[static_cast<size_t>(t)](i);
            if (!std::isfinite(value)) break;  // nothing non-finite reaches the plot
            k.append(t);
            v.append(value);
        }
        plot()->graph(i)->setData(k, v, true);
    }
    setTitle(shown < n ? tr("Trajectories (first %1 of %2 components)").arg(shown).arg(n)
                       : tr("Trajectories"));
    plot()->legend->setVisible(shown > 0 && shown <= 8);
    // The current iterate during playback.
    cursorLine_->setVisible(cursor_ >= 0 && last >= 0);
    cursorLine_->point1->setCoords(last, 0);
    cursorLine_->point2->setCoords(last, 1);
}

}  // namespace equilab
