// What the Orbit and the Bifurcation views share (both sweep one parameter of the map):
//  - ParameterControls, their row of controls: the parameter (the scale s of A, the drive scale,
//    an entry of c or x), its range and the plotted component, with a range that suits a newly
//    chosen parameter (the sweep range for s, 0 to 3 for the drive, ±3 for an entry);
//  - fitParameterToModel, what of a choice still fits a new model's dimensions;
//  - parameterAxisLabel, the horizontal axis's label.
// Their marks at parameter values: parameter_marks.h.
#pragma once

#include <QWidget>

#include "core/analysis/orbit.h"

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class QCustomPlot;

namespace equilab {

class ParameterControls : public QWidget {
    Q_OBJECT
  public:
    // prefix names the children ("orbit": orbitParameter, orbitFrom, orbitTo, orbitComponent);
    // tooltip is the parameter box's.
    ParameterControls(const QString& prefix, const QString& tooltip, QWidget* parent = nullptr);
    // Lists model's parameters and shows the choice, without emitting edited(). scaleFrom/To:
    // the range a newly chosen scale s gets.
    void sync(const Model& model, OrbitParameter parameter, int index, double from, double to,
              int component, double scaleFrom, double scaleTo);
    OrbitParameter parameter() const;
    int index() const;
    double from() const;
    double to() const;
    int component() const;  // 0-based

  signals:
    void edited();  // by the user (a new parameter also sets a range that suits it)

  private:
    void changed();
    QComboBox* parameter_;
    QDoubleSpinBox* from_;
    QDoubleSpinBox* to_;
    QSpinBox* component_;
    double scaleFrom_ = 0.05, scaleTo_ = 2.5;
    bool syncing_ = false;
};

// Keeps what still fits model: the component (else w1) and the entry (else the scale of A).
void fitParameterToModel(const Model& model, OrbitParameter* parameter, int* index, int* component);
// "scale s (A ← s·A)", "drive scale p (B x + c ← p·(B x + c))", "c2", "x1".
QString parameterAxisLabel(OrbitParameter parameter, int index);

}  // namespace equilab
