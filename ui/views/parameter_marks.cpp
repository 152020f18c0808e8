#include "ui/views/parameter_marks.h"

#include <qcustomplot.h>

#include <QFontMetricsF>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "ui/views/appearance.h"
#include "ui/views/plot_view.h"

namespace equilab {
namespace {

constexpr double kMarkerCost = 100;    // a covered marker counts as this many points
constexpr double kOverlapCost = 1000;  // another label, an annotation or a pinned legend
constexpr double kLineCost = 3;        // another label's line crossed
constexpr double kOwnLineCost = 20;    // its own line crossed (moved in from an edge)
constexpr double kWrapCost = 0.5;      // a line more than one (wrapped)
constexpr int kMaxLines = 3;           // a label wraps onto at most this many lines

QRectF itemRect(QCPItemText* t) {
    return QRectF(t->topLeft->pixelPosition(), t->bottomRight->pixelPosition()).normalized();
}

}  // namespace

std::vector<LabelPlace> placeLineLabels(const QRectF& area, const std::vector<LineLabel>& labels,
                                        const std::vector<QPointF>& points,
                                        const std::vector<QRectF>& markers,
                                        const std::vector<QRectF>& obstacles, double lineHeight) {
    const double gap = std::max(2.0, 0.3 * lineHeight);       // between a label and its line
    const double pad = std::max(2.0, 0.25 * lineHeight);      // from the edges of the axes
    const double clear = std::max(1.0, 0.1 * lineHeight);     // kept free around a label
    const double spacing = std::max(1.0, 0.15 * lineHeight);  // between stacked rows
    std::vector<LabelPlace> placed;
    placed.reserve(labels.size());
    for (size_t k = 0; k < labels.size(); ++k) {
        const LineLabel& label = labels[k];
        double widest = 0;
        for (const QSizeF& size : label.sizes) widest = std::max(widest, size.width());
        // The points a candidate can cover: those in the band of both sides of the line.
        const double reach = gap + widest + clear;
        std::vector<QPointF> band;
        for (const QPointF& p : points)
            if (std::abs(p.x() - label.x) <= reach) band.push_back(p);
        double bestCost = std::numeric_limits<double>::infinity();
        LabelPlace best{QRectF(area.topLeft(), label.sizes.empty() ? QSizeF() : label.sizes[0]), 1};
        for (size_t v = 0; v < label.sizes.size(); ++v) {
            const double w = label.sizes[v].width(), h = label.sizes[v].height();
            if (w > area.width() || h > area.height()) continue;
            const double step = h + spacing;
            const int rows = std::max(1, static_cast<int>((area.height() / 2 - pad) / step));
            for (int row = 0; row < rows; ++row)
                for (const bool top : {true, false})
                    for (const bool right : {true, false}) {
                        const double y = top ? area.top() + pad + row * step
                                             : area.bottom() - pad - h - row * step;
                        if (y < area.top() || y + h > area.bottom()) continue;
                        double x = right ? label.x + gap : label.x - gap - w;
                        x = std::clamp(x, area.left(), area.right() - w);
                        const QRectF r(x, y, w, h);
                        const QRectF grown = r.adjusted(-clear, -clear, clear, clear);
                        double cost = kWrapCost * double(v);
                        for (const QPointF& p : band) cost += grown.contains(p);
                        for (const QRectF& m : markers) cost += kMarkerCost * m.intersects(grown);
                        for (const QRectF& o : obstacles)
                            cost += kOverlapCost * o.intersects(grown);
                        for (const LabelPlace& o : placed)
                            cost += kOverlapCost * o.rect.intersects(grown);
                        for (size_t j = 0; j < labels.size(); ++j)
                            if (labels[j].x > grown.left() && labels[j].x < grown.right())
                                cost += j == k ? kOwnLineCost : kLineCost;
                        if (cost < bestCost) {
                            bestCost = cost;
                            best = {r, static_cast<int>(v) + 1};
                        }
                    }
        }
        placed.push_back(best);
    }
    return placed;
}

QString wrapLabel(const QString& text, int lines, const QFont& font) {
    const QStringList words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    // Where a break reads well: before a "(" with words ("(scale ≈ 0.87)", not "periodic (2)")
    // and after "→".
    std::vector<int> breaks;  // a break before words[i]
    for (int i = 1; i < words.size(); ++i)
        if ((words[i].startsWith(QLatin1Char('(')) &&
             std::any_of(words[i].begin(), words[i].end(), [](QChar c) { return c.isLetter(); })) ||
            words[i - 1] == QStringLiteral("→"))
            breaks.push_back(i);
    if (lines < 2 || static_cast<int>(breaks.size()) < lines - 1) return text;
    const QFontMetricsF fm(font);
    auto join = [&](int from, int to) { return words.mid(from, to - from).join(QLatin1Char(' ')); };
    // Every choice of lines − 1 breaks (a label has a handful): the narrowest widest line.
    std::vector<int> choice(lines - 1), best;
    double bestWidth = std::numeric_limits<double>::infinity();
    std::function<void(int, size_t)> pick = [&](int at, size_t from) {
        if (at == lines - 1) {
            double widest = 0;
            int begin = 0;
            for (int b : choice) {
                widest = std::max(widest, fm.horizontalAdvance(join(begin, b)));
                begin = b;
            }
            widest =
                std::max(widest, fm.horizontalAdvance(join(begin, static_cast<int>(words.size()))));
            if (widest < bestWidth) {
                bestWidth = widest;
                best = choice;
            }
            return;
        }
        for (size_t i = from; i < breaks.size(); ++i) {
            choice[at] = breaks[i];
            pick(at + 1, i + 1);
        }
    };
    pick(0, 0);
    QStringList out;
    int begin = 0;
    for (int b : best) {
        out << join(begin, b);
        begin = b;
    }
    out << join(begin, static_cast<int>(words.size()));
    return out.join(QLatin1Char('\n'));
}

ParameterMarks::ParameterMarks(PlotView* view, const QPen& line, const QColor& text, int capacity)
    : view_(view) {
    QCustomPlot* plot = view->plot();
    // Every line made before every label: drawn in that order, no line crosses over a label.
    for (int i = 0; i < capacity; ++i) {
        auto* l = new QCPItemStraightLine(plot);
        l->setPen(line);
        l->setVisible(false);
        lines_.append(l);
    }
    for (int i = 0; i < capacity; ++i) {
        auto* t = new QCPItemText(plot);
        t->setColor(text);
        t->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        t->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        t->setVisible(false);
        labels_.append(t);
        texts_.append(QString());
        marked_.append(false);
    }
    laidOut_ = QObject::connect(view, &PlotView::laidOut, view, [this] { place(); });
}

ParameterMarks::~ParameterMarks() {
    QObject::disconnect(laidOut_);
}

void ParameterMarks::mark(int i, double p, const QString& text) {
    if (i < 0 || i >= lines_.size()) return;
    lines_[i]->setVisible(true);
    labels_[i]->setVisible(true);
    lines_[i]->point1->setCoords(p, 0);
    lines_[i]->point2->setCoords(p, 1);
    texts_[i] = text.trimmed();
    marked_[i] = true;
    labels_[i]->setText(texts_[i]);
    // At the top right of the line until the next layout places it (place()).
    labels_[i]->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
    labels_[i]->position->setCoords(p, 0.02);
}

void ParameterMarks::hideFrom(int i) {
    for (int k = std::max(i, 0); k < lines_.size(); ++k) {
        lines_[k]->setVisible(false);
        labels_[k]->setVisible(false);
        marked_[k] = false;
    }
}

QStringList ParameterMarks::labels() const {
    QStringList out;
    for (int i = 0; i < labels_.size(); ++i)
        if (marked_[i]) out.append(texts_[i]);
    return out;
}

void ParameterMarks::place() {
    QCustomPlot* plot = view_->plot();
    // Inside the axes by a pixel, as PlotView keeps every annotation (it moves none of these).
    const QRectF area = QRectF(plot->axisRect()->rect()).adjusted(1, 1, -1, -1);
    if (area.width() < 20 || area.height() < 10) return;
    // The labels of the lines inside the axes (zoomed in, the others are hidden).
    std::vector<int> shown;
    for (int i = 0; i < labels_.size(); ++i) {
        const double x = lines_[i]->point1->pixelPosition().x();
        labels_[i]->setVisible(marked_[i] && x >= area.left() - 1 && x <= area.right() + 1);
        if (labels_[i]->visible()) shown.push_back(i);
    }
    if (shown.empty()) return;
    // What the figure draws besides the marks (their lines are guides, not data).
    for (int i : shown) {
        labels_[i]->setVisible(false);
        lines_[i]->setVisible(false);
    }
    const PlotView::FigureGeometry g = view_->figureGeometry();
    std::vector<QRectF> obstacles;
    for (const PlotView::TextBox& t : g.texts)
        if (t.role == QLatin1String("annotation")) obstacles.push_back(t.rect);
    // An automatic legend is placed after the labels, around them; a pinned one is avoided.
    if (view_->legendPlacement() != PlotView::LegendPlacement::Automatic && !g.legend.isEmpty())
        obstacles.push_back(g.legend);
    std::vector<LineLabel> requests;
    std::vector<QStringList> variants;  // per shown label: the text on 1, 2, 3 lines
    double lineHeight = 0;
    for (int i : shown) {
        labels_[i]->setVisible(true);
        lines_[i]->setVisible(true);
        QCPItemText* t = labels_[i];
        t->setPositionAlignment(Qt::AlignLeft | Qt::AlignTop);
        LineLabel request{lines_[i]->point1->pixelPosition().x(), {}};
        QStringList texts;
        for (int lines = 1; lines <= kMaxLines; ++lines) {
            const QString text = wrapLabel(texts_[i], lines, t->font());
            if (text.count(QLatin1Char('\n')) != lines - 1) break;
            t->setText(text);
            request.sizes.push_back(itemRect(t).size());
            texts << text;
        }
        requests.push_back(request);
        variants.push_back(texts);
        lineHeight = std::max(lineHeight, QFontMetricsF(t->font()).height());
    }
    const std::vector<LabelPlace> at =
        placeLineLabels(area, requests, g.points, g.markers, obstacles, lineHeight);
    // An opaque box of the plot's background (the theme's): a guide line it crosses stops there.
    const QColor box = Appearance::instance().colors().plotBackground;
    for (size_t k = 0; k < shown.size(); ++k) {
        QCPItemText* t = labels_[shown[k]];
        t->setBrush(box);
        t->setText(variants[k].value(at[k].lines - 1, texts_[shown[k]]));
        // Wrapped lines flush with the side of the line.
        const bool right = at[k].rect.center().x() >= requests[k].x;
        t->setTextAlignment(Qt::AlignTop | (right ? Qt::AlignLeft : Qt::AlignRight));
        t->position->setPixelPosition(at[k].rect.topLeft());
    }
}

}  // namespace equilab
