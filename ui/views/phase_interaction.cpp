#include "ui/views/phase_interaction.h"

#include <qcustomplot.h>

#include <QMouseEvent>

#include <cmath>
#include <deque>
#include <map>

#include "ui/document/document.h"
#include "ui/views/appearance.h"
#include "ui/views/phase_view.h"

namespace equilab {

namespace {

bool sameWindow(const PlaneWindow& a, const PlaneWindow& b) {
    return a.x_lo == b.x_lo && a.x_hi == b.x_hi && a.y_lo == b.y_lo && a.y_hi == b.y_hi;
}

bool sameMatrix(const Matrix& a, const Matrix& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() && a == b;
}

// Marching-squares segments joined end to end into polylines (NaN between them), so that a
// dashed pen runs along each curve instead of restarting on every two-point piece (which drew
// the "dashed" nullclines solid). Ends match within tol.
void chainSegments(const std::vector<PlaneSegment>& segs, double tol, QVector<double>* x,
                   QVector<double>* y) {
    using Key = std::pair<long long, long long>;
    auto key = [tol](double a, double b) {
        return Key{std::llround(a / tol), std::llround(b / tol)};
    };
    std::multimap<Key, size_t> ends;
    for (size_t i = 0; i < segs.size(); ++i) {
        ends.emplace(key(segs[i].x0, segs[i].y0), i);
        ends.emplace(key(segs[i].x1, segs[i].y1), i);
    }
    std::vector<bool> used(segs.size(), false);
    // The unused segment other than `from` with an end at (px, py); *reversed: it starts there.
    auto next = [&](double px, double py, bool* atStart) -> long long {
        const auto range = ends.equal_range(key(px, py));
        for (auto it = range.first; it != range.second; ++it)
            if (!used[it->second]) {
                const PlaneSegment& s = segs[it->second];
                *atStart = key(s.x0, s.y0) == it->first;
                return static_cast<long long>(it->second);
            }
        return -1;
    };
    for (size_t i = 0; i < segs.size(); ++i) {
        if (used[i]) continue;
        used[i] = true;
        std::deque<QPointF> line{{segs[i].x0, segs[i].y0}, {segs[i].x1, segs[i].y1}};
        for (int side = 0; side < 2; ++side) {
            for (;;) {
                const QPointF end = side == 0 ? line.back() : line.front();
                bool atStart = false;
                const long long k = next(end.x(), end.y(), &atStart);
                if (k < 0) break;
                used[static_cast<size_t>(k)] = true;
                const PlaneSegment& s = segs[static_cast<size_t>(k)];
                const QPointF far = atStart ? QPointF(s.x1, s.y1) : QPointF(s.x0, s.y0);
                if (side == 0)
                    line.push_back(far);
                else
                    line.push_front(far);
            }
        }
        for (const QPointF& p : line) {
            x->append(p.x());
            y->append(p.y());
        }
        x->append(qQNaN());
        y->append(qQNaN());
    }
}

}  // namespace

PhaseInteraction::PhaseInteraction(PhaseView* view, Document* doc)
    : QObject(view), view_(view), plot_(view->plot()), doc_(doc) {
    view_->plot()->installEventFilter(this);
    // How to touch it: a tooltip in the window, never drawn into the figure.
    view_->plot()->setToolTip(
        tr("Click: set w₀ · Shift-click: add a start · right-click: clear the added starts · "
           "drag: pan · wheel: zoom · drag the legend to move it"));
    // After each layout pass, which replots and exports (toPixmap, toPainter) both run, so the
    // overlay fits the axis rect of what is drawn.
    connect(view_, &PlotView::laidOut, this, &PhaseInteraction::layoutDone);
    // For n = 2 the field is worth seeing on the whole square where tanh lives (every fixed
    // point is inside): the fitted axes are widened to [−1.05, 1.05]² at least.
    connect(view_, &PhaseView::rescaled, this, [this] {
        if (view_->result().scenario.hiddenDim() != 2) return;
        for (QCPAxis* a : {view_->plot()->xAxis, view_->plot()->yAxis})
            a->setRange(std::min(a->range().lower, -1.05), std::max(a->range().upper, 1.05));
    });
    // setScaleRatio uses the axis rect of before the layout pass; when the layout moved it (tick
    // labels got wider), one more replot makes the aspect exact.
    connect(view_->plot(), &QCustomPlot::afterReplot, this, [this] {
        QCustomPlot* p = view_->plot();
        const double px = p->xAxis->coordToPixel(1) - p->xAxis->coordToPixel(0);
        const double py = p->yAxis->coordToPixel(0) - p->yAxis->coordToPixel(1);
        if (aspectActive_ && !correcting_ && view_->isVisible() && std::abs(px - py) > 0.5) {
            correcting_ = true;
            view_->requestReplot();
        } else {
            correcting_ = false;
        }
    });
}

std::vector<Vector> PhaseInteraction::starts() const {
    std::vector<Vector> out;
    for (const std::vector<double>& w : doc_->viewSettings().starts)
        out.push_back(Eigen::Map<const Vector>(w.data(), Index(w.size())));
    return out;
}

bool PhaseInteraction::planeFromPixel(const QPoint& pixel, double* a, double* b) const {
    QCustomPlot* p = view_->plot();
    if (!p->axisRect()->rect().contains(pixel)) return false;
    *a = p->xAxis->pixelToCoord(pixel.x());
    *b = p->yAxis->pixelToCoord(pixel.y());
    return std::isfinite(*a) && std::isfinite(*b);
}

QPoint PhaseInteraction::toPixel(double a, double b) const {
    QCustomPlot* p = view_->plot();
    return QPoint(qRound(p->xAxis->coordToPixel(a)), qRound(p->yAxis->coordToPixel(b)));
}

bool PhaseInteraction::eventFilter(QObject* watched, QEvent* event) {
    // Only mouse events on the plot matter. Everything else passes before the view is touched:
    // the plot also sends events (ChildRemoved) while the view is being destroyed.
    const QEvent::Type type = event->type();
    if (watched != plot_ ||
        (type != QEvent::MouseButtonPress && type != QEvent::MouseButtonDblClick &&
         type != QEvent::MouseButtonRelease && type != QEvent::ContextMenu))
        return false;
    // A second click soon after the first arrives as a double-click: it is a click all the same
    // (two quick Shift-clicks add two starts).
    if (type == QEvent::MouseButtonPress || type == QEvent::MouseButtonDblClick) {
        auto* e = static_cast<QMouseEvent*>(event);
        pressed_ = e->button() == Qt::LeftButton;
        pressedAt_ = e->position().toPoint();
    } else if (event->type() == QEvent::MouseButtonRelease) {
        auto* e = static_cast<QMouseEvent*>(event);
        // A click, not the end of a pan.
        if (pressed_ && e->button() == Qt::LeftButton &&
            (e->position().toPoint() - pressedAt_).manhattanLength() < 4)
            click(pressedAt_, e->modifiers());
        pressed_ = false;
    } else if (event->type() == QEvent::ContextMenu && !doc_->viewSettings().starts.empty()) {
        // Right-click clears the added starts (the export menu shows again once there are none).
        ViewSettings v = doc_->viewSettings();
        v.starts.clear();
        doc_->setViewSettings(v);
        return true;
    }
    return false;
}

void PhaseInteraction::click(const QPoint& pixel, Qt::KeyboardModifiers modifiers) {
    const Scenario& s = doc_->scenario();
    const Matrix& D = view_->directions();
    double a = 0, b = 0;
    if (s.hiddenDim() < 2 || D.rows() != s.hiddenDim() || D.cols() != 2 ||
        !planeFromPixel(pixel, &a, &b))
        return;
    // The point of the plane through the current w₀ (for n = 2: (a, b) itself).
    const Vector w = planePoint(s.startingPoint(), D, a, b);
    if (modifiers & Qt::ShiftModifier) {
        ViewSettings v = doc_->viewSettings();
        if (int(v.starts.size()) >= ViewSettings::kMaxStarts) v.starts.erase(v.starts.begin());
        v.starts.emplace_back(w.data(), w.data() + w.size());
        doc_->setViewSettings(v);  // the worker solves from it with the rest
        return;
    }
    doc_->setW0(w, tr("Set w₀ by click"));
}

void PhaseInteraction::clearItems() {
    for (QCPItemLine* l : arrowItems_) l->setVisible(false);
    for (QCPItemText* t : labelItems_) t->setVisible(false);
    if (key_) key_->setVisible(false);
}

void PhaseInteraction::refreshOverlay(const PlaneWindow& window) {
    const SolveResult& r = view_->result();
    const Index n = r.scenario.hiddenDim();
    const Matrix& D = view_->directions();
    const Vector base = r.summary.fixed_point.size() == n ? r.summary.fixed_point : Vector::Zero(n);
    if (computed_ && sameWindow(window, window_) && sameMatrix(D, dirs_) &&
        sameMatrix(base, base_) && r.generation == generation_)
        return;
    window_ = window;
    dirs_ = D;
    base_ = base;
    generation_ = r.generation;
    computed_ = true;
    const Model& model = r.scenario.model;
    const Vector& x = r.scenario.x;
    arrows_ = displacementField(model, x, base_, D, window_, kFieldGrid);
    for (int k = 0; k < 2; ++k)
        nullclines_[k] = nullcline(model, x, base_, D, k, window_, kNullclineResolution);
    segments0_ = static_cast<int>(nullclines_[0].size());
    segments1_ = static_cast<int>(nullclines_[1].size());
    // Starts on the square [−1, 1]² of plane coordinates (where tanh's fixed points lie for n = 2),
    // not the window: panning must not make fixed points appear and disappear.
    fixedPoints_ = planeFixedPoints(model, x, base_, D, PlaneWindow{-1, 1, -1, 1}, kNewtonGrid);
}

void PhaseInteraction::layoutDone() {
    QCustomPlot* p = view_->plot();
    for (const QPointer<QCPAbstractPlottable>& q : ours_)
        if (q) p->removePlottable(q.data());
    ours_.clear();
    clearItems();
    aspectActive_ = false;
    const SolveResult& r = view_->result();
    const Index n = r.scenario.hiddenDim();
    const Matrix& D = view_->directions();
    if (n < 2 || r.summary.iterates.empty() || D.rows() != n || D.cols() != 2) return;
    // Equal aspect: one unit is as long on both axes.
    // Equal aspect: widen whichever range has more pixels per unit, so nothing drawn is cut off.
    const QRect rect = p->axisRect()->rect();
    const double sx = rect.width() / p->xAxis->range().size(),
                 sy = rect.height() / p->yAxis->range().size();
    if (rect.width() > 0 && rect.height() > 0 && std::isfinite(sx) && std::isfinite(sy)) {
        if (sx > sy)
            p->xAxis->setRange(p->xAxis->range().center(), rect.width() / sy, Qt::AlignCenter);
        else if (sy > sx)
            p->yAxis->setRange(p->yAxis->range().center(), rect.height() / sx, Qt::AlignCenter);
    }
    aspectActive_ = true;
    const PlaneWindow window{p->xAxis->range().lower, p->xAxis->range().upper,
                             p->yAxis->range().lower, p->yAxis->range().upper};
    // The overlay's plottables are named in the legend (the layout engine lays it out again
    // after this pass, so it sees them).
    auto track = [this](QCPAbstractPlottable* q) {
        ours_.append(q);
        return q;
    };
    if (n <= kMaxFieldN) {
        refreshOverlay(window);
        // Arrows: scaled so the longest is 0.9 of a grid cell; the direction is φ(w) − w's.
        const double cell =
            std::min(window.x_hi - window.x_lo, window.y_hi - window.y_lo) / kFieldGrid;
        double longest = 0;
        for (const FieldArrow& a : arrows_) longest = std::max(longest, std::hypot(a.dx, a.dy));
        const double scale = longest > 0 ? 0.9 * cell / longest : 0;
        while (arrowItems_.size() < static_cast<int>(arrows_.size())) {
            auto* l = new QCPItemLine(p);
            l->setPen(QPen(QColor(150, 150, 160), 1.0));
            l->setClipToAxisRect(true);
            arrowItems_.append(l);
        }
        // Heads in proportion to a grid cell on screen (a column-wide figure has 12 pt cells).
        const double cellPx = std::min(rect.width(), rect.height()) / double(kFieldGrid);
        const double head = std::clamp(0.3 * cellPx, 2.0, 7.0);
        for (QCPItemLine* l : arrowItems_)
            l->setHead(QCPLineEnding(QCPLineEnding::esFlatArrow, 0.85 * head, head));
        // The arrows are also data: a series of tail–head pairs (its CSV rows and its legend
        // entry); the items draw them with their heads.
        auto* field = new QCPCurve(p->xAxis, p->yAxis);
        track(field);
        field->setName(tr("field φ(w) − w"));
        field->setPen(QPen(QColor(150, 150, 160), 1.0));
        field->setVisible(false);  // drawn by the arrow items; kept for the legend and the CSV
        QVector<double> ft, fx, fy;
        for (size_t i = 0; i < arrows_.size(); ++i) {
            const FieldArrow& a = arrows_[i];
            QCPItemLine* l = arrowItems_[static_cast<int>(i)];
            l->start->setCoords(a.x - 0.5 * scale * a.dx, a.y - 0.5 * scale * a.dy);
            l->end->setCoords(a.x + 0.5 * scale * a.dx, a.y + 0.5 * scale * a.dy);
            l->setVisible(scale > 0);
            for (const auto& [px, py] : {std::pair{l->start->coords().x(), l->start->coords().y()},
                                         std::pair{l->end->coords().x(), l->end->coords().y()},
                                         std::pair{qQNaN(), qQNaN()}}) {
                ft.append(ft.size());
                fx.append(px);
                fy.append(py);
            }
        }
        field->setData(ft, fx, fy, true);
        // Nullclines: segments joined into one curve each, NaN between segments.
        const QString names[2] = {
            n == 2 && D(0, 0) == 1 ? tr("nullcline φ₁ = w₁") : tr("nullcline, axis 1"),
            n == 2 && D(1, 1) == 1 ? tr("nullcline φ₂ = w₂") : tr("nullcline, axis 2")};
        const QColor colors[2] = {QColor(0, 150, 136), QColor(230, 120, 0)};
        for (int k = 0; k < 2; ++k) {
            auto* c = new QCPCurve(p->xAxis, p->yAxis);
            track(c);
            // Traced over the visible window only (the curves go on beyond it): the axes follow
            // the data, and these follow the axes.
            c->setProperty("equilab.clippedToView", true);
            c->setName(names[k]);
            c->setPen(QPen(colors[k], 1.6, Qt::DashLine));
            QVector<double> t, x, y;
            chainSegments(nullclines_[k], 1e-9 * std::max(1.0, window.x_hi - window.x_lo), &x, &y);
            for (int j = 0; j < x.size(); ++j) t.append(j);
            c->setData(t, x, y, true);
        }
        // Fixed points: filled when stable, open when not, each labelled with ρ(J).
        auto* stable = new QCPGraph(p->xAxis, p->yAxis);
        auto* unstable = new QCPGraph(p->xAxis, p->yAxis);
        track(stable);
        track(unstable);
        stable->setName(tr("stable fixed point"));
        unstable->setName(tr("unstable fixed point"));
        for (QCPGraph* g : {stable, unstable}) g->setLineStyle(QCPGraph::lsNone);
        stable->setScatterStyle(QCPScatterStyle(
            QCPScatterStyle::ssDisc, QPen(QColor(20, 120, 40), 1.5), QColor(60, 180, 80), 11));
        unstable->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle,
                                                  QPen(QColor(200, 30, 30), 2), Qt::NoBrush, 11));
        while (labelItems_.size() < static_cast<int>(fixedPoints_.size())) {
            auto* t = new QCPItemText(p);
            t->setClipToAxisRect(true);
            t->setLayer(QStringLiteral("legend"));
            labelItems_.append(t);
        }
        for (size_t i = 0; i < fixedPoints_.size(); ++i) {
            const PlaneFixedPoint& f = fixedPoints_[i];
            (f.stable() ? stable : unstable)->addData(f.x, f.y);
            QCPItemText* t = labelItems_[static_cast<int>(i)];
            t->position->setCoords(f.x, f.y);
            // Labels point inwards, so one at the edge of the square stays readable.
            const bool right = f.x > 0.5 * (window.x_lo + window.x_hi);
            t->setPositionAlignment((right ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignBottom);
            t->setText(tr("%1, ρ(J) = %2")
                           .arg(f.stable() ? tr("stable") : tr("unstable"))
                           .arg(f.rho, 0, 'g', 3)
                           .prepend(right ? "" : "   ")
                           .append(right ? "   " : ""));
            t->setColor(f.stable() ? QColor(20, 120, 40) : QColor(200, 30, 30));
            t->setBrush(Appearance::instance().colors().legendBackground);  // over the field
            t->setVisible(true);
        }
        // Only the kinds present are named in the legend.
        if (stable->data()->isEmpty()) stable->removeFromLegend();
        if (unstable->data()->isEmpty()) unstable->removeFromLegend();
    }
    // Added starting points and their Picard paths (solved on the worker, in the result).
    const std::vector<std::vector<Vector>>& paths = r.startPaths;
    for (size_t i = 0; i < paths.size(); ++i) {
        auto* c = new QCPCurve(p->xAxis, p->yAxis);
        track(c);
        // Each added start its own colour (after the view's own paths) and legend entry.
        const QColor color = PlotView::seriesColor(view_->pathCount() + 1 + static_cast<int>(i));
        c->setName(tr("added start %1").arg(i + 1));
        c->setPen(QPen(color, 1.3));
        c->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssTriangle, color, 6));
        QVector<double> t, x, y;
        const int last =
            view_->cursor() < 0 ? static_cast<int>(paths[i].size()) - 1 : view_->cursor();
        for (int k = 0; k <= last && k < static_cast<int>(paths[i].size()); ++k) {
            if (!paths[i][static_cast<size_t>(k)].allFinite()) break;
            const Vector xy = D.transpose() * paths[i][static_cast<size_t>(k)];
            t.append(k);
            x.append(xy(0));
            y.append(xy(1));
        }
        c->setData(t, x, y, true);
    }
    // The current iterate during playback.
    const int k = view_->cursor();
    if (k >= 0 && k < static_cast<int>(r.summary.iterates.size()) &&
        r.summary.iterates[static_cast<size_t>(k)].allFinite()) {
        auto* g = new QCPGraph(p->xAxis, p->yAxis);
        track(g);
        g->setName(tr("current iterate w_%1").arg(k));
        g->setLineStyle(QCPGraph::lsNone);
        g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(QColor(255, 160, 0), 3),
                                           Qt::NoBrush, 18));
        const Vector xy = D.transpose() * r.summary.iterates[static_cast<size_t>(k)];
        g->addData(xy(0), xy(1));
    }
}

}  // namespace equilab
