// The phase portrait you can touch (an overlay on PhaseView, for n ≥ 2):
// - click sets w₀ in the plane shown (one undo step, SetW0Command: n numbers); Shift-click adds a
//   starting point whose Picard path is drawn; right-click clears the added points. The added
//   points are view state (ViewSettings::starts, saved with the view, not undoable): they survive
//   edits and undo, and the solve worker runs Picard from each with the rest (the paths arrive
//   in the result, SolveResult::startPaths; nothing is solved here); a drag still pans;
// - the displacement field φ(w) − w as arrows on a grid, the nullclines φ_i(w) = w_i, and the
//   fixed points found by Newton from a grid of starts, marked stable (ρ(J) < 1, filled) or
//   unstable (open) and labelled with ρ(J);
// - equal aspect, and a ring on the current iterate during playback.
// For n > 2 the plane is the one PhaseView shows (two components or principal directions) through
// the current fixed point. The field is computed on the GUI thread only for n ≤ kMaxFieldN (it
// costs O(n²) per point); above, a note says so.
#pragma once

#include <QObject>
#include <QPoint>
#include <QPointer>

#include "core/analysis/phase_field.h"

class QCPAbstractPlottable;
class QCPItemLine;
class QCPItemText;

namespace equilab {

class Document;
class PhaseView;

class PhaseInteraction : public QObject {
    Q_OBJECT
  public:
    static constexpr int kMaxFieldN = 16;
    static constexpr int kFieldGrid = 17;
    static constexpr int kNullclineResolution = 120;
    static constexpr int kNewtonGrid = 9;

    PhaseInteraction(PhaseView* view, Document* doc);

    // The added starting points (the document's view settings).
    std::vector<Vector> starts() const;
    // What is drawn now (after the last replot).
    const std::vector<FieldArrow>& arrows() const { return arrows_; }
    const std::vector<PlaneFixedPoint>& fixedPoints() const { return fixedPoints_; }
    int nullclineSegments(int k) const { return k == 0 ? segments0_ : segments1_; }
    PlaneWindow window() const { return window_; }
    // Plane point (a, b) → pixel position in the plot widget, and back.
    QPoint toPixel(double a, double b) const;

  protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

  private:
    void click(const QPoint& pixel, Qt::KeyboardModifiers modifiers);
    void layoutDone();
    void refreshOverlay(const PlaneWindow& window);
    bool planeFromPixel(const QPoint& pixel, double* a, double* b) const;
    void clearItems();
    PhaseView* view_;
    QObject* plot_;  // view_->plot(), the watched object (compared, never called, in the filter)
    Document* doc_;
    QPoint pressedAt_;
    bool pressed_ = false;
    bool aspectActive_ = false, correcting_ = false;
    // Cache key of the overlay: what it was computed for (a result is immutable: its
    // generation names its model, no n² copy is kept to compare).
    Matrix dirs_;
    Vector base_;
    PlaneWindow window_;
    quint64 generation_ = 0;
    bool computed_ = false;
    std::vector<FieldArrow> arrows_;
    std::vector<PlaneFixedPoint> fixedPoints_;
    std::vector<PlaneSegment> nullclines_[2];
    int segments0_ = 0, segments1_ = 0;
    QList<QCPItemLine*> arrowItems_;
    QList<QCPItemText*> labelItems_;
    QCPItemText* key_ = nullptr;
    QList<QPointer<QCPAbstractPlottable>> ours_;
};

}  // namespace equilab
