// The GUI, offscreen: it opens on the default scenario, Run fills both plots, and changing the
// hidden dimension resizes the model, the solve and the plots.
#include <QtTest>

#include "tests/test_support.h"

#include <qcustomplot.h>
#include <QPushButton>
#include <QSpinBox>
#include <QTemporaryDir>

#include "ui/document/document.h"
#include "ui/panels/dimensions_panel.h"
#include "ui/views/convergence_view.h"
#include "ui/views/trajectory_view.h"
#include "ui/window/main_window.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

class TestMainWindow : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void opensAndSolvesDefault();
    void runFillsBothPlots();
    void hiddenDimensionResizesEverything();
    void openLoadsScenario();
    void undoRestoresDimensions();
};

namespace {
int pointCount(QCustomPlot* plot, int graph) {
    return graph < plot->graphCount() ? plot->graph(graph)->dataCount() : 0;
}

// The graph whose legend name starts with prefix.
QCPGraph* graphNamed(QCustomPlot* plot, const QString& prefix) {
    for (int i = 0; i < plot->graphCount(); ++i)
        if (plot->graph(i)->name().startsWith(prefix)) return plot->graph(i);
    return nullptr;
}
}  // namespace

void TestMainWindow::opensAndSolvesDefault() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QTRY_VERIFY(w.trajectoryView()->plot()->graphCount() == 2);
    QCOMPARE(w.document()->scenario().hiddenDim(), Index(2));
}

void TestMainWindow::runFillsBothPlots() {
    MainWindow w;
    w.show();
    QSignalSpy spy(w.solveController(), &SolveController::resultReady);
    QTest::mouseClick(w.dimensionsPanel()->runButton(), Qt::LeftButton);
    QTRY_VERIFY(spy.count() >= 1);
    const SolveResult r = w.solveController()->lastResult();
    QVERIFY(r.summary.converged());
    const int points = r.summary.iterations + 1;
    QCOMPARE(pointCount(w.trajectoryView()->plot(), 0), points);
    QCOMPARE(pointCount(w.trajectoryView()->plot(), 1), points);
    QCPGraph* residual = graphNamed(w.convergenceView()->plot(), "picard:");
    QVERIFY(residual);
    QCOMPARE(residual->dataCount(), points);
    // The plotted residuals are the solver's.
    auto data = residual->data();
    QCOMPARE(data->at(3)->value, r.summary.residuals[3]);
}

void TestMainWindow::hiddenDimensionResizesEverything() {
    MainWindow w;
    w.show();
    QSignalSpy dims(w.document(), &Document::dimensionsChanged);
    w.dimensionsPanel()->hiddenSpin()->setValue(5);
    QCOMPARE(dims.count(), 1);
    QCOMPARE(w.document()->scenario().hiddenDim(), Index(5));
    QCOMPARE(w.document()->scenario().model.A.rows(), Index(5));
    QCOMPARE(w.document()->scenario().model.B.rows(), Index(5));
    QCOMPARE(w.document()->scenario().model.c.size(), Index(5));
    QTRY_COMPARE(w.solveController()->lastResult().summary.fixed_point.size(), Index(5));
    QTRY_COMPARE(w.trajectoryView()->plot()->graphCount(), 5);
    w.dimensionsPanel()->inputSpin()->setValue(4);
    QCOMPARE(w.document()->scenario().model.B.cols(), Index(4));
    QCOMPARE(w.document()->scenario().x.size(), Index(4));
    std::string error;
    QVERIFY2(w.document()->scenario().IsValid(&error), error.c_str());
}

void TestMainWindow::openLoadsScenario() {
    QTemporaryDir dir;
    ScenarioFile f;
    f.scenario = randomScenario(3, 2, 77);
    QString error;
    QVERIFY(saveScenarioFile(dir.filePath("three.json"), f, &error));
    MainWindow w;
    QVERIFY(w.openFile(dir.filePath("three.json")));
    QCOMPARE(w.dimensionsPanel()->hiddenSpin()->value(), 3);
    QTRY_COMPARE(w.trajectoryView()->plot()->graphCount(), 3);
    QVERIFY(w.windowTitle().startsWith("three.json"));
}

void TestMainWindow::undoRestoresDimensions() {
    MainWindow w;
    const Matrix before = w.document()->scenario().model.A;
    w.dimensionsPanel()->hiddenSpin()->setValue(4);
    QVERIFY(w.document()->isModified());
    w.document()->undoStack()->undo();
    QCOMPARE(w.dimensionsPanel()->hiddenSpin()->value(), 2);
    QVERIFY(w.document()->scenario().model.A == before);
    QVERIFY(!w.document()->isModified());
}

QTEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
