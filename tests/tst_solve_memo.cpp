// The solve worker's memo (ui/workers/solve_memo.h): what it keeps when only the chosen solver
// changed, what it forgets on any other change, and that a reused certificate and scale sweep
// equal the ones computed from scratch in the test.
#include <QSignalSpy>
#include <QtTest>

#include "core/analysis/analysis.h"
#include "core/analysis/spectra.h"
#include "ui/workers/gui_thread_guard.h"
#include "ui/workers/solve_memo.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

namespace {

Scenario smallScenario() {
    Scenario s = randomScenario(6, 3, 17, 0.9);
    s.solver.max_iterations = 400;
    s.w0 = Vector::Constant(6, 0.1);
    return s;
}

SolveResult resultOf(const Scenario& s) {
    SolveResult r;
    r.scenario = s;
    return r;
}

// Waits until the controller has published the analysis of its newest request.
bool settled(SolveController& c) {
    QDeadlineTimer deadline(60000 * EQUILAB_TEST_SLOWDOWN);
    while ((c.isBusy() || c.lastAnalysis().generation != c.latestGeneration()) &&
           !deadline.hasExpired())
        QTest::qWait(10);
    return !c.isBusy() && c.lastAnalysis().generation == c.latestGeneration();
}

}  // namespace

class TestSolveMemo : public QObject {
    Q_OBJECT
  private slots:
    void keepsOnlyWhatTheSolverDoesNotChange_data();
    void keepsOnlyWhatTheSolverDoesNotChange();
    void reusedResultsEqualFreshOnes();
};

void TestSolveMemo::keepsOnlyWhatTheSolverDoesNotChange_data() {
    QTest::addColumn<int>("change");
    QTest::addColumn<bool>("kept");
    // 0 nothing; solver-only changes 1–4; inputs of the Picard run 5–11.
    QTest::newRow("nothing") << 0 << true;
    QTest::newRow("method") << 1 << true;
    QTest::newRow("damping") << 2 << true;
    QTest::newRow("memory") << 3 << true;
    QTest::newRow("anderson regularization") << 4 << true;
    QTest::newRow("tolerance") << 5 << false;
    QTest::newRow("cap") << 6 << false;
    QTest::newRow("A entry") << 7 << false;
    QTest::newRow("B entry") << 8 << false;
    QTest::newRow("c entry") << 9 << false;
    QTest::newRow("x") << 10 << false;
    QTest::newRow("w0") << 11 << false;
}

void TestSolveMemo::keepsOnlyWhatTheSolverDoesNotChange() {
    QFETCH(int, change);
    QFETCH(bool, kept);
    const Scenario base = smallScenario();
    Scenario s = base;
    switch (change) {
        case 1:
            s.solver.method = SolverMethod::Anderson;
            break;
        case 2:
            s.solver.damping = 0.25;
            break;
        case 3:
            s.solver.memory = 9;
            break;
        case 4:
            s.solver.regularization = 1e-6;
            break;
        case 5:
            s.solver.tolerance = 1e-8;
            break;
        case 6:
            s.solver.max_iterations = 401;
            break;
        case 7:
            s.model.A(2, 3) += 1e-12;
            break;
        case 8:
            s.model.B(1, 0) += 1e-12;
            break;
        case 9:
            s.model.c(4) += 1e-12;
            break;
        case 10:
            s.x(0) += 1e-12;
            break;
        case 11:
            s.w0(5) += 1e-12;
            break;
        default:
            break;
    }
    SolveMemo memo;
    QVERIFY(!memo.keepIfSame(resultOf(base)));  // nothing remembered yet
    memo.setKey(std::make_shared<const SolveResult>(resultOf(base)));
    memo.picardRun = SolverSummary{};
    memo.sweep = SolveMemo::Sweep{};
    QCOMPARE(memo.keepIfSame(resultOf(s)), kept);
    QCOMPARE(memo.picardRun.has_value(), kept);
    QCOMPARE(memo.sweep.has_value(), kept);
    // Once forgotten, the old inputs do not match again either.
    if (!kept) QVERIFY(!memo.keepIfSame(resultOf(base)));
}

// Picard, then Anderson on the same problem (the memo is used), then a tighter tolerance (the memo
// is not): every certificate and sweep equals the one the test computes itself.
void TestSolveMemo::reusedResultsEqualFreshOnes() {
    SolveController c;
    const Scenario base = smallScenario();
    ViewSettings view;
    const std::vector<Scenario> sequence = [&] {
        Scenario anderson = base;
        anderson.solver.method = SolverMethod::Anderson;
        Scenario tight = anderson;
        tight.solver.tolerance = 1e-13;
        tight.solver.max_iterations = 30;  // the cap now stops part of the sweep
        return std::vector<Scenario>{base, anderson, tight};
    }();
    for (const Scenario& s : sequence) {
        c.request(s, view);
        QVERIFY(settled(c));
        const SolveResult& r = c.lastResult();
        const AnalysisResult& a = c.lastAnalysis();
        QVERIFY(r.summary.method == s.solver.method);
        AllowGuiThreadWork allow;  // the test's own references
        SolverOptions picard = s.solver;
        picard.method = SolverMethod::Picard;
        const Model m = s.effectiveModel();
        const SolverSummary run = solveFixedPoint(m, s.x, s.w0, picard);
        const Certificate cert = computeCertificate(m, s.x, s.w0, s.solver, run);
        QVERIFY(r.has_certificate);
        QCOMPARE(QString::fromStdString(r.certificate.text), QString::fromStdString(cert.text));
        QCOMPARE(r.certificate.A.norm, cert.A.norm);
        const ScaleSweep sweep = computeScaleSweep(m, s.x, s.w0, s.solver, view.sweep_min,
                                                   view.sweep_max, view.sweep_count);
        QCOMPARE(a.sweep.scales, sweep.scales);
        QCOMPARE(a.sweep.iterations, sweep.iterations);
        QCOMPARE(a.sweep.breaks_at == sweep.breaks_at ||
                     (std::isnan(a.sweep.breaks_at) && std::isnan(sweep.breaks_at)),
                 true);
        QCOMPARE(int(a.starts.size()), view.initial_points);
        QCOMPARE(a.starts.front().iterations, run.iterations);
    }
    // The tighter tolerance and cap really changed the sweep (a stale reuse would not show it).
    QVERIFY(std::count(c.lastAnalysis().sweep.iterations.begin(),
                       c.lastAnalysis().sweep.iterations.end(), -1.0) > 0);
}

QTEST_MAIN(TestSolveMemo)
#include "tst_solve_memo.moc"
