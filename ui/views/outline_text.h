// A paint device that draws on another painter with every text turned into glyph outlines, so a
// vector figure (SVG) carries its fonts with it: the SVG shows the same letters on a machine
// without the font. Everything else (paths, lines, images, clipping, transforms) is forwarded,
// and polylines are clipped here (QSvgGenerator ignores clipping).
// (PDF needs none of this: QPdfWriter embeds the fonts' subsets itself.) Used for every SVG
// figure (plot_figure.cpp).
#pragma once

#include <QPaintDevice>
#include <QPaintEngine>

class QPainter;

namespace equilab {

class OutlineTextEngine : public QPaintEngine {
  public:
    explicit OutlineTextEngine(QPainter* target);
    bool begin(QPaintDevice*) override { return true; }
    bool end() override { return true; }
    void updateState(const QPaintEngineState& state) override;
    void drawPath(const QPainterPath& path) override;
    void drawPolygon(const QPointF* points, int count, PolygonDrawMode mode) override;
    void drawPixmap(const QRectF& r, const QPixmap& pm, const QRectF& sr) override;
    void drawImage(const QRectF& r, const QImage& image, const QRectF& sr,
                   Qt::ImageConversionFlags flags) override;
    // The text item's outline (QPainterPath::addText in the item's font) filled with the pen's
    // brush on the target, under the target's transform: a rotated label (the y axis's) stays
    // rotated. (QPaintEngine's own drawTextItem drew each glyph upright.)
    void drawTextItem(const QPointF& p, const QTextItem& item) override;
    Type type() const override { return QPaintEngine::User; }

  private:
    QPainter* target_;
};

class OutlineTextDevice : public QPaintDevice {
  public:
    // Forwards to target, whose device gives the metrics (size, resolution).
    explicit OutlineTextDevice(QPainter* target);
    ~OutlineTextDevice() override;
    QPaintEngine* paintEngine() const override { return engine_; }

  protected:
    int metric(PaintDeviceMetric metric) const override;

  private:
    QPainter* target_;
    OutlineTextEngine* engine_;
};

}  // namespace equilab
