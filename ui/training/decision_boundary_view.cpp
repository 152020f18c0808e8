#include "ui/training/decision_boundary_view.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QHBoxLayout>
#include <QVBoxLayout>

#include <algorithm>
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
    shade_ = new QCPItemPixmap(plot());
    shade_->setScaled(true, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    shade_->setVisible(false);
    auto* row = new QHBoxLayout;
    row->setContentsMargins(6, 4, 6, 0);
    auto box = [this, row](const QString& text, const QString& name, const QString& tip) {
        auto* b = new QCheckBox(text, this);
        b->setObjectName(name);
        b->setToolTip(tip);
        b->setChecked(true);
        row->addWidget(b);
        connect(b, &QCheckBox::toggled, this, &DecisionBoundaryView::applyToggles);
        return b;
    };
    shading_ = box(tr("Confidence"), QStringLiteral("boundaryShading"),
                   tr("Shade each region by the probability of its class (white: undecided)."));
    contour_ = box(tr("p = 0.5"), QStringLiteral("boundaryContour"),
                   tr("Draw the contour where a class probability is one half."));
    trainPoints_ = box(tr("Training points"), QStringLiteral("boundaryTrainPoints"),
                       tr("Show the training points (filled circles)."));
    testPoints_ = box(tr("Test points"), QStringLiteral("boundaryTestPoints"),
                      tr("Show the test points (hollow diamonds)."));
    testPoints_->setChecked(false);
    row->addStretch(1);
    static_cast<QVBoxLayout*>(layout())->insertLayout(0, row);
    setEmptyText(
        tr("Shown while training on a 2-D dataset\n(moons, circles, spirals, xor, blobs)."));
    setToolTip(tr("Click a point to explore the model on that input in every view."));
    connect(plot(), &QCustomPlot::mousePress, this,
            [this](QMouseEvent* e) { pressAt_ = e->position().toPoint(); });
    connect(plot(), &QCustomPlot::mouseRelease, this, [this](QMouseEvent* e) {
        const QPoint at = e->position().toPoint();
        if (e->button() != Qt::LeftButton || (at - pressAt_).manhattanLength() > 4 ||
            grid_.resolution < 2)
            return;
        emit pointClicked(
            QPointF(plot()->xAxis->pixelToCoord(at.x()), plot()->yAxis->pixelToCoord(at.y())));
    });
}

QString DecisionBoundaryView::cellText(double value) const {
    return QString::number(std::lround(value));
}

void DecisionBoundaryView::setData(const Dataset& train) {
    // Drop the old points (every graph), keep the map.
    plot()->clearGraphs();
    trainGraphs_.clear();
    testGraphs_.clear();
    image_ = QImage();
    shade_->setVisible(false);
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
        pts->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle,
                                             QPen(seriesColor(c).darker(120), 1.2),
                                             QBrush(seriesColor(c)), 5));
        QVector<double> x, y;
        for (Index i = 0; i < train.size(); ++i)
            if (train.labels(i) == c) {
                x.append(train.X(0, i));
                y.append(train.X(1, i));
            }
        pts->setData(x, y);
        trainGraphs_.append(pts);
    }
    const BoundaryGrid g0 = boundaryGridFor(train, 2);
    plot()->xAxis->setRange(g0.xlo, g0.xhi);
    plot()->yAxis->setRange(g0.ylo, g0.yhi);
    applyToggles();
}

void DecisionBoundaryView::setTestData(const Dataset& test) {
    for (QCPGraph* g : testGraphs_) plot()->removeGraph(g);
    testGraphs_.clear();
    if (test.features() != 2 || trainGraphs_.isEmpty()) return;
    for (int c = 0; c < classes_; ++c) {
        QCPGraph* pts = plot()->addGraph();
        pts->setName(tr("test, class %1").arg(c));
        pts->setLineStyle(QCPGraph::lsNone);
        pts->setScatterStyle(QCPScatterStyle(
            QCPScatterStyle::ssDiamond, QPen(seriesColor(c).darker(140), 1.4), Qt::NoBrush, 7));
        QVector<double> x, y;
        for (Index i = 0; i < test.size(); ++i)
            if (test.labels(i) == c) {
                x.append(test.X(0, i));
                y.append(test.X(1, i));
            }
        pts->setData(x, y);
        testGraphs_.append(pts);
    }
    applyToggles();
}

QRgb DecisionBoundaryView::contourColor() const {
    return qRgb(40, 40, 40);
}

