#include "ui/panels/info_line.h"

#include <QMainWindow>
#include <QVBoxLayout>

#include "ui/panels/elided_label.h"

namespace equilab {

InfoLine::InfoLine(QWidget* parent) : QLabel(parent) {
    setObjectName(QStringLiteral("infoLine"));
    setWordWrap(true);
    setTextFormat(Qt::PlainText);
    setTextInteractionFlags(Qt::TextSelectableByMouse);
    setContentsMargins(6, 2, 6, 2);
    // Wraps instead of widening the window; its height follows the wrapped text.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
}

int InfoLine::wrappedHeight() const {
    // Before the first layout the line has no width yet: its parent's (the views' column).
    int w = width();
    if (w < 100 && parentWidget()) w = parentWidget()->width();
    w = std::max(w, 200);
    const QMargins m = contentsMargins();
    int h = QLabel::heightForWidth(w);
    if (h < 0) h = fontMetrics().lineSpacing() + m.top() + m.bottom();
    if (const QWidget* top = window(); top && top != this && top->height() > 300)
        h = std::min(h, top->height() / 3);
    return h;
}

QSize InfoLine::minimumSizeHint() const {
    return {0, wrappedHeight()};
}

QSize InfoLine::sizeHint() const {
    return {std::max(width(), 200), wrappedHeight()};
}

void InfoLine::resizeEvent(QResizeEvent* e) {
    QLabel::resizeEvent(e);
    if (width() != lastWidth_) {  // re-wrapped: the height may change
        lastWidth_ = width();
        if (wrappedHeight() != height()) updateGeometry();
    }
}

InfoLine* InfoLine::install(QMainWindow* window, ElidedLabel* source) {
    QWidget* central = window->takeCentralWidget();
    auto* box = new QWidget(window);
    box->setObjectName(QStringLiteral("centralBox"));
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    auto* line = new InfoLine(box);
    layout->addWidget(line);
    if (central) layout->addWidget(central, 1);
    window->setCentralWidget(box);
    line->setText(source->text());
    line->setToolTip(source->text());
    line->setVisible(!source->text().isEmpty());
    connect(source, &ElidedLabel::textChanged, line, [line](const QString& text) {
        line->setText(text);
        line->setToolTip(text);
        line->setVisible(!text.isEmpty());
        line->updateGeometry();
    });
    return line;
}

}  // namespace equilab
