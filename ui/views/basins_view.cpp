#include "ui/views/basins_view.h"

#include <qcustomplot.h>

#include <cmath>

#include <limits>
#include "ui/views/appearance.h"

namespace equilab {

BasinsView::BasinsView(QWidget* parent)
    : PlotView(tr("Basins: iterations to converge from w₀"), parent) {
    setObjectName(QStringLiteral("basins"));
    setAxisLabels(tr("w₀,1"), tr("w₀,2"));
    map_ = new QCPColorMap(plot()->xAxis, plot()->yAxis);
    map_->setName(tr("iterations"));
    // Viridis stops: perceptually uniform, readable in grey and for colour blindness.
    QCPColorGradient gradient;
    gradient.clearColorStops();
    gradient.setColorStopAt(0.0, QColor(0x44, 0x01, 0x54));
    gradient.setColorStopAt(0.25, QColor(0x3b, 0x52, 0x8b));
    gradient.setColorStopAt(0.5, QColor(0x21, 0x91, 0x8c));
    gradient.setColorStopAt(0.75, QColor(0x5e, 0xc9, 0x62));
    gradient.setColorStopAt(1.0, QColor(0xfd, 0xe7, 0x25));
    gradient.setNanHandling(QCPColorGradient::nhNanColor);
    gradient.setNanColor(QColor(220, 40, 40));  // diverged or capped
    map_->setInterpolate(false);
    scale_ = new QCPColorScale(plot());
    plot()->plotLayout()->addElement(1, 1, scale_);
    scale_->setLabel(tr("iterations (red: no convergence)"));
    // The colour bar as tall as the axes (its end labels inside the figure).
    auto* group = new QCPMarginGroup(plot());
    plot()->axisRect()->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    scale_->setMarginGroup(QCP::msTop | QCP::msBottom, group);
    map_->setColorScale(scale_);  // adopts the scale's gradient, so set ours afterwards
    map_->setGradient(gradient);
    Appearance::instance().stylePlot(plot());  // the colour bar too, in the current theme
    fixedPoint_ = plot()->addGraph();
    fixedPoint_->setName(tr("w*"));
    fixedPoint_->setLineStyle(QCPGraph::lsNone);
    fixedPoint_->setProperty("equilabOverColorMap", true);  // white on the map, not the page
    fixedPoint_->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssStar, QPen(Qt::white, 2), QBrush(Qt::NoBrush), 14));
    plot()->legend->setVisible(false);
    setEmptyText(tr("Basins are computed for n = 2:\nset Hidden n to 2 to see them."));
}

void BasinsView::setResult(const SolveResult& result) {
    const bool two = result.scenario.hiddenDim() == 2;
    setTitle(two ? tr("Basins: iterations to converge from w₀")
                 : tr("Basins are shown for n = 2 (this scenario has n = %1)")
                       .arg(result.scenario.hiddenDim()));
    fixedPoint_->data()->clear();
    // The star marks a fixed point only when the solve reached one (not the last iterate of a
    // cycle).
    if (two && result.summary.converged() && result.summary.fixed_point.size() == 2)
        fixedPoint_->addData(result.summary.fixed_point(0), result.summary.fixed_point(1));
    if (!two) map_->data()->clear();
    // The grid comes with the analysis, after the solve.
    setPendingText(two && result.generation > 0 ? tr("computing the basins…") : QString());
    requestReplot();
}

QString BasinsView::cellText(double value) const {
    return std::isnan(value) ? tr("no convergence (diverged or capped)") : QString::number(value);
}

void BasinsView::setAnalysis(const AnalysisResult& analysis) {
    setPendingText(QString());
    const BasinGrid& g = analysis.basins;
    if (g.resolution < 2 ||
        g.iterations.size() != static_cast<size_t>(g.resolution * g.resolution)) {
        map_->data()->clear();
        requestReplot();
        return;
    }
    map_->data()->setSize(g.resolution, g.resolution);
    map_->data()->setRange(QCPRange(g.lo, g.hi), QCPRange(g.lo, g.hi));
    int maxIt = 1, minIt = 1 << 30;
    for (int j = 0; j < g.resolution; ++j)
        for (int i = 0; i < g.resolution; ++i) {
            const int it = g.iterations[static_cast<size_t>(j * g.resolution + i)];
            maxIt = std::max(maxIt, it);
            if (it >= 0) minIt = std::min(minIt, it);
            map_->data()->setCell(i, j, it < 0 ? std::numeric_limits<double>::quiet_NaN() : it);
        }
    // When no start converges every cell is red and the bar has nothing to scale: 0 to 1.
    const bool none = minIt > maxIt;
    map_->setDataRange(none ? QCPRange(0, 1) : QCPRange(minIt, std::max(maxIt, minIt + 1)));
    scale_->setLabel(none ? tr("no start converges (all red)")
                          : tr("iterations (red: no convergence)"));
    setTitle(tr("Basins: %1").arg(QString::fromStdString(summarizeBasins(g))));
    plot()->xAxis->setRange(g.lo, g.hi);
    plot()->yAxis->setRange(g.lo, g.hi);
    requestReplot();
}

}  // namespace equilab
