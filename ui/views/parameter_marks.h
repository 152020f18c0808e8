// Marks at parameter values, shared by the Orbit and the Bifurcation views (the orbit's verdict
// changes, the bifurcation's special points): a vertical line at each value and its label, placed
// after every layout pass of the view (PlotView::laidOut: on screen and at every export size) in
// the free place nearest its line (placeLineLabels).
#pragma once

#include <QColor>
#include <QFont>
#include <QList>
#include <QMetaObject>
#include <QPen>
#include <QPointF>
#include <QRectF>
#include <QStringList>

#include <vector>

class QCPItemStraightLine;
class QCPItemText;

namespace equilab {

class PlotView;

// A label of a vertical line at pixel x: its size on one line, then wrapped onto more lines.
struct LineLabel {
    double x = 0;
    std::vector<QSizeF> sizes;  // sizes[v]: on v + 1 lines
};
struct LabelPlace {
    QRectF rect;
    int lines = 1;  // the variant chosen: on this many lines
};

// Where each label goes, in pixels: beside its line (right of it, or left of it), in one of the
// rows stacked from the top and from the bottom edge of area (down to its middle), on one line
// or wrapped, scored by what it would cover (its box grown by a tenth of a line):
//   cost = points + 100 · markers + 1000 · (obstacles and labels placed before it)
//          + 3 · other labels' lines crossed + 20 · its own line crossed + 0.5 · extra lines,
// where points are the plotted points (the lines sampled, PlotView::figureGeometry) and markers
// the scatter markers' boxes. A candidate leaving area is moved in along its row. The cheapest
// wins; ties go to the first in the order: row 0 at the top right of the line, top left, bottom
// right, bottom left, then row 1 likewise, …, one line before two, so that the same figure
// places alike every time. Labels are placed in their order, each avoiding those before it. A
// label wider than area on every variant is put at its top left (PlotView wraps it).
// lineHeight: the labels' line height (gaps and pads).
std::vector<LabelPlace> placeLineLabels(const QRectF& area, const std::vector<LineLabel>& labels,
                                        const std::vector<QPointF>& points,
                                        const std::vector<QRectF>& markers,
                                        const std::vector<QRectF>& obstacles, double lineHeight);

// text on `lines` lines, broken where a line reads well (before a "(" followed by a word, after
// "→") so that the widest line is narrowest; text itself when it has too few such places.
QString wrapLabel(const QString& text, int lines, const QFont& font);

class ParameterMarks {
  public:
    // Lines drawn with the pen `line`, labels in `text` over a light box; at most capacity marks.
    ParameterMarks(PlotView* view, const QPen& line, const QColor& text, int capacity);
    ~ParameterMarks();
    ParameterMarks(const ParameterMarks&) = delete;
    ParameterMarks& operator=(const ParameterMarks&) = delete;
    // Mark i at parameter value p, labelled text (placed at the next layout).
    void mark(int i, double p, const QString& text);
    // Hides the marks from i on.
    void hideFrom(int i);
    QStringList labels() const;  // the labels of the marks (hidden while their line is out of view)
    int capacity() const { return static_cast<int>(lines_.size()); }

  private:
    void place();  // after each layout pass: placeLineLabels with what the view draws
    PlotView* view_;
    QList<QCPItemStraightLine*> lines_;
    QList<QCPItemText*> labels_;
    QStringList texts_;  // as marked (PlotView may wrap a label's shown text)
    QList<bool> marked_;
    QMetaObject::Connection laidOut_;
};

}  // namespace equilab
