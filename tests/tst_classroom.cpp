// A classroom that flows (issue #28): the lessons' and the files' surprises a teacher met,
// replayed with the events a user produces (clicks on lesson links and buttons, keys, file
// dialogs answered as a user would): Next lesson after a Try, a lesson's scroll position and
// numbers, lesson (g)'s pace and Step before Start, MNIST's folder, Open Model and Export, the
// dialogs' folder, a teacher's own lesson file, folder and Save as Lesson.
#include "tests/gui_events.h"

class TestClassroom : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void mnistFoundWhereverStarted();
    void nextLessonAfterTryDoesNotAsk();
    void lessonOpensAtTopAndSaysItsNumbersAreTheOpening();
    void trainingLessonIsWatchableAndStepsBeforeStart();
    void openModelAndExportConfirm();
    void fileDialogsRememberTheLastFolder();
    void ownLessonOpensInTheLessonsDock();
    void saveAsLessonPassesItsOwnClaims();
};

void TestClassroom::mnistFoundWhereverStarted() {
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
            answerFileDialog(dialog, chosen.path());
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

void TestClassroom::nextLessonAfterTryDoesNotAsk() {
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

void TestClassroom::lessonOpensAtTopAndSaysItsNumbersAreTheOpening() {
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

void TestClassroom::trainingLessonIsWatchableAndStepsBeforeStart() {
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

void TestClassroom::openModelAndExportConfirm() {
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
        answerFileDialog(d, model);
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
            answerFileDialog(d, png);
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

void TestClassroom::fileDialogsRememberTheLastFolder() {
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
            answerFileDialog(d, scenario);
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

void TestClassroom::ownLessonOpensInTheLessonsDock() {
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

void TestClassroom::saveAsLessonPassesItsOwnClaims() {
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

QTEST_MAIN(TestClassroom)
#include "tst_classroom.moc"
