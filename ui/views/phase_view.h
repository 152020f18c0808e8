// The phase portrait: the path of the iterates from w₀ to w* in the plane of two components
// (or of the two leading principal components when n > 2), for several initial points at once;
// for n = 1 the cobweb diagram of w ↦ tanh(a w + u) against the diagonal.
#pragma once

#include "ui/document/view_settings.h"
#include "ui/views/plot_view.h"
#include "ui/workers/solve_worker.h"

namespace equilab {

class PhaseView : public PlotView {
    Q_OBJECT
  public:
    explicit PhaseView(QWidget* parent = nullptr);
    void setResult(const SolveResultPtr& result);  // kept, shared with the other views
    void setAnalysis(const AnalysisResult& analysis);
    void setViewSettings(const ViewSettings& v);
    void setCursor(int k);
    // The projection in use (n×2): coordinates are dirᵀ(w − origin).
    const Matrix& directions() const { return dirs_; }
    const SolveResult& result() const { return *result_; }
    int cursor() const { return cursor_; }  // −1: the whole path
    // How many paths the view draws itself (the main path and the analysis' other starts): the
    // overlay's added starts take the palette's colours after these.
    int pathCount() const { return std::max<int>(1, static_cast<int>(analysis_.starts.size())); }

  signals:
    void rescaled();  // the axes were just fitted to the data

  private:
    void redraw();
    void drawCobweb();
    QPointF project(const Vector& w) const;
    SolveResultPtr result_ = emptySolveResult();
    AnalysisResult analysis_;
    ViewSettings view_;
    Matrix dirs_;
    int cursor_ = -1;
};

}  // namespace equilab
