// Scale sweep: with A replaced by s·A, the iterations Picard needs (left axis) and ρ(J) at the
// end point (right axis) against s, with markers where s‖A‖₂ = 1 and where convergence breaks.
#pragma once

#include "ui/views/plot_view.h"
#include "ui/workers/solve_worker.h"

class QCPItemStraightLine;
class QCPItemText;

namespace equilab {

class SweepView : public PlotView {
    Q_OBJECT
  public:
    explicit SweepView(QWidget* parent = nullptr);
    // The first stage of a solve: the sweep of this scenario is pending ("computing …") until
    // its analysis arrives.
    void setResult(const SolveResult& result);
    void setAnalysis(const AnalysisResult& analysis);

  private:
    QCPItemStraightLine* unit_;
    QCPItemStraightLine* breaks_;
    QCPItemText* unitLabel_;
    QCPItemText* breaksLabel_;
    quint64 analysisGeneration_ = 0;
};

}  // namespace equilab
