// The window shows the core's verdicts: the status bar and the Spectra view carry the
// classification and the certificate computed by the core for the same scenario file, and the
// basins and the scale sweep use the same classifier.
#include <QtTest>

#include "tests/test_support.h"

#include <QStatusBar>

#include "core/analysis/analysis.h"
#include "core/analysis/dynamics.h"
#include "core/analysis/spectra.h"
#include "io/scenario_json.h"
#include "ui/document/document.h"
#include "ui/views/basins_view.h"
#include "ui/views/spectra_view.h"
#include "ui/window/main_window.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

namespace {
const QString kData = QStringLiteral(EQUILAB_TEST_DATA_DIR);
}  // namespace

class TestVerdictGui : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void statusBarShowsTheCoreVerdict_data();
    void statusBarShowsTheCoreVerdict();
};

void TestVerdictGui::statusBarShowsTheCoreVerdict_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("kind");
    QTest::newRow("converged") << "verdict-converged.json"
                               << "converged";
    QTest::newRow("escaped") << "verdict-escaped.json"
                             << "escaped-then-converged";
    QTest::newRow("slow") << "verdict-slow.json"
                          << "slow";
    QTest::newRow("periodic") << "verdict-periodic.json"
                              << "periodic";
    QTest::newRow("quasi-periodic") << "verdict-quasi-periodic.json"
                                    << "quasi-periodic";
    QTest::newRow("chaotic") << "verdict-chaotic.json"
                             << "chaotic";
}

void TestVerdictGui::statusBarShowsTheCoreVerdict() {
    QFETCH(QString, file);
    QFETCH(QString, kind);
    MainWindow w;
    QSignalSpy analysed(w.solveController(), &SolveController::analysisReady);
    QVERIFY(w.openFile(kData + "/" + file));
    QTRY_VERIFY(analysed.count() >= 1 && !w.solveController()->isBusy());
    const SolveResult& r = w.solveController()->lastResult();

    // The core, on its own, for the same file.
    ScenarioFile f;
    QString error;
    QVERIFY(loadScenarioFile(kData + "/" + file, &f, &error));
    const Scenario& s = f.scenario;
    const DynamicsSummary d =
        classifyDynamics(s.model, s.x, solveFixedPoint(s.model, s.x, s.w0, s.solver), s.solver);
    const Certificate c = computeCertificate(s.model, s.x, s.w0, s.solver);
    QCOMPARE(QString::fromStdString(toString(d.kind)), kind);
    QCOMPARE(QString::fromStdString(toString(r.dynamics.kind)), kind);

    const QString status = w.certificateText();  // the status bar's permanent verdict widget
    QCOMPARE(status,
             QString::fromStdString(toString(s.solver.method) + ": " + d.message + " — " + c.text));
    QVERIFY(w.spectraView()->certificateText().contains(
        QString::fromStdString(c.text).toHtmlEscaped()));
    QVERIFY(w.spectraView()->certificateText().contains(
        QString::fromStdString(d.message).toHtmlEscaped()));

    if (s.hiddenDim() == 2) {
        const ViewSettings v = w.document()->viewSettings();
        const BasinGrid g =
            computeBasins(s.model, s.x, s.solver, v.basin_lo, v.basin_hi, v.basin_resolution);
        QCOMPARE(w.basinsView()->title(), "Basins: " + QString::fromStdString(summarizeBasins(g)));
    }
}

QTEST_MAIN(TestVerdictGui)
#include "tst_verdict_gui.moc"
