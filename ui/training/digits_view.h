// For MNIST: a grid of test digits with the model's predicted label; wrong predictions framed
// in red.
#pragma once

#include <QWidget>

#include "core/data/dataset.h"

namespace equilab {

class DigitsView : public QWidget {
    Q_OBJECT
  public:
    explicit DigitsView(QWidget* parent = nullptr);
    void setData(const Dataset& test);
    void setPredictions(const std::vector<int>& predictions, int step);
    int wrongCount() const;
    // Where digit k is drawn; the index of the digit at a point (−1: none).
    QRect cellRect(int k) const;
    int digitAt(const QPoint& pos) const;

  signals:
    void digitClicked(int index);  // an index into the test set

  protected:
    void paintEvent(QPaintEvent*) override;
    void mousePressEvent(QMouseEvent* e) override;

  private:
    Dataset test_;
    std::vector<int> predictions_;
    int step_ = 0;
};

}  // namespace equilab
