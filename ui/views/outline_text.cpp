#include "ui/views/outline_text.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace equilab {

OutlineTextEngine::OutlineTextEngine(QPainter* target)
    : QPaintEngine(QPaintEngine::AllFeatures), target_(target) {}

void OutlineTextEngine::updateState(const QPaintEngineState& s) {
    const QPaintEngine::DirtyFlags f = s.state();
    if (f & DirtyTransform) target_->setTransform(s.transform());
    if (f & DirtyPen) target_->setPen(s.pen());
    if (f & DirtyBrush) target_->setBrush(s.brush());
    if (f & DirtyBrushOrigin) target_->setBrushOrigin(s.brushOrigin());
    if (f & DirtyBackground) target_->setBackground(s.backgroundBrush());
    if (f & DirtyBackgroundMode) target_->setBackgroundMode(s.backgroundMode());
    if (f & DirtyFont) target_->setFont(s.font());
    if (f & DirtyHints) target_->setRenderHints(s.renderHints());
    if (f & DirtyCompositionMode) target_->setCompositionMode(s.compositionMode());
    if (f & DirtyOpacity) target_->setOpacity(s.opacity());
    if (f & DirtyClipPath) target_->setClipPath(s.clipPath(), s.clipOperation());
    if (f & DirtyClipRegion) target_->setClipRegion(s.clipRegion(), s.clipOperation());
    if (f & DirtyClipEnabled) target_->setClipping(s.isClipEnabled());
}

void OutlineTextEngine::drawPath(const QPainterPath& path) {
    target_->drawPath(path);
}

void OutlineTextEngine::drawTextItem(const QPointF& p, const QTextItem& item) {
    QPainterPath path;
    path.setFillRule(Qt::WindingFill);
    path.addText(p, item.font(), item.text());
    target_->fillPath(path, target_->pen().brush());
}

namespace {

// Liang–Barsky: the part of the segment a→b inside r (false: none).
bool clipSegment(QPointF* a, QPointF* b, const QRectF& r) {
    const QPointF d = *b - *a;
    const double p[4] = {-d.x(), d.x(), -d.y(), d.y()};
    const double q[4] = {a->x() - r.left(), r.right() - a->x(), a->y() - r.top(),
                         r.bottom() - a->y()};
    double t0 = 0, t1 = 1;
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0) return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
    }
    if (t0 > t1) return false;
    const QPointF start = *a;
    *a = start + t0 * d;
    *b = start + t1 * d;
    return true;
}

}  // namespace

void OutlineTextEngine::drawPolygon(const QPointF* points, int count, PolygonDrawMode mode) {
    if (mode == PolylineMode && target_->hasClipping()) {
        // QSvgGenerator (Qt 6.4) ignores clipping: a polyline is clipped to the clip's bounding
        // rect here (QCustomPlot clips to rects: a legend icon's line, drawn 5 px past its box,
        // would run into the legend text; a line leaving the axes).
        const QRectF clip = target_->clipBoundingRect();
        QPolygonF run;
        auto flush = [&] {
            if (run.size() >= 2) target_->drawPolyline(run);
            run.clear();
        };
        for (int k = 0; k + 1 < count; ++k) {
            QPointF a = points[k], b = points[k + 1];
            if (!clipSegment(&a, &b, clip)) {
                flush();
                continue;
            }
            if (run.isEmpty() || run.back() != a) {
                flush();
                run << a;
            }
            run << b;
            if (b != points[k + 1]) flush();
        }
        flush();
    } else if (mode == PolylineMode) {
        target_->drawPolyline(points, count);
    } else {
        target_->drawPolygon(points, count,
                             mode == WindingMode ? Qt::WindingFill : Qt::OddEvenFill);
    }
}

void OutlineTextEngine::drawPixmap(const QRectF& r, const QPixmap& pm, const QRectF& sr) {
    target_->drawPixmap(r, pm, sr);
}

void OutlineTextEngine::drawImage(const QRectF& r, const QImage& image, const QRectF& sr,
                                  Qt::ImageConversionFlags flags) {
    target_->drawImage(r, image, sr, flags);
}

OutlineTextDevice::OutlineTextDevice(QPainter* target)
    : target_(target), engine_(new OutlineTextEngine(target)) {}

OutlineTextDevice::~OutlineTextDevice() {
    delete engine_;
}

int OutlineTextDevice::metric(PaintDeviceMetric m) const {
    QPaintDevice* d = target_->device();
    switch (m) {
        case PdmWidth:
            return d->width();
        case PdmHeight:
            return d->height();
        case PdmWidthMM:
            return d->widthMM();
        case PdmHeightMM:
            return d->heightMM();
        case PdmNumColors:
            return d->colorCount();
        case PdmDepth:
            return d->depth();
        case PdmDpiX:
        case PdmPhysicalDpiX:
            return d->logicalDpiX();
        case PdmDpiY:
        case PdmPhysicalDpiY:
            return d->logicalDpiY();
        case PdmDevicePixelRatio:
            return 1;
        case PdmDevicePixelRatioScaled:
            return static_cast<int>(QPaintDevice::devicePixelRatioFScale());
        default:
            return 0;
    }
}

}  // namespace equilab
