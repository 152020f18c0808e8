// Look and feel shared by the whole GUI: a light or dark theme (the Fusion style with a
// matching palette; plots follow) and a presentation mode for projectors (larger fonts and
// thicker lines). Kept in QSettings.
#pragma once

#include <QColor>
#include <QObject>

class QCustomPlot;
class QCPLegend;

namespace equilab {

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
