// Training and lessons in the GUI (issue 6), offscreen.
#include <QComboBox>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/test_support.h"

#include <qcustomplot.h>
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>

#include "ui/document/document.h"
#include "ui/lessons/lessons.h"
#include "ui/training/decision_boundary_view.h"
#include "ui/training/gradient_bias_view.h"
#include "ui/training/hypergrad_view.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_curves_view.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_workspace.h"
#include "ui/views/spectra_view.h"
#include "ui/window/main_window.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

class TestTrainingGui : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void lessonsLoadSolveAndShowText_data();
    void lessonsLoadSolveAndShowText();
    void trainingRunAddsCurveAndStops();
    void decisionBoundaryMatchesPredictions();
    void hypergradViewMatchesCli();
    void sweepsComputedWhenShown();
    void trainingConfigIsSaved();
    void fpCorrectionGoesThroughTheDocument();
    void emptyPlotsSayWhy();
    void regressionRunReportsRmse();
    void gradientBiasMarksCoincidingCurves();
    void spectraViewNamesTheParametrizationCertificate();
};

void TestTrainingGui::lessonsLoadSolveAndShowText_data() {
    QTest::addColumn<QString>("id");
    QStringList errors;
    const QList<Lesson> lessons = builtinLessons(&errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join("; ")));
    QVERIFY(lessons.size() >= 8);
    for (const Lesson& l : lessons) QTest::newRow(l.id.toUtf8().constData()) << l.id;
}

void TestTrainingGui::lessonsLoadSolveAndShowText() {
    QFETCH(QString, id);
    MainWindow w;
    QVERIFY(w.openLesson(id));
    const Lesson* lesson = nullptr;
    for (const Lesson& l : w.lessonPanel()->lessons())
        if (l.id == id) lesson = &l;
    QVERIFY(lesson);
    QVERIFY(w.lessonPanel()->text().contains(lesson->title));
    QVERIFY(w.lessonPanel()->text().contains("Try"));
    QCOMPARE(w.viewTabs()->tabText(w.viewTabs()->currentIndex()), lesson->view);
    QVERIFY(w.document()->scenario().model.A == lesson->file.scenario.model.A);
    QTRY_VERIFY_WITH_TIMEOUT(w.solveController()->lastResult().scenario.model.A.rows() ==
                                     lesson->file.scenario.hiddenDim() &&
                                 !w.solveController()->lastResult().summary.message.empty(),
                             20000);
    QVERIFY(w.solveController()->lastResult().summary.fixed_point.allFinite());
}

void TestTrainingGui::trainingRunAddsCurveAndStops() {
    MainWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    w.findChild<QDockWidget*>("trainingDock")->raise();
    TrainingWorkspace* t = w.training();
    TrainingConfig c = t->panel()->config();
    c.trainer.steps = 100000;  // long enough to be stopped mid-way
    c.data.dataset = "moons";
    t->panel()->setConfig(c);
    QSignalSpy started(t->controller(), &TrainingController::runStarted);
    QTest::mouseClick(t->panel()->startButton(), Qt::LeftButton);
    QTRY_COMPARE(started.count(), 1);  // once the worker has loaded the data
    QVERIFY(!t->panel()->startButton()->isEnabled());
    TrainingCurvesView* loss = t->curveViews().first();
    QTRY_VERIFY(loss->runCount() == 1 && loss->plot()->graph(0)->dataCount() > 20);
    QSignalSpy finished(t->controller(), &TrainingController::runFinished);
    QTest::mouseClick(t->panel()->stopButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.count(), 1);
    const TrainingRun& run = t->controller()->runs().back();
    QCOMPARE(int(run.status), int(TrainStatus::Stopped));
    QVERIFY(run.records.size() < 100000u);
    QVERIFY(run.test_accuracy >= 0);
    QVERIFY(t->controller()->lastSnapshot().params.allFinite());
    QVERIFY(t->panel()->startButton()->isEnabled());
    // A second run adds a second curve; Clear keeps none.
    c.trainer.steps = 30;
    c.trainer.hypergrad.method = HypergradMethod::Itd;
    t->panel()->setConfig(c);
    QTest::mouseClick(t->panel()->startButton(), Qt::LeftButton);
    QTRY_COMPARE(finished.count(), 2);
    QCOMPARE(loss->runCount(), 2);
    t->controller()->clearRuns();
    QCOMPARE(loss->runCount(), 0);
}

