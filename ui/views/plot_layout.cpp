// PlotView's layout engine, one for every view and every output (window, presentation mode,
// exported figures): after each layout pass the overlays add their items (laidOut), then the
// legend is sized from its font and placed where it covers the least of what is drawn, like
// matplotlib's loc="best":
//  - every candidate position on a 9 × 9 grid inside the axes is scored by the plotted points
//    under it (lines sampled every 2 px, data points, colour-map cells, arrows, straight lines)
//    plus heavy weights for scatter markers and text labels it would cover;
//  - the best one is used when it covers at most kMaxInsideOverlap of the points and no marker
//    or text; otherwise the legend goes outside the axes, on the right (the axis rect shrinks)
//    or, when that would leave the axes too narrow, below them in as many columns as fit.
// The geometry it works from is also what the figure checks in the tests assert on.
#include <qcustomplot.h>

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

#include "ui/views/appearance.h"
#include "ui/views/plot_view.h"

namespace equilab {
namespace {

constexpr double kMaxInsideOverlap = 0.02;  // of the plotted points
constexpr double kMarkerWeight = 100;       // a covered marker counts as this many points
constexpr double kTextWeight = 200;         // a covered label counts as this many points
constexpr int kGrid = 9;                    // candidate positions per axis
constexpr double kMinAxisFraction = 0.45;   // the axes keep at least this share when shrunk

void sampleSegment(std::vector<QPointF>* out, const QPointF& a, const QPointF& b) {
    const double len = std::hypot(b.x() - a.x(), b.y() - a.y());
    const int steps = std::clamp(static_cast<int>(len / 2), 1, 2000);
    for (int s = 0; s <= steps; ++s) out->push_back(a + (b - a) * (double(s) / steps));
}

QRectF textRect(const QString& text, const QFont& font, const QPointF& centre) {
    const QSizeF size = QFontMetricsF(font).size(0, text);
    return {centre - QPointF(size.width() / 2, size.height() / 2), size};
}

// Tick labels and the axis label of one axis, where QCustomPlot draws them (estimated from the
// fonts, paddings and tick lengths: QCustomPlot keeps the exact boxes private).
// QCustomPlot's own margin of an axis (protected; reached through a member pointer of a
// derived class): offset, ticks, tick labels, label and padding, as the layout computed them.
struct AxisAccess : QCPAxis {
    static int margin(QCPAxis* a) { return (a->*&AxisAccess::calculateMargin)(); }
};

// A tick label's size as QCustomPlot draws it: "eb" labels ("1e-06") as a base ("10", or
// "2.5·10") and the exponent ("-6", leading zeros and '+' dropped) in a font 0.75 times the size,
// with 2 px between (QCPAxisPainterPrivate::getTickLabelData).
QSizeF tickLabelSize(const QCPAxis* axis, const QString& text) {
    const QFont font = axis->tickLabelFont();
    const int e = text.indexOf(QLatin1Char('e'));
    if (!axis->numberFormat().contains(QLatin1Char('b')) || e < 0)
        return QFontMetricsF(font).size(0, text);
    QString base = text.left(e);
    base = base == QLatin1String("1") ? QStringLiteral("10") : base + QChar(183) + "10";
    QString exponent = text.mid(e + 1);
    while (exponent.size() > 2 && exponent.at(1) == QLatin1Char('0')) exponent.remove(1, 1);
    if (exponent.startsWith(QLatin1Char('+'))) exponent.remove(0, 1);
    QFont small = font;
    if (small.pointSize() > 0)
        small.setPointSize(static_cast<int>(small.pointSize() * 0.75));
    else
        small.setPixelSize(static_cast<int>(small.pixelSize() * 0.75));
    const QRect b = QFontMetrics(font).boundingRect(0, 0, 0, 0, Qt::TextDontClip, base);
    const QRect x = QFontMetrics(small).boundingRect(0, 0, 0, 0, Qt::TextDontClip, exponent);
    return QSizeF(b.width() + x.width() + 2, b.height());
}

void axisTexts(QCPAxis* axis, std::vector<PlotView::TextBox>* out) {
    if (!axis->visible()) return;
    const QRect r = axis->axisRect()->rect();
    const QCPAxis::AxisType type = axis->axisType();
    const bool horizontal = type == QCPAxis::atBottom || type == QCPAxis::atTop;
    const double out0 = std::max(0, axis->tickLengthOut()) + axis->tickLabelPadding();
    double depth = 0;  // how far the tick labels reach from the axis
    if (axis->tickLabels()) {
        const QVector<double> ticks = axis->tickVector();
        const QVector<QString> labels = axis->tickVectorLabels();
        for (int i = 0; i < ticks.size() && i < labels.size(); ++i) {
            if (!axis->range().contains(ticks[i])) continue;
            const QString text = labels[i];
            const QSizeF size = tickLabelSize(axis, text);
            const double p = axis->coordToPixel(ticks[i]);
            QPointF c;
            if (type == QCPAxis::atBottom) c = QPointF(p, r.bottom() + out0 + size.height() / 2);
            if (type == QCPAxis::atTop) c = QPointF(p, r.top() - out0 - size.height() / 2);
            if (type == QCPAxis::atLeft) c = QPointF(r.left() - out0 - size.width() / 2, p);
            if (type == QCPAxis::atRight) c = QPointF(r.right() + out0 + size.width() / 2, p);
            out->push_back({text, QRectF(c - QPointF(size.width() / 2, size.height() / 2), size),
                            "tick label"});
            depth = std::max(depth, horizontal ? size.height() : size.width());
        }
    }
    if (!axis->label().isEmpty()) {
        const QSizeF size = QFontMetricsF(axis->labelFont()).size(0, axis->label());
        // Where QCustomPlot draws it: its margin less the padding is the label's outer edge.
        const double outer = AxisAccess::margin(axis) - axis->padding();
        const double off = outer > size.height()
                               ? outer - size.height() / 2
                               : out0 + depth + axis->labelPadding() + size.height() / 2;
        const QPointF mid = QRectF(r).center();
        QRectF box;
        if (horizontal) {
            const double y = type == QCPAxis::atBottom ? r.bottom() + off : r.top() - off;
            box = textRect(axis->label(), axis->labelFont(), QPointF(mid.x(), y));
        } else {  // drawn rotated: its width runs along the axis
            const double x = type == QCPAxis::atLeft ? r.left() - off : r.right() + off;
            box = QRectF(x - size.height() / 2, mid.y() - size.width() / 2, size.height(),
                         size.width());
        }
        out->push_back({axis->label(), box, "axis label"});
    }
}

}  // namespace

void PlotView::setAxisMargins(const QMargins& m) {
    // The axes' own minimum margins; an outside legend's room is added to them afresh.
    for (QCPAxisRect* rect : plot_->axisRects()) rect->setMinimumMargins(m);
    baseMinMargins_ = m;
    plot_->legend->setWrap(0);
    plot_->legend->setFillOrder(QCPLayoutGrid::foRowsFirst);
    legendSide_ = LegendSide::Inside;
}

void PlotView::relayout() {
    QCPLayoutGrid* l = plot_->plotLayout();
    l->update(QCPLayoutElement::upPreparation);
    l->update(QCPLayoutElement::upMargins);
    l->update(QCPLayoutElement::upLayout);
}

void PlotView::fitLegendToFont() const {
    // Compact, in proportion to the type: icon 1.6 × 0.8 lines, padding under half a line.
    QCPLegend* legend = plot_->legend;
    const double h = QFontMetricsF(legend->font()).height();
    const int pad = std::max(1, static_cast<int>(std::lround(0.3 * h)));
    legend->setIconSize(
        QSize(static_cast<int>(std::lround(1.6 * h)), static_cast<int>(std::lround(0.8 * h))));
    legend->setIconTextPadding(pad);
    legend->setRowSpacing(0);
    legend->setColumnSpacing(2 * pad);
    legend->setMargins(QMargins(pad, pad / 2, pad, pad / 2));
    for (int i = 0; i < legend->itemCount(); ++i)
        if (QCPAbstractLegendItem* item = legend->item(i)) item->setMargins(QMargins(0, 0, 0, 0));
}

std::vector<QRectF> PlotView::textObstacles() const {
    std::vector<QRectF> out;
    for (int i = 0; i < plot_->itemCount(); ++i) {
        auto* t = qobject_cast<QCPItemText*>(plot_->item(i));
        if (!t || !t->visible() || t->text().trimmed().isEmpty() || t == readout_ ||
            t == emptyText_)
            continue;
        out.push_back(
            QRectF(t->topLeft->pixelPosition(), t->bottomRight->pixelPosition()).normalized());
    }
    return out;
}

PlotView::FigureGeometry PlotView::figureGeometry() const {
    FigureGeometry g;
    g.figure = plot_->viewport();
    g.axisRect = plot_->axisRect()->rect();
    QCPLegend* legend = plot_->legend;
    if (legend->visible() && legend->itemCount() > 0) g.legend = legend->outerRect();
    g.legendOutside = !g.legend.isEmpty() && !g.legend.intersects(g.axisRect);
    g.points = dataPixels();
    const QRectF area = g.axisRect;
    for (int i = 0; i < plot_->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot_->plottable(i);
        if (!p->visible()) continue;
        // Scatter markers: each one a box of its size.
        QCPScatterStyle style;
        std::vector<QPointF> centres;
        if (auto* gr = qobject_cast<QCPGraph*>(p)) {
            style = gr->scatterStyle();
            if (!style.isNone() && gr->data()->size() <= 5000)
                for (auto it = gr->data()->constBegin(); it != gr->data()->constEnd(); ++it)
                    centres.emplace_back(gr->keyAxis()->coordToPixel(it->key),
                                         gr->valueAxis()->coordToPixel(it->value));
        } else if (auto* c = qobject_cast<QCPCurve*>(p)) {
            style = c->scatterStyle();
            if (!style.isNone() && c->data()->size() <= 5000)
                for (auto it = c->data()->constBegin(); it != c->data()->constEnd(); ++it)
                    centres.emplace_back(c->keyAxis()->coordToPixel(it->key),
                                         c->valueAxis()->coordToPixel(it->value));
        } else if (auto* m = qobject_cast<QCPColorMap*>(p)) {
            // A colour map covers its cells: sampled every 6 px over its drawn extent.
            if (m->data()->isEmpty()) continue;
            const QCPRange kr = m->data()->keyRange(), vr = m->data()->valueRange();
            QRectF box(QPointF(m->keyAxis()->coordToPixel(kr.lower),
                               m->valueAxis()->coordToPixel(vr.lower)),
                       QPointF(m->keyAxis()->coordToPixel(kr.upper),
                               m->valueAxis()->coordToPixel(vr.upper)));
            box = box.normalized().intersected(area);
            for (double y = box.top(); y <= box.bottom(); y += 6)
                for (double x = box.left(); x <= box.right(); x += 6) g.points.emplace_back(x, y);
            continue;
        }
        const double s = std::max(3.0, style.size());
        for (const QPointF& c : centres)
            if (std::isfinite(c.x()) && std::isfinite(c.y()) && area.contains(c))
                g.markers.emplace_back(c - QPointF(s / 2, s / 2), QSizeF(s, s));
    }
    // Items: arrows and lines sampled like series; straight lines across the axes.
    for (int i = 0; i < plot_->itemCount(); ++i) {
        QCPAbstractItem* item = plot_->item(i);
        if (!item->visible()) continue;
        if (auto* pix = qobject_cast<QCPItemPixmap*>(item)) {
            // An image over the axes (the decision boundary's shading) is data everywhere.
            const QRectF box =
                QRectF(pix->topLeft->pixelPosition(), pix->bottomRight->pixelPosition())
                    .normalized()
                    .intersected(area);
            for (double y = box.top(); y <= box.bottom(); y += 6)
                for (double x = box.left(); x <= box.right(); x += 6) g.points.emplace_back(x, y);
        } else if (auto* l = qobject_cast<QCPItemLine*>(item)) {
            sampleSegment(&g.points, l->start->pixelPosition(), l->end->pixelPosition());
        } else if (auto* s = qobject_cast<QCPItemStraightLine*>(item)) {
            const QPointF a = s->point1->pixelPosition(), b = s->point2->pixelPosition();
            if (std::abs(a.x() - b.x()) < 1e-9)
                sampleSegment(&g.points, QPointF(a.x(), area.top()), QPointF(a.x(), area.bottom()));
            else if (std::abs(a.y() - b.y()) < 1e-9)
                sampleSegment(&g.points, QPointF(area.left(), a.y()), QPointF(area.right(), a.y()));
        }
    }
    // Only what is inside the axes counts as plotted.
    g.points.erase(std::remove_if(g.points.begin(), g.points.end(),
                                  [&](const QPointF& p) { return !area.contains(p); }),
                   g.points.end());
    // Texts: the title rows, the axes' labels, the annotations, the legend's entries.
    for (int i = 0; i < plot_->plotLayout()->elementCount(); ++i) {
        QCPLayoutElement* e = plot_->plotLayout()->elementAt(i);
        if (auto* t = qobject_cast<QCPTextElement*>(e)) {
            if (t->text().isEmpty() || !t->visible()) continue;
            const QSizeF size = QFontMetricsF(t->font()).size(0, t->text());
            g.texts.push_back({t->text(),
                               QRectF(QRectF(t->rect()).center().x() - size.width() / 2,
                                      QRectF(t->rect()).center().y() - size.height() / 2,
                                      size.width(), size.height()),
                               "title"});
        } else if (auto* scale = qobject_cast<QCPColorScale*>(e)) {
            if (scale->visible()) axisTexts(scale->axis(), &g.texts);
        }
    }
    for (QCPAxis* axis : plot_->axisRect()->axes()) axisTexts(axis, &g.texts);
    for (int i = 0; i < plot_->itemCount(); ++i) {
        auto* t = qobject_cast<QCPItemText*>(plot_->item(i));
        if (!t || !t->visible() || t->text().trimmed().isEmpty() || t == readout_) continue;
        g.texts.push_back(
            {t->text(),
             QRectF(t->topLeft->pixelPosition(), t->bottomRight->pixelPosition()).normalized(),
             "annotation"});
    }
    if (!g.legend.isEmpty())
        for (int i = 0; i < legend->itemCount(); ++i)
            if (auto* item = qobject_cast<QCPPlottableLegendItem*>(legend->item(i)))
                g.texts.push_back({item->plottable()->name(), item->outerRect(), "legend"});
    return g;
}

double PlotView::legendOverlap(const FigureGeometry& g, int* texts, int* markers) const {
    size_t under = 0;
    int t = 0, m = 0;
    if (!g.legend.isEmpty()) {
        for (const QPointF& p : g.points) under += g.legend.contains(p);
        for (const TextBox& b : g.texts)
            t += b.role == QLatin1String("annotation") && b.rect.intersects(g.legend);
        for (const QRectF& r : g.markers) m += r.intersects(g.legend);
    }
    if (texts) *texts = t;
    if (markers) *markers = m;
    return g.points.empty() ? 0.0 : double(under) / double(g.points.size());
}

void PlotView::layoutPass() {
    if (inLayoutPass_) return;
    inLayoutPass_ = true;
    QCPAxisRect* ar = plot_->axisRect();
    QCPLegend* legend = plot_->legend;
    // Undo the last outside placement: the axes' own margins are measured afresh.
    if (legendSide_ != LegendSide::Inside) {
        ar->setMinimumMargins(baseMinMargins_);
        legend->setWrap(0);  // before the order: setFillOrder re-fills with the wrap set
        legend->setFillOrder(QCPLayoutGrid::foRowsFirst);
        legendSide_ = LegendSide::Inside;
        relayout();
    } else {
        baseMinMargins_ = ar->minimumMargins();
    }
    // The labels are fitted to the axes as laid out before (another size, on screen or the last
    // figure): fitted again at the new size until they hold, so a figure does not depend on what
    // was drawn before it.
    for (int pass = 0; pass < 3 && fitAxisLabels(); ++pass) relayout();
    const int entries = legend->itemCount();
    emit laidOut();
    // The overlays' plottables (made just now) styled as the view's own.
    scalePlottableWidths(plot_, lineFactor_);
    scaleMarkers(plot_, markerFactor_);
    Appearance::instance().applyContrast(plot_);
    fitLegendToFont();
    (void)entries;
    const QRect before = ar->rect();
    relayout();  // the overlays' items and ranges (equal aspect) set since: ticks, legend size
    if (ar->rect() != before) {
        // The axes moved (wider tick labels): the overlays once more, for an exact aspect.
        emit laidOut();
        scalePlottableWidths(plot_, lineFactor_);
        scaleMarkers(plot_, markerFactor_);
        Appearance::instance().applyContrast(plot_);
        fitLegendToFont();
        relayout();
    }
    fitAnnotations();
    placeLegend();
    inLayoutPass_ = false;
}

void PlotView::placeLegend() {
    QCPLegend* legend = plot_->legend;
    if (legendPlacement_ != LegendPlacement::Automatic || !legend->visible() ||
        legend->itemCount() == 0)
        return;
    QCPAxisRect* ar = plot_->axisRect();
    QCPLayoutInset* inset = ar->insetLayout();
    const QRectF area = inset->rect();
    if (area.width() < 20 || area.height() < 20) return;
    const double lineH = QFontMetricsF(legend->font()).height();
    const double pad = std::max(2.0, 0.4 * lineH);
    auto put = [&](const QRectF& r) {
        const QRectF a = inset->rect();
        inset->setInsetPlacement(0, QCPLayoutInset::ipFree);
        inset->setInsetRect(
            0, QRectF((r.left() - a.left()) / a.width(), (r.top() - a.top()) / a.height(),
                      r.width() / a.width(), r.height() / a.height()));
        inset->update(QCPLayoutElement::upLayout);
    };
    QSizeF size = legend->minimumOuterSizeHint();
    FigureGeometry g = figureGeometry();
    const std::vector<QRectF> labels = textObstacles();
    // Scored on at most kMaxScored points (every stride-th; counts scaled back): 81 candidates
    // over a long trajectory must stay a fraction of a frame on the GUI thread.
    constexpr size_t kMaxScored = 12000;
    const size_t total = g.points.size();
    const size_t stride = (total + kMaxScored - 1) / kMaxScored;
    if (stride > 1) {
        std::vector<QPointF> kept;
        kept.reserve(total / stride + 1);
        for (size_t i = 0; i < total; i += stride) kept.push_back(g.points[i]);
        g.points.swap(kept);
    }
    const double weight = stride > 1 ? double(total) / double(g.points.size()) : 1.0;
    // Every candidate inside the axes, corners first (they win ties).
    std::vector<QRectF> candidates;
    const double x0 = area.left() + pad, x1 = area.right() - pad - size.width();
    const double y0 = area.top() + pad, y1 = area.bottom() - pad - size.height();
    if (x1 >= x0 && y1 >= y0) {
        for (const auto& [fx, fy] : {std::pair{1.0, 0.0}, {0.0, 0.0}, {1.0, 1.0}, {0.0, 1.0}})
            candidates.emplace_back(QPointF(x0 + fx * (x1 - x0), y0 + fy * (y1 - y0)), size);
        for (int j = 0; j < kGrid; ++j)
            for (int i = 0; i < kGrid; ++i)
                candidates.emplace_back(
                    QPointF(x0 + (x1 - x0) * i / (kGrid - 1), y0 + (y1 - y0) * j / (kGrid - 1)),
                    size);
    }
    double bestCost = std::numeric_limits<double>::infinity();
    QRectF best;
    bool bestFree = false;
    for (const QRectF& c : candidates) {
        const QRectF grown = c.adjusted(-pad, -pad, pad, pad);  // clear of the data by a pad
        size_t under = 0;
        for (const QPointF& p : g.points) under += grown.contains(p);
        int covered = 0;
        for (const QRectF& m : g.markers) covered += m.intersects(grown);
        int texts = 0;
        for (const QRectF& t : labels) texts += t.intersects(grown);
        const double cost = weight * double(under) + kMarkerWeight * covered + kTextWeight * texts;
        if (cost < bestCost) {
            bestCost = cost;
            best = c;
            bestFree = covered == 0 && texts == 0 &&
                       double(under) <= kMaxInsideOverlap * double(g.points.size());  // a fraction
        }
    }
    if (bestFree) {
        put(best);
        return;
    }
    // Outside: on the right when the axes keep enough width, else below in columns.
    const QRectF fig = plot_->viewport();
    const QMargins m = ar->margins();
    const bool right = ar->rect().width() - size.width() - pad >= kMinAxisFraction * fig.width();
    if (right) {
        QMargins mm = baseMinMargins_;
        mm.setRight(m.right() + static_cast<int>(std::ceil(size.width() + pad)));
        ar->setMinimumMargins(mm);
        legendSide_ = LegendSide::Right;
    } else {
        double widest = 1;
        for (int i = 0; i < legend->itemCount(); ++i)
            widest = std::max(widest, double(legend->item(i)->minimumOuterSizeHint().width()));
        // As many columns as fit in the figure's width (checked on the legend's own size hint,
        // which sizes each column by its widest entry).
        int columns = std::clamp(
            static_cast<int>((fig.width() - 2 * pad) / (widest + legend->columnSpacing())), 1,
            legend->itemCount());
        for (;; --columns) {
            legend->setWrap(columns);
            legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
            size = legend->minimumOuterSizeHint();
            if (columns == 1 || size.width() <= fig.width() - pad) break;
        }
        if (ar->rect().height() - size.height() - pad < kMinAxisFraction * 0.6 * fig.height() &&
            !best.isEmpty()) {
            // No room outside either: the least covered place inside.
            legend->setWrap(0);
            legend->setFillOrder(QCPLayoutGrid::foRowsFirst);
            put(best);
            return;
        }
        QMargins mm = baseMinMargins_;
        mm.setBottom(m.bottom() + static_cast<int>(std::ceil(size.height() + pad)));
        ar->setMinimumMargins(mm);
        legendSide_ = LegendSide::Below;
    }
    relayout();
    emit laidOut();  // the overlays follow the smaller axes
    scalePlottableWidths(plot_, lineFactor_);
    scaleMarkers(plot_, markerFactor_);
    Appearance::instance().applyContrast(plot_);
    fitLegendToFont();
    relayout();
    fitAnnotations();
    const QRectF outer = ar->outerRect(), axes = ar->rect();
    const QRectF r =
        legendSide_ == LegendSide::Right
            ? QRectF(QPointF(outer.right() - size.width() - pad / 2, axes.top()), size)
            : QRectF(QPointF(std::clamp(axes.center().x() - size.width() / 2, fig.left() + pad / 2,
                                        std::max(fig.left() + pad / 2,
                                                 fig.right() - pad / 2 - size.width())),
                             outer.bottom() - size.height() - pad / 2),
                     size);
    put(r);
}

}  // namespace equilab
