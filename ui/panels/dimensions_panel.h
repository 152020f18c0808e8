// The model panel: dimensions, generators for A, the scale slider (‖A‖₂ crossing 1 live), the
// parametrization applied at solve time, and a Run button.
#pragma once

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;

namespace equilab {

class Document;
class SolveController;

class DimensionsPanel : public QWidget {
    Q_OBJECT
  public:
    explicit DimensionsPanel(QWidget* parent = nullptr);
    void setDocument(Document* doc);
    // The solves whose certificates give ‖A‖₂ (computed on the worker, for the A shown only).
    void setSolveController(SolveController* solver);
    // ‖A‖₂ of the document's A: fixed by an edit, or from a certificate of that very A; −1 if
    // neither is known yet (nothing is computed here).
    double currentNorm() const;
    QSpinBox* hiddenSpin() const { return hidden_; }
    QSpinBox* inputSpin() const { return input_; }
    QPushButton* runButton() const { return run_; }
    QSlider* scaleSlider() const { return scale_; }
    QComboBox* generatorCombo() const { return generator_; }
    QPushButton* generateButton() const { return generate_; }

    static constexpr int kSliderSteps = 300;  // ‖A‖₂ from 0 to 3 in steps of 0.01
    static constexpr double kSliderMax = 3.0;

  signals:
    void runRequested();

  private:
    void syncFromDocument();
    void showNorm(double norm);
    Document* doc_ = nullptr;
    SolveController* solver_ = nullptr;
    QSpinBox* hidden_;
    QSpinBox* input_;
    QPushButton* run_;
    QComboBox* generator_;
    QDoubleSpinBox* generatorNorm_;
    QSpinBox* reflections_;
    QPushButton* generate_;
    QSlider* scale_;
    QLabel* scaleLabel_;
    QComboBox* parametrization_;
    QDoubleSpinBox* radius_;
    QPushButton* applyParametrization_;
};

}  // namespace equilab
