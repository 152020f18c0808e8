// PlotView's figures for papers and slides: export with a preset's physical size, type size and
// line width (export_presets.h), then back to the on-screen style.
#include <qcustomplot.h>

#include <QFileInfo>
#include <QImageWriter>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <cmath>

#include "io/safe_file.h"
#include "ui/views/appearance.h"
#include "ui/views/export_presets.h"
#include "ui/views/outline_text.h"
#include "ui/views/plot_view.h"

namespace equilab {
namespace {

QFont sized(QFont f, double px, bool bold = false) {
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(px))));
    f.setBold(bold);
    return f;
}

void styleAxis(QCPAxis* axis, double fontPx, double line) {
    // x tick labels start below the half of a y tick label that hangs under the axes' corner.
    if (axis->orientation() == Qt::Horizontal)
        axis->setTickLabelPadding(static_cast<int>(std::lround(0.6 * fontPx)));
    axis->setTickLabelFont(sized(axis->tickLabelFont(), fontPx * 0.9));
    axis->setLabelFont(sized(axis->labelFont(), fontPx));
    QPen base = axis->basePen();
    base.setWidthF(line);
    axis->setBasePen(base);
    QPen tick = axis->tickPen();
    tick.setWidthF(line);
    axis->setTickPen(tick);
}

}  // namespace

void scaleMarkers(QCustomPlot* plot, double factor) {
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        auto* g = qobject_cast<QCPGraph*>(p);
        auto* c = qobject_cast<QCPCurve*>(p);
        if (!g && !c) continue;
        QCPScatterStyle style = g ? g->scatterStyle() : c->scatterStyle();
        if (style.isNone()) continue;
        QVariant base = p->property("equilabBaseMarker");
        if (!base.isValid()) {
            base = style.size();
            p->setProperty("equilabBaseMarker", base);
        }
        style.setSize(std::max(2.0, base.toDouble() * factor));
        if (g)
            g->setScatterStyle(style);
        else
            c->setScatterStyle(style);
    }
}

void setTickDensity(QCustomPlot* plot, double width, double height, double fontPx) {
    // A tick label every ~7 characters' height along x and ~4 along y: as dense on a column as on
    // a slide, relative to the type.
    auto count = [fontPx](double length, double perTick) {
        return std::clamp(static_cast<int>(std::lround(length / (perTick * fontPx))), 3, 8);
    };
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            const bool horizontal = axis->orientation() == Qt::Horizontal;
            const int n = count(horizontal ? 0.8 * width : 0.7 * height, horizontal ? 7.0 : 4.0);
            axis->ticker()->setTickCount(n);
            // Log axes: sub-ticks at 2…9 only when a major tick is one decade (over several
            // decades QCustomPlot would pack them into a block under each major tick).
            if (auto* log = dynamic_cast<QCPAxisTickerLog*>(axis->ticker().data())) {
                const QCPRange r = axis->range();
                const double decades = r.lower > 0 ? std::log10(r.upper / r.lower) : 0;
                log->setSubTickCount(decades <= n + 1 ? 8 : 0);
            }
        }
}

// An export leaves the view as it was: the axis ranges a layout pass adjusted to the canvas (the
// phase plane widens one axis to its equal aspect) are put back afterwards, so exporting twice,
// or recording frame after frame, starts from the same ranges each time.
class KeepRanges {
  public:
    explicit KeepRanges(QCustomPlot* plot) {
        for (QCPAxisRect* rect : plot->axisRects())
            for (QCPAxis* axis : rect->axes()) ranges_.emplace_back(axis, axis->range());
    }
    ~KeepRanges() {
        for (auto& [axis, range] : ranges_) axis->setRange(range);
    }

  private:
    std::vector<std::pair<QCPAxis*, QCPRange>> ranges_;
};

double figureMarkerScale(double canvasWidthPt) {
    // Markers drawn for a ~700 px window: in proportion to the figure, within 0.5–1.5.
    return std::clamp(canvasWidthPt / 700.0, 0.5, 1.5);
}

void PlotView::applyFigureStyle(double fontPx, double lineFactor) const {
    for (QCPAxisRect* rect : plot_->axisRects())
        for (QCPAxis* axis : rect->axes()) styleAxis(axis, fontPx, lineFactor);
    for (int i = 0; i < plot_->plotLayout()->elementCount(); ++i) {
        QCPLayoutElement* e = plot_->plotLayout()->elementAt(i);
        if (auto* scale = qobject_cast<QCPColorScale*>(e))
            styleAxis(scale->axis(), fontPx, lineFactor);
        if (auto* text = qobject_cast<QCPTextElement*>(e))
            text->setFont(sized(text->font(), fontPx * 1.1, true));
    }
    plot_->legend->setFont(sized(plot_->legend->font(), fontPx * 0.9));
    // Margins around the axes in proportion to the type (the axes' own labels add to them); the
    // right one holds half of the last tick label.
    const int m = static_cast<int>(std::lround(0.5 * fontPx));
    const_cast<PlotView*>(this)->setAxisMargins(
        QMargins(m, m, static_cast<int>(std::lround(1.6 * fontPx)), m));
    for (int i = 0; i < plot_->itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(plot_->item(i)))
            t->setFont(sized(t->font(), fontPx * 0.85));
    fitLegendToFont();
    scalePlottableWidths(plot_, lineFactor);
}

