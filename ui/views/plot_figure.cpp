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
#include "ui/views/plot_view.h"

namespace equilab {
namespace {

QFont sized(QFont f, double px, bool bold = false) {
    f.setPixelSize(std::max(1, static_cast<int>(std::lround(px))));
    f.setBold(bold);
    return f;
}

void styleAxis(QCPAxis* axis, double fontPx, double line) {
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
    scalePlottableWidths(plot_, lineFactor);
}

void PlotView::restoreScreenStyle() const {
    Appearance::instance().stylePlot(plot_);
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
    const bool hover = !hoverText().isEmpty();
    if (hover) const_cast<PlotView*>(this)->clearHover();  // a read-out is no part of a figure
    // Laid out in points: one font pixel on the canvas is one point on paper.
    applyFigureStyle(preset.font_pt, preset.line_width);
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
        QCPPainter painter(&gen);
        plot_->toPainter(&painter, w, h);
        painter.end();
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
    restoreScreenStyle();
    if (!ok) return fail(why);
    if (!file.commit()) return fail(file.errorString());  // the OS's reason, one line
    return true;
}

}  // namespace equilab
