// Components of the iterates w_k against k, revealed up to the playback cursor.
#pragma once

#include "ui/views/plot_view.h"
#include "ui/workers/solve_worker.h"

class QCPItemStraightLine;

namespace equilab {

class TrajectoryView : public PlotView {
    Q_OBJECT
  public:
    static constexpr int kMaxComponents = 12;  // more lines would be unreadable
    explicit TrajectoryView(QWidget* parent = nullptr);
    void setResult(const SolveResultPtr& result);  // kept, shared with the other views
    // Show iterates 0…k (k < 0: all).
    void setCursor(int k);
    // The vertical line at the current iterate k during playback (hidden when k < 0).
    const QCPItemStraightLine* cursorMarker() const { return cursorLine_; }

  private:
    void redraw();
    SolveResultPtr result_ = emptySolveResult();
    int cursor_ = -1;
    QCPItemStraightLine* cursorLine_ = nullptr;
};

}  // namespace equilab