void TestTrainingGui::decisionBoundaryMatchesPredictions() {
    MainWindow w;
    TrainingWorkspace* t = w.training();
    TrainingConfig c = t->panel()->config();
    c.trainer.steps = 60;
    t->panel()->setConfig(c);
    QSignalSpy finished(t->controller(), &TrainingController::runFinished);
    QString error;
    QVERIFY2(t->controller()->start(t->panel()->config(), &error), qPrintable(error));
    QTRY_COMPARE(finished.count(), 1);
    QTRY_COMPARE(t->boundaryView()->grid().classes.size(), size_t(80 * 80));
    // Rebuild the model from the last snapshot, in the run's precision (float32 by default; the
    // snapshot widens it exactly to double), and predict on the grid's cell centres.
    QVERIFY(c.float32);
    Trainer<float> trainer;
    QVERIFY(trainer.init(c.trainer, t->controller()->data(), nullptr));
    trainer.setParams(t->controller()->lastSnapshot().params.cast<float>());
    const BoundaryGrid& g = t->boundaryView()->grid();
    QCPColorMapData* cells = t->boundaryView()->colorMap()->data();
    QCOMPARE(cells->keySize(), g.resolution);
    Matrix X(2, g.resolution * g.resolution);
    for (int j = 0; j < g.resolution; ++j)
        for (int i = 0; i < g.resolution; ++i) {
            double x, y;
            cells->cellToCoord(i, j, &x, &y);
            X(0, j * g.resolution + i) = x;
            X(1, j * g.resolution + i) = y;
        }
    const IndexVector pred = trainer.predict(X);
    int mismatches = 0;
    for (int j = 0; j < g.resolution; ++j)
        for (int i = 0; i < g.resolution; ++i)
            mismatches += static_cast<int>(cells->cell(i, j)) != pred(j * g.resolution + i);
    QCOMPARE(mismatches, 0);
    // Both classes appear: the boundary crosses the plane.
    QVERIFY((pred.array() == 0).any() && (pred.array() == 1).any());
}

// The hypergradient and gradient-bias sweeps cost seconds of CPU: a window computes them only
// when their tab is shown (or an export or a lesson claim asks), and again after a change of the
// study model only while they are on screen.
void TestTrainingGui::sweepsComputedWhenShown() {
    MainWindow w;
    w.show();
    TrainingWorkspace* t = w.training();
    QSignalSpy ready(t->hypergradView(), &HypergradView::sweepReady);
    // The explorer's solve and analyses come and go; the sweeps are neither computed nor
    // scheduled meanwhile.
    QTRY_VERIFY(w.solveController()->lastAnalysis().generation > 0 &&
                !w.solveController()->isBusy());
    QVERIFY(t->hypergradStale());
    QVERIFY(!t->hypergradPending());
    QVERIFY(!t->hypergradView()->isComputing() && !t->gradientBiasView()->isComputing());
    QCOMPARE(ready.count(), 0);
    // Shown: computed.
    QTabWidget* tabs = w.viewTabs();
    tabs->setCurrentWidget(t->hypergradView());
    QVERIFY(!t->hypergradStale());
    QVERIFY(t->hypergradView()->isComputing() && t->gradientBiasView()->isComputing());
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 1 && !t->hypergradPending(), 30000);
    // A change of the study model while the tab is on screen: computed again.
    TrainingConfig c = w.document()->trainingConfig();
    c.trainer.parametrization.radius = 0.5;
    w.document()->setTrainingConfig(c);
    QVERIFY(t->hypergradPending());
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() == 2 && !t->hypergradPending(), 30000);
    QCOMPARE(t->hypergradView()->sweep().contraction_bound, 0.5);
    // Another tab in front: a change marks them stale and computes nothing.
    tabs->setCurrentIndex(0);
    c.trainer.parametrization.radius = 0.7;
    w.document()->setTrainingConfig(c);
    QVERIFY(t->hypergradStale());
    QVERIFY(!t->hypergradPending());
}

