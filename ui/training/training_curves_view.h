// One quantity of every training run against the step: loss, accuracy, ‖A‖₂ or forward
// iterations. One colour per run (the method's colour, lighter for later runs of the same
// method); training solid, validation dashed with dots. Runs stay until cleared.
#pragma once

#include <map>

#include "ui/views/plot_view.h"

class QCPGraph;

namespace equilab {

class TrainingController;

class TrainingCurvesView : public PlotView {
    Q_OBJECT
  public:
    enum class Quantity { Loss, Accuracy, NormA, ForwardResidual };
    TrainingCurvesView(Quantity q, QWidget* parent = nullptr);
    void setController(TrainingController* c);
    int runCount() const { return static_cast<int>(graphs_.size()); }

  private:
    void update(int runId);
    void clear();
    Quantity q_;
    TrainingController* controller_ = nullptr;
    struct Graphs {
        QCPGraph* train = nullptr;
        QCPGraph* val = nullptr;
        size_t shown = 0;
    };
    std::map<int, Graphs> graphs_;
};

}  // namespace equilab
