// PlotView's text fitting: annotations kept inside the axes and apart from each other (flipped,
// wrapped, moved), and long axis labels and titles wrapped to their cell, so that no text of a
// figure is cut off at any preset or window size. plot_layout.cpp places the legend.
#include <qcustomplot.h>

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>

#include "ui/views/appearance.h"
#include "ui/views/plot_view.h"

namespace equilab {
namespace {

// Words joined into lines no wider than maxWidth pixels (a word longer than that stays whole).
QString wrapText(const QString& text, const QFont& font, double maxWidth) {
    const QFontMetricsF fm(font);
    QStringList lines;
    for (const QString& paragraph : text.split('\n')) {
        QString line;
        for (const QString& word : paragraph.split(' ', Qt::SkipEmptyParts)) {
            const QString candidate = line.isEmpty() ? word : line + ' ' + word;
            if (!line.isEmpty() && fm.horizontalAdvance(candidate) > maxWidth) {
                lines << line;
                line = word;
            } else {
                line = candidate;
            }
        }
        lines << line;
    }
    return lines.join('\n');
}

QRectF itemRect(QCPItemText* t) {
    return QRectF(t->topLeft->pixelPosition(), t->bottomRight->pixelPosition()).normalized();
}

}  // namespace

void PlotView::fitAnnotations() {
    // Every annotation inside the axes and clear of the others: flipped to the other side of
    // its anchor at an edge, wrapped when wider than the axes, then moved in and apart. Each
    // pass starts again from what the view set (kept as properties; a new value from the view
    // replaces them).
    const QRectF area = QRectF(plot_->axisRect()->rect()).adjusted(1, 1, -1, -1);
    if (area.width() < 20 || area.height() < 10) return;
    std::vector<QRectF> placed;
    for (int i = 0; i < plot_->itemCount(); ++i) {
        auto* t = qobject_cast<QCPItemText*>(plot_->item(i));
        if (!t || !t->visible() || t == readout_ || t == emptyText_ || t->text().isEmpty())
            continue;
        if (t->property("equilabShownText").toString() != t->text())
            t->setProperty("equilabText", t->text());
        if (t->property("equilabShownAlign").toInt() != int(t->positionAlignment()))
            t->setProperty("equilabAlign", int(t->positionAlignment()));
        if (t->property("equilabShownCoords").toPointF() != t->position->coords())
            t->setProperty("equilabCoords", t->position->coords());
        t->setText(t->property("equilabText").toString());
        t->setPositionAlignment(Qt::Alignment(t->property("equilabAlign").toInt()));
        t->position->setCoords(t->property("equilabCoords").toPointF());
        QRectF r = itemRect(t);
        const Qt::Alignment a = t->positionAlignment();
        if (r.right() > area.right() && (a & Qt::AlignLeft))
            t->setPositionAlignment((a & ~Qt::AlignHorizontal_Mask) | Qt::AlignRight);
        else if (r.left() < area.left() && (a & Qt::AlignRight))
            t->setPositionAlignment((a & ~Qt::AlignHorizontal_Mask) | Qt::AlignLeft);
        r = itemRect(t);
        if (r.width() > area.width()) {
            t->setText(wrapText(t->text().trimmed(), t->font(), area.width() - 12));
            r = itemRect(t);
        }
        QPointF shift(0, 0);
        if (r.left() < area.left()) shift.rx() = area.left() - r.left();
        if (r.right() + shift.x() > area.right()) shift.rx() = area.right() - r.right();
        if (r.top() < area.top()) shift.ry() = area.top() - r.top();
        if (r.bottom() + shift.y() > area.bottom()) shift.ry() = area.bottom() - r.bottom();
        r.translate(shift);
        // Apart from the earlier ones: below the one it overlaps, else above it.
        for (int round = 0; round < 8; ++round) {
            auto hit = std::find_if(placed.begin(), placed.end(),
                                    [&](const QRectF& o) { return o.intersects(r); });
            if (hit == placed.end()) break;
            const double down = hit->bottom() + 1 - r.top();
            const double up = hit->top() - 1 - r.bottom();
            const double dy = r.bottom() + down <= area.bottom() ? down : up;
            r.translate(0, dy);
            shift.ry() += dy;
        }
        if (!shift.isNull()) t->position->setPixelPosition(t->position->pixelPosition() + shift);
        placed.push_back(r);
        t->setProperty("equilabShownText", t->text());
        t->setProperty("equilabShownAlign", int(t->positionAlignment()));
        t->setProperty("equilabShownCoords", t->position->coords());
    }
}

bool PlotView::fitAxisLabels() {
    // An axis label longer than its axis is wrapped onto lines (from the view's own label, kept
    // as a property; a label set since replaces it).
    bool changed = false;
    for (QCPAxis* axis : plot_->axisRect()->axes()) {
        if (axis->property("equilabShownLabel").toString() != axis->label())
            axis->setProperty("equilabLabel", axis->label());
        const QString original = axis->property("equilabLabel").toString();
        const double length = axis->orientation() == Qt::Horizontal
                                  ? plot_->axisRect()->rect().width()
                                  : plot_->axisRect()->rect().height();
        QString shown = original;
        if (length > 20 && QFontMetricsF(axis->labelFont()).horizontalAdvance(original) > length)
            shown = wrapText(original, axis->labelFont(), length);
        if (shown != axis->label()) {
            axis->setLabel(shown);
            changed = true;
        }
        axis->setProperty("equilabShownLabel", shown);
    }
    // Titles wider than the figure: wrapped too.
    for (int i = 0; i < plot_->plotLayout()->elementCount(); ++i) {
        auto* t = qobject_cast<QCPTextElement*>(plot_->plotLayout()->elementAt(i));
        if (!t) continue;
        if (t->property("equilabShownLabel").toString() != t->text())
            t->setProperty("equilabLabel", t->text());
        const QString original = t->property("equilabLabel").toString();
        // Its own cell's width (a colour bar's column takes the rest of the row).
        const double width =
            std::min<double>(plot_->viewport().width(), t->outerRect().width()) - 8;
        QString shown = original;
        if (width > 20 && QFontMetricsF(t->font()).horizontalAdvance(original) > width)
            shown = wrapText(original, t->font(), width);
        if (shown != t->text()) {
            t->setText(shown);
            changed = true;
        }
        t->setProperty("equilabShownLabel", shown);
    }
    return changed;
}

}  // namespace equilab
