// Models in the window (issue 15), offscreen: exploring a trained model by clicking the decision
// boundary or a digit, Save Model / Open Model, and the Dataset convergence view.
#include <QtTest>

#include "tests/test_support.h"
#include "ui/workers/gui_thread_guard.h"

#include <qcustomplot.h>
#include <QListWidget>
#include <QTemporaryDir>

#include "ui/document/document.h"
#include "ui/training/convergence_worker.h"
#include "ui/training/dataset_convergence_view.h"
#include "ui/training/decision_boundary_view.h"
#include "ui/training/digits_view.h"
#include "ui/training/model_workspace.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_workspace.h"
#include "ui/window/main_window.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

namespace {

// Trains moons for a few steps in the window and waits for the end of the run.
void trainMoons(MainWindow& w, int steps) {
    TrainingWorkspace* t = w.training();
    TrainingConfig c = t->panel()->config();
    c.trainer.steps = steps;
    c.data.dataset = "moons";
    t->panel()->setConfig(c);
    QSignalSpy finished(t->controller(), &TrainingController::runFinished);
    QString error;
    QVERIFY2(t->controller()->start(t->panel()->config(), &error), qPrintable(error));
    QTRY_COMPARE(finished.count(), 1);
}

}  // namespace

class TestModelGui : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void clickOnBoundaryExploresThatInput();
    void clickOnDigitNamesIt();
    void saveOpenAndDatasetConvergence();
    void badModelFileChangesNothing();
};

void TestModelGui::clickOnBoundaryExploresThatInput() {
    MainWindow w;
    w.resize(1200, 800);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    trainMoons(w, 40);
    DecisionBoundaryView* b = w.training()->boundaryView();
    w.viewTabs()->setCurrentWidget(w.training()->predictionsPage());
    QTRY_VERIFY(b->grid().resolution > 0 && b->isVisible());
    b->plot()->replot();
    const int undoBefore = w.document()->undoStack()->count();
    const Scenario before = w.document()->scenario();
    // A real click in the middle of the plot.
    const QPoint at = b->plot()->axisRect()->rect().center();
    QSignalSpy clicked(b, &DecisionBoundaryView::pointClicked);
    QTest::mousePress(b->plot(), Qt::LeftButton, {}, at);
    QTest::mouseRelease(b->plot(), Qt::LeftButton, {}, at);
    QCOMPARE(clicked.count(), 1);
    const double x1 = b->plot()->xAxis->pixelToCoord(at.x()),
                 x2 = b->plot()->yAxis->pixelToCoord(at.y());
    const Scenario& s = w.document()->scenario();
    const ModelParams<double>& p = w.training()->controller()->lastSnapshot().params;
    QCOMPARE(w.document()->undoStack()->count(), undoBefore + 1);
    QVERIFY(s.model.A == p.A && s.model.B == p.B && s.model.c == p.c);
    QCOMPARE(s.x.size(), Index(2));
    QCOMPARE(s.x(0), x1);
    QCOMPARE(s.x(1), x2);
    // The explorer solves that problem: its fixed point is the model's at that input.
    QTRY_VERIFY(w.solveController()->lastResult().scenario.model.A == p.A &&
                w.solveController()->lastResult().scenario.x == s.x);
    const Vector wstar = w.solveController()->lastResult().summary.fixed_point;
    const Vector phi = (p.A * wstar + p.B * s.x + p.c).array().tanh().matrix();
    QVERIFY((phi - wstar).norm() < 1e-9);
    // One undo step restores the scenario before.
    w.document()->undoStack()->undo();
    QVERIFY(w.document()->scenario().model.A == before.model.A);
    QVERIFY(w.document()->scenario().x == before.x);
}

void TestModelGui::clickOnDigitNamesIt() {
    // Ten fake 2×2 "images"; a click on the cell of digit 3 names digit 3.
    Dataset d;
    d.image_width = 2;
    d.X = Matrix::Random(4, 10).cwiseAbs();
    d.labels = IndexVector::LinSpaced(10, 0, 9);
    d.classes = 10;
    DigitsView v;
    v.resize(400, 400);
    v.setData(d);
    v.show();
    QVERIFY(QTest::qWaitForWindowExposed(&v));
    QSignalSpy clicked(&v, &DigitsView::digitClicked);
    QTest::mouseClick(&v, Qt::LeftButton, {}, v.cellRect(3).center());
    QCOMPARE(clicked.count(), 1);
    QCOMPARE(clicked.at(0).at(0).toInt(), 3);
    QCOMPARE(v.digitAt(QPoint(1, 1)), -1);  // the header
}

