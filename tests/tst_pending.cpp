// Every view says "computing …" while a stage of its data is pending, and stops saying it when
// the stage has arrived: the convergence, phase, basins and scale sweep views (the analysis that
// follows the solve's first stage), the orbit and bifurcation diagrams and the Lyapunov exponents
// (their workers' stages), the hypergradient and gradient-bias views (their sweeps), the training
// curves and the decision regions (while a run trains) and the dataset convergence plots (while
// an evaluation runs).
#include <QtTest>

#include "tests/test_support.h"
#include "ui/workers/gui_thread_guard.h"

#include "core/data/data_spec.h"
#include "ui/document/document.h"
#include "ui/training/dataset_convergence_view.h"
#include "ui/training/decision_boundary_view.h"
#include "ui/training/gradient_bias_view.h"
#include "ui/training/hypergrad_view.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_curves_view.h"
#include "ui/training/training_workspace.h"
#include "ui/views/bifurcation_view.h"
#include "ui/views/orbit_view.h"
#include "ui/views/sweep_view.h"
#include "ui/window/view_set.h"
#include "ui/workers/bifurcation_worker.h"
#include "ui/workers/orbit_worker.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

class TestPending : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void sweepWaitsForTheAnalysis();
    void diagramsWhileTheirWorkersRun();
    void hypergradientSweeps();
    void trainingCurvesWhileARunTrains();
    void datasetConvergenceWhileEvaluating();
};

// The other solvers, the other starts, the basins and the sweep come with the analysis:
// "computing" from the first stage of a solve (the iterates) until then.
void TestPending::sweepWaitsForTheAnalysis() {
    Document doc;
    QCOMPARE(doc.scenario().hiddenDim(), 2);  // the basins are computed for n = 2
    SolveController solver;
    ViewSet set(&doc, &solver);
    const QList<PlotView*> views = {set.view("convergence"), set.view("phase"), set.view("basins"),
                                    set.view("sweep")};
    QList<QStringList> atFirstStage;
    connect(&solver, &SolveController::trajectoryReady, this, [&] {
        QStringList texts;
        for (PlotView* v : views) texts << v->pendingText();
        atFirstStage << texts;
    });
    set.solveNow();
    QTRY_VERIFY(!solver.isBusy() && solver.lastAnalysis().generation > 0);
    QVERIFY(!atFirstStage.isEmpty());
    for (int i = 0; i < views.size(); ++i) {
        QVERIFY2(atFirstStage.back()[i].contains(QLatin1String("computing")),
                 qPrintable(views[i]->exportName() + ": " + atFirstStage.back()[i]));
        QCOMPARE(views[i]->pendingText(), QString());
    }
    QVERIFY(set.view("sweep")->hasData());
}

// Orbit, bifurcation and Lyapunov plots: nothing computed while hidden; "computing" from the
// request (here on demand, as an export asks) until the diagram is complete.
void TestPending::diagramsWhileTheirWorkersRun() {
    Document doc;
    SolveController solver;
    ViewSet set(&doc, &solver);
    OrbitView* orbit = set.orbit();
    BifurcationView* bifurcation = set.bifurcation();
    QVERIFY(!orbit->controller()->isBusy() && !bifurcation->controller()->isBusy());
    QVERIFY(!orbit->isComplete() && !bifurcation->isComplete());
    set.ensureComputed();
    QVERIFY(orbit->controller()->isBusy());
    QVERIFY(orbit->pendingText().contains(QLatin1String("computing")));
    QVERIFY(bifurcation->controller()->isBusy());
    QVERIFY(bifurcation->branchPlot()->pendingText().contains(QLatin1String("computing")));
    QVERIFY(bifurcation->lyapunovPlot()->pendingText().contains(QLatin1String("computing")));
    QTRY_VERIFY_WITH_TIMEOUT(orbit->isComplete() && bifurcation->isComplete(), 20000);
    QTRY_COMPARE(orbit->pendingText(), QString());
    QCOMPARE(bifurcation->branchPlot()->pendingText(), QString());
    QCOMPARE(bifurcation->lyapunovPlot()->pendingText(), QString());
    QVERIFY(orbit->hasData() && bifurcation->branchPlot()->hasData());
}

// The hypergradient-error and gradient-bias sweeps: "computing" until their results are shown.
void TestPending::hypergradientSweeps() {
    DatasetSplit data;
    DataSpec spec;
    spec.dataset = "moons";
    spec.samples = 60;
    std::string why;
    {
        const AllowGuiThreadWork reference;  // the test's own data
        QVERIFY2(loadTrainingData(spec, &data, &why), why.c_str());
    }
    HypergradView hypergrad;
    GradientBiasView bias;
    QCOMPARE(hypergrad.pendingText(), QString());
    hypergrad.compute(studyModel(4, 0.8, 1, 2, 2), data.train);
    bias.compute(studyModel(4, 0.8, 1, 2, 2), data.train);
    QVERIFY(hypergrad.pendingText().contains(QLatin1String("computing")));
    QVERIFY(bias.pendingText().contains(QLatin1String("computing")));
    QTRY_VERIFY_WITH_TIMEOUT(!hypergrad.isComputing() && !bias.isComputing(), 20000);
    QCOMPARE(hypergrad.pendingText(), QString());
    QCOMPARE(bias.pendingText(), QString());
    QVERIFY(hypergrad.hasData() && bias.hasData());
    // A cancelled sweep leaves no "computing" behind.
    hypergrad.compute(studyModel(4, 0.5, 2, 2, 2), data.train);
    QVERIFY(!hypergrad.pendingText().isEmpty());
    hypergrad.cancel();
    QCOMPARE(hypergrad.pendingText(), QString());
}

// The curves grow and the decision regions follow the snapshots while a run trains: "training"
// from Start until the run stops.
void TestPending::trainingCurvesWhileARunTrains() {
    Document doc;
    SolveController solver;
    ViewSet set(&doc, &solver);
    TrainingController& controller = *set.training()->controller();
    TrainingCurvesView loss(TrainingCurvesView::Quantity::Loss);
    loss.setController(&controller);
    PlotView* regions = set.training()->boundaryView();
    QCOMPARE(loss.pendingText(), QString());
    QCOMPARE(regions->pendingText(), QString());
    TrainingConfig config;
    config.data.dataset = "moons";
    config.data.samples = 60;
    config.trainer.steps = 5;
    QString error;
    QVERIFY2(controller.start(config, &error, /*paused=*/true), qPrintable(error));
    QVERIFY(loss.pendingText().contains(QLatin1String("training")));
    QVERIFY(regions->pendingText().contains(QLatin1String("training")));
    controller.stop();
    QTRY_VERIFY(!controller.isRunning());
    QCOMPARE(loss.pendingText(), QString());
    QCOMPARE(regions->pendingText(), QString());
}

// Both plots of the dataset convergence follow the evaluation's busy state.
void TestPending::datasetConvergenceWhileEvaluating() {
    DatasetConvergenceView view;
    view.setBusy(true);
    QVERIFY(view.iterationPlot()->pendingText().contains(QLatin1String("computing")));
    QVERIFY(view.rhoPlot()->pendingText().contains(QLatin1String("computing")));
    view.setBusy(false);
    QCOMPARE(view.iterationPlot()->pendingText(), QString());
    QCOMPARE(view.rhoPlot()->pendingText(), QString());
    view.setBusy(true);
    view.setFailed(QStringLiteral("cancelled"));  // a failed evaluation is not pending either
    QCOMPARE(view.iterationPlot()->pendingText(), QString());
}

QTEST_MAIN(TestPending)
#include "tst_pending.moc"
