#include "ui/views/plot_view.h"

#include <qcustomplot.h>

#include <QApplication>
#include <QClipboard>
#include <QFileDialog>
#include <QFileInfo>
#include <QImageWriter>
#include <QMenu>
#include <QMessageBox>
#include <QPdfWriter>
#include <QSvgGenerator>
#include <QTextStream>
#include <QVBoxLayout>

#include "io/safe_file.h"
#include "ui/views/appearance.h"

#include <cmath>
#include <limits>

namespace equilab {

void scalePlottableWidths(QCustomPlot* plot, double factor) {
    for (int i = 0; i < plot->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot->plottable(i);
        QVariant base = p->property("equilabBaseWidth");
        if (!base.isValid()) {
            base = p->pen().widthF();
            p->setProperty("equilabBaseWidth", base);
        }
        QPen pen = p->pen();
        pen.setWidthF(base.toDouble() * factor);
        p->setPen(pen);
    }
}

PlotView::PlotView(const QString& title, QWidget* parent) : QWidget(parent) {
    plot_ = new QCustomPlot(this);
    plot_->setObjectName(QStringLiteral("plot"));
    // Plots shrink with the window instead of widening it (their own hint is the full layout's).
    plot_->setMinimumSize(160, 120);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(plot_);

    plot_->plotLayout()->insertRow(0);
    title_ = new QCPTextElement(plot_, title,
                                QFont(font().family(), font().pointSize() + 1, QFont::Bold));
    plot_->plotLayout()->addElement(0, 0, title_);
    plot_->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    plot_->legend->setVisible(true);
    plot_->legend->setBrush(QColor(255, 255, 255, 210));
    plot_->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot_->setNoAntialiasingOnDrag(true);
    plot_->setMouseTracking(true);  // move events with no button pressed, for the hover read-out
    plot_->installEventFilter(this);

    readout_ = new QCPItemText(plot_);
    readout_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    readout_->position->setType(QCPItemPosition::ptAxisRectRatio);
    readout_->position->setCoords(0.01, 0.01);
    readout_->setBrush(QColor(255, 255, 255, 220));
    readout_->setPadding(QMargins(4, 2, 4, 2));
    readout_->setVisible(false);
    readout_->setClipToAxisRect(true);
    readout_->setLayer(QStringLiteral("legend"));  // above every plottable (colour maps are opaque)

    emptyText_ = new QCPItemText(plot_);
    emptyText_->setText(QString());  // not QCPItemText's placeholder "text"
    emptyText_->setPositionAlignment(Qt::AlignCenter);
    emptyText_->setTextAlignment(Qt::AlignCenter);
    emptyText_->position->setType(QCPItemPosition::ptAxisRectRatio);
    emptyText_->position->setCoords(0.5, 0.5);
    emptyText_->setVisible(false);
    emptyText_->setLayer(QStringLiteral("legend"));
    pending_ = new QCPItemText(plot_);
    pending_->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    pending_->position->setType(QCPItemPosition::ptAxisRectRatio);
    pending_->position->setCoords(0.02, 0.02);
    pending_->setVisible(false);
    pending_->setLayer(QStringLiteral("legend"));
    // Before each replot: the hint shows only while there is no data, the legend's box only
    // while it has entries.
    connect(plot_, &QCustomPlot::beforeReplot, this, &PlotView::syncDecorations);

    connect(plot_, &QCustomPlot::mouseMove, this, &PlotView::mouseMoveOnPlot);
    connect(plot_, &QCustomPlot::afterLayout, this, &PlotView::layoutPass);
    connect(plot_, &QCustomPlot::mousePress, this, &PlotView::legendPress);
    connect(plot_, &QCustomPlot::mouseRelease, this, &PlotView::legendRelease);
    // Theme and presentation mode: restyle now and on every change; line widths follow the
    // mode through a base width remembered per plottable.
    auto restyle = [this] {
        Appearance::instance().stylePlot(plot_);
        readout_->setBrush(Appearance::instance().dark() ? QColor(40, 40, 44, 230)
                                                         : QColor(255, 255, 255, 220));
        readout_->setColor(Appearance::instance().dark() ? QColor(230, 230, 230) : Qt::black);
        emptyText_->setColor(Appearance::instance().dark() ? QColor(170, 170, 170)
                                                           : QColor(110, 110, 110));
        pending_->setColor(emptyText_->color());
        QFont italic = pending_->font();
        italic.setItalic(true);
        pending_->setFont(italic);
        requestReplot();
    };
    restyle();
    connect(&Appearance::instance(), &Appearance::changed, this, restyle);
    connect(plot_, &QCustomPlot::beforeReplot, this, [this] {
        lineFactor_ = Appearance::instance().lineScale();
        markerFactor_ = Appearance::instance().presentation() ? 1.5 : 1.0;
        scalePlottableWidths(plot_, lineFactor_);
        scaleMarkers(plot_, markerFactor_);
        Appearance::instance().applyContrast(plot_);
        setTickDensity(plot_, plot_->width(), plot_->height(),
                       QFontInfo(plot_->xAxis->tickLabelFont()).pixelSize());
        // A shown read-out follows the data: after an edit, an undo or a new solve it names what
        // is under the mouse now, never a value that is gone.
        if ((readout_->visible() || hovering_) && !exporting_) {
            const QString text = readoutAt(hoverPos_);
            readout_->setVisible(!text.isEmpty());
            if (!text.isEmpty()) readout_->setText(text);
        }
    });
    plot_->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(plot_, &QWidget::customContextMenuRequested, this, &PlotView::contextMenu);
}

QString PlotView::title() const {
    // The title as set, not as wrapped to the figure's width (plot_layout.cpp).
    const QString shown = title_->property("equilabShownLabel").toString();
    return !shown.isEmpty() && shown == title_->text() ? title_->property("equilabLabel").toString()
                                                       : title_->text();
}
void PlotView::setTitle(const QString& title) {
    title_->setText(title);
}

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

void PlotView::setPendingText(const QString& text) {
    if (text == pending_->text() && pending_->visible() == !text.isEmpty()) return;
    pending_->setText(text);
    pending_->setVisible(!text.isEmpty());
    requestReplot();
}

QString PlotView::pendingText() const {
    return pending_->visible() ? pending_->text() : QString();
}

void PlotView::setEmptyText(const QString& text) {
    emptyText_->setText(text);
    requestReplot();
}

bool PlotView::emptyTextShown() const {
    return emptyText_->visible();
}

bool PlotView::hasData() const {
    for (int i = 0; i < plot_->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot_->plottable(i);
        if (!p->visible()) continue;
        if (auto* g = qobject_cast<QCPGraph*>(p)) {
            if (!g->data()->isEmpty()) return true;
        } else if (auto* c = qobject_cast<QCPCurve*>(p)) {
            if (!c->data()->isEmpty()) return true;
        } else if (auto* b = qobject_cast<QCPBars*>(p)) {
            if (!b->data()->isEmpty()) return true;
        } else if (auto* m = qobject_cast<QCPColorMap*>(p)) {
            if (!m->data()->isEmpty()) return true;
        } else {
            return true;  // colour maps and other plottables count as data
        }
    }
    return false;
}

void PlotView::requestReplot() {
    plot_->replot(QCustomPlot::rpQueuedReplot);
}

void PlotView::rescale() {
    plot_->rescaleAxes(true);
    // Every series and marker inside with a margin (markers are drawn up to ~8 px around their
    // point); a degenerate range is padded so a constant series is still visible.
    for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
        QCPRange r = axis->range();
        const bool log = axis->scaleType() == QCPAxis::stLogarithmic;
        if (r.size() <= 0 || !std::isfinite(r.size())) {
            const double c = std::isfinite(r.center()) ? r.center() : 0.0;
            axis->setRange(log ? QCPRange(c > 0 ? c / 10 : 1e-16, c > 0 ? c * 10 : 1)
                               : QCPRange(c - 1, c + 1));
        } else if (log) {
            const double f = std::pow(r.upper / r.lower, 0.05);
            axis->setRange(r.lower / f, r.upper * f);
        } else {
            axis->setRange(r.lower - 0.05 * r.size(), r.upper + 0.05 * r.size());
        }
    }
}

