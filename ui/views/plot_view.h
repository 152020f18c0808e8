// A small wrapper around QCustomPlot shared by every view: a title, axis labels, a legend,
// zoom and pan with the mouse, a hover read-out of the nearest data point, queued replots (many
// updates within one frame cost one repaint), and export to PNG, PDF, SVG and CSV from a context
// menu. Colours are consistent across views: one per solver and one per hypergradient method.
#pragma once

#include <QImage>
#include <QWidget>

#include <vector>

#include "core/solvers/solver.h"
#include "core/training/hypergradient.h"

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
// The same for scatter markers ("equilabBaseMarker").
void scaleMarkers(QCustomPlot* plot, double factor);
// Ticks per axis from the axis length in type sizes (plot_figure.cpp), on screen and in figures.
void setTickDensity(QCustomPlot* plot, double width, double height, double fontPx);

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
    // "computing …" drawn in the plot's top left while a stage of its data is pending (empty:
    // none); never drawn into an exported figure.
    void setPendingText(const QString& text);
    QString pendingText() const;
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
    // The preset's PNG, and the geometry it was drawn with in canvas points (figure checks).
    struct FigureGeometry;
    QImage figureImage(const ExportPreset& preset, FigureGeometry* geometry) const;
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

    // What the last layout pass drew, in widget (or canvas) pixels (plot_layout.cpp): the layout
    // engine places the legend from it, and the figure checks assert on it.
    struct TextBox {
        QString text;
        QRectF rect;
        QString role;  // "title", "axis label", "tick label", "annotation", "legend"
    };
    struct FigureGeometry {
        QRectF figure;    // the whole canvas
        QRectF axisRect;  // the main axis rect (the plotted area)
        QRectF legend;    // empty when no legend is drawn
        bool legendOutside = false;
        std::vector<QPointF> points;  // plotted lines sampled every 2 px, data points, colour maps
        std::vector<QRectF> markers;  // scatter markers and fixed-point symbols
        std::vector<TextBox> texts;   // every text drawn (tick labels estimated from the font)
    };
    FigureGeometry figureGeometry() const;
    // The fraction of `points` the legend covers, and the texts and markers it overlaps.
    double legendOverlap(const FigureGeometry& g, int* texts = nullptr,
                         int* markers = nullptr) const;
    // Where the automatic placement put the legend: inside the axes, or outside (right, below).
    enum class LegendSide { Inside, Right, Below };
    LegendSide legendSide() const { return legendSide_; }
    // True while a figure is being rendered for export (overlays leave out interactive hints).
    bool exporting() const { return exporting_; }

    static QColor seriesColor(int index);
    static QColor solverColor(SolverMethod m);
    static QColor methodColor(HypergradMethod m);

  signals:
    void exportRequested(PlotView* view);
    // After every layout pass (replot or export) and before the legend is placed: overlays add
    // their items here so that the placement sees them.
    void laidOut();

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;  // the mouse leaving the plot
    // How the hover read-out names one colour-map cell's value (basins: iterations or "no
    // convergence"; the decision boundary: a class).
    virtual QString cellText(double value) const;
    void mouseMoveOnPlot(QMouseEvent* event);
    void contextMenu(const QPoint& pos);

  private:
    QString colorMapText(const QPointF& pos) const;
    // The read-out for the mouse at pos: the nearest data point within 20 px, else the colour
    // map's cell; empty when nothing is near.
    QString readoutAt(const QPointF& pos) const;
    void placeLegend();
    void layoutPass();
    void relayout();
    void setAxisMargins(const QMargins& m);
    void fitLegendToFont() const;
    // The empty-data hint and the legend's box as the data now asks (run before every draw).
    void syncDecorations() const;
    void fitAnnotations();
    bool fitAxisLabels();
    std::vector<QRectF> textObstacles() const;
    void applyFigureStyle(double fontPx, double lineFactor) const;
    void restoreScreenStyle() const;
    void beginFigure(const ExportPreset& preset) const;
    void endFigure() const;
    void addLegendMenu(QMenu* menu);
    bool legendPress(QMouseEvent* e);
    void legendMove(QMouseEvent* e);
    void legendRelease();
    LegendPlacement legendPlacement_ = LegendPlacement::Automatic;
    LegendSide legendSide_ = LegendSide::Inside;
    QMargins baseMinMargins_;
    bool inLayoutPass_ = false;
    bool exporting_ = false;
    double lineFactor_ = 1.0, markerFactor_ = 1.0;  // as styled now (screen or figure)
    bool pendingShown_ = false;
    bool dragging_ = false;
    QPointF dragOffset_;
    QPointF hoverPos_;       // where the read-out was asked for: recomputed there on new data
    bool hovering_ = false;  // the mouse is over the plot (moved there, not left since)
    QCustomPlot* plot_;
    QCPTextElement* title_;
    QCPItemText* readout_;
    QCPItemText* emptyText_;
    QCPItemText* pending_;
};

}  // namespace equilab