void TestTrainingGui::hypergradViewMatchesCli() {
    MainWindow w;
    TrainingWorkspace* t = w.training();
    HypergradView* view = t->hypergradView();
    QSignalSpy ready(view, &HypergradView::sweepReady);
    t->refreshHypergradients();
    QTRY_VERIFY_WITH_TIMEOUT(ready.count() >= 1 && !view->isComputing(), 30000);
    const TrainingConfig c = t->panel()->config();
    QProcess p;
    p.start(
        QStringLiteral(EQUILAB_CLI_PATH),
        {"hypergrad-sweep", "--max-iterations", QString::number(HypergradView::kMaxIterations),
         "--dataset", QString::fromStdString(c.data.dataset), "--samples",
         QString::number(c.data.samples), "--hidden", QString::number(c.trainer.hidden), "--radius",
         QString::number(c.trainer.parametrization.radius), "--seed", "0", "--json"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    const QJsonObject o = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    const HypergradSweep& s = view->sweep();
    QCOMPARE(o["contraction_bound"].toDouble(), s.contraction_bound);
    for (auto m : {HypergradMethod::Itd, HypergradMethod::AidFp, HypergradMethod::AidCg}) {
        const QJsonArray cli =
            o["relative_error"].toObject()[QString::fromStdString(toString(m))].toArray();
        const auto& gui = s.errors(m);
        QCOMPARE(cli.size(), static_cast<int>(gui.size()));
        for (int k = 0; k < cli.size(); ++k)
            QCOMPARE(cli[k].toDouble(), gui[static_cast<size_t>(k)]);
    }
    // The plotted points are the sweep's.
    QCOMPARE(view->plot()->graph(0)->data()->at(4)->value, s.itd[4]);
}

void TestTrainingGui::trainingConfigIsSaved() {
    MainWindow w;
    TrainingConfig c = w.training()->panel()->config();
    c.trainer.hypergrad.method = HypergradMethod::AidCg;
    c.trainer.hypergrad.K = 33;
    c.data.dataset = "spirals";
    w.training()->panel()->setConfig(c);
    emit w.training()->panel()->configChanged(w.training()->panel()->config());
    QCOMPARE(w.document()->trainingConfig().trainer.hypergrad.K, 33);
    ScenarioFile f;
    QString error;
    QVERIFY(parseScenario(serializeScenario(w.document()->file()), &f, &error));
    const TrainingConfig back = TrainingConfig::fromJson(f.extra.value("training").toObject());
    QCOMPARE(back.toJson(), c.toJson());
}

void TestTrainingGui::fpCorrectionGoesThroughTheDocument() {
    // The dock's fixed-point correction fields are an undoable edit of the document's training
    // config, saved with the scenario.
    MainWindow w;
    auto* states = w.training()->panel()->findChild<QSpinBox*>("fpCorrectionStates");
    auto* gamma = w.training()->panel()->findChild<QDoubleSpinBox*>("fpCorrectionGamma");
    QVERIFY(states && gamma);
    QCOMPARE(w.document()->trainingConfig().trainer.fp_correction.states, 0);
    states->setValue(3);
    gamma->setValue(0.6);
    const FixedPointCorrectionOptions fc = w.document()->trainingConfig().trainer.fp_correction;
    QCOMPARE(fc.states, 3);
    QCOMPARE(fc.gamma, 0.6);
    ScenarioFile f;
    QString error;
    QVERIFY(parseScenario(serializeScenario(w.document()->file()), &f, &error));
    const TrainingConfig back = TrainingConfig::fromJson(f.extra.value("training").toObject());
    QCOMPARE(back.trainer.fp_correction.states, 3);
    QCOMPARE(back.trainer.fp_correction.gamma, 0.6);
    w.document()->undoStack()->undo();  // γ
    w.document()->undoStack()->undo();  // N
    QCOMPARE(w.document()->trainingConfig().trainer.fp_correction.states, 0);
    QCOMPARE(states->value(), 0);
}

void TestTrainingGui::emptyPlotsSayWhy() {
    MainWindow w;
    TrainingWorkspace* t = w.training();
    // Before any run: no data, the hint is drawn and the legend has no box.
    for (TrainingCurvesView* v : t->curveViews()) {
        v->plot()->replot();
        QVERIFY(!v->hasData());
        QVERIFY(v->emptyTextShown());
        QCOMPARE(v->plot()->legend->borderPen().style(), Qt::NoPen);
    }
    t->boundaryView()->plot()->replot();
    QVERIFY(t->boundaryView()->emptyTextShown());
    // After a short run the curves have data: the hint goes, the legend box comes back.
    TrainingConfig c = t->panel()->config();
    c.trainer.steps = 20;
    QSignalSpy finished(t->controller(), &TrainingController::runFinished);
    QString error;
    QVERIFY2(t->controller()->start(c, &error), qPrintable(error));
    QTRY_COMPARE(finished.count(), 1);
    for (TrainingCurvesView* v : t->curveViews()) {
        v->plot()->replot();
        QVERIFY(v->hasData());
        QVERIFY(!v->emptyTextShown());
        QVERIFY(v->plot()->legend->borderPen().style() != Qt::NoPen);
    }
    QTRY_VERIFY(t->boundaryView()->hasData());
    t->boundaryView()->plot()->replot();
    QVERIFY(!t->boundaryView()->emptyTextShown());
}

void TestTrainingGui::regressionRunReportsRmse() {
    // The dock's Task: regression on a CSV of y = x₀ − 0.5·x₁. The run's test RMSE equals the
    // RMSE computed here from the final parameters with a plain T-step Picard loop.
    QTemporaryDir dir;
    const QString path = dir.filePath("linear.csv");
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("x0,x1,y\n");
        const Matrix X = randomGaussian(2, 200, 1.0, 4);
        for (Index i = 0; i < X.cols(); ++i)
            f.write(QByteArray::number(X(0, i), 'g', 17) + "," +
                    QByteArray::number(X(1, i), 'g', 17) + "," +
                    QByteArray::number(X(0, i) - 0.5 * X(1, i), 'g', 17) + "\n");
    }
    MainWindow w;
    TrainingWorkspace* t = w.training();
    TrainingConfig c = t->panel()->config();
    c.data.dataset = "csv:" + path.toStdString();
    c.data.regression = true;
    c.trainer.steps = 150;
    t->panel()->setConfig(c);
    QCOMPARE(t->panel()->findChild<QComboBox*>("task")->currentText(), QString("regression"));
    QVERIFY(t->panel()->config().data.regression);
    QSignalSpy finished(t->controller(), &TrainingController::runFinished);
    QString error;
    QVERIFY2(t->controller()->start(t->panel()->config(), &error), qPrintable(error));
    QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 60000);
    const TrainingRun& run = t->controller()->runs().back();
    QVERIFY2(run.test_rmse >= 0, qPrintable(run.message));
    QTRY_VERIFY(t->controller()->lastSnapshot().params.A.size() > 0);
    const auto& p = t->controller()->lastSnapshot().params;
    const Dataset& test = t->controller()->data().test;
    QVERIFY(test.regression && test.size() > 0);
    double sq = 0;
    for (Index i = 0; i < test.size(); ++i) {
        Vector v = Vector::Zero(p.A.rows());
        for (int k = 0; k < c.trainer.hypergrad.T; ++k)
            v = (p.A.cast<double>() * v + p.B.cast<double>() * test.X.col(i) + p.c.cast<double>())
                    .array()
                    .tanh()
                    .matrix();
        const double z = (p.Wout.cast<double>() * v + p.bout.cast<double>())(0);
        sq += (z - test.targets(0, i)) * (z - test.targets(0, i));
    }
    const double rmse = std::sqrt(sq / test.size());
    // The run trains and tests in float32 (the default precision); this recomputation is in
    // double, so they agree to float32's rounding (a float64 run agrees to 1e-9).
    const double tolerance = t->panel()->config().float32 ? 1e-5 : 1e-9;
    QVERIFY2(std::abs(run.test_rmse - rmse) <= tolerance * (1 + rmse),
             qPrintable(QString("%1 vs %2").arg(run.test_rmse).arg(rmse)));
    QVERIFY(rmse < 0.5);  // learned (targets spread ≈ 1.1)
}

