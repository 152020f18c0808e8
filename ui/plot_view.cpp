#include "plot_view.h"

#include <qcustomplot.h>

#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace equilab {

PlotView::PlotView(const QString& title, QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("plot"));
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);

    plot_->plotLayout()->insertRow(0);
    title_ = new QCPTextElement(plot_, title, QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    plot_->plotLayout()->addElement(0, 0, title_);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->legend->setVisible(true);
    plot_->legend->setBrush(QColor(255, 255, 255, 210));
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot_->setNoAntialiasingOnDrag(true);

    readout_ = new QCPItemText(plot_);
    readout_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    readout_->position->setType(QCPItemPosition::ptAxisRectRatio);
    readout_->position->setCoords(0.01, 0.01);
    readout_->setBrush(QColor(255, 255, 255, 220));
    readout_->setPadding(QMargins(4, 2, 4, 2));
    readout_->setVisible(false);
    readout_->setClipToAxisRect(true);

    connect(plot_, &QCustomPlot::mouseMove, this, &PlotView::mouseMoveOnPlot);
}

QString PlotView::title() const { return title_->text(); }
void PlotView::setTitle(const QString& title) { title_->setText(title); }

void PlotView::setAxisLabels(const QString& x, const QString& y) {
    plot_->xAxis->setLabel(x);
    plot_->yAxis->setLabel(y);
}

void PlotView::setLogY(bool log) {
    plot_->yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log) {
        QSharedPointer<QCPAxisTickerLog> ticker(new QCPAxisTickerLog);
        plot_->yAxis->setTicker(ticker);
        plot_->yAxis->setNumberFormat(QStringLiteral("eb"));
        plot_->yAxis->setNumberPrecision(0);
    } else {
        plot_->yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        plot_->yAxis->setNumberFormat(QStringLiteral("gb"));
    }
}

void PlotView::requestReplot() { plot_->replot(QCustomPlot::rpQueuedReplot); }

void PlotView::rescale() {
    plot_->rescaleAxes(true);
    // Pad a degenerate range so a constant series is still visible.
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        QCPRange r = axis->range();
        if (r.size() <= 0 || !std::isfinite(r.size())) {
            const double c = std::isfinite(r.center()) ? r.center() : 0.0;
            axis->setRange(axis->scaleType() == QCPAxis::stLogarithmic
                               ? QCPRange(c > 0 ? c / 10 : 1e-16, c > 0 ? c * 10 : 1)
                               : QCPRange(c - 1, c + 1));
        } else if (axis == plot_->yAxis && axis->scaleType() == QCPAxis::stLinear) {
            axis->scaleRange(1.08, r.center());
        }
    }
}

QColor PlotView::seriesColor(int index) {
    // Tableau-like palette: distinct in light and dark themes and for common colour blindness.
    static const QColor colors[] = {QColor(31, 119, 180),  QColor(255, 127, 14),
                                    QColor(44, 160, 44),   QColor(214, 39, 40),
                                    QColor(148, 103, 189), QColor(140, 86, 75),
                                    QColor(227, 119, 194), QColor(127, 127, 127),
                                    QColor(188, 189, 34),  QColor(23, 190, 207)};
    return colors[index % 10];
}

void PlotView::mouseMoveOnPlot(QMouseEvent* event) {
    // Nearest data point over all visible graphs, within 20 pixels.
    const QPointF pos = event->position();
    double best = 20.0 * 20.0;
    QString text;
    for (int g = 0; g < plot_->graphCount(); ++g) {
        QCPGraph* graph = plot_->graph(g);
        if (!graph->visible()) continue;
        const double key = graph->keyAxis()->pixelToCoord(pos.x());
        auto it = graph->data()->findBegin(key);
        for (int step = 0; step < 3 && it != graph->data()->constEnd(); ++step, ++it) {
            const double px = graph->keyAxis()->coordToPixel(it->key);
            const double py = graph->valueAxis()->coordToPixel(it->value);
            const double d2 = (px - pos.x()) * (px - pos.x()) + (py - pos.y()) * (py - pos.y());
            if (d2 < best) {
                best = d2;
                text = QStringLiteral("%1\n%2 = %3\n%4 = %5")
                           .arg(graph->name(), graph->keyAxis()->label(), QString::number(it->key, 'g', 6),
                                graph->valueAxis()->label(), QString::number(it->value, 'g', 6));
            }
        }
    }
    readout_->setVisible(!text.isEmpty());
    if (!text.isEmpty()) readout_->setText(text);
    requestReplot();
}

}  // namespace equilab
