// Training you can watch: a speed control (steps per second, from 0.5 to unthrottled, on a
// logarithmic scale) and a Step button. Step pauses a running run; while paused, each click runs
// exactly one training step (TrainingController::stepOnce); before Start, Step starts the run
// paused and trains its first step. The pace is kept on the training
// worker (TrainingPaceControl), so the GUI thread never waits.
#pragma once

#include <QWidget>

#include <vector>

class QLabel;
class QPushButton;
class QSlider;

namespace equilab {

class TrainingController;

class TrainingPaceBar : public QWidget {
    Q_OBJECT
  public:
    // pauseButton: the panel's checkable Pause button, which Step checks (so it shows Resume).
    TrainingPaceBar(TrainingController* controller, QPushButton* pauseButton,
                    QWidget* parent = nullptr);
    // The slider's rates in steps per second; the last position (0) is unthrottled.
    static const std::vector<double>& rates();
    QSlider* speedSlider() const { return speed_; }
    QPushButton* stepButton() const { return step_; }
    // Moves the slider to the rate closest to stepsPerSecond (≤ 0: unthrottled).
    void setStepsPerSecond(double stepsPerSecond);

  signals:
    // Step was clicked with no run going: the owner starts one paused (then it steps once).
    void startRequested();

  private:
    void speedChanged(int position);
    TrainingController* controller_;
    QPushButton* pause_;
    QSlider* speed_;
    QLabel* label_;
    QPushButton* step_;
};

}  // namespace equilab
