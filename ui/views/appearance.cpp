#include "ui/views/appearance.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QPalette>
#include <QSettings>
#include <QStyleFactory>

namespace equilab {

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
    if (dark_) {
        const QColor window(45, 45, 48), base(30, 30, 32), text(225, 225, 225);
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
        p.setColor(QPalette::Link, QColor(100, 170, 255));
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
    const QColor bg = dark_ ? QColor(30, 30, 32) : Qt::white;
    const QColor fg = foreground();
    const QColor grid = dark_ ? QColor(70, 70, 74) : QColor(200, 200, 200);
    const int size = presentation_ ? basePointSize_ * 3 / 2 : std::max(9, basePointSize_);
    plot->setBackground(bg);
    for (QCPAxisRect* rect : plot->axisRects()) {
        for (QCPAxis* axis : rect->axes()) {
            colorAxis(axis, fg, presentation_ ? 2 : 1, size - 1, size);
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
    return dark_ ? QColor(220, 220, 220) : QColor(30, 30, 30);
}

void Appearance::styleLegend(QCPLegend* legend) const {
    // An empty legend draws nothing: no stray box on a plot without named series.
    const bool blank = legend->itemCount() == 0;
    const QColor fg = foreground();
    legend->setTextColor(fg);
    legend->setBrush(blank ? QBrush(Qt::NoBrush)
                           : QBrush(dark_ ? QColor(40, 40, 44, 220) : QColor(255, 255, 255, 210)));
    legend->setBorderPen(blank ? QPen(Qt::NoPen) : QPen(fg));
}

}  // namespace equilab
