#include "ui/training/training_pace_bar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSlider>

#include <cmath>

#include "ui/training/training_controller.h"

namespace equilab {

const std::vector<double>& TrainingPaceBar::rates() {
    static const std::vector<double> r{0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 0};
    return r;
}

TrainingPaceBar::TrainingPaceBar(TrainingController* controller, QPushButton* pauseButton,
                                 QWidget* parent)
    : QWidget(parent), controller_(controller), pause_(pauseButton) {
    setObjectName(QStringLiteral("trainingPace"));
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(6, 2, 6, 2);
    speed_ = new QSlider(Qt::Horizontal, this);
    speed_->setObjectName(QStringLiteral("trainingSpeed"));
    speed_->setRange(0, static_cast<int>(rates().size()) - 1);
    speed_->setPageStep(1);
    speed_->setTickPosition(QSlider::TicksBelow);
    speed_->setToolTip(
        tr("Training speed in steps per second (far right: as fast as possible). "
           "Slow speeds show every step in the curves and the decision boundary."));
    label_ = new QLabel(this);
    label_->setObjectName(QStringLiteral("trainingSpeedLabel"));
    label_->setMinimumWidth(label_->fontMetrics().horizontalAdvance(tr("unthrottled")) + 8);
    step_ = new QPushButton(tr("Step"), this);
    step_->setObjectName(QStringLiteral("trainingStep"));
    step_->setToolTip(tr("Pause the run; then each click trains exactly one step."));
    row->addWidget(new QLabel(tr("Speed"), this));
    row->addWidget(speed_, 1);
    row->addWidget(label_);
    row->addWidget(step_);

    connect(speed_, &QSlider::valueChanged, this, &TrainingPaceBar::speedChanged);
    connect(step_, &QPushButton::clicked, this, [this] {
        if (!controller_->isRunning()) {
            emit startRequested();  // starts paused: the worker trains step 1, then waits
            return;
        }
        if (!controller_->isPaused()) {
            if (pause_)
                pause_->setChecked(true);  // the panel pauses the controller
            else
                controller_->setPaused(true);
            return;
        }
        controller_->stepOnce();
    });
    speed_->setValue(speed_->maximum());
    speedChanged(speed_->value());
}

void TrainingPaceBar::setStepsPerSecond(double stepsPerSecond) {
    const auto& r = rates();
    int best = static_cast<int>(r.size()) - 1;
    if (stepsPerSecond > 0) {
        double gap = INFINITY;
        for (size_t i = 0; i + 1 < r.size(); ++i)
            if (std::abs(std::log(r[i] / stepsPerSecond)) < gap) {
                gap = std::abs(std::log(r[i] / stepsPerSecond));
                best = static_cast<int>(i);
            }
    }
    speed_->setValue(best);
}

void TrainingPaceBar::speedChanged(int position) {
    const double rate = rates()[static_cast<size_t>(position)];
    controller_->setStepsPerSecond(rate);
    label_->setText(rate > 0 ? tr("%1 steps/s").arg(rate) : tr("unthrottled"));
}

}  // namespace equilab
