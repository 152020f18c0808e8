// What the Orbit and the Bifurcation views share (both sweep one parameter of the map):
//  - ParameterControls, their row of controls: the parameter (the scale s of A, the drive scale,
//    an entry of c or x), its range and the plotted component, with a range that suits a newly
//    chosen parameter (the sweep range for s, 0 to 3 for the drive, ±3 for an entry);
//  - fitParameterToModel, what of a choice still fits a new model's dimensions;
//  - parameterAxisLabel, the horizontal axis's label;
//  - ParameterMarks, vertical lines at parameter values with labels stacked at the top (the
//    orbit's verdict changes, the bifurcation's special points).
#pragma once

#include <QColor>
#include <QList>
#include <QPen>
#include <QWidget>

#include "core/analysis/orbit.h"

class QComboBox;
class QDoubleSpinBox;
class QSpinBox;
class QCustomPlot;
class QCPItemStraightLine;
class QCPItemText;

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

class ParameterMarks {
  public:
    ParameterMarks(QCustomPlot* plot, const QPen& line, const QColor& text, int capacity);
    // Mark i at parameter value p, labelled text, stacked a line below mark i − 1 (four rows).
    void mark(int i, double p, const QString& text);
    // Hides the marks from i on.
    void hideFrom(int i);
    QStringList labels() const;  // the labels shown now
    int capacity() const { return static_cast<int>(lines_.size()); }

  private:
    QCustomPlot* plot_;
    QList<QCPItemStraightLine*> lines_;
    QList<QCPItemText*> labels_;
};

}  // namespace equilab