void DecisionBoundaryView::applyToggles() {
    auto show = [](QCPGraph* g, bool on) {
        g->setVisible(on);
        if (on)
            g->addToLegend();  // the legend lists only what is drawn
        else
            g->removeFromLegend();
    };
    for (QCPGraph* g : trainGraphs_) show(g, trainPoints_->isChecked());
    for (QCPGraph* g : testGraphs_) show(g, testPoints_->isChecked());
    renderShading();
    requestReplot();
}

void DecisionBoundaryView::renderShading() {
    const BoundaryGrid& g = grid_;
    const int r = g.resolution, K = g.classCount;
    const bool probs = r >= 2 && K >= 2 && g.probabilities.size() == static_cast<size_t>(K) * r * r;
    const bool shade = probs && shading_->isChecked(), contour = probs && contour_->isChecked();
    map_->setVisible(!shade);  // plain class regions when there is no shading
    if (!shade && !contour) {
        image_ = QImage();
        shade_->setVisible(false);
        return;
    }
    const int size = (r - 1) * kUpsample + 1;
    // Bilinear interpolation of every class probability at every pixel (row 0 = lowest y).
    std::vector<double> p(static_cast<size_t>(K) * size * size);
    for (int py = 0; py < size; ++py) {
        const int j = std::min(py / kUpsample, r - 2);
        const double v = static_cast<double>(py - j * kUpsample) / kUpsample;
        for (int px = 0; px < size; ++px) {
            const int i = std::min(px / kUpsample, r - 2);
            const double u = static_cast<double>(px - i * kUpsample) / kUpsample;
            for (int c = 0; c < K; ++c)
                p[(static_cast<size_t>(c) * size + py) * size + px] =
                    (1 - u) * (1 - v) * g.probability(c, i, j) +
                    u * (1 - v) * g.probability(c, i + 1, j) +
                    (1 - u) * v * g.probability(c, i, j + 1) +
                    u * v * g.probability(c, i + 1, j + 1);
        }
    }
    auto at = [&](int c, int px, int py) {
        return p[(static_cast<size_t>(c) * size + py) * size + px];
    };
    image_ = QImage(size, size, QImage::Format_ARGB32);
    image_.fill(Qt::transparent);
    for (int py = 0; py < size; ++py) {
        auto* line = reinterpret_cast<QRgb*>(image_.scanLine(size - 1 - py));
        for (int px = 0; px < size; ++px) {
            if (shade) {
                int best = 0;
                for (int c = 1; c < K; ++c)
                    if (at(c, px, py) > at(best, px, py)) best = c;
                const double q = std::clamp((at(best, px, py) - 1.0 / K) / (1 - 1.0 / K), 0.0, 1.0);
                const QColor col = seriesColor(best);
                const double m = 0.65 * q;
                line[px] = qRgb(static_cast<int>(255 + m * (col.red() - 255)),
                                static_cast<int>(255 + m * (col.green() - 255)),
                                static_cast<int>(255 + m * (col.blue() - 255)));
            }
            if (!contour) continue;
            for (int c = K == 2 ? 1 : 0; c < K; ++c) {
                const double here = at(c, px, py) - 0.5;
                const bool right = px + 1 < size && (here > 0) != (at(c, px + 1, py) - 0.5 > 0);
                const bool down = py + 1 < size && (here > 0) != (at(c, px, py + 1) - 0.5 > 0);
                if (right || down) line[px] = contourColor();
            }
        }
    }
    shade_->setPixmap(QPixmap::fromImage(image_));
    shade_->topLeft->setCoords(g.xlo, g.yhi);
    shade_->bottomRight->setCoords(g.xhi, g.ylo);
    shade_->setVisible(true);
}

void DecisionBoundaryView::setSnapshot(const TrainingSnapshot& s) {
    const BoundaryGrid& g = s.boundary;
    if (g.resolution < 2 || g.classes.size() != static_cast<size_t>(g.resolution * g.resolution))
        return;
    grid_ = g;
    map_->data()->setSize(g.resolution, g.resolution);
    map_->data()->setRange(QCPRange(g.xlo, g.xhi), QCPRange(g.ylo, g.yhi));
    for (int j = 0; j < g.resolution; ++j)
        for (int i = 0; i < g.resolution; ++i)
            map_->data()->setCell(i, j, g.classes[static_cast<size_t>(j * g.resolution + i)]);
    setTitle(tr("Decision boundary at step %1").arg(s.step));
    renderShading();
    requestReplot();
}

}  // namespace equilab
