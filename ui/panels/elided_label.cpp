#include "ui/panels/elided_label.h"

#include <QPainter>
#include <QStyle>

namespace equilab {

ElidedLabel::ElidedLabel(QWidget* parent) : QFrame(parent) {
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

void ElidedLabel::setText(const QString& text) {
    if (text == text_) return;
    text_ = text;
    setToolTip(text);
    updateGeometry();
    update();
    emit textChanged(text_);
}

bool ElidedLabel::fits() const {
    return fontMetrics().horizontalAdvance(text_) <= contentsRect().width();
}

QSize ElidedLabel::sizeHint() const {
    return {fontMetrics().horizontalAdvance(text_) + 8, fontMetrics().height() + 2};
}

QSize ElidedLabel::minimumSizeHint() const {
    return {0, fontMetrics().height() + 2};
}

void ElidedLabel::paintEvent(QPaintEvent* e) {
    QFrame::paintEvent(e);
    QPainter p(this);
    const QRect r = contentsRect().adjusted(4, 0, -4, 0);
    p.setPen(palette().color(QPalette::WindowText));
    p.drawText(r, Qt::AlignVCenter | Qt::AlignLeft,
               fontMetrics().elidedText(text_, Qt::ElideRight, r.width()));
}

}  // namespace equilab
