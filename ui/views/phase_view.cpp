#include "ui/views/phase_view.h"

#include <qcustomplot.h>

namespace equilab {

PhaseView::PhaseView(QWidget* parent) : PlotView(tr("Phase portrait"), parent) {
    setObjectName(QStringLiteral("phase"));
}

void PhaseView::setResult(const SolveResultPtr& result) {
    result_ = result;
    analysis_ = AnalysisResult{};
    // The other starts come with the analysis.
    setPendingText(result->generation > 0 ? tr("computing the other starts…") : QString());
    redraw();
    rescale();
    emit rescaled();
    requestReplot();
}

void PhaseView::setAnalysis(const AnalysisResult& analysis) {
    analysis_ = analysis;
    setPendingText(QString());
    redraw();
    rescale();
    emit rescaled();
    requestReplot();
}

void PhaseView::setViewSettings(const ViewSettings& v) {
    view_ = v;
    redraw();
    rescale();
    emit rescaled();
    requestReplot();
}

void PhaseView::setCursor(int k) {
    if (k == cursor_) return;
    cursor_ = k;
    redraw();
    requestReplot();
}

QPointF PhaseView::project(const Vector& w) const {
    const Vector p = dirs_.transpose() * w;
    return {p(0), dirs_.cols() > 1 ? p(1) : 0.0};
}

void PhaseView::redraw() {
    plot()->clearPlottables();
    const auto& iterates = result_->summary.iterates;
    if (iterates.empty()) return;
    const Index n = iterates.front().size();
    if (n == 1) {
        drawCobweb();
        return;
    }
    // Directions: two chosen components, or the leading principal components of all paths.
    // (computed on the worker: the eigensolve would stall the animation for large n)
    const bool pca = n > 2 && view_.phase_pca;
    const Matrix& computed = analysis_.phaseDirections.rows() == n ? analysis_.phaseDirections
                                                                   : result_->phaseDirections;
    if (pca && computed.rows() == n && computed.cols() == 2) {
        dirs_ = computed;
        setAxisLabels(tr("principal component 1"), tr("principal component 2"));
    } else {  // two chosen components (also while the directions are not in yet)
        const int i = std::min<int>(view_.phase_i, static_cast<int>(n) - 1);
        const int j = std::min<int>(view_.phase_j, static_cast<int>(n) - 1);
        dirs_ = Matrix::Zero(n, 2);
        dirs_(i, 0) = 1;
        dirs_(j == i ? (i + 1) % n : j, 1) = 1;
        setAxisLabels(tr("w%1").arg(i + 1), tr("w%1").arg((j == i ? (i + 1) % n : j) + 1));
    }
    setTitle(pca && computed.rows() == n ? tr("Phase portrait (principal components)")
                                         : tr("Phase portrait"));

    auto addPath = [&](const std::vector<Vector>& path, int last, const QColor& color,
                       const QString& name, double width) {
        auto* curve = new QCPCurve(plot()->xAxis, plot()->yAxis);
        curve->setName(name);
        curve->setPen(QPen(color, width));
        curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 4));
        QVector<double> t, x, y;
        for (int k = 0; k <= last && k < static_cast<int>(path.size()); ++k) {
            if (!path[static_cast<size_t>(k)].allFinite()) break;
            const QPointF p = project(path[static_cast<size_t>(k)]);
            t.append(k);
            x.append(p.x());
            y.append(p.y());
        }
        curve->setData(t, x, y, true);
        return curve;
    };
    // Other starts first (thin), then the main path on top.
    // The other starts: one colour each, one legend entry for all of them.
    for (size_t s = 1; s < analysis_.starts.size(); ++s) {
        QCPCurve* c =
            addPath(analysis_.starts[s].iterates, cursor_ < 0 ? 1 << 30 : cursor_,
                    seriesColor(static_cast<int>(s) + 1), tr("from start %1").arg(s + 1), 1.0);
        if (s == 1) {
            c->setName(analysis_.starts.size() > 2
                           ? tr("from starts 2–%1").arg(analysis_.starts.size())
                           : tr("from start 2"));
            c->setProperty("equilabCsvName", tr("from start %1").arg(s + 1));
        } else {
            c->removeFromLegend();
        }
    }
    const int last = cursor_ < 0 ? static_cast<int>(iterates.size()) - 1 : cursor_;
    addPath(iterates, last, seriesColor(0), tr("path from w₀"), 2.0);

    // Markers: w₀ and the fixed point, above every path and overlay (the "markers" layer).
    if (!plot()->layer(QStringLiteral("markers")))
        plot()->addLayer(QStringLiteral("markers"), plot()->layer(QStringLiteral("main")),
                         QCustomPlot::limAbove);
    auto* marks = plot()->addGraph();
    marks->setName(result_->summary.converged() ? tr("w₀") : tr("w₀ (no fixed point reached)"));
    marks->setLineStyle(QCPGraph::lsNone);
    marks->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssSquare, QPen(Qt::black, 1.5), QBrush(Qt::white), 9));
    marks->setLayer(QStringLiteral("markers"));
    const QPointF p0 = project(iterates.front());
    marks->addData(p0.x(), p0.y());
    if (result_->summary.converged() && result_->summary.fixed_point.size() == n) {
        auto* star = plot()->addGraph();
        star->setName(tr("w*"));
        star->setLineStyle(QCPGraph::lsNone);
        star->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssStar, QPen(QColor(200, 0, 0), 2),
                                              QBrush(Qt::NoBrush), 14));
        star->setLayer(QStringLiteral("markers"));
        const QPointF ps = project(result_->summary.fixed_point);
        star->addData(ps.x(), ps.y());
    }
}

void PhaseView::drawCobweb() {
    setTitle(tr("Cobweb diagram"));
    setAxisLabels(tr("w"), tr("φ(w)"));
    const auto& it = result_->summary.iterates;
    const int last = cursor_ < 0 ? static_cast<int>(it.size()) - 1
                                 : std::min<int>(cursor_, static_cast<int>(it.size()) - 1);
    const std::vector<Vector> shown(it.begin(), it.begin() + last + 1);
    double lo = -1.2, hi = 1.2;
    for (const auto& w : shown)
        if (std::isfinite(w(0))) {
            lo = std::min(lo, w(0) - 0.1);
            hi = std::max(hi, w(0) + 0.1);
        }
    const Cobweb c = computeCobweb(result_->scenario.model, result_->scenario.x, shown, lo, hi);
    auto* phi = plot()->addGraph();
    phi->setName(tr("φ(w) = tanh(a w + b·x + c)"));
    phi->setPen(QPen(seriesColor(0), 2));
    phi->setData(QVector<double>(c.curve_w.begin(), c.curve_w.end()),
                 QVector<double>(c.curve_phi.begin(), c.curve_phi.end()), true);
    auto* diag = plot()->addGraph();
    diag->setName(tr("w = φ(w)"));
    diag->setPen(QPen(QColor(120, 120, 120), 1.2, Qt::DashLine));
    diag->setData({lo, hi}, {lo, hi}, true);
    auto* stair = new QCPCurve(plot()->xAxis, plot()->yAxis);
    stair->setName(tr("iterates"));
    stair->setPen(QPen(seriesColor(1), 1.4));
    QVector<double> t;
    for (size_t k = 0; k < c.stair_x.size(); ++k) t.append(static_cast<double>(k));
    stair->setData(t, QVector<double>(c.stair_x.begin(), c.stair_x.end()),
                   QVector<double>(c.stair_y.begin(), c.stair_y.end()), true);
}

}  // namespace equilab
