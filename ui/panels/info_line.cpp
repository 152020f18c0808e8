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
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
}

QSize InfoLine::minimumSizeHint() const {
    // Up to two lines are always shown; the rest when the window has room (and in the tooltip).
    const QMargins m = contentsMargins();
    const int two = 2 * fontMetrics().lineSpacing() + m.top() + m.bottom();
    return {0, std::min(two, QLabel::heightForWidth(std::max(width(), 200)))};
}

QSize InfoLine::sizeHint() const {
    const int w = std::max(width(), 200);
    return {w, QLabel::heightForWidth(w)};
}

void InfoLine::resizeEvent(QResizeEvent* e) {
    QLabel::resizeEvent(e);
    if (QLabel::heightForWidth(width()) != height()) updateGeometry();  // re-wrapped
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