void PlotView::setIntegerTicks(QCPAxis* axis) {
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(ticker);
}

QColor PlotView::solverColor(SolverMethod m) {
    return seriesColor(static_cast<int>(m));
}

QColor PlotView::methodColor(HypergradMethod m) {
    // itd, aid-fp, aid-cg and exact: hues apart from the solvers' (0–4) and from the grey of
    // reference lines; jfb, phantom and neumann take solver hues (red, blue, green): the plots
    // that show hypergradient methods show no solvers.
    static const int index[] = {5, 6, 9, 8, 3, 0, 2};  // in HypergradMethod's order
    return seriesColor(index[static_cast<int>(m)]);
}

QColor PlotView::seriesColor(int index) {
    // Tableau-like palette: distinct in light and dark themes and for common colour blindness.
    static const QColor colors[] = {
        QColor(31, 119, 180),  QColor(255, 127, 14), QColor(44, 160, 44),   QColor(214, 39, 40),
        QColor(148, 103, 189), QColor(140, 86, 75),  QColor(227, 119, 194), QColor(127, 127, 127),
        QColor(188, 189, 34),  QColor(23, 190, 207)};
    return colors[index % 10];
}

// Before each replot and each export (toPixmap and toPainter emit no beforeReplot): the hint
// shows only while there is no data, the legend's box only while it has entries. An export right
// after new data, before the queued replot ran, would otherwise draw the state of before.
void PlotView::syncDecorations() const {
    emptyText_->setVisible(!emptyText_->text().isEmpty() && !hasData());
    Appearance::instance().styleLegend(plot_->legend);
    fitLegendToFont();
}

