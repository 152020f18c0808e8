#include "ui/views/outline_text.h"

#include <QPainter>
#include <QPainterPath>

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

void OutlineTextEngine::drawPolygon(const QPointF* points, int count, PolygonDrawMode mode) {
    if (mode == PolylineMode) {
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
