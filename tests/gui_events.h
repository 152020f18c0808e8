// Shared by the GUI tests that replay a user's events (tst_no_surprises, tst_classroom): showing
// the window at the size, answering modal dialogs, dragging a slider, clicking a link in a
// text, the mouse wheel, and Picard's step computed independently.
#pragma once

#include <QtTest>

#include "tests/test_support.h"

#include <qcustomplot.h>
#include <QAbstractSpinBox>
#include <QComboBox>
#include <QDockWidget>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QStatusBar>
#include <QStyleOptionSlider>
#include <QTabBar>
#include <QTableView>
#include <QTextBlock>
#include <QTextBrowser>
#include <QUndoStack>

#include <functional>

#include "core/analysis/orbit.h"
#include "io/data_location.h"
#include "ui/document/document.h"
#include "ui/lessons/lessons.h"
#include "ui/panels/dimensions_panel.h"
#include "ui/panels/export_dialog.h"
#include "ui/panels/matrix_editor.h"
#include "ui/training/dataset_convergence_view.h"
#include "ui/training/model_workspace.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_pace_bar.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_workspace.h"
#include "ui/views/convergence_view.h"
#include "ui/views/phase_interaction.h"
#include "ui/views/phase_view.h"
#include "ui/views/playback.h"
#include "ui/views/trajectory_view.h"
#include "ui/window/main_window.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

namespace gui_events {

inline void settle(MainWindow& w) {
    QTRY_VERIFY(
        w.solveController()->lastAnalysis().generation > 0 && !w.solveController()->isBusy() &&
        w.solveController()->lastResult().generation == w.solveController()->latestGeneration());
}

inline void showWindow(MainWindow& w) {
    w.resize(1366, 768);  // the teacher's laptop of the issue
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
}

// Answers the next modal dialog as a user would: `act` gets it once it is up (polled on the
// event loop, so the code that opened it keeps running its own loop meanwhile).
class ModalAnswer : public QObject {
  public:
    explicit ModalAnswer(std::function<bool(QWidget*)> act) : act_(std::move(act)) {
        timer_.setInterval(20);
        connect(&timer_, &QTimer::timeout, this, [this] {
            QWidget* m = QApplication::activeModalWidget();
            if (m && act_(m)) ++answered;
        });
        timer_.start();
    }
    int answered = 0;

  private:
    std::function<bool(QWidget*)> act_;
    QTimer timer_;
};

// Answers a file dialog as a user who types the whole path and presses Enter: the path goes into
// the name field, so nothing waits for the dialog's folder listing, which Qt fills in on another
// thread (selectFile() on a folder not listed yet left the dialog with no selection, at times).
inline void answerFileDialog(QFileDialog* dialog, const QString& path) {
    const QFileInfo info(path);
    dialog->setDirectory(info.absolutePath());
    auto* name = dialog->findChild<QLineEdit*>(QStringLiteral("fileNameEdit"));
    if (name)
        name->setText(info.absoluteFilePath());
    else
        dialog->selectFile(info.absoluteFilePath());
    static_cast<QDialog*>(dialog)->accept();
}

// The centre of a slider's handle, where a user grabs it. The style option is filled here as
// QSlider::initStyleOption fills it (that one is protected; reaching it through a cast to a
// subclass is undefined behaviour, which UBSan reports).
inline QPoint handleCentre(QSlider* s) {
    QStyleOptionSlider opt;
    opt.initFrom(s);
    opt.subControls = QStyle::SC_None;
    opt.activeSubControls = QStyle::SC_None;
    opt.orientation = s->orientation();
    opt.maximum = s->maximum();
    opt.minimum = s->minimum();
    opt.tickPosition = s->tickPosition();
    opt.tickInterval = s->tickInterval();
    opt.upsideDown = s->orientation() == Qt::Horizontal
                         ? s->invertedAppearance() != (opt.direction == Qt::RightToLeft)
                         : !s->invertedAppearance();
    opt.sliderPosition = s->sliderPosition();
    opt.sliderValue = s->value();
    opt.singleStep = s->singleStep();
    opt.pageStep = s->pageStep();
    if (s->orientation() == Qt::Horizontal) opt.state |= QStyle::State_Horizontal;
    return s->style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderHandle, s).center();
}

// Drags the slider's handle by dx pixels with the mouse.
inline void dragSlider(QSlider* s, int dx) {
    const QPoint from = handleCentre(s);
    QTest::mousePress(s, Qt::LeftButton, Qt::NoModifier, from);
    for (int k = 1; k <= 4; ++k) QTest::mouseMove(s, from + QPoint(dx * k / 4, 0));
    QTest::mouseRelease(s, Qt::LeftButton, Qt::NoModifier, from + QPoint(dx, 0));
}

// Clicks the link with this href in a text browser, where it is drawn.
inline bool clickLink(QTextBrowser* b, const QString& href) {
    for (QTextBlock block = b->document()->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment f = it.fragment();
            if (f.charFormat().anchorHref() != href) continue;
            QTextCursor c(b->document());
            c.setPosition(f.position() + f.length() / 2);
            b->setTextCursor(c);
            b->ensureCursorVisible();
            QTest::mouseClick(b->viewport(), Qt::LeftButton, Qt::NoModifier,
                              b->cursorRect(c).center());
            return true;
        }
    return false;
}

// The mouse wheel over a text: down by ten notches.
inline void scrollDown(QAbstractScrollArea* area) {
    QWidget* v = area->viewport();
    const QPointF pos(v->width() / 2.0, v->height() / 2.0);
    QWheelEvent e(pos, v->mapToGlobal(pos), QPoint(), QPoint(0, -1200), Qt::NoButton,
                  Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(v, &e);
}

// Picard's step w ↦ tanh(A w + B x + c) of a scenario, computed here.
inline Vector picardStep(const Scenario& s, const Vector& w) {
    const Model m = s.effectiveModel();
    return (m.A * w + m.B * s.x + m.c).array().tanh().matrix();
}

inline QCPGraph* graphNamed(QCustomPlot* p, const QString& prefix) {
    for (int i = 0; i < p->graphCount(); ++i)
        if (p->graph(i)->name().startsWith(prefix)) return p->graph(i);
    return nullptr;
}

}  // namespace gui_events
using namespace gui_events;