void TestModelGui::saveOpenAndDatasetConvergence() {
    QTemporaryDir dir;
    const QString path = dir.filePath("m.npz");
    ModelParams<double> trained;
    {
        MainWindow w;
        trainMoons(w, 30);
        QTRY_VERIFY(w.models()->hasModel());
        trained = w.training()->controller()->lastSnapshot().params;
        QString error;
        QVERIFY2(w.models()->saveModel(path, &error), qPrintable(error));
    }
    ModelFile f;
    QString error;
    QVERIFY2(loadModelFile(path, {}, &f, &error), qPrintable(error));
    QVERIFY(f.params.A == trained.A && f.params.Wout == trained.Wout &&
            f.params.bout == trained.bout);
    QCOMPARE(f.meta["dataset"].toObject()["dataset"].toString(), QString("moons"));
    // Open Model in a fresh window evaluates the model over its test split on the worker.
    MainWindow w;
    QSignalSpy done(w.models()->convergence(), &ConvergenceController::finished);
    QVERIFY2(w.models()->openModel(path, &error), qPrintable(error));
    QTRY_COMPARE(done.count(), 1);
    DatasetConvergenceView* v = w.models()->convergenceView();
    QVERIFY(v->hasResult());
    QVERIFY(v->iterationPlot()->hasData() && v->rhoPlot()->hasData());
    QVERIFY(v->summaryLabel()->text().contains("accuracy"));
    // The slowest input's count agrees with a single solve of that input (the explorer's solver).
    QListWidget* list = v->slowestList();
    QVERIFY(list->count() > 0);
    const int i = list->item(0)->data(Qt::UserRole).toInt();
    DataSpec spec;
    QVERIFY(dataSpecFromMeta(f.meta, &spec));
    // The test's own reference (an independent load and solve) on its thread, allowed.
    const AllowGuiThreadWork reference;
    DatasetSplit split;
    QVERIFY(loadTrainingData(spec, &split, nullptr));
    const Vector x = split.test.X.col(i);
    const SolverSummary single =
        solveFixedPoint(modelScenario(f.params, x).model, x, Vector(), SolverOptions{});
    QCOMPARE(v->result().iterations[size_t(i)], single.iterations);
    int slowest = 0;
    for (int k : v->result().iterations) slowest = std::max(slowest, k);
    QCOMPARE(single.iterations, slowest);
    // Clicking it explores it: one undo step, that input and the model's A.
    const int undoBefore = w.document()->undoStack()->count();
    list->setCurrentRow(0);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                      list->visualItemRect(list->item(0)).center());
    QCOMPARE(w.document()->undoStack()->count(), undoBefore + 1);
    QVERIFY(w.document()->scenario().x == x);
    QVERIFY(w.document()->scenario().model.A == f.params.A);
    // Per class: the class filter's counts add up to the whole.
    Index total = 0;
    for (int c = 0; c < v->result().classes; ++c) {
        v->setClassFilter(c);
        const QString text = v->summaryLabel()->text();
        total += text.section(' ', 0, 0).toLongLong();
    }
    QCOMPARE(total, v->result().samples);
}

void TestModelGui::badModelFileChangesNothing() {
    MainWindow w;
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.npz");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write("not a zip at all");
    f.close();
    QString error;
    QVERIFY(!w.models()->openModel(path, &error));
    QVERIFY(error.contains("not a readable .npz"));
    QVERIFY(!w.models()->hasModel());
    QCOMPARE(w.document()->undoStack()->count(), 0);
    // Exploring without any model says so and changes nothing.
    QVERIFY(!w.models()->explore(Vector::Zero(2), "x", &error));
    QVERIFY(error.contains("No model"));
    QCOMPARE(w.document()->undoStack()->count(), 0);
}

QTEST_MAIN(TestModelGui)
#include "tst_model_gui.moc"
