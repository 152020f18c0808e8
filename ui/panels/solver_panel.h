// Solver settings (method, tolerance, cap, damping, Anderson memory) and the playback controls
// (Play / Pause / Step / Reset, speed).
#pragma once

#include <functional>

#include <QWidget>

#include "core/solvers/solver.h"

class QComboBox;
class QDoubleSpinBox;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QLabel;

namespace equilab {

class Document;
class Playback;

class SolverPanel : public QWidget {
    Q_OBJECT
  public:
    explicit SolverPanel(QWidget* parent = nullptr);
    void setDocument(Document* doc);
    void setPlayback(Playback* playback);
    QComboBox* methodCombo() const { return method_; }
    QPushButton* playButton() const { return play_; }
    QPushButton* stepButton() const { return step_; }

  signals:
    void editRejected(const QString& message);

  private:
    void syncFromDocument();
    void edit(const std::function<void(SolverOptions&)>& change);
    void commitTolerance();
    Document* doc_ = nullptr;
    Playback* playback_ = nullptr;
    QComboBox* method_;
    QLineEdit* tolerance_;
    QSpinBox* cap_;
    QDoubleSpinBox* damping_;
    QSpinBox* memory_;
    QPushButton* play_;
    QPushButton* step_;
    QPushButton* reset_;
    QDoubleSpinBox* speed_;
    QLabel* cursor_;
};

}  // namespace equilab
