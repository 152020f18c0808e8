// No surprises mid-lecture (issue #28): the explorer's surprises a teacher met, replayed with
// the events a user produces (QTest mouse and key events, wheel events), and the window checked
// against values computed here. The lessons' and files' surprises are in tst_classroom.cpp.
#include "tests/gui_events.h"

class TestNoSurprises : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void startsSurviveEditsAndUndo();
    void editShowsEveryIterateAgain();
    void wheelChangesOnlyFocusedFields();
    void leavingPresentationRestoresLayout();
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
