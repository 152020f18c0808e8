// No surprises mid-lecture (issue #28): each surprise a teacher met, replayed with the events a
// user produces (QTest mouse and key events, wheel events, the file dialogs answered as a user
// would), and the window checked against values computed here.
#include <QtTest>

#include "tests/gui_guard.h"
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

#include "core/orbit.h"
#include "io/data_location.h"
#include "ui/document/document.h"
#include "ui/panels/dimensions_panel.h"
#include "ui/panels/export_dialog.h"
#include "ui/panels/lessons.h"
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

namespace {

void settle(MainWindow& w) {
    QTRY_VERIFY(
        w.solveController()->lastAnalysis().generation > 0 && !w.solveController()->isBusy() &&
        w.solveController()->lastResult().generation == w.solveController()->latestGeneration());
}

void showWindow(MainWindow& w) {
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

// The centre of a slider's handle, where a user grabs it.
QPoint handleCentre(QSlider* s) {
    struct Access : QSlider {
        using QSlider::initStyleOption;
    };
    QStyleOptionSlider opt;
    static_cast<Access*>(s)->initStyleOption(&opt);
    return s->style()->subControlRect(QStyle::CC_Slider, &opt, QStyle::SC_SliderHandle, s).center();
}

// Drags the slider's handle by dx pixels with the mouse.
void dragSlider(QSlider* s, int dx) {
    const QPoint from = handleCentre(s);
    QTest::mousePress(s, Qt::LeftButton, Qt::NoModifier, from);
    for (int k = 1; k <= 4; ++k) QTest::mouseMove(s, from + QPoint(dx * k / 4, 0));
    QTest::mouseRelease(s, Qt::LeftButton, Qt::NoModifier, from + QPoint(dx, 0));
}

// Clicks the link with this href in a text browser, where it is drawn.
bool clickLink(QTextBrowser* b, const QString& href) {
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
void scrollDown(QAbstractScrollArea* area) {
    QWidget* v = area->viewport();
    const QPointF pos(v->width() / 2.0, v->height() / 2.0);
    QWheelEvent e(pos, v->mapToGlobal(pos), QPoint(), QPoint(0, -1200), Qt::NoButton,
                  Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(v, &e);
}

// Picard's step w ↦ tanh(A w + B x + c) of a scenario, computed here.
Vector picardStep(const Scenario& s, const Vector& w) {
    const Model m = s.effectiveModel();
    return (m.A * w + m.B * s.x + m.c).array().tanh().matrix();
}

QCPGraph* graphNamed(QCustomPlot* p, const QString& prefix) {
    for (int i = 0; i < p->graphCount(); ++i)
        if (p->graph(i)->name().startsWith(prefix)) return p->graph(i);
    return nullptr;
}

}  // namespace

class TestNoSurprises : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void startsSurviveEditsAndUndo();
    void editShowsEveryIterateAgain();
    void wheelChangesOnlyFocusedFields();
    void leavingPresentationRestoresLayout();
    void mnistFoundWhereverStarted();
    void nextLessonAfterTryDoesNotAsk();
    void lessonOpensAtTopAndSaysItsNumbersAreTheOpening();
    void trainingLessonIsWatchableAndStepsBeforeStart();
    void openModelAndExportConfirm();
    void fileDialogsRememberTheLastFolder();
    void ownLessonOpensInTheLessonsDock();
    void saveAsLessonPassesItsOwnClaims();
    void cliCountsEntriesFromOne();
};

void TestNoSurprises::startsSurviveEditsAndUndo() {
    MainWindow w;
    showWindow(w);
    Document* doc = w.document();
    const Scenario original = doc->scenario();
    PhaseView* phase = w.phaseView();
    w.viewTabs()->setCurrentWidget(phase);
    settle(w);
    phase->plot()->replot();
    auto* touch = w.findChild<PhaseInteraction*>();
    QVERIFY(touch);
    const QCPRange xr = phase->plot()->xAxis->range(), yr = phase->plot()->yAxis->range();
    QTest::mouseClick(phase->plot(), Qt::LeftButton, Qt::ShiftModifier,
                      touch->toPixel(xr.lower + 0.6 * xr.size(), yr.lower + 0.4 * yr.size()));
    QCOMPARE(int(touch->starts().size()), 1);
    const Vector start = touch->starts()[0];
    // The start's path is Picard's from the start on the scenario solved: checked against the
    // step computed here, for the scenario the document holds now.
    auto pathIsCurrent = [&] {
        const SolveResult& r = phase->result();
        if (r.startPaths.size() != 1 || r.startPaths[0].size() < 3) return false;
        if (r.generation != w.solveController()->latestGeneration()) return false;
        const Scenario& s = doc->scenario();
        const auto& p = r.startPaths[0];
        return p[0] == start && (p[1] - picardStep(s, p[0])).norm() < 1e-12 &&
               (p[2] - picardStep(s, p[1])).norm() < 1e-12;
    };
    QTRY_VERIFY(pathIsCurrent());
    // A slider drag: A changes, the start stays and is re-solved.
    w.findChild<QDockWidget*>("modelDock")->raise();
    QSlider* scale = w.dimensionsPanel()->scaleSlider();
    const int before = scale->value();
    dragSlider(scale, -40);
    QVERIFY(scale->value() != before);
    QVERIFY(!(doc->scenario().model.A == original.model.A));
    QCOMPARE(int(touch->starts().size()), 1);
    QTRY_VERIFY(pathIsCurrent());
    // A cell typed in the c table: the same.
    auto* editor = w.matrixEditor();
    QTabBar* blocks = editor->tabBar();
    for (int i = 0; i < blocks->count(); ++i)
        if (blocks->tabText(i) == "c")
            QTest::mouseClick(blocks, Qt::LeftButton, Qt::NoModifier, blocks->tabRect(i).center());
    auto* table = w.findChild<QTableView*>("table_c");
    QVERIFY(table && table->isVisible());
    QTest::mouseClick(table->viewport(), Qt::LeftButton, Qt::NoModifier,
                      table->visualRect(table->model()->index(0, 0)).center());
    QTest::keyClick(table, Qt::Key_F2);  // edit the cell
    QWidget* cell = QApplication::focusWidget();
    QVERIFY(cell && table->isAncestorOf(cell) && cell != table);
    QTest::keyClick(cell, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(cell, "0.125");
    QTest::keyClick(cell, Qt::Key_Return);
    QTRY_COMPARE(doc->scenario().model.c(0), 0.125);  // the delegate commits on the event loop
    QCOMPARE(int(touch->starts().size()), 1);
    QTRY_VERIFY(pathIsCurrent());
    // Undo both (Ctrl+Z twice): the scenario is the original again, the start is still there
    // and solved on it; no undo step was ever about the start.
    for (int i = 0; i < doc->undoStack()->count(); ++i)
        QVERIFY2(!doc->undoStack()->text(i).contains("start", Qt::CaseInsensitive),
                 qPrintable(doc->undoStack()->text(i)));
    QTest::keyClick(phase->plot(), Qt::Key_Z, Qt::ControlModifier);
    QTest::keyClick(phase->plot(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(doc->scenario().model.A, original.model.A);
    QCOMPARE(doc->scenario().model.c, original.model.c);
    QVERIFY(!doc->undoStack()->canUndo());
    QCOMPARE(int(touch->starts().size()), 1);
    QTRY_VERIFY(pathIsCurrent());
}

void TestNoSurprises::editShowsEveryIterateAgain() {
    MainWindow w;
    showWindow(w);
    settle(w);
    const Scenario s0 = w.document()->scenario();
    const int iterations = w.solveController()->lastResult().summary.iterations;
    QCOMPARE(iterations, 65);  // the default scenario of the issue
    // Hover over w₁'s first component in the Trajectories tab: the read-out names the value,
    // computed here.
    w.viewTabs()->setCurrentWidget(w.trajectoryView());
    QTest::qWait(100);  // laid out at its size in the window
    QCustomPlot* traj = w.trajectoryView()->plot();
    traj->replot();
    QCPGraph* g = traj->graph(0);
    const double w1 = picardStep(s0, s0.startingPoint())(0);
    QCOMPARE(g->data()->at(1)->value, w1);
    const QPoint at(int(g->keyAxis()->coordToPixel(1)), int(g->valueAxis()->coordToPixel(w1)));
    QTest::mouseMove(traj, at);
    QTRY_VERIFY(w.trajectoryView()->hoverText().contains(QString::number(w1, 'g', 6)));
    const QString hover = w.trajectoryView()->hoverText();
    // Play (the Solver dock's button), then scale A with the slider mid-animation.
    w.findChild<QDockWidget*>("solverDock")->raise();
    QTest::mouseClick(w.findChild<QPushButton*>("playButton"), Qt::LeftButton);
    QTRY_VERIFY(w.playback()->cursor() >= 3);
    auto* cursorLabel = w.findChild<QLabel*>("playbackCursor");
    QVERIFY(cursorLabel->text().contains("…"));
    w.findChild<QDockWidget*>("modelDock")->raise();
    dragSlider(w.dimensionsPanel()->scaleSlider(), -60);
    QCOMPARE(w.playback()->cursor(), -1);  // the edit shows every iterate again
    settle(w);
    const int scaled = w.solveController()->lastResult().summary.iterations;
    QVERIFY(scaled != iterations);
    // The read-out follows the new data: w₁ moved away from under the mouse.
    QTRY_VERIFY(w.trajectoryView()->hoverText() != hover);
    // Undo (Ctrl+Z): every read-out agrees with the original solve again.
    QTest::keyClick(traj, Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(w.document()->scenario().model.A, s0.model.A);
    settle(w);
    QCOMPARE(w.solveController()->lastResult().summary.iterations, iterations);
    QCOMPARE(w.playback()->cursor(), -1);
    QVERIFY(w.certificateText().contains(QString("converged in %1 iterations").arg(iterations)));
    QCOMPARE(cursorLabel->text(), QString("showing all iterates"));
    QCPGraph* picard = graphNamed(w.convergenceView()->plot(), "picard");
    QVERIFY(picard);
    QTRY_COMPARE(picard->data()->at(picard->dataCount() - 1)->key, double(iterations));
    QTRY_COMPARE(g->dataCount(), iterations + 1);
    traj->replot();
    QTRY_COMPARE(w.trajectoryView()->hoverText(), hover);
}

void TestNoSurprises::wheelChangesOnlyFocusedFields() {
    MainWindow w;
    showWindow(w);
    settle(w);
    auto wheel = [](QWidget* target) {
        const QPointF pos(target->width() / 2.0, target->height() / 2.0);
        QWheelEvent e(pos, target->mapToGlobal(pos), QPoint(), QPoint(0, -120), Qt::NoButton,
                      Qt::NoModifier, Qt::NoScrollPhase, false);
        QApplication::sendEvent(target, &e);
    };
    // Every spin box and combo box: the wheel over it, without focus, changes nothing, and the
    // wheel never gives them the focus (StrongFocus, not WheelFocus).
    int checked = 0;
    for (QDockWidget* d : w.findChildren<QDockWidget*>()) {
        d->raise();
        QApplication::processEvents();
        for (QAbstractSpinBox* s : d->findChildren<QAbstractSpinBox*>()) {
            if (!s->isVisible() || !s->isEnabled()) continue;
            w.viewTabs()->setFocus();
            QVERIFY2(!(s->focusPolicy() & Qt::WheelFocus & ~Qt::StrongFocus),
                     qPrintable(s->objectName()));
            const QString text = s->text();
            wheel(s);
            QCOMPARE(s->text(), text);
            ++checked;
        }
        for (QComboBox* c : d->findChildren<QComboBox*>()) {
            if (!c->isVisible() || !c->isEnabled()) continue;
            w.viewTabs()->setFocus();
            const int index = c->currentIndex();
            wheel(c);
            QCOMPARE(c->currentIndex(), index);
            ++checked;
        }
    }
    QVERIFY(checked >= 10);
    auto* hidden = w.findChild<QSpinBox*>("hiddenDim");
    w.findChild<QDockWidget*>("modelDock")->raise();
    // Clicked into, the field takes the wheel: hidden n goes from 2 to 1.
    QTest::mouseClick(hidden, Qt::LeftButton);
    QVERIFY(hidden->hasFocus());
    const int n = hidden->value();
    wheel(hidden);
    QCOMPARE(hidden->value(), n - 1);
}

namespace {
// What "the exact layout" means: the window's and every dock's geometry and font, each table's
// row height and first row's height, each scroll area's scroll bars (shown and where), each tab
// bar's geometry, font and first tab (scrolled or not).
QStringList layoutSnapshot(MainWindow& w) {
    QStringList out;
    auto rect = [](const QRect& r) {
        return QString("%1,%2 %3x%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
    };
    out << "window " + rect(w.geometry()) + " font " + w.font().toString();
    for (QDockWidget* d : w.findChildren<QDockWidget*>())
        out << d->objectName() + (d->isVisible() ? " shown " : " hidden ") + rect(d->geometry()) +
                   " font " + d->font().toString();
    for (QTableView* t : w.findChildren<QTableView*>())
        out << "table " + t->objectName() +
                   QString(" rows %1 first %2 font %3")
                       .arg(t->verticalHeader()->defaultSectionSize())
                       .arg(t->model() && t->model()->rowCount() > 0 ? t->rowHeight(0) : -1)
                       .arg(t->font().pointSize());
    auto name = [](QWidget* x) {
        QString n;
        for (; x && n.isEmpty(); x = x->parentWidget()) n = x->objectName();
        return n;
    };
    for (QScrollArea* a : w.findChildren<QScrollArea*>())
        out << "scroll " + a->objectName() + " in " + name(a->parentWidget()) +
                   QString(" h %1/%2 v %3/%4 widget %5")
                       .arg(a->horizontalScrollBar()->isVisible())
                       .arg(a->horizontalScrollBar()->value())
                       .arg(a->verticalScrollBar()->isVisible())
                       .arg(a->verticalScrollBar()->value())
                       .arg(a->widget() ? rect(a->widget()->geometry()) : QString());
    for (QTabBar* b : w.findChildren<QTabBar*>())
        if (b->isVisible())
            out << "tabs " + name(b->parentWidget()) + " " + rect(b->geometry()) + " first " +
                       rect(b->tabRect(0)) + " font " + b->font().toString();
    out.sort();  // restoreState may reorder the docks among the window's children
    return out;
}
}  // namespace

void TestNoSurprises::leavingPresentationRestoresLayout() {
    MainWindow w;
    showWindow(w);
    QVERIFY(w.openLesson("g-train-moons"));  // the Training dock up, the Predictions tab shown
    settle(w);
    QTest::qWait(50);
    const QStringList before = layoutSnapshot(w);
    QTest::keyClick(&w, Qt::Key_F5);
    QTRY_VERIFY(w.presentationMode());
    QTest::qWait(50);
    QVERIFY(layoutSnapshot(w) != before);  // presentation mode changed things
    QTest::keyClick(&w, Qt::Key_Escape);
    QVERIFY(!w.presentationMode());
    QTest::qWait(100);
    const QStringList after = layoutSnapshot(w);
    QStringList diff;
    for (int i = 0; i < std::max(before.size(), after.size()); ++i)
        if (before.value(i) != after.value(i))
            diff << "before: " + before.value(i) + "\n   after: " + after.value(i);
    QVERIFY2(diff.isEmpty(), qPrintable(diff.join("\n")));
}

void TestNoSurprises::mnistFoundWhereverStarted() {
    // Fake MNIST folders: what the search looks for is train-images-idx3-ubyte.
    auto fake = [](const QString& dir) {
        QDir().mkpath(dir);
        QFile f(QDir(dir).filePath("train-images-idx3-ubyte"));
        return f.open(QIODevice::WriteOnly) && f.write("x") == 1;
    };
    setChosenMnistFolder({});
    const QString xdg = defaultMnistFolder();
    QDir(xdg).removeRecursively();
    QVERIFY(xdg.startsWith(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)));
    QVERIFY(xdg.endsWith("equilab/mnist"));
    MainWindow w;
    showWindow(w);
    w.findChild<QDockWidget*>("trainingDock")->raise();
    TrainingPanel* panel = w.training()->panel();
    QComboBox* dataset = panel->datasetCombo();
    // Not found anywhere: the dock says how to get it, Start is off.
    const QString cwd = QDir::currentPath();
    QTemporaryDir elsewhere;
    QDir::setCurrent(elsewhere.path());  // started from elsewhere
    dataset->setFocus();
    dataset->setCurrentIndex(dataset->findText("mnist"));
    QVERIFY(panel->mnistHelpButton()->isVisible());
    QVERIFY(!panel->startButton()->isEnabled());
    // Written to the XDG data directory (as scripts/fetch-mnist does): found from anywhere.
    QVERIFY(fake(xdg));
    dataset->setCurrentIndex(0);
    dataset->setCurrentIndex(dataset->findText("mnist"));
    QVERIFY(!panel->mnistHelpButton()->isVisible());
    QVERIFY(panel->startButton()->isEnabled());
    QCOMPARE(findMnistFolder(), QFileInfo(xdg).absoluteFilePath());
    QDir(xdg).removeRecursively();
    // Chosen with the folder chooser ("How to get MNIST…" → Choose folder…): remembered.
    QTemporaryDir chosen;
    QVERIFY(fake(chosen.path()));
    dataset->setCurrentIndex(0);
    dataset->setCurrentIndex(dataset->findText("mnist"));
    QVERIFY(panel->mnistHelpButton()->isVisible());
    ModalAnswer answer([&](QWidget* m) {
        if (auto* box = qobject_cast<QMessageBox*>(m)) {
            for (QAbstractButton* b : box->buttons())
                if (b->text().contains("Choose folder")) b->click();
            return true;
        }
        if (auto* dialog = qobject_cast<QFileDialog*>(m)) {  // to the parent, pick the folder
            dialog->setDirectory(QFileInfo(chosen.path()).absolutePath());
            dialog->selectFile(QFileInfo(chosen.path()).fileName());
            static_cast<QDialog*>(dialog)->accept();
            return true;
        }
        return false;
    });
    QTest::mouseClick(panel->mnistHelpButton(), Qt::LeftButton);
    QTRY_COMPARE(answer.answered, 2);
    QCOMPARE(chosenMnistFolder(), QFileInfo(chosen.path()).absoluteFilePath());
    QVERIFY(!panel->mnistHelpButton()->isVisible());
    QVERIFY(panel->startButton()->isEnabled());
    // --data-dir (the session's folder) comes first.
    QTemporaryDir given;
    QVERIFY(fake(given.path()));
    setSessionMnistFolder(given.path());
    QCOMPARE(findMnistFolder(), QFileInfo(given.path()).absoluteFilePath());
    setSessionMnistFolder({});
    setChosenMnistFolder({});
    QDir::setCurrent(cwd);
}

void TestNoSurprises::nextLessonAfterTryDoesNotAsk() {
    MainWindow w;
    showWindow(w);
    int asked = 0;
    ModalAnswer answer([&](QWidget* m) {
        auto* box = qobject_cast<QMessageBox*>(m);
        if (!box) return false;
        ++asked;
        box->button(QMessageBox::Discard)->click();
        return true;
    });
    QVERIFY(w.openLesson("a-contraction"));
    settle(w);
    auto* browser = w.lessonPanel()->findChild<QTextBrowser*>();
    QVERIFY(clickLink(browser, "try:q05"));  // "Scale A to ‖A‖₂ = 0.5"
    QVERIFY(w.document()->isModified());
    settle(w);
    QPushButton* nextButton = nullptr;
    for (QPushButton* b : w.lessonPanel()->findChildren<QPushButton*>())
        if (b->text() == "Next lesson") nextButton = b;
    QVERIFY(nextButton);
    QTest::mouseClick(nextButton, Qt::LeftButton);
    QCOMPARE(w.lessonPanel()->currentLesson(), QString("b-near-one"));
    QTest::qWait(100);
    QCOMPARE(asked, 0);
    // The user's own edit is different: Next lesson asks before dropping it.
    QVERIFY(w.document()->setEntry(Block::c, 0, 0, 0.25, nullptr));
    QTest::mouseClick(nextButton, Qt::LeftButton);
    QTRY_COMPARE(asked, 1);
    QCOMPARE(w.lessonPanel()->currentLesson(), QString("c-locally-convergent"));
}

void TestNoSurprises::lessonOpensAtTopAndSaysItsNumbersAreTheOpening() {
    MainWindow w;
    showWindow(w);
    QVERIFY(w.openLesson("a-contraction"));
    settle(w);
    auto* browser = w.lessonPanel()->findChild<QTextBrowser*>();
    QScrollBar* bar = browser->verticalScrollBar();
    // A low window: the text scrolls; read to the bottom.
    w.resize(1000, 360);
    QTest::qWait(50);
    QVERIFY(bar->maximum() > 0);
    scrollDown(browser);
    QTRY_VERIFY(bar->value() > 0);
    const QString opening = w.lessonPanel()->text();
    QVERIFY(opening.contains("0.90"));  // ‖A‖₂ = {{normA:2}}
    // A Try: the text says its numbers are the lesson's opening ones, and keeps them.
    QVERIFY(clickLink(browser, "try:q05"));
    settle(w);
    QTRY_VERIFY(w.lessonPanel()->text().contains("describe the lesson as it opened"));
    QVERIFY(w.lessonPanel()->text().contains("0.90"));
    // Undo the Try: back to the lesson as opened, the note goes.
    QTest::keyClick(browser, Qt::Key_Z, Qt::ControlModifier);
    QTRY_VERIFY(!w.lessonPanel()->text().contains("describe the lesson as it opened"));
    // The next lesson opens at its top.
    scrollDown(browser);
    QTRY_VERIFY(bar->value() > 0);
    for (QPushButton* b : w.lessonPanel()->findChildren<QPushButton*>())
        if (b->text() == "Next lesson") QTest::mouseClick(b, Qt::LeftButton);
    QCOMPARE(w.lessonPanel()->currentLesson(), QString("b-near-one"));
    QCOMPARE(bar->value(), 0);
}

void TestNoSurprises::trainingLessonIsWatchableAndStepsBeforeStart() {
    MainWindow w;
    showWindow(w);
    QVERIFY(w.openLesson("g-train-moons"));
    TrainingController* c = w.training()->controller();
    // 1000 steps at 50 steps/s: 20 s to watch, not 3.
    QCOMPARE(c->stepsPerSecond(), 50.0);
    QVERIFY(w.training()
                ->paceBar()
                ->findChild<QLabel*>("trainingSpeedLabel")
                ->text()
                .contains("50 steps/s"));
    // Step before Start: the run starts paused and trains exactly one step.
    w.viewTabs()->setCurrentWidget(w.training()->curvesPage());
    QPushButton* step = w.training()->paceBar()->stepButton();
    QVERIFY(step->isVisible() && step->isEnabled());
    QVERIFY(!c->isRunning());
    QTest::mouseClick(step, Qt::LeftButton);
    QVERIFY(c->isRunning());
    QVERIFY(c->isPaused());
    QVERIFY(w.training()->panel()->pauseButton()->isChecked());  // it says Resume
    auto latest = [c] {
        const TrainingRun* r = c->runs().empty() ? nullptr : &c->runs().back();
        return r && !r->records.empty() ? r->records.back().step : 0;
    };
    QTRY_COMPARE(latest(), 1);
    QTest::qWait(300);
    QCOMPARE(latest(), 1);  // exactly one
    QTest::mouseClick(step, Qt::LeftButton);
    QTRY_COMPARE(latest(), 2);
    c->stop();
    QTRY_VERIFY(!c->isRunning());
}

void TestNoSurprises::openModelAndExportConfirm() {
    QTemporaryDir dir;
    const QString model = dir.filePath("m.npz");
    {
        MainWindow w;
        TrainingWorkspace* t = w.training();
        TrainingConfig cfg = t->panel()->config();
        cfg.trainer.steps = 20;
        cfg.data.dataset = "moons";
        t->panel()->setConfig(cfg);
        QSignalSpy finished(t->controller(), &TrainingController::runFinished);
        QVERIFY(t->panel()->startRun());
        QTRY_COMPARE(finished.count(), 1);
        QTRY_VERIFY(w.models()->hasModel());
        QString error;
        QVERIFY2(w.models()->saveModel(model, &error), qPrintable(error));
    }
    MainWindow w;
    showWindow(w);
    settle(w);
    // File → Open Model…, the file chosen in the dialog.
    auto open = std::make_unique<ModalAnswer>([&](QWidget* m) {
        auto* d = qobject_cast<QFileDialog*>(m);
        if (!d) return false;
        d->selectFile(model);
        static_cast<QDialog*>(d)->accept();
        return true;
    });
    QAction* openModel = nullptr;
    for (QAction* a : w.findChildren<QAction*>())
        if (a->text() == "Open &Model…") openModel = a;
    QVERIFY(openModel);
    openModel->trigger();
    QTRY_COMPARE(open->answered, 1);
    open.reset();
    QVERIFY(w.statusBar()->currentMessage().contains("Opened model"));
    QCOMPARE(w.viewTabs()->currentWidget(), w.models()->convergenceView());
    // Ctrl+E exports the current plot: the status bar says where.
    w.viewTabs()->setCurrentWidget(w.trajectoryView());
    w.activateWindow();  // the dialog gone, the window takes the keys again
    QVERIFY(QTest::qWaitForWindowActive(&w));
    const QString png = dir.filePath("trajectories.png");
    ModalAnswer save([&](QWidget* m) {
        if (auto* d = qobject_cast<QFileDialog*>(m)) {
            d->selectFile(png);
            static_cast<QDialog*>(d)->accept();
            return true;
        }
        if (auto* d = qobject_cast<ExportDialog*>(m)) {  // the export settings
            static_cast<QDialog*>(d)->accept();
            return true;
        }
        return false;
    });
    QTest::keyClick(w.trajectoryView()->plot(), Qt::Key_E, Qt::ControlModifier);
    QTRY_COMPARE(save.answered, 2);
    QVERIFY(QFileInfo(png).size() > 100);
    QCOMPARE(w.statusBar()->currentMessage(), QString("Exported %1").arg(png));
}

void TestNoSurprises::fileDialogsRememberTheLastFolder() {
    QTemporaryDir dir;
    const QString scenario = dir.filePath("s.json");
    {
        ScenarioFile f;
        f.scenario = defaultScenario();
        QString error;
        QVERIFY2(saveScenarioFile(scenario, f, &error), qPrintable(error));
    }
    MainWindow w;
    showWindow(w);
    QString openedIn, exportIn;
    ModalAnswer answer([&](QWidget* m) {
        auto* d = qobject_cast<QFileDialog*>(m);
        if (!d) return false;
        if (openedIn.isEmpty()) {
            openedIn = d->directory().absolutePath();
            d->selectFile(scenario);
            static_cast<QDialog*>(d)->accept();
        } else {
            exportIn = d->directory().absolutePath();
            d->reject();
        }
        return true;
    });
    QTest::keyClick(w.viewTabs(), Qt::Key_O, Qt::ControlModifier);  // File → Open
    QTRY_COMPARE(answer.answered, 1);
    QCOMPARE(w.document()->filePath(), scenario);
    // The next dialog, another one (Export), opens where the last file was chosen.
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    QTest::keyClick(w.viewTabs(), Qt::Key_E, Qt::ControlModifier);
    QTRY_COMPARE(answer.answered, 2);
    QCOMPARE(exportIn, QFileInfo(dir.path()).absoluteFilePath());
}

void TestNoSurprises::ownLessonOpensInTheLessonsDock() {
    MainWindow w;
    showWindow(w);
    QVERIFY(w.openFile(QStringLiteral(EQUILAB_TEST_DATA_DIR "/lesson-own.json")));
    // Like a built-in lesson: its title, its view, its text with the numbers filled in.
    QCOMPARE(w.lessonPanel()->currentLesson(), QString("lesson-own"));
    QCOMPARE(w.viewTabs()->tabText(w.viewTabs()->currentIndex()), QString("Phase"));
    settle(w);
    QTRY_VERIFY(w.lessonPanel()->text().contains("converges in 31 iterations"));
    QVERIFY(w.lessonPanel()->text().contains("‖A‖₂ = 0.80"));
    // Its Try link: Anderson.
    auto* browser = w.lessonPanel()->findChild<QTextBrowser*>();
    QVERIFY(clickLink(browser, "try:anderson"));
    QCOMPARE(toString(w.document()->scenario().solver.method), std::string("anderson"));
    // A folder of lessons: both files with a lesson block, in file-name order.
    QVERIFY(w.openLessonFolder(QStringLiteral(EQUILAB_TEST_DATA_DIR)));
    QStringList ids;
    for (const Lesson& l : w.lessonPanel()->lessons()) ids << l.id;
    QCOMPARE(ids, (QStringList{"lesson-own-false", "lesson-own"}));
    QVERIFY(w.lessonPanel()->text().contains("A symmetric A: no spiral"));
}

void TestNoSurprises::saveAsLessonPassesItsOwnClaims() {
    MainWindow w;
    settle(w);
    QTemporaryDir dir;
    const QString path = dir.filePath("mine.json");
    QString error;
    QVERIFY2(w.saveAsLesson(path, &error), qPrintable(error));
    // It opens as a lesson, and its claims hold for the window's numbers.
    Lesson l;
    QVERIFY2(loadLessonFile(path, &l, &error), qPrintable(error));
    QCOMPARE(l.claims.size(), 4);
    QVERIFY(w.openLesson(w.lessonPanel()->addLesson(l)));
    settle(w);
    QTRY_VERIFY(w.lessonObservation().analysis.has_value());
    for (const LessonClaim& c : l.claims)
        QVERIFY2(checkClaim(c, w.lessonObservation()).ok,
                 qPrintable(checkClaim(c, w.lessonObservation()).message));
    QVERIFY(w.lessonPanel()->text().contains("after 65 iterations"));
}

void TestNoSurprises::cliCountsEntriesFromOne() {
    // --orbit c[i] counts from 1 as the window's "c1"; c[0] is refused with the reason.
    OrbitOptions o;
    std::string error;
    QVERIFY(parseOrbitSpec("c[1]:-1:1", &o, &error));
    QCOMPARE(o.index, 0);
    QCOMPARE(orbitParameterName(o.parameter, o.index), std::string("c[1]"));
    QVERIFY(!parseOrbitSpec("c[0]:-1:1", &o, &error));
    QVERIFY2(error.find("count from 1") != std::string::npos, error.c_str());
}

QTEST_MAIN(TestNoSurprises)
#include "tst_no_surprises.moc"
