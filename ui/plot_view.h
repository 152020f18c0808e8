// A small wrapper around QCustomPlot shared by every view: a title, axis labels, a legend,
// zoom and pan with the mouse, a hover read-out of the nearest data point, and queued replots
// (many updates within one frame cost one repaint).
#pragma once

#include <QWidget>

class QCustomPlot;
class QCPTextElement;
class QCPItemText;
class QCPItemTracer;

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

    // Consistent series colours across views.
    static QColor seriesColor(int index);

protected:
    void mouseMoveOnPlot(QMouseEvent* event);

private:
    QCustomPlot* plot_;
    QCPTextElement* title_;
    QCPItemText* readout_;
};

}  // namespace equilab
