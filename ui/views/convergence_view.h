// The residual r_k = ‖φ(w_k) − w_k‖ on a log axis with Banach's a-priori error bound
// qᵏ‖w₁ − w₀‖/(1 − q) and the observed rate; every solver side by side once the analysis is in.
#pragma once

#include "ui/views/plot_view.h"
#include "ui/workers/solve_worker.h"

class QCPItemStraightLine;

namespace equilab {

class ConvergenceView : public PlotView {
    Q_OBJECT
  public:
    explicit ConvergenceView(QWidget* parent = nullptr);
    void setResult(const SolveResultPtr& result);  // kept, shared with the other views
    void setAnalysis(const AnalysisResult& analysis);
    void setCursor(int k);
    // The vertical line at the current iterate k during playback (hidden when k < 0).
    const QCPItemStraightLine* cursorMarker() const { return cursorLine_; }

  private:
    void redraw();
    SolveResultPtr result_ = emptySolveResult();
    AnalysisResult analysis_;
    int cursor_ = -1;
    QCPItemStraightLine* cursorLine_ = nullptr;
};

}  // namespace equilab
