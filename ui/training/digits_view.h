// For MNIST: a grid of test digits with the model's predicted label; wrong predictions framed
// in red.
#pragma once

#include <QWidget>

#include "dataset.h"

namespace equilab {

class DigitsView : public QWidget {
    Q_OBJECT
public:
    explicit DigitsView(QWidget* parent = nullptr);
    void setData(const Dataset& test);
    void setPredictions(const std::vector<int>& predictions, int step);
    int wrongCount() const;

protected:
    void paintEvent(QPaintEvent*) override;

private:
    Dataset test_;
    std::vector<int> predictions_;
    int step_ = 0;
};

}  // namespace equilab
