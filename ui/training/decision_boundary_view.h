// For 2-D datasets: the model's predicted class over the plane, with the training (and test)
// points on top, updated live from the training snapshots.
//
// With class probabilities (classification), the regions are shaded by confidence: each pixel
// takes the colour of its most probable class c*, mixed with white by
// q = (p_c* − 1/K) / (1 − 1/K) (white where the classes tie). The snapshot's grid is upsampled
// kUpsample times by bilinear interpolation of the probabilities (the image has
// (res − 1)·kUpsample + 1 pixels a side, pixel k at x_lo + k (x_hi − x_lo) / (size − 1)) and
// drawn scaled smoothly, so the boundary is smooth, not blocky. The optional contour marks the
// pixels where p_c − 1/2 changes sign towards a right or lower neighbour, for each class c (for
// two classes only c = 1: the same line). Check boxes above the plot switch the shading, the
// contour, the training points and the test points.
#pragma once

#include <QImage>
#include <QList>

#include "ui/training/training_worker.h"
#include "ui/views/plot_view.h"

class QCheckBox;
class QCPColorMap;
class QCPGraph;
class QCPItemPixmap;

namespace equilab {

class DecisionBoundaryView : public PlotView {
    Q_OBJECT
  public:
    explicit DecisionBoundaryView(QWidget* parent = nullptr);
    static constexpr int kUpsample = 4;
    void setData(const Dataset& train);
    // Test points, drawn as hollow diamonds (after setData, which clears them).
    void setTestData(const Dataset& test);
    void setSnapshot(const TrainingSnapshot& s);
    QCPColorMap* colorMap() const { return map_; }
    const BoundaryGrid& grid() const { return grid_; }
    // The shading and contour image drawn now (null when the grid has no probabilities).
    const QImage& shadingImage() const { return image_; }
    QRgb contourColor() const;
    QCheckBox* shadingBox() const { return shading_; }
    QCheckBox* contourBox() const { return contour_; }
    QCheckBox* trainPointsBox() const { return trainPoints_; }
    QCheckBox* testPointsBox() const { return testPoints_; }
    // The graphs of the points (one per class), for the toggles.
    QList<QCPGraph*> trainGraphs() const { return trainGraphs_; }
    QList<QCPGraph*> testGraphs() const { return testGraphs_; }

  signals:
    // A click (press and release without dragging) at this input x = (x₁, x₂).
    void pointClicked(const QPointF& x);

  protected:
    QString cellText(double value) const override;

  private:
    void renderShading();
    void applyToggles();
    QCPColorMap* map_;
    QCPItemPixmap* shade_;
    QImage image_;
    QCheckBox* shading_;
    QCheckBox* contour_;
    QCheckBox* trainPoints_;
    QCheckBox* testPoints_;
    QList<QCPGraph*> trainGraphs_, testGraphs_;
    BoundaryGrid grid_;
    int classes_ = 2;
    QPoint pressAt_;
};

}  // namespace equilab
