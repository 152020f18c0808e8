// Basins (n = 2): a heatmap over a grid of initial points coloured by the iterations the solver
// needs to converge from each; cells that diverge or hit the cap are drawn in a marked colour.
#pragma once

#include "ui/views/plot_view.h"
#include "ui/workers/solve_worker.h"

class QCPColorMap;
class QCPColorScale;
class QCPGraph;

namespace equilab {

class BasinsView : public PlotView {
    Q_OBJECT
  public:
    explicit BasinsView(QWidget* parent = nullptr);
    void setResult(const SolveResult& result);
    void setAnalysis(const AnalysisResult& analysis);
    QCPColorMap* colorMap() const { return map_; }

  protected:
    QString cellText(double value) const override;

  private:
    QCPColorMap* map_;
    QCPColorScale* scale_;
    QCPGraph* fixedPoint_;
};

}  // namespace equilab
