// PlotView's legend: placed automatically by the layout engine (plot_layout.cpp), or where the
// user put it: dragged with the mouse, a corner from the context menu, or hidden.
#include <qcustomplot.h>

#include <QMenu>

#include <cmath>

#include "ui/views/plot_view.h"

namespace equilab {
namespace {

constexpr double kSamplePx = 2;         // lines are sampled at least this densely
constexpr size_t kMaxSamples = 200000;  // per plot, to keep layout cheap

void addSegment(std::vector<QPointF>* out, const QPointF& a, const QPointF& b, bool joined) {
    if (joined) {
        const double len = std::hypot(b.x() - a.x(), b.y() - a.y());
        const int steps = std::min(2000, static_cast<int>(len / kSamplePx));
        for (int s = 1; s < steps; ++s) out->push_back(a + (b - a) * (double(s) / steps));
    }
    out->push_back(b);
}

template <typename Container, typename Key, typename Value>
void sample(std::vector<QPointF>* out, const Container& data, QCPAxis* keyAxis, QCPAxis* valueAxis,
            bool joined, Key key, Value value) {
    bool first = true;
    QPointF prev;
    for (auto it = data->constBegin(); it != data->constEnd() && out->size() < kMaxSamples; ++it) {
        const double k = key(*it), v = value(*it);
        if (!std::isfinite(k) || !std::isfinite(v)) {
            first = true;
            continue;
        }
        const QPointF p(keyAxis->coordToPixel(k), valueAxis->coordToPixel(v));
        if (first)
            out->push_back(p);
        else
            addSegment(out, prev, p, joined);
        prev = p;
        first = false;
    }
}

}  // namespace

std::vector<QPointF> PlotView::dataPixels() const {
    std::vector<QPointF> out;
    for (int i = 0; i < plot_->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot_->plottable(i);
        if (!p->visible()) continue;
        if (auto* g = qobject_cast<QCPGraph*>(p)) {
            sample(
                &out, g->data(), g->keyAxis(), g->valueAxis(), g->lineStyle() != QCPGraph::lsNone,
                [](const QCPGraphData& d) { return d.key; },
                [](const QCPGraphData& d) { return d.value; });
        } else if (auto* c = qobject_cast<QCPCurve*>(p)) {
            sample(
                &out, c->data(), c->keyAxis(), c->valueAxis(), c->lineStyle() != QCPCurve::lsNone,
                [](const QCPCurveData& d) { return d.key; },
                [](const QCPCurveData& d) { return d.value; });
        } else if (auto* b = qobject_cast<QCPBars*>(p)) {
            // A bar is its whole column from 0 to the value.
            for (auto it = b->data()->constBegin(); it != b->data()->constEnd(); ++it)
                addSegment(
                    &out,
                    QPointF(b->keyAxis()->coordToPixel(it->key), b->valueAxis()->coordToPixel(0)),
                    QPointF(b->keyAxis()->coordToPixel(it->key),
                            b->valueAxis()->coordToPixel(it->value)),
                    true);
        }
    }
    return out;
}

int PlotView::pointsUnder(const QRectF& rect) const {
    int n = 0;
    for (const QPointF& p : dataPixels()) n += rect.contains(p);
    return n;
}

QRectF PlotView::legendRectAt(Qt::Alignment corner) const {
    // The inset layout (the axis rect less its margins) is where a border-aligned legend sits.
    const QRectF area = plot_->axisRect()->insetLayout()->rect();
    const QSizeF size = plot_->legend->outerRect().size();
    const double x = corner & Qt::AlignLeft ? area.left() : area.right() - size.width() + 1;
    const double y = corner & Qt::AlignTop ? area.top() : area.bottom() - size.height() + 1;
    return {QPointF(x, y), size};
}

void PlotView::setLegendPlacement(LegendPlacement p) {
    if (p == LegendPlacement::Hidden)
        plot_->legend->setVisible(false);
    else if (legendPlacement_ == LegendPlacement::Hidden)
        plot_->legend->setVisible(true);
    legendPlacement_ = p;
    if (p != LegendPlacement::Automatic && legendSide_ != LegendSide::Inside) {
        // Pinned or hidden: the axes take back the room an outside legend had.
        plot_->axisRect()->setMinimumMargins(baseMinMargins_);
        plot_->legend->setWrap(0);
        plot_->legend->setFillOrder(QCPLayoutGrid::foRowsFirst);
        legendSide_ = LegendSide::Inside;
    }
    QCPLayoutInset* inset = plot_->axisRect()->insetLayout();
    static const std::pair<LegendPlacement, Qt::Alignment> fixed[] = {
        {LegendPlacement::TopLeft, Qt::AlignTop | Qt::AlignLeft},
        {LegendPlacement::TopRight, Qt::AlignTop | Qt::AlignRight},
        {LegendPlacement::BottomLeft, Qt::AlignBottom | Qt::AlignLeft},
        {LegendPlacement::BottomRight, Qt::AlignBottom | Qt::AlignRight}};
    for (const auto& [placement, alignment] : fixed)
        if (p == placement) {
            inset->setInsetPlacement(0, QCPLayoutInset::ipBorderAligned);
            inset->setInsetAlignment(0, alignment);
        }
    plot_->replot();
}

void PlotView::addLegendMenu(QMenu* menu) {
    QMenu* sub = menu->addMenu(tr("Legend"));
    const std::pair<LegendPlacement, QString> items[] = {
        {LegendPlacement::Automatic, tr("Where it covers least data")},
        {LegendPlacement::TopLeft, tr("Top left")},
        {LegendPlacement::TopRight, tr("Top right")},
        {LegendPlacement::BottomLeft, tr("Bottom left")},
        {LegendPlacement::BottomRight, tr("Bottom right")},
        {LegendPlacement::Hidden, tr("Hidden")}};
    for (const auto& [placement, text] : items) {
        QAction* a = sub->addAction(text, this, [this, p = placement] { setLegendPlacement(p); });
        a->setCheckable(true);
        a->setChecked(legendPlacement_ == placement);
    }
    sub->addSeparator();
    sub->addAction(tr("(or drag the legend with the mouse)"))->setEnabled(false);
}

bool PlotView::legendPress(QMouseEvent* e) {
    QCPLegend* legend = plot_->legend;
    if (e->button() != Qt::LeftButton || !legend->visible() || legend->itemCount() == 0 ||
        !legend->outerRect().contains(e->position().toPoint()))
        return false;
    dragOffset_ = e->position() - QPointF(legend->outerRect().topLeft());
    dragging_ = true;
    plot_->setInteraction(QCP::iRangeDrag, false);  // the press moves the legend, not the axes
    return true;
}

void PlotView::legendMove(QMouseEvent* e) {
    if (!dragging_) return;
    const QRectF area = plot_->axisRect()->rect();
    const QSizeF size = plot_->legend->outerRect().size();
    QPointF topLeft = e->position() - dragOffset_;
    topLeft.setX(
        std::clamp(topLeft.x(), area.left(), std::max(area.left(), area.right() - size.width())));
    topLeft.setY(
        std::clamp(topLeft.y(), area.top(), std::max(area.top(), area.bottom() - size.height())));
    QCPLayoutInset* inset = plot_->axisRect()->insetLayout();
    inset->setInsetPlacement(0, QCPLayoutInset::ipFree);
    inset->setInsetRect(0, QRectF((topLeft.x() - area.left()) / area.width(),
                                  (topLeft.y() - area.top()) / area.height(),
                                  size.width() / area.width(), size.height() / area.height()));
    legendPlacement_ = LegendPlacement::Free;
    plot_->replot();
}

void PlotView::legendRelease() {
    if (!dragging_) return;
    dragging_ = false;
    plot_->setInteraction(QCP::iRangeDrag, true);
}

}  // namespace equilab
