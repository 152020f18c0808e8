#include "decision_boundary_view.h"

#include <qcustomplot.h>

#include <cmath>

namespace equilab {

DecisionBoundaryView::DecisionBoundaryView(QWidget* parent)
    : PlotView(tr("Decision boundary"), parent) {
    setObjectName(QStringLiteral("decision_boundary"));
    setAxisLabels(tr("x₁"), tr("x₂"));
    map_ = new QCPColorMap(plot()->xAxis, plot()->yAxis);
    map_->setName(tr("predicted class"));
    map_->setInterpolate(false);
    map_->removeFromLegend();
    map_->data()->clear();  // nothing drawn before the first snapshot
    setEmptyText(tr("Shown while training on a 2-D dataset\n(moons, circles, spirals, xor, blobs)."));
    setToolTip(tr("Click a point to explore the model on that input in every view."));
    connect(plot(), &QCustomPlot::mousePress, this, [this](QMouseEvent* e) { pressAt_ = e->position().toPoint(); });
    connect(plot(), &QCustomPlot::mouseRelease, this, [this](QMouseEvent* e) {
        const QPoint at = e->position().toPoint();
        if (e->button() != Qt::LeftButton || (at - pressAt_).manhattanLength() > 4 || grid_.resolution < 2) return;
        emit pointClicked(QPointF(plot()->xAxis->pixelToCoord(at.x()), plot()->yAxis->pixelToCoord(at.y())));
    });
}

QString DecisionBoundaryView::cellText(double value) const {
    return QString::number(std::lround(value));
}

void DecisionBoundaryView::setData(const Dataset& train) {
    // Drop the old points (every graph), keep the map.
    plot()->clearGraphs();
    classes_ = std::max(2, train.classes);
    // Pale class colours for the regions, strong ones for the points.
    QCPColorGradient g;
    g.clearColorStops();
    for (int c = 0; c < classes_; ++c) {
        QColor col = seriesColor(c);
        col = QColor::fromHsvF(col.hsvHueF(), 0.25, 1.0);
        g.setColorStopAt(classes_ == 1 ? 0 : double(c) / (classes_ - 1), col);
    }
    g.setLevelCount(std::max(2, classes_));
    map_->setGradient(g);
    map_->setDataRange(QCPRange(0, classes_ - 1));
    if (train.features() != 2) {
        setTitle(tr("Decision boundary (2-D datasets only)"));
        map_->data()->clear();
        requestReplot();
        return;
    }
    setTitle(tr("Decision boundary"));
    for (int c = 0; c < classes_; ++c) {
        QCPGraph* pts = plot()->addGraph();
        pts->setName(tr("class %1").arg(c));
        pts->setLineStyle(QCPGraph::lsNone);
        pts->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(seriesColor(c).darker(120), 1.2),
                                             QBrush(seriesColor(c)), 5));
        QVector<double> x, y;
        for (Index i = 0; i < train.size(); ++i)
            if (train.labels(i) == c) {
                x.append(train.X(0, i));
                y.append(train.X(1, i));
            }
        pts->setData(x, y);
    }
    const BoundaryGrid g0 = boundaryGridFor(train, 2);
    plot()->xAxis->setRange(g0.xlo, g0.xhi);
    plot()->yAxis->setRange(g0.ylo, g0.yhi);
    requestReplot();
}

void DecisionBoundaryView::setSnapshot(const TrainingSnapshot& s) {
    const BoundaryGrid& g = s.boundary;
    if (g.resolution < 2 || g.classes.size() != static_cast<size_t>(g.resolution * g.resolution)) return;
    grid_ = g;
    map_->data()->setSize(g.resolution, g.resolution);
    map_->data()->setRange(QCPRange(g.xlo, g.xhi), QCPRange(g.ylo, g.yhi));
    for (int j = 0; j < g.resolution; ++j)
        for (int i = 0; i < g.resolution; ++i)
            map_->data()->setCell(i, j, g.classes[static_cast<size_t>(j * g.resolution + i)]);
    setTitle(tr("Decision boundary at step %1").arg(s.step));
    requestReplot();
}

}  // namespace equilab