void TestTrainingGui::gradientBiasMarksCoincidingCurves() {
    // Six methods at three ρ(J*): neumann 1 % above phantom everywhere (0.004 decades of the 15
    // plotted), the others apart (itd and aid-fp 0.18 decades apart at round-off).
    GradientBiasOptions o;
    GradientBiasMap map;
    map.complete = true;
    const std::vector<std::vector<double>> errors = {
        {3e-16, 2e-16, 5e-16, 6e-2, 1.8e-6, 1.8e-6 * 1.01},
        {3e-7, 7e-8, 9e-6, 3e-1, 4.6e-4, 4.6e-4 * 1.01},
        {3e-2, 2e-2, 1.5e-1, 6e-1, 6.3e-2, 6.3e-2 * 1.01}};
    for (size_t i = 0; i < errors.size(); ++i) {
        GradientBiasPoint p;
        p.target = p.rho = 0.1 + 0.4 * static_cast<double>(i);
        p.reached = p.reference_converged = true;
        p.relative_error = errors[i];
        p.cosine.assign(errors[i].size(), 0.9);
        map.points.push_back(p);
    }
    GradientBiasView view;
    view.setMap(map, o);
    QVERIFY(view.title().startsWith("Gradient bias against ρ(J*)"));
    view.setMap(map, o,
                "model.npz");  // a model file's map names it (gradient-bias --model --figure)
    QVERIFY2(view.title().startsWith("Gradient bias of model.npz against ρ(J*)"),
             qPrintable(view.title()));
    QCustomPlot* plot = view.plot();
    QCOMPARE(plot->graphCount(), 6);
    for (int k = 0; k < 5; ++k) {
        QCOMPARE(plot->graph(k)->name(), QString::fromStdString(toString(o.methods[size_t(k)])));
        QCOMPARE(plot->graph(k)->pen().style(), Qt::SolidLine);
    }
    QCOMPARE(plot->graph(5)->name(), QString("neumann (≈ phantom)"));
    QCOMPARE(plot->graph(5)->pen().style(), Qt::CustomDashLine);
    QCOMPARE(plot->graph(5)->dataCount(), 3);
    // Three times phantom's error at one point (0.48 decades): still dashed over phantom where
    // they meet, but the legend claims nothing.
    map.points[2].relative_error[5] = 3 * 6.3e-2;
    QCOMPARE(GradientBiasView::coincidence(map, 5).with, 4);
    QVERIFY(!GradientBiasView::coincidence(map, 5).everywhere);
    view.setMap(map, o);
    QCOMPARE(plot->graph(5)->name(), QString("neumann"));
    QCOMPARE(plot->graph(5)->pen().style(), Qt::CustomDashLine);
    // Apart at two of three points: its own solid curve.
    map.points[1].relative_error[5] = 3 * 4.6e-4;
    QCOMPARE(GradientBiasView::coincidence(map, 5).with, -1);
    view.setMap(map, o);
    QCOMPARE(plot->graph(5)->pen().style(), Qt::SolidLine);
}