void PlotView::restoreScreenStyle() const {
    Appearance::instance().stylePlot(plot_);
    const_cast<PlotView*>(this)->setAxisMargins(QMargins(15, 15, 15, 15));
    scaleMarkers(plot_, Appearance::instance().presentation() ? 1.5 : 1.0);
    setTickDensity(plot_, plot_->width(), plot_->height(),
                   QFontInfo(plot_->xAxis->tickLabelFont()).pixelSize());
    for (int i = 0; i < plot_->itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(plot_->item(i))) {
            QFont f = plot_->font();
            f.setItalic(t == pending_);
            t->setFont(f);
        }
    fitLegendToFont();
    const double scale = Appearance::instance().lineScale();
    for (int i = 0; i < plot_->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot_->plottable(i);
        const QVariant base = p->property("equilabBaseWidth");
        if (!base.isValid()) continue;
        QPen pen = p->pen();
        pen.setWidthF(base.toDouble() * scale);
        p->setPen(pen);
    }
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void PlotView::beginFigure(const ExportPreset& preset) const {
    auto* self = const_cast<PlotView*>(this);
    if (!hoverText().isEmpty()) self->clearHover();  // a read-out is no part of a figure
    syncDecorations();
    // Laid out in points: one font pixel on the canvas is one point on paper.
    applyFigureStyle(preset.font_pt, preset.line_width);
    self->lineFactor_ = preset.line_width;
    self->markerFactor_ = figureMarkerScale(preset.canvasWidth());
    scaleMarkers(plot_, markerFactor_);
    Appearance::instance().applyContrast(plot_);
    setTickDensity(plot_, preset.canvasWidth(), preset.canvasHeight(), preset.font_pt);
    // Interactive hints and "computing …" notes are no part of a figure.
    self->exporting_ = true;
    self->pendingShown_ = pending_->visible();
    pending_->setVisible(false);
}

void PlotView::endFigure() const {
    auto* self = const_cast<PlotView*>(this);
    self->lineFactor_ = Appearance::instance().lineScale();
    self->markerFactor_ = Appearance::instance().presentation() ? 1.5 : 1.0;
    self->exporting_ = false;
    pending_->setVisible(pendingShown_);
    restoreScreenStyle();
}

QImage PlotView::figureImage(const ExportPreset& preset, FigureGeometry* geometry) const {
    KeepRanges keep(plot_);
    beginFigure(preset);
    const int w = preset.canvasWidth(), h = preset.canvasHeight();
    QImage image = plot_->toPixmap(w, h, preset.scale()).toImage();
    if (geometry) {
        // As laid out for the canvas (the layout stays until the next replot).
        *geometry = figureGeometry();
        geometry->figure = QRectF(0, 0, w, h);
    }
    endFigure();
    return image;
}

bool PlotView::exportFigure(const QString& path, const ExportPreset& preset, QString* error) const {
    const QString suffix = QFileInfo(path).suffix().toLower();
    auto fail = [&](const QString& why) {
        if (error) *error = path + ": " + why;
        return false;
    };
    QString why;
    if (!preset.IsValid(&why)) return fail(why);
    if (suffix == "csv") return exportTo(path, preset.pixelWidth(), preset.pixelHeight(), error);
    if (suffix != "png" && suffix != "pdf" && suffix != "svg")
        return fail(tr("unknown format \"%1\" (expected png, pdf, svg or csv)").arg(suffix));
    SafeSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("cannot write (%1)").arg(file.errorString()));
    const int w = preset.canvasWidth(), h = preset.canvasHeight();
    KeepRanges keep(plot_);
    beginFigure(preset);
    bool ok = true;
    if (suffix == "png") {
        QImage image = plot_->toPixmap(w, h, preset.scale()).toImage();
        const int dpm = static_cast<int>(std::lround(preset.dpi / 0.0254));
        image.setDotsPerMeterX(dpm);
        image.setDotsPerMeterY(dpm);
        QImageWriter writer(&file, "png");
        ok = writer.write(image);
        if (!ok) why = writer.errorString();
    } else if (suffix == "svg") {
        QSvgGenerator gen;
        gen.setOutputDevice(&file);
        gen.setResolution(72);
        gen.setSize(QSize(w, h));
        gen.setViewBox(QRect(0, 0, w, h));
        gen.setTitle(title());
        // Every text as glyph outlines (outline_text.h): the SVG carries its letters, shown
        // alike without the font. PDF embeds the fonts' subsets.
        QPainter target(&gen);
        OutlineTextDevice outlines(&target);
        QCPPainter painter(&outlines);
        plot_->toPainter(&painter, w, h);
        painter.end();
        target.end();
    } else {
        QPdfWriter pdf(&file);
        pdf.setResolution(72);
        pdf.setPageSize(QPageSize(QSizeF(w, h), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(title());
        QCPPainter painter(&pdf);
        plot_->toPainter(&painter, w, h);
        painter.end();
    }
    endFigure();
    if (!ok) return fail(why);
    if (!file.commit()) return fail(file.errorString());  // the OS's reason, one line
    return true;
}

}  // namespace equilab