QImage PlotView::toImage(int width, int height) const {
    syncDecorations();
    return plot_->toPixmap(width, height).toImage();
}

QString PlotView::csv() const {
    QString out;
    QTextStream ts(&out);
    auto num = [](double v) { return QString::number(v, 'g', 17); };
    auto quoted = [](QString s) { return '"' + s.replace('"', "\"\"") + '"'; };
    ts << "series,x,y,z\n";
    for (int i = 0; i < plot_->plottableCount(); ++i) {
        QCPAbstractPlottable* p = plot_->plottable(i);
        // A series may be named for the CSV apart from its (shared) legend entry.
        const QString csvName = p->property("equilabCsvName").toString();
        const QString name = quoted(csvName.isEmpty() ? p->name() : csvName);
        if (auto* g = qobject_cast<QCPGraph*>(p)) {
            for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
                ts << name << ',' << num(it->key) << ',' << num(it->value) << ",\n";
        } else if (auto* c = qobject_cast<QCPCurve*>(p)) {
            for (auto it = c->data()->constBegin(); it != c->data()->constEnd(); ++it)
                ts << name << ',' << num(it->key) << ',' << num(it->value) << ",\n";
        } else if (auto* b = qobject_cast<QCPBars*>(p)) {
            for (auto it = b->data()->constBegin(); it != b->data()->constEnd(); ++it)
                ts << name << ',' << num(it->key) << ',' << num(it->value) << ",\n";
        } else if (auto* m = qobject_cast<QCPColorMap*>(p)) {
            QCPColorMapData* d = m->data();
            for (int y = 0; y < d->valueSize(); ++y)
                for (int x = 0; x < d->keySize(); ++x) {
                    double kx, vy;
                    d->cellToCoord(x, y, &kx, &vy);
                    ts << name << ',' << num(kx) << ',' << num(vy) << ',' << num(d->cell(x, y))
                       << '\n';
                }
        }
    }
    return out;
}

bool PlotView::exportTo(const QString& path, int width, int height, QString* error) const {
    const QString suffix = QFileInfo(path).suffix().toLower();
    auto fail = [&](const QString& why) {
        if (error) *error = path + ": " + why;
        return false;
    };
    if (width < 16 || height < 16 || width > 20000 || height > 20000)
        return fail(tr("size %1×%2 is outside 16 to 20000 pixels").arg(width).arg(height));
    if (suffix != "png" && suffix != "pdf" && suffix != "svg" && suffix != "csv")
        return fail(tr("unknown format \"%1\" (expected png, pdf, svg or csv)").arg(suffix));
    SafeSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return fail(tr("cannot write (%1)").arg(file.errorString()));
    syncDecorations();
    if (suffix == "png") {
        QImageWriter writer(&file, "png");
        if (!writer.write(toImage(width, height))) return fail(writer.errorString());
    } else if (suffix == "csv") {
        // The data of the figure of this size: a layout pass first, as a PNG export runs one,
        // so the overlays a view adds after layout (the phase field, nullclines and fixed
        // points) are there and fitted to this figure's axes, whether or not a queued replot
        // ran before.
        (void)toImage(width, height);
        const QByteArray bytes = csv().toUtf8();
        if (file.write(bytes) != bytes.size()) return fail(file.errorString());
    } else if (suffix == "svg") {
        QSvgGenerator gen;
        gen.setOutputDevice(&file);
        gen.setSize(QSize(width, height));
        gen.setViewBox(QRect(0, 0, width, height));
        gen.setTitle(title());
        QCPPainter painter(&gen);
        plot_->toPainter(&painter, width, height);
        painter.end();
    } else {
        QPdfWriter pdf(&file);
        pdf.setResolution(72);  // one device pixel per point
        pdf.setPageSize(QPageSize(QSizeF(width, height), QPageSize::Point));
        pdf.setPageMargins(QMarginsF(0, 0, 0, 0));
        pdf.setTitle(title());
        QCPPainter painter(&pdf);
        plot_->toPainter(&painter, width, height);
        painter.end();
    }
    if (!file.commit()) return fail(file.errorString());  // the OS's reason, one line
    return true;
}

