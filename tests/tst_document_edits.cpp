// Edits cost what they change (#14): each edit kind is a small undo command, the document names
// the cells it changed, tables and heatmaps follow without copies, results arrive in stages, the
// undo history is bounded in memory, and panels change only the field edited.
#include <QtTest>

#include "tests/test_support.h"
#include "ui/workers/gui_thread_guard.h"

#include <QSpinBox>

#include <malloc.h>

#include <cstdlib>
#include <cstring>

#include "tests/reference_linalg.h"
#include "ui/document/commands.h"
#include "ui/document/document.h"
#include "ui/document/matrix_table_model.h"
#include "ui/panels/dimensions_panel.h"
#include "ui/panels/matrix_editor.h"
#include "ui/panels/solver_panel.h"
#include "ui/training/training_config.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_workspace.h"
#include "ui/views/phase_view.h"
#include "ui/window/main_window.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

namespace {

// Bytes the heap holds now, as the allocator counts them (glibc's mallinfo2: small blocks in
// use plus mmapped large blocks), independent of what the commands report in bytes().
qint64 heapInUse() {
    const struct mallinfo2 m = mallinfo2();
    return qint64(m.uordblks) + qint64(m.hblkhd);
}

// Whether heapInUse() sees a 1 MB allocation (it does not under the sanitizers, whose allocator
// glibc's statistics do not cover).
bool heapIsObservable() {
    const qint64 before = heapInUse();
    char* p = static_cast<char*>(std::malloc(1 << 20));
    std::memset(p, 1, 1 << 20);
    // The pointer escapes: without this GCC removes the malloc/memset/free as dead, the probe
    // then never sees its megabyte and the heap check below was skipped in every release build.
    asm volatile("" : : "r"(p) : "memory");
    const qint64 during = heapInUse();
    std::free(p);
    return during - before >= (1 << 20);
}

}  // namespace

class TestDocumentEdits : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void entryEditStoresTwoNumbers_data();
    void entryEditStoresTwoNumbers();
    void firstW0EditUndoesToEmpty_data();
    void firstW0EditUndoesToEmpty();
    void tableRepaintsOnlyTheEditedCell();
    void sliderDragIsOneExactStep();
    void undoHistoryIsBounded();
    void normComesFromTheWorker();
    void resultsArriveInStages();
    void solverPanelChangesOnlyTheEditedField();
    void trainingConfigKeepsFieldsWithoutWidgets();
};

void TestDocumentEdits::entryEditStoresTwoNumbers_data() {
    QTest::addColumn<int>("block");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("col");
    QTest::newRow("A") << int(Block::A) << 3 << 7;
    QTest::newRow("B") << int(Block::B) << 5 << 2;
    QTest::newRow("c") << int(Block::c) << 9 << 0;
    QTest::newRow("x") << int(Block::x) << 1 << 0;
    QTest::newRow("w0 (set)") << int(Block::w0) << 4 << 0;  // empty w0: firstW0EditUndoesToEmpty
}

void TestDocumentEdits::entryEditStoresTwoNumbers() {
    QFETCH(int, block);
    QFETCH(int, row);
    QFETCH(int, col);
    const Block b = static_cast<Block>(block);
    Document d;
    ScenarioFile f;
    {
        const AllowGuiThreadWork reference;  // the test's own problem, made on its thread
        f.scenario = randomScenario(300, 20, 4);
    }
    f.scenario.w0 = Vector::LinSpaced(300, -0.5, 0.5);
    d.reset(f);
    const Matrix before = d.blockMatrix(b);
    QSignalSpy cells(&d, &Document::cellsChanged);
    const qint64 heapBefore = heapInUse();
    QVERIFY(d.setEntry(b, row, col, 0.125, nullptr));
    const qint64 heapGrowth = heapInUse() - heapBefore;
    QCOMPARE(cells.count(), 1);
    QCOMPARE(cells.at(0).at(0).value<Block>(), b);
    QCOMPARE(cells.at(0).at(1).toRect(), QRect(col, row, 1, 1));
    Matrix expected = before;
    expected(row, col) = 0.125;
    QCOMPARE(d.blockMatrix(b), expected);
    // What the history holds: two numbers and the command itself, not two 300×300 scenarios.
    QVERIFY2(d.undoBytes() < 1024, qPrintable(QString::number(d.undoBytes())));
    // … measured by the allocator, not taken from the command's own bytes(): the edit left the
    // heap at most 64 kB larger (the command, the spy's record, Qt's bookkeeping), where a copy
    // of the scenario would add its 300×300 A alone, 720 kB.
    if (heapIsObservable())
        QVERIFY2(heapGrowth < 64 * 1024, qPrintable(QString::number(heapGrowth)));
    else
        qInfo("heap statistics not available (sanitizer allocator): only bytes() checked");
    d.undoStack()->undo();
    QCOMPARE(d.blockMatrix(b), before);
    d.undoStack()->redo();
    QCOMPARE(d.blockMatrix(b), expected);
}

