// Look and feel shared by the whole GUI: a light or dark theme (the Fusion style with a
// matching palette; plots follow) and a presentation mode for projectors (larger fonts and
// thicker lines). Kept in QSettings.
#pragma once

#include <QColor>
#include <QObject>
#include <QString>

#include <vector>

class QCustomPlot;
class QCPLegend;

namespace equilab {

// WCAG 2 relative luminance and contrast ratio (1 to 21): text needs ≥ 4.5 against its
// background (AA), lines and markers ≥ 3.
double relativeLuminance(const QColor& c);
double contrastRatio(const QColor& a, const QColor& b);
// c itself when it has `ratio` against bg, else c blended towards black (light bg) or white
// (dark bg) just enough: the hue is kept as far as the contrast allows.
QColor withContrast(const QColor& c, const QColor& bg, double ratio);

// The colours of one theme (the single source for the palette, the plots and the tests).
struct ThemeColors {
    QColor window, base, text, link, plotBackground, plotForeground, grid, legendBackground;
};

class Appearance : public QObject {
    Q_OBJECT
  public:
    static Appearance& instance();
    bool dark() const { return dark_; }
    bool presentation() const { return presentation_; }
    void setDark(bool on);
    void setPresentation(bool on);
    void load();  // from QSettings, then apply

    // Styles a plot for the current theme and mode (fonts, colours, line widths).
    void stylePlot(QCustomPlot* plot) const;
    // The legend's box for the theme, or none while the legend is empty (PlotView calls this
    // before every replot, as series come and go).
    void styleLegend(QCPLegend* legend) const;
    double lineScale() const { return presentation_ ? 2.0 : 1.0; }
    static ThemeColors theme(bool dark);
    ThemeColors colors() const { return theme(dark_); }
    // Every series, marker, line item and annotation of the plot re-coloured, if need be, to
    // ≥ 3:1 (lines, markers) and ≥ 4.5:1 (text) against the plot's background; each keeps its
    // own colour as "equilabBaseColor" so that a theme change starts again from it.
    void applyContrast(QCustomPlot* plot) const;

  signals:
    void changed();

  private:
    Appearance() = default;
    void apply();
    QColor foreground() const;  // text, axes and legend border for the theme
    bool dark_ = false;
    bool presentation_ = false;
    int basePointSize_ = 0;
};

}  // namespace equilab
