// For 2-D datasets: the model's predicted class over the plane as a heatmap, with the training
// points on top, updated live from the training snapshots.
#pragma once

#include "plot_view.h"
#include "training_worker.h"

class QCPColorMap;

namespace equilab {

class DecisionBoundaryView : public PlotView {
    Q_OBJECT
public:
    explicit DecisionBoundaryView(QWidget* parent = nullptr);
    void setData(const Dataset& train);
    void setSnapshot(const TrainingSnapshot& s);
    QCPColorMap* colorMap() const { return map_; }
    const BoundaryGrid& grid() const { return grid_; }

signals:
    // A click (press and release without dragging) at this input x = (x₁, x₂).
    void pointClicked(const QPointF& x);

protected:
    QString cellText(double value) const override;

private:
    QCPColorMap* map_;
    BoundaryGrid grid_;
    int classes_ = 2;
    QPoint pressAt_;
};

}  // namespace equilab
