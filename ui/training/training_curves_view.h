// One quantity of every training run against the step: loss, accuracy, ‖A‖₂, the forward
// residual, the backward residual (relative; the steps whose backward solve missed its tolerance
// marked with crosses) or the ρ(J) estimate. One distinct colour per run, each run named by what
// sets it apart from the others shown (method, parametrization, learning rate, …) and numbered from
// 1 among the runs shown (so again from 1 after Clear runs); training solid, validation dashed with
// dots. Runs stay until cleared.
#pragma once

#include <map>

#include "ui/training/training_config.h"
#include "ui/views/plot_view.h"

class QCPGraph;

namespace equilab {

class TrainingController;

class TrainingCurvesView : public PlotView {
    Q_OBJECT
  public:
    enum class Quantity { Loss, Accuracy, NormA, ForwardResidual, BackwardResidual, Rho };
    static constexpr int kQuantities = 6;
    TrainingCurvesView(Quantity q, QWidget* parent = nullptr);
    void setController(TrainingController* c);
    int runCount() const { return static_cast<int>(graphs_.size()); }
    // "run k: …" for each configuration of a list, naming what differs between them (all of
    // method, parametrization and learning rate when there is one run or nothing differs).
    static QStringList runLabels(const std::vector<TrainingConfig>& configs);
    static QColor runColor(int index);  // index from 0 in the list shown

  private:
    void update(int runId);
    bool logScale() const;
    void clear();
    void relabel();  // names and colours from the runs shown now
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
