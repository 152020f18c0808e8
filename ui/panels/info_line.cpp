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
    setContentsMargins(6, 3, 6, 3);
    // Wraps instead of widening the window; its height follows the wrapped text.
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
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
    line->setVisible(!source->text().isEmpty());
    connect(source, &ElidedLabel::textChanged, line, [line](const QString& text) {
        line->setText(text);
        line->setVisible(!text.isEmpty());
    });
    return line;
}

}  // namespace equilab
