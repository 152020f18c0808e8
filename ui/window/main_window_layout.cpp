// The main window's size and layout: the first-launch geometry from the screen's available
// area, a restored geometry kept on screen, and presentation mode (full screen on the current
// screen, editing docks hidden, larger type; leaving it restores the exact previous layout).
#include <QComboBox>
#include <QDockWidget>
#include <QGuiApplication>
#include <QScreen>
#include <QScrollArea>
#include <QSettings>
#include <QStatusBar>
#include <QTimer>
#include <QWindow>

#include "ui/panels/elided_label.h"
#include "ui/views/appearance.h"
#include "ui/window/main_window.h"

namespace equilab {

namespace {
// A QComboBox keeps its cached minimum size across a font change (Qt 6.4 resets it only on a
// style change): after presentation mode's type changes, the docks would keep the larger (or
// smaller) combo boxes' heights. A style change event makes each measure itself again.
void remeasureComboBoxes(QWidget* root) {
    for (QComboBox* c : root->findChildren<QComboBox*>()) {
        QEvent e(QEvent::StyleChange);
        QCoreApplication::sendEvent(c, &e);
        c->updateGeometry();
    }
}
}  // namespace

QRect MainWindow::initialGeometry(const QRect& available) {
    // 92 % of the available area (no larger than 1600×1000 on big screens), centred: the whole
    // frame, title bar included, stays on screen.
    const int w = std::min(1600, available.width() * 92 / 100);
    const int h = std::min(1000, available.height() * 92 / 100);
    QRect r(0, 0, w, h);
    r.moveCenter(available.center());
    return r;
}

QRect MainWindow::availableArea() const {
    const QScreen* s = screen() ? screen() : QGuiApplication::primaryScreen();
    return s ? s->availableGeometry() : QRect(0, 0, 1280, 720);
}

void MainWindow::fitToScreen(const QRect& available) {
    const QRect r = initialGeometry(available);
    // The frame (title bar, borders) is known only once shown; leave room for a usual one.
    resize(r.size() - QSize(0, 30));
    move(r.topLeft());
}

QWidget* MainWindow::scrollable(QWidget* panel) {
    // A dock's panel scrolls instead of forcing a minimum height on the window: the window fits
    // small screens, and panels that grow (a longer form for MNIST, larger type) never resize it.
    auto* area = new QScrollArea(this);
    area->setObjectName(panel->objectName() + QStringLiteral("Scroll"));
    area->setWidget(panel);
    area->setWidgetResizable(true);
    area->setFrameShape(QFrame::NoFrame);
    area->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
    area->setMinimumWidth(std::min(panel->sizeHint().width() + 20, 300));
    return area;
}

QString MainWindow::certificateText() const {
    return certificate_->text();
}

void MainWindow::setPresentationMode(bool on) {
    if (on == presenting_) return;
    presenting_ = on;
    if (on) {
        savedGeometry_ = saveGeometry();
        savedState_ = saveState();
        for (QDockWidget* d : findChildren<QDockWidget*>())
            if (d != lessonDock_) d->hide();
        Appearance::instance().setPresentation(true);
        remeasureComboBoxes(this);
        showFullScreen();
        // Without a window manager (a bare X server, a projector set-up) the full-screen state is
        // only a hint: fill the current screen explicitly.
        if (QScreen* s = screen()) setGeometry(s->geometry());
    } else {
        Appearance::instance().setPresentation(false);
        remeasureComboBoxes(this);
        showNormal();
        // The smaller type reaches the widgets through posted events, which re-lay out the docks:
        // let them through first, so the restored layout is exactly the one left.
        QCoreApplication::sendPostedEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        restoreGeometry(savedGeometry_);
        restoreState(savedState_);
        QTimer::singleShot(0, this, [this] {
            if (presenting_) return;
            restoreGeometry(savedGeometry_);
            restoreState(savedState_);
        });
    }
    emit presentationModeChanged(on);
}

}  // namespace equilab