void TestDocumentEdits::firstW0EditUndoesToEmpty_data() {
    QTest::addColumn<bool>("paste");
    QTest::newRow("one entry") << false;
    QTest::newRow("a pasted block") << true;
}

// An empty w0 means "start from zeros"; the first edit makes it explicit, and undo must bring
// back the empty w0 (saved as absent), not n explicit zeros.
void TestDocumentEdits::firstW0EditUndoesToEmpty() {
    QFETCH(bool, paste);
    Document d;
    ScenarioFile f;
    f.scenario = randomScenario(6, 2, 4);
    f.scenario.w0 = Vector();
    d.reset(f);
    QSignalSpy cells(&d, &Document::cellsChanged);
    if (paste) {
        Matrix block(2, 1);
        block << 0.5, -0.25;
        QVERIFY(d.setCells(Block::w0, 2, 0, block, "paste"));
    } else {
        QVERIFY(d.setEntry(Block::w0, 2, 0, 0.5, nullptr));
    }
    QCOMPARE(int(d.scenario().w0.size()), 6);
    QCOMPARE(d.scenario().w0(2), 0.5);
    QCOMPARE(d.scenario().w0(0), 0.0);
    QCOMPARE(cells.count(), 1);
    d.undoStack()->undo();
    QCOMPARE(int(d.scenario().w0.size()), 0);
    QVERIFY(!d.file().scenario.w0.size());
    QCOMPARE(cells.count(), 2);
    QCOMPARE(cells.at(1).at(1).toRect(), QRect(0, 0, 1, 6));
    d.undoStack()->redo();
    QCOMPARE(int(d.scenario().w0.size()), 6);
    QCOMPARE(d.scenario().w0(2), 0.5);
    // Later edits of the now explicit w0 are ordinary one-entry steps (undo keeps it explicit).
    QVERIFY(d.setEntry(Block::w0, 5, 0, 0.75, nullptr));
    d.undoStack()->undo();
    QCOMPARE(int(d.scenario().w0.size()), 6);
    QCOMPARE(d.scenario().w0(5), 0.0);
}

