// A small wrapper around QCustomPlot shared by every view: a title, axis labels, a legend,
// zoom and pan with the mouse, a hover read-out of the nearest data point, queued replots (many
// updates within one frame cost one repaint), and export to PNG, PDF, SVG and CSV from a context
// menu. Colours are consistent across views: one per solver and one per hypergradient method.
#pragma once

#include <QImage>
#include <QWidget>

#include "hypergradient.h"
#include "solver.h"

class QCustomPlot;
class QCPTextElement;
class QCPItemText;

namespace equilab {

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

    // Export by file suffix: .png, .pdf, .svg (size in pixels / points) or .csv (the data).
    // Written atomically; on failure *error names the file and the reason.
    bool exportTo(const QString& path, int width, int height, QString* error) const;
    QImage toImage(int width, int height) const;
    // Every plotted series in long form: series,x,y[,z] with full precision.
    QString csv() const;
    // A file-name friendly identifier ("trajectories", "convergence", …).
    QString exportName() const { return objectName().isEmpty() ? QStringLiteral("plot") : objectName(); }

    // Every how many points a series of `count` points is drawn so that at most `maxPoints`
    // reach the screen (the last point is always drawn).
    static int displayStride(size_t count, size_t maxPoints = 4000) {
        return count <= maxPoints ? 1 : static_cast<int>((count + maxPoints - 1) / maxPoints);
    }
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
    QCustomPlot* plot_;
    QCPTextElement* title_;
    QCPItemText* readout_;
    QCPItemText* emptyText_;
};

}  // namespace equilab
