// Components of the iterates w_k against k.
#pragma once

#include "plot_view.h"
#include "solve_worker.h"

namespace equilab {

class TrajectoryView : public PlotView {
    Q_OBJECT
public:
    static constexpr int kMaxComponents = 12;  // more lines would be unreadable
    explicit TrajectoryView(QWidget* parent = nullptr);
    void setResult(const SolveResult& result);
};

}  // namespace equilab