void TestDocumentEdits::tableRepaintsOnlyTheEditedCell() {
    MainWindow w;
    ScenarioFile f;
    f.scenario = randomScenario(50, 10, 2);
    w.document()->reset(f);
    MatrixTableModel* a = w.matrixEditor()->model(Block::A);
    QSignalSpy changed(a, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(a, &QAbstractItemModel::modelReset);
    QVERIFY(a->setData(a->index(6, 11), "0.25", Qt::EditRole));
    QCOMPARE(reset.count(), 0);
    QCOMPARE(changed.count(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex(), a->index(6, 11));
    QCOMPARE(changed.at(0).at(1).toModelIndex(), a->index(6, 11));
    QCOMPARE(a->data(a->index(6, 11), Qt::EditRole).toDouble(), 0.25);
    // The table reads the document: no copy to go stale.
    w.document()->undoStack()->undo();
    QCOMPARE(a->data(a->index(6, 11), Qt::EditRole).toDouble(), f.scenario.model.A(6, 11));
    // A resize reshapes the table.
    w.document()->setDimensions(40, 10);
    QCOMPARE(a->rowCount(), 40);
    QCOMPARE(a->columnCount(), 40);
}

void TestDocumentEdits::sliderDragIsOneExactStep() {
    Document d;
    ScenarioFile f;
    {
        const AllowGuiThreadWork reference;           // the test's own problem, made on its thread
        f.scenario = randomScenario(450, 5, 3, 0.8);  // above the dense limit: ‖A‖₂ by Lanczos
    }
    d.reset(f);
    const Matrix A0 = d.scenario().model.A;
    const double n0 = testing::largestSingularValue(A0);
    // ‖A‖₂ is not known: the first step measures it on the worker (n = 450 is above the inline
    // size), the later ones replace the request; one step, to the last target, is applied.
    for (double target : {0.85, 0.9, 1.1, 1.3}) d.scaleAToNorm(target);
    QCOMPARE(d.undoStack()->count(), 0);
    QTRY_COMPARE(d.undoStack()->count(), 1);
    QCOMPARE(d.knownNormA(), 1.3);  // the slider fixes the norm: nothing to compute
    const Matrix shown = d.scenario().model.A;
    // ‖A‖₂ of what is shown is the target, measured by an independent dense SVD.
    QVERIFY(std::abs(testing::largestSingularValue(shown) - 1.3) < 1e-8);
    QVERIFY((shown - A0 * (1.3 / n0)).norm() < 1e-9 * shown.norm());
    // One A at the drag's start is stored, not one per step.
    QVERIFY(d.undoBytes() <= qint64(A0.size() * sizeof(double)) + 1024);
    d.undoStack()->undo();
    QCOMPARE(d.scenario().model.A, A0);
    d.undoStack()->redo();
    QCOMPARE(d.scenario().model.A, shown);  // bit for bit
}

void TestDocumentEdits::undoHistoryIsBounded() {
    Document d;
    ScenarioFile f;
    {
        const AllowGuiThreadWork reference;       // the test's own problem, made on its thread
        f.scenario = randomScenario(1600, 2, 1);  // one A: 20.5 MB; Generate stores one
    }
    d.reset(f);
    d.setInlineGenerationUpTo(kMaxHiddenDim);  // each Generate applied at once
    QSignalSpy trimmed(&d, &Document::historyTrimmed);
    {
        const AllowGuiThreadWork inlineOnPurpose;  // this test draws n = 1600 inline
        for (int k = 0; k < 30; ++k) d.generateA(MatrixGenerator::Identity, 0.5 + 0.01 * k, 0);
    }
    QVERIFY(trimmed.count() >= 1);
    QVERIFY2(d.undoBytes() <= Document::kUndoBudgetBytes,
             qPrintable(QString::number(d.undoBytes())));
    QVERIFY(d.isModified());
    // The newest steps are still there.
    const Matrix last = d.scenario().model.A;
    d.undoStack()->undo();
    QVERIFY(d.scenario().model.A != last);
}

void TestDocumentEdits::normComesFromTheWorker() {
    MainWindow w;
    ScenarioFile f;
    {
        const AllowGuiThreadWork reference;  // the test's own problem, made on its thread
        f.scenario = randomScenario(420, 5, 8, 0.7);
    }
    DimensionsPanel* panel = w.dimensionsPanel();
    w.document()->reset(f);
    QCOMPARE(panel->currentNorm(), -1.0);  // nothing computed on the GUI thread
    QTRY_VERIFY(panel->currentNorm() >= 0);
    const double exact = testing::largestSingularValue(f.scenario.model.A);
    QVERIFY(std::abs(panel->currentNorm() - exact) < 1e-8);
    // The certificate's norm is read from the result: nothing is written back into the document.
    QCOMPARE(w.document()->knownNormA(), -1.0);
    // An edit of A makes it unknown again (the result is of another A), until the next
    // certificate.
    QVERIFY(w.document()->setEntry(Block::A, 0, 0, 0.5, nullptr));
    QCOMPARE(panel->currentNorm(), -1.0);
    QTRY_VERIFY(panel->currentNorm() >= 0);
    Matrix edited = f.scenario.model.A;
    edited(0, 0) = 0.5;
    QVERIFY(std::abs(panel->currentNorm() - testing::largestSingularValue(edited)) < 1e-8);
}

void TestDocumentEdits::resultsArriveInStages() {
    MainWindow w;
    QTRY_VERIFY(!w.solveController()->isBusy());
    SolveController* c = w.solveController();
    QSignalSpy trajectory(c, &SolveController::trajectoryReady);
    QSignalSpy complete(c, &SolveController::resultReady);
    QSignalSpy analysis(c, &SolveController::analysisReady);
    QVERIFY(w.document()->setEntry(Block::c, 0, 0, 0.3, nullptr));
    QTRY_VERIFY(analysis.count() == 1);
    QCOMPARE(trajectory.count(), 1);
    QCOMPARE(complete.count(), 1);
    const auto first = trajectory.at(0).at(0).value<SolveResultPtr>();
    const auto second = complete.at(0).at(0).value<SolveResultPtr>();
    QCOMPARE(first->generation, second->generation);
    QVERIFY(!first->has_certificate);
    QVERIFY(second->has_certificate);
    QCOMPARE(first->summary.fixed_point, second->summary.fixed_point);
    QCOMPARE(c->lastResult().generation, second->generation);
    QCOMPARE(c->lastTrajectory().generation, second->generation);
    // One result shared by all: the controller and the views hold the published object itself.
    QCOMPARE(c->lastResultPtr().get(), second.get());
    QCOMPARE(&w.findChild<PhaseView*>()->result(), first.get());
}

void TestDocumentEdits::solverPanelChangesOnlyTheEditedField() {
    MainWindow w;
    Scenario s = w.document()->scenario();
    s.solver.method = SolverMethod::Anderson;
    s.solver.damping = 0.555;
    s.solver.max_iterations = 5'000'000;
    s.solver.tolerance = 1.234567891e-9;
    w.document()->setScenario(s, "odd settings");
    auto* memory = w.solverPanel()->findChild<QSpinBox*>(QStringLiteral("memory"));
    QVERIFY(memory);
    memory->setValue(s.solver.memory + 2);
    const SolverOptions& o = w.document()->scenario().solver;
    QCOMPARE(o.memory, s.solver.memory + 2);
    QCOMPARE(o.damping, 0.555);
    QCOMPARE(o.max_iterations, 5'000'000);
    QCOMPARE(o.tolerance, 1.234567891e-9);
    QVERIFY(o.method == SolverMethod::Anderson);
}

void TestDocumentEdits::trainingConfigKeepsFieldsWithoutWidgets() {
    TrainingConfig c;
    c.trainer.init_scale = 0.5;
    c.trainer.seed = 3;
    c.trainer.eval_every = 7;
    c.trainer.batch_size = 32;
    c.trainer.parametrization.reflections = 5;
    // The file keeps every option.
    const TrainingConfig back = TrainingConfig::fromJson(c.toJson());
    QCOMPARE(back.trainer.init_scale, 0.5);
    QCOMPARE(back.trainer.seed, 3u);
    QCOMPARE(back.trainer.eval_every, 7);
    QCOMPARE(back.trainer.batch_size, 32);
    QCOMPARE(back.trainer.parametrization.reflections, 5);
    // What Start runs is the document's configuration, with the widgets' fields over it.
    MainWindow w;
    w.document()->setTrainingConfig(c);
    const TrainingConfig run = w.training()->panel()->config();
    QCOMPARE(run.trainer.init_scale, 0.5);
    QCOMPARE(run.trainer.seed, 3u);
    QCOMPARE(run.trainer.eval_every, 7);
    QCOMPARE(run.trainer.batch_size, 32);
    QCOMPARE(run.toJson(), w.document()->trainingConfig().toJson());
}

QTEST_MAIN(TestDocumentEdits)
#include "tst_document_edits.moc"