void PlotView::contextMenu(const QPoint& pos) {
    QMenu menu(this);
    menu.addAction(tr("Export…"), this, [this] { emit exportRequested(this); });
    menu.addAction(tr("Copy image"), this, [this] {
        QApplication::clipboard()->setImage(toImage(plot_->width(), plot_->height()));
    });
    menu.addSeparator();
    menu.addAction(tr("Reset zoom"), this, [this] {
        rescale();
        requestReplot();
    });
    addLegendMenu(&menu);
    menu.exec(plot_->mapToGlobal(pos));
}

void PlotView::mouseMoveOnPlot(QMouseEvent* event) {
    if (dragging_) {
        legendMove(event);
        return;
    }
    hoverPos_ = event->position();
    hovering_ = true;
    const QString text = readoutAt(hoverPos_);
    // Most moves change nothing shown: replot only when the read-out changes.
    if (text.isEmpty() == !readout_->visible() && (text.isEmpty() || text == readout_->text()))
        return;
    readout_->setVisible(!text.isEmpty());
    if (!text.isEmpty()) readout_->setText(text);
    requestReplot();
}

QString PlotView::readoutAt(const QPointF& pos) const {
    // Nearest data point over all visible graphs, within 20 pixels.
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
                           .arg(graph->name(), graph->keyAxis()->label(),
                                QString::number(it->key, 'g', 6), graph->valueAxis()->label(),
                                QString::number(it->value, 'g', 6));
            }
        }
    }
    // Over a colour map (basins, decision boundary, matrix heatmaps): the cell under the cursor.
    if (text.isEmpty()) text = colorMapText(pos);
    return text;
}

QString PlotView::cellText(double value) const {
    return std::isnan(value) ? tr("not a number") : QString::number(value, 'g', 6);
}

QString PlotView::colorMapText(const QPointF& pos) const {
    for (int k = plot_->plottableCount() - 1; k >= 0; --k) {
        auto* map = qobject_cast<QCPColorMap*>(plot_->plottable(k));
        if (!map || !map->visible() || map->data()->isEmpty()) continue;
        QCPColorMapData* d = map->data();  // cell() is not const in QCustomPlot
        const double x = map->keyAxis()->pixelToCoord(pos.x());
        const double y = map->valueAxis()->pixelToCoord(pos.y());
        // Cells are centred on the grid points of the ranges: half a cell beyond each end.
        const double hx = d->keySize() > 1 ? d->keyRange().size() / (d->keySize() - 1) / 2 : 0.5;
        const double hy =
            d->valueSize() > 1 ? d->valueRange().size() / (d->valueSize() - 1) / 2 : 0.5;
        if (x < d->keyRange().lower - hx || x > d->keyRange().upper + hx ||
            y < d->valueRange().lower - hy || y > d->valueRange().upper + hy)
            continue;
        int i = 0, j = 0;
        d->coordToCell(x, y, &i, &j);
        if (i < 0 || j < 0 || i >= d->keySize() || j >= d->valueSize()) continue;
        const QString xl =
            map->keyAxis()->label().isEmpty() ? QStringLiteral("x") : map->keyAxis()->label();
        const QString yl =
            map->valueAxis()->label().isEmpty() ? QStringLiteral("y") : map->valueAxis()->label();
        return QStringLiteral("%1 = %2\n%3 = %4\n%5: %6")
            .arg(xl, QString::number(x, 'g', 4), yl, QString::number(y, 'g', 4), map->name(),
                 cellText(d->cell(i, j)));
    }
    return {};
}

QString PlotView::hoverText() const {
    return readout_->visible() ? readout_->text() : QString();
}

bool PlotView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == plot_ && event->type() == QEvent::Leave) hovering_ = false;
    return QWidget::eventFilter(watched, event);
}

void PlotView::clearHover() {
    hovering_ = false;
    if (!readout_->visible()) return;
    readout_->setVisible(false);
    requestReplot();
}

}  // namespace equilab