void TestTrainingGui::spectraViewNamesTheParametrizationCertificate() {
    // A monotone scenario whose ‖A‖₂ > 1: the Spectra view names I − A ⪰ m·I and what it proves.
    MainWindow w;
    Document* doc = w.document();
    ScenarioFile f = doc->file();
    f.scenario = randomScenario(6, 2, 3, 1.6);
    f.scenario.parametrization = {ParametrizationKind::Monotone, 0.3, 0};
    doc->reset(f, QString());
    QTRY_VERIFY_WITH_TIMEOUT(w.spectraView()->certificateText().contains("Parametrization"), 60000);
    const QString text = w.spectraView()->certificateText();
    QVERIFY2(text.contains("monotone: I − A ⪰ m·I") && text.contains("Winston &amp; Kolter"),
             qPrintable(text));
    QVERIFY2(text.contains("one fixed point for every input"), qPrintable(text));
    // inf_ball names ‖A‖∞ ≤ κ.
    f.scenario.parametrization = {ParametrizationKind::InfBall, 0.8, 0};
    doc->reset(f, QString());
    QTRY_VERIFY_WITH_TIMEOUT(w.spectraView()->certificateText().contains("inf_ball: ‖A‖∞ ≤ κ"),
                             60000);
}

QTEST_MAIN(TestTrainingGui)
#include "tst_training_gui.moc"
