#include "ui/training/digits_view.h"

#include <QImage>
#include <QMouseEvent>
#include <QPainter>

#include <cmath>

namespace equilab {

namespace {
constexpr int kCols = 8, kHeader = 28;
}  // namespace

QRect DigitsView::cellRect(int k) const {
    const int count = static_cast<int>(std::min<Index>(48, test_.size()));
    const int rows = std::max(1, (count + kCols - 1) / kCols);
    const int cell = std::max(16, std::min((width() - 8) / kCols, (height() - kHeader - 8) / rows));
    return QRect(4 + (k % kCols) * cell, kHeader + (k / kCols) * cell, cell - 4, cell - 4);
}

int DigitsView::digitAt(const QPoint& pos) const {
    if (test_.image_width <= 0) return -1;
    const int count = static_cast<int>(std::min<Index>(48, test_.size()));
    for (int k = 0; k < count; ++k)
        if (cellRect(k).contains(pos)) return k;
    return -1;
}

void DigitsView::mousePressEvent(QMouseEvent* e) {
    const int k = digitAt(e->position().toPoint());
    if (k >= 0 && e->button() == Qt::LeftButton) emit digitClicked(k);
    QWidget::mousePressEvent(e);
}

DigitsView::DigitsView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("digits"));
    setMinimumSize(320, 320);
    setToolTip(
        tr("The first test digits with the model's predictions; red frames are mistakes. "
           "Click a digit to explore the model on it."));
}

void DigitsView::setData(const Dataset& test) {
    test_ = test;
    predictions_.clear();
    update();
}

void DigitsView::setPredictions(const std::vector<int>& predictions, int step) {
    predictions_ = predictions;
    step_ = step;
    update();
}

int DigitsView::wrongCount() const {
    int wrong = 0;
    for (size_t i = 0; i < predictions_.size() && static_cast<Index>(i) < test_.size(); ++i)
        wrong += predictions_[i] != test_.labels(static_cast<Index>(i));
    return wrong;
}

void DigitsView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), palette().window());
    const int w = test_.image_width;
    if (w <= 0 || test_.size() == 0) {
        p.setPen(palette().color(QPalette::WindowText));
        p.drawText(rect(), Qt::AlignCenter, tr("Digits are shown when training on MNIST."));
        return;
    }
    const int count = static_cast<int>(std::min<Index>(48, test_.size()));
    const int header = kHeader;
    const int cell = cellRect(0).width() + 4;
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(
        QRect(0, 0, width(), header), Qt::AlignCenter,
        predictions_.empty()
            ? tr("Test digits")
            : tr("Test digits at step %1: %2 of %3 wrong").arg(step_).arg(wrongCount()).arg(count));
    QFont f = font();
    f.setPixelSize(std::max(9, cell / 5));
    f.setBold(true);
    p.setFont(f);
    for (int k = 0; k < count; ++k) {
        QImage img(w, w, QImage::Format_Grayscale8);
        for (int y = 0; y < w; ++y)
            for (int x = 0; x < w; ++x)
                img.setPixel(x, y,
                             qRgb(0, 0, 0) + 0x010101 * static_cast<int>(std::lround(
                                                            255 * test_.X(y * w + x, k))));
        const QRect r = cellRect(k);
        p.drawImage(r, img);
        if (static_cast<size_t>(k) < predictions_.size()) {
            const bool wrong = predictions_[k] != test_.labels(k);
            p.setPen(wrong ? QPen(QColor(230, 40, 40), 3) : QPen(QColor(60, 170, 60), 1));
            p.drawRect(r.adjusted(1, 1, -1, -1));
            p.setPen(wrong ? QColor(255, 80, 80) : QColor(120, 230, 120));
            p.drawText(r.adjusted(3, 1, -2, -1), Qt::AlignTop | Qt::AlignRight,
                       QString::number(predictions_[k]));
        }
    }
}

}  // namespace equilab
