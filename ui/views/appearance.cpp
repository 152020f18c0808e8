#include "ui/views/appearance.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyleFactory>

#include <cmath>

namespace equilab {

double relativeLuminance(const QColor& c) {
    auto lin = [](double v) {
        return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4);
    };
    const QColor rgb = c.toRgb();
    return 0.2126 * lin(rgb.redF()) + 0.7152 * lin(rgb.greenF()) + 0.0722 * lin(rgb.blueF());
}

double contrastRatio(const QColor& a, const QColor& b) {
    const double la = relativeLuminance(a), lb = relativeLuminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor withContrast(const QColor& c, const QColor& bg, double ratio) {
    if (contrastRatio(c, bg) >= ratio) return c;
    const bool darkBg = relativeLuminance(bg) < 0.18;
    const QColor target = darkBg ? QColor(255, 255, 255) : QColor(0, 0, 0);
    for (int step = 1; step <= 40; ++step) {
        const double t = step / 40.0;
        const QColor m = QColor::fromRgbF(
            static_cast<float>(c.redF() + t * (target.redF() - c.redF())),
            static_cast<float>(c.greenF() + t * (target.greenF() - c.greenF())),
            static_cast<float>(c.blueF() + t * (target.blueF() - c.blueF())), c.alphaF());
        if (contrastRatio(m, bg) >= ratio) return m;
    }
    return target;
}

ThemeColors Appearance::theme(bool dark) {
    if (dark)
        return {QColor(45, 45, 48),    QColor(30, 30, 32),     QColor(225, 225, 225),
                QColor(120, 180, 255), QColor(30, 30, 32),     QColor(220, 220, 220),
                QColor(70, 70, 74),    QColor(40, 40, 44, 235)};
    return {QColor(239, 239, 239), QColor(255, 255, 255),     QColor(0, 0, 0),
            QColor(0, 70, 190),    QColor(255, 255, 255),     QColor(30, 30, 30),
            QColor(200, 200, 200), QColor(255, 255, 255, 235)};
}

Appearance& Appearance::instance() {
    static Appearance a;
    return a;
}

namespace {

// Axis line, ticks and text in the theme's foreground, at the given pen width and point sizes.
void colorAxis(QCPAxis* axis, const QColor& fg, int penWidth, int tickPoints, int labelPoints) {
    axis->setBasePen(QPen(fg, penWidth));
    axis->setTickPen(QPen(fg, penWidth));
    axis->setSubTickPen(QPen(fg, 1));
    axis->setTickLabelColor(fg);
    axis->setLabelColor(fg);
    QFont tf = axis->tickLabelFont();
    tf.setPointSize(tickPoints);
    axis->setTickLabelFont(tf);
    QFont lf = axis->labelFont();
    lf.setPointSize(labelPoints);
    axis->setLabelFont(lf);
}

}  // namespace

void Appearance::load() {
    QSettings s;
    dark_ = s.value("appearance/dark", false).toBool();
    presentation_ = false;  // presentation mode is per session (F5), never restored
    apply();
}

void Appearance::setDark(bool on) {
    if (on == dark_) return;
    dark_ = on;
    QSettings().setValue("appearance/dark", on);
    apply();
}

void Appearance::setPresentation(bool on) {
    if (on == presentation_) return;
    presentation_ = on;
    apply();
}

void Appearance::apply() {
    if (!qApp) return;
    if (basePointSize_ == 0) basePointSize_ = std::max(9, QApplication::font().pointSize());
    QApplication::setStyle(QStyleFactory::create("Fusion"));
    QPalette p = QApplication::style()->standardPalette();
    const ThemeColors tc = colors();
    p.setColor(QPalette::Link, tc.link);
    p.setColor(QPalette::LinkVisited, tc.link);
    if (dark_) {
        const QColor window = tc.window, base = tc.base, text = tc.text;
        p.setColor(QPalette::Window, window);
        p.setColor(QPalette::WindowText, text);
        p.setColor(QPalette::Base, base);
        p.setColor(QPalette::AlternateBase, window);
        p.setColor(QPalette::ToolTipBase, window);
        p.setColor(QPalette::ToolTipText, text);
        p.setColor(QPalette::Text, text);
        p.setColor(QPalette::Button, window);
        p.setColor(QPalette::ButtonText, text);
        p.setColor(QPalette::Highlight, QColor(42, 130, 218));
        p.setColor(QPalette::HighlightedText, Qt::white);
        p.setColor(QPalette::Disabled, QPalette::Text, QColor(120, 120, 120));
        p.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(120, 120, 120));
    }
    QApplication::setPalette(p);
    QFont f = QApplication::font();
    f.setPointSize(presentation_ ? basePointSize_ * 3 / 2 : basePointSize_);
    QApplication::setFont(f);
    emit changed();
}

