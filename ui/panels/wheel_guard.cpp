#include "ui/panels/wheel_guard.h"

#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QScrollBar>
#include <QWheelEvent>

namespace equilab {
namespace {

// The widgets whose value the wheel would change (a scroll bar is for scrolling: not one).
bool guarded(QObject* o) {
    return qobject_cast<QAbstractSpinBox*>(o) || qobject_cast<QComboBox*>(o) ||
           (qobject_cast<QAbstractSlider*>(o) && !qobject_cast<QScrollBar*>(o));
}

}  // namespace

void WheelGuard::install() {
    static WheelGuard* guard = nullptr;
    if (guard || !qApp) return;
    guard = new WheelGuard(qApp);
    qApp->installEventFilter(guard);
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::Polish && guarded(watched)) {
        // Qt's default for these is WheelFocus: the wheel would give them the focus first.
        auto* w = static_cast<QWidget*>(watched);
        if (w->focusPolicy() == Qt::WheelFocus) w->setFocusPolicy(Qt::StrongFocus);
    } else if (event->type() == QEvent::Wheel && guarded(watched) &&
               !static_cast<QWidget*>(watched)->hasFocus()) {
        event->ignore();  // not for this widget: QApplication passes it on to the parent
        return true;
    }
    return QObject::eventFilter(watched, event);
}

}  // namespace equilab
