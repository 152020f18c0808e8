// A small wrapper around QCustomPlot shared by every view: a title, axis labels, a legend,
// zoom and pan with the mouse, a hover read-out of the nearest data point, queued replots (many
// updates within one frame cost one repaint), and export to PNG, PDF, SVG and CSV from a context
// menu. Colours are consistent across views: one per solver and one per hypergradient method.
#pragma once

#include <QImage>
#include <QWidget>

#include <vector>

#include "core/hypergradient.h"
#include "core/solver.h"

class QCustomPlot;
class QCPAxis;
class QCPTextElement;
class QCPItemText;
class QMenu;

namespace equilab {

struct ExportPreset;

// Sets every plottable's pen width to factor × its width when first seen (kept as the
// "equilabBaseWidth" property), so repeated calls scale from the original, never compound.
void scalePlottableWidths(QCustomPlot* plot, double factor);

class PlotView : public QWidget {
    Q_OBJECT
  public:
    explicit PlotView(const QString& title, QWidget* parent = nullptr);

    QCustomPlot* plot() const { return plot_; }
    QString title() const;
    void setTitle(const QString& title);
    void setAxisLabels(const QString& x, const QString& y);
    void setLogY(bool log);
    // Replot on the next event-loop pass; repeated calls before then coalesce.
    void requestReplot();
    // Rescale both axes to the data (log axes keep only positive data).
    void rescale();
    // A hint drawn in the middle of the plot while it shows no data ("no runs yet — …").
    void setEmptyText(const QString& text);
    bool hasData() const;
    bool emptyTextShown() const;  // as of the last replot
    // The hover read-out as shown now (empty when hidden).
    QString hoverText() const;
    void clearHover();  // hides the read-out (a new scenario or lesson)

    // Export by file suffix: .png, .pdf, .svg (size in pixels / points) or .csv (the data).
    // Written atomically; on failure *error names the file and the reason.
    bool exportTo(const QString& path, int width, int height, QString* error) const;
    QImage toImage(int width, int height) const;
    // Export as a figure for a paper or slide (plot_figure.cpp): the preset's size in inches,
    // resolution (PNG), type size and line width; PDF and SVG in points.
    bool exportFigure(const QString& path, const ExportPreset& preset, QString* error) const;
    // Every plotted series in long form: series,x,y[,z] with full precision.
    QString csv() const;
    // A file-name friendly identifier ("trajectories", "convergence", …).
    QString exportName() const {
        return objectName().isEmpty() ? QStringLiteral("plot") : objectName();
    }

    // Every how many points a series of `count` points is drawn so that at most `maxPoints`
    // reach the screen (the last point is always drawn).
    static int displayStride(size_t count, size_t maxPoints = 4000) {
        return count <= maxPoints ? 1 : static_cast<int>((count + maxPoints - 1) / maxPoints);
    }
    // Ticks at integers only (iteration counts, indices).
    static void setIntegerTicks(QCPAxis* axis);

    // The legend (plot_legend.cpp): by default in the corner where it covers the fewest data
    // points; or a chosen corner, hidden, or wherever it was dragged.
    enum class LegendPlacement {
        Automatic,
        TopLeft,
        TopRight,
        BottomLeft,
        BottomRight,
        Free,
        Hidden
    };
    LegendPlacement legendPlacement() const { return legendPlacement_; }
    void setLegendPlacement(LegendPlacement p);
    // Every plotted point and line, sampled every few pixels, in widget pixels.
    std::vector<QPointF> dataPixels() const;
    int pointsUnder(const QRectF& rect) const;
    // Where the legend would sit in a corner (Qt::AlignTop | Qt::AlignLeft, …) at its size.
    QRectF legendRectAt(Qt::Alignment corner) const;

    static QColor seriesColor(int index);
    static QColor solverColor(SolverMethod m);
    static QColor methodColor(HypergradMethod m);

  signals:
    void exportRequested(PlotView* view);

  protected:
    // How the hover read-out names one colour-map cell's value (basins: iterations or "no
    // convergence"; the decision boundary: a class).
    virtual QString cellText(double value) const;
    void mouseMoveOnPlot(QMouseEvent* event);
    void contextMenu(const QPoint& pos);

  private:
    QString colorMapText(const QPointF& pos) const;
    void placeLegend();
    void applyFigureStyle(double fontPx, double lineFactor) const;
    void restoreScreenStyle() const;
    void addLegendMenu(QMenu* menu);
    bool legendPress(QMouseEvent* e);
    void legendMove(QMouseEvent* e);
    void legendRelease();
    LegendPlacement legendPlacement_ = LegendPlacement::Automatic;
    bool dragging_ = false;
    QPointF dragOffset_;
    QCustomPlot* plot_;
    QCPTextElement* title_;
    QCPItemText* readout_;
    QCPItemText* emptyText_;
};

}  // namespace equilab