void Appearance::stylePlot(QCustomPlot* plot) const {
    const QColor bg = colors().plotBackground;
    const QColor fg = foreground();
    const QColor grid = colors().grid;
    const int size = presentation_ ? basePointSize_ * 3 / 2 : std::max(9, basePointSize_);
    plot->setBackground(bg);
    for (QCPAxisRect* rect : plot->axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            colorAxis(axis, fg, presentation_ ? 2 : 1, size - 1, size);
            // x tick labels clear of the y tick label hanging under the axes' corner.
            if (axis->orientation() == Qt::Horizontal)
                axis->setTickLabelPadding(
                    std::max(6, QFontInfo(axis->tickLabelFont()).pixelSize() * 3 / 5));
            axis->grid()->setPen(QPen(grid, 1, Qt::DotLine));
            axis->grid()->setZeroLinePen(QPen(grid, 1));
        }
    }
    // Colour bars (basins, heatmaps) are layout elements with their own axis.
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
        if (auto* scale = qobject_cast<QCPColorScale*>(plot->plotLayout()->elementAt(i))) {
            colorAxis(scale->axis(), fg, 1, size - 1, size - 1);
        }
    styleLegend(plot->legend);
    QFont lf = plot->legend->font();
    lf.setPointSize(size - 1);
    plot->legend->setFont(lf);
    for (int i = 0; i < plot->plotLayout()->elementCount(); ++i)
        if (auto* t = qobject_cast<QCPTextElement*>(plot->plotLayout()->elementAt(i))) {
            t->setTextColor(fg);
            QFont tf = t->font();
            tf.setPointSize(size + 1);
            t->setFont(tf);
        }
}

QColor Appearance::foreground() const {
    return colors().plotForeground;
}

namespace {

// The colour to show for `shown` given its remembered base: a colour set since (by the view)
// becomes the new base.
QColor contrastFor(QObject* o, const char* key, const QColor& shown, const QColor& bg,
                   double ratio) {
    const QByteArray baseKey = QByteArray("equilabBase") + key;
    const QByteArray shownKey = QByteArray("equilabShown") + key;
    QColor base = o->property(baseKey.constData()).value<QColor>();
    if (!base.isValid() || o->property(shownKey.constData()).value<QColor>() != shown) {
        base = shown;
        o->setProperty(baseKey.constData(), base);
    }
    const QColor out = base.alpha() == 0 ? base : withContrast(base, bg, ratio);
    o->setProperty(shownKey.constData(), out);
    return out;
}

}  // namespace

void Appearance::applyContrast(QCustomPlot* plot) const {
    const QColor bg = colors().plotBackground;
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        if (qobject_cast<QCPColorMap*>(p)) continue;                // colours are data there
        if (p->property("equilabOverColorMap").toBool()) continue;  // against the map
        QPen pen = p->pen();
        if (pen.style() != Qt::NoPen) {
            pen.setColor(contrastFor(p, "Pen", pen.color(), bg, 3.0));
            p->setPen(pen);
        }
        if (auto* b = qobject_cast<QCPBars*>(p)) {
            QBrush brush = b->brush();
            if (brush.style() != Qt::NoBrush) {
                brush.setColor(contrastFor(p, "Brush", brush.color(), bg, 3.0));
                b->setBrush(brush);
            }
        }
        auto* g = qobject_cast<QCPGraph*>(p);
        auto* c = qobject_cast<QCPCurve*>(p);
        if (!g && !c) continue;
        QCPScatterStyle style = g ? g->scatterStyle() : c->scatterStyle();
        if (style.isNone() || !style.isPenDefined()) continue;
        QPen sp = style.pen();
        if (sp.style() == Qt::NoPen) continue;
        sp.setColor(contrastFor(p, "Scatter", sp.color(), bg, 3.0));
        style.setPen(sp);
        if (g)
            g->setScatterStyle(style);
        else
            c->setScatterStyle(style);
    }
    for (int i = 0; i < plot->itemCount(); ++i) {
        QCPAbstractItem* item = plot->item(i);
        if (auto* t = qobject_cast<QCPItemText*>(item)) {
            // Against its own box when it has an opaque one, else against the plot.
            const QColor box = t->brush().style() == Qt::NoBrush ? bg : t->brush().color();
            t->setColor(contrastFor(t, "Text", t->color(), box.alpha() > 200 ? box : bg, 4.5));
        } else if (auto* l = qobject_cast<QCPItemLine*>(item)) {
            QPen pen = l->pen();
            pen.setColor(contrastFor(l, "Pen", pen.color(), bg, 3.0));
            l->setPen(pen);
        } else if (auto* s = qobject_cast<QCPItemStraightLine*>(item)) {
            QPen pen = s->pen();
            pen.setColor(contrastFor(s, "Pen", pen.color(), bg, 3.0));
            s->setPen(pen);
        }
    }
}

void Appearance::styleLegend(QCPLegend* legend) const {
    // An empty legend draws nothing: no stray box on a plot without named series.
    const bool blank = legend->itemCount() == 0;
    const QColor fg = foreground();
    legend->setTextColor(fg);
    legend->setBrush(blank ? QBrush(Qt::NoBrush) : QBrush(colors().legendBackground));
    legend->setBorderPen(blank ? QPen(Qt::NoPen) : QPen(fg));
}

}  // namespace equilab
