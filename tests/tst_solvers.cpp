// The five fixed-point solvers against each other, against the contraction theory and on
// divergent problems.
#include <QtTest>

#include "tests/test_support.h"

#include <cmath>

#include "core/model/scenario.h"
#include "core/solvers/solver.h"
#include "tests/test_problems.h"

using namespace equilab;

Q_DECLARE_METATYPE(equilab::SolverMethod)

namespace {
// Distance allowed between two solvers' fixed points: both residuals are ≤ tol, so each is
// within tol/(1 − q) of w*.
constexpr double kTolerance = 1e-11;
}  // namespace

class TestSolvers : public QObject {
    Q_OBJECT
  private slots:
    void reachesPicardFixedPoint_data();
    void reachesPicardFixedPoint();
    void picardResidualRatioBoundedByNorm_data();
    void picardResidualRatioBoundedByNorm();
    void accelerationBeatsPicard_data();
    void accelerationBeatsPicard();
    void nonFiniteInputIsDiverged_data();
    void nonFiniteInputIsDiverged();
    void expansiveProblemsEndFinite_data();
    void expansiveProblemsEndFinite();
    void stepMatchesSolve();
    void callbackCanAbort();
    void invalidShapesAreRejected();
    void optionsValidation();
};

void TestSolvers::reachesPicardFixedPoint_data() {
    QTest::addColumn<SolverMethod>("method");
    QTest::addColumn<int>("n");
    QTest::addColumn<unsigned>("seed");
    for (SolverMethod m : allSolverMethods())
        for (int n : {1, 2, 10, 50})
            for (unsigned seed : {1u, 2u}) {
                const QByteArray name = QByteArray::fromStdString(toString(m)) +
                                        " n=" + QByteArray::number(n) +
                                        " seed=" + QByteArray::number(seed);
                QTest::newRow(name.constData()) << m << n << seed;
            }
}

void TestSolvers::reachesPicardFixedPoint() {
    QFETCH(SolverMethod, method);
    QFETCH(int, n);
    QFETCH(unsigned, seed);
    const double q = 0.9;
    const Scenario s = randomScenario(n, 3, seed, q);
    // The reference is Picard's iteration written here, not the library's solver (whose Picard
    // row would otherwise be compared with itself): w ← tanh(A w + B x + c) from w = 0 until the
    // step is at round-off, ‖w − w*‖ ≤ ‖step‖·q/(1 − q) ≤ 1e-14 for q = 0.9.
    const Vector drive = s.model.B * s.x + s.model.c;
    Vector ref = Vector::Zero(n);
    for (int k = 0; k < 5000; ++k) {
        const Vector next = (s.model.A * ref + drive).array().tanh().matrix();
        const double step = (next - ref).norm();
        ref = next;
        if (step <= 1e-15) break;
    }
    QVERIFY((ref - (s.model.A * ref + drive).array().tanh().matrix()).norm() <= 1e-14);

    SolverOptions o;
    o.tolerance = kTolerance;
    o.max_iterations = 5000;
    o.method = method;
    const SolverSummary r = solveFixedPoint(s.model, s.x, {}, o);
    QVERIFY2(r.converged(), r.message.c_str());
    // The returned point satisfies w = φ(w) to the tolerance (recomputed here) …
    const Vector w = r.fixed_point;
    const double residual = (s.model.phi(w, s.x) - w).norm();
    QVERIFY2(residual <= o.tolerance, qPrintable(QString::number(residual)));
    QVERIFY(std::abs(r.finalResidual() - residual) <= 1e-15 + 1e-9 * residual);
    // … and is the fixed point (the contraction has only one): ‖w − w*‖ ≤ r/(1 − q).
    const double distance = (w - ref).norm();
    QVERIFY2(distance <= kTolerance / (1 - q) + 1e-14, qPrintable(QString::number(distance)));
}

void TestSolvers::picardResidualRatioBoundedByNorm_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("q");
    QTest::addColumn<unsigned>("seed");
    for (int n : {2, 20, 100})
        for (double q : {0.5, 0.9, 0.99})
            for (unsigned seed : {3u, 4u, 5u})
                QTest::addRow("n=%d q=%g seed=%u", n, q, seed) << n << q << seed;
}

void TestSolvers::picardResidualRatioBoundedByNorm() {
    QFETCH(int, n);
    QFETCH(double, q);
    QFETCH(unsigned, seed);
    // tanh is 1-Lipschitz, so r_{k+1} = ‖φ(w_{k+1}) − φ(w_k)‖ ≤ ‖A‖₂ r_k.
    const Scenario s = randomScenario(n, 4, seed, q);
    SolverOptions o;
    o.tolerance = 1e-12;
    o.max_iterations = 3000;
    const SolverSummary r = solveFixedPoint(s.model, s.x, {}, o);
    QVERIFY(r.converged());
    constexpr double kRoundOff = 1e-13;  // ratios of residuals at round-off level are noise
    for (size_t k = 0; k + 1 < r.residuals.size(); ++k) {
        if (r.residuals[k + 1] < kRoundOff * 10) break;
        QVERIFY2(
            r.residuals[k + 1] <= q * r.residuals[k] + kRoundOff,
            qPrintable(
                QStringLiteral("k=%1 ratio=%2").arg(k).arg(r.residuals[k + 1] / r.residuals[k])));
    }
    QVERIFY(r.observedRate() <= q + 1e-6);
}

void TestSolvers::accelerationBeatsPicard_data() {
    QTest::addColumn<SolverMethod>("method");
    QTest::newRow("anderson") << SolverMethod::Anderson;
    QTest::newRow("broyden") << SolverMethod::Broyden;
}

void TestSolvers::accelerationBeatsPicard() {
    QFETCH(SolverMethod, method);
    const Scenario s = testing::hardSymmetricProblem(50, 0.99, 7);
    SolverOptions o;
    o.tolerance = 1e-10;
    o.max_iterations = 20000;
    const SolverSummary picard = solveFixedPoint(s.model, s.x, {}, o);
    QVERIFY(picard.converged());
    o.method = method;
    const SolverSummary fast = solveFixedPoint(s.model, s.x, {}, o);
    QVERIFY2(fast.converged(), fast.message.c_str());
    qInfo("picard %d iterations, %s %d", picard.iterations, toString(method).c_str(),
          fast.iterations);
    QVERIFY(3 * fast.iterations <= picard.iterations);
}

void TestSolvers::nonFiniteInputIsDiverged_data() {
    QTest::addColumn<SolverMethod>("method");
    QTest::addColumn<QString>("where");
    QTest::addColumn<double>("value");
    for (SolverMethod m : allSolverMethods())
        for (const char* where : {"A", "B", "c", "x", "w0"})
            for (double v : {std::nan(""), HUGE_VAL}) {
                const QByteArray name = QByteArray::fromStdString(toString(m)) + " " + where + "=" +
                                        (std::isnan(v) ? "nan" : "inf");
                QTest::newRow(name.constData()) << m << QString(where) << v;
            }
}

void TestSolvers::nonFiniteInputIsDiverged() {
    QFETCH(SolverMethod, method);
    QFETCH(QString, where);
    QFETCH(double, value);
    Scenario s = randomScenario(3, 2, 9);
    Vector w0 = Vector::Zero(3);
    if (where == "A") s.model.A(1, 2) = value;
    if (where == "B") s.model.B(0, 1) = value;
    if (where == "c") s.model.c(2) = value;
    if (where == "x") s.x(1) = value;
    if (where == "w0") w0(0) = value;
    SolverOptions o;
    o.method = method;
    const SolverSummary r = solveFixedPoint(s.model, s.x, w0, o);
    QCOMPARE_ENUM(r.termination, Termination::DivergedNonFinite);
    QVERIFY(QString::fromStdString(r.message).contains("input " + where));
    QVERIFY(r.fixed_point.allFinite());
}

void TestSolvers::expansiveProblemsEndFinite_data() {
    QTest::addColumn<SolverMethod>("method");
    QTest::addColumn<unsigned>("seed");
    for (SolverMethod m : allSolverMethods())
        for (unsigned seed : {11u, 12u, 13u})
            QTest::newRow((toString(m) + " seed=" + std::to_string(seed)).c_str()) << m << seed;
}

void TestSolvers::expansiveProblemsEndFinite() {
    QFETCH(SolverMethod, method);
    QFETCH(unsigned, seed);
    // ‖A‖₂ = 3: no contraction. Whatever happens, the run ends with a reason and finite numbers.
    const Scenario s = randomScenario(20, 5, seed, 3.0);
    SolverOptions o;
    o.method = method;
    o.max_iterations = 300;
    const SolverSummary r = solveFixedPoint(s.model, s.x, {}, o);
    QVERIFY(r.termination != Termination::Running);
    QVERIFY(!r.message.empty());
    if (!r.converged())
        QVERIFY(r.termination == Termination::MaxIterations || isDiverged(r.termination));
    QVERIFY(r.fixed_point.allFinite());
    for (double res : r.residuals) QVERIFY(std::isfinite(res) || isDiverged(r.termination));
    // The residual reported for the returned point is its residual, recomputed here: a run that
    // stops at the cap or claims convergence has to say how far w is from φ(w).
    const double residual = (s.model.phi(r.fixed_point, s.x) - r.fixed_point).norm();
    if (!isDiverged(r.termination))
        QVERIFY2(
            std::abs(r.finalResidual() - residual) <= 1e-12 * std::max(1.0, residual),
            qPrintable(
                QStringLiteral("reported %1, actual %2").arg(r.finalResidual()).arg(residual)));
    // Convergence is claimed only for a point that is a fixed point to the tolerance.
    if (r.converged())
        QVERIFY2(residual <= o.tolerance,
                 qPrintable(QStringLiteral("converged with residual %1").arg(residual)));
    if (method == SolverMethod::Picard) QVERIFY(!r.converged());
}

void TestSolvers::stepMatchesSolve() {
    const Scenario s = defaultScenario();
    SolverOptions o;
    o.method = SolverMethod::Anderson;
    const SolverSummary whole = solveFixedPoint(s.model, s.x, s.w0, o);
    auto solver = createSolver(o);
    QVERIFY(solver->reset(s.model, s.x, s.w0));
    int steps = 0;
    while (solver->step() == Termination::Running) ++steps;
    QCOMPARE(solver->summary().iterations, whole.iterations);
    QCOMPARE(solver->summary().residuals, whole.residuals);
    QCOMPARE(solver->summary().iterates.size(), size_t(whole.iterations + 1));
}

void TestSolvers::callbackCanAbort() {
    const Scenario s = defaultScenario();
    SolverOptions o;
    int calls = 0;
    const SolverSummary r = solveFixedPoint(s.model, s.x, s.w0, o, [&](const IterationSummary& it) {
        ++calls;
        return it.iteration >= 3 ? CallbackReturn::Abort : CallbackReturn::Continue;
    });
    QCOMPARE_ENUM(r.termination, Termination::UserAbort);
    QCOMPARE(r.iterations, 3);
    QCOMPARE(calls, 3);
}

void TestSolvers::invalidShapesAreRejected() {
    Scenario s = defaultScenario();
    s.x = Vector::Zero(5);
    const SolverSummary r = solveFixedPoint(s.model, s.x, {}, SolverOptions{});
    QCOMPARE_ENUM(r.termination, Termination::InvalidInput);
    QVERIFY(QString::fromStdString(r.message).contains("x must have 2 entries"));
}

void TestSolvers::optionsValidation() {
    std::string error;
    SolverOptions o;
    QVERIFY(o.IsValid(&error));
    o.tolerance = -1;
    QVERIFY(!o.IsValid(&error));
    QVERIFY(QString::fromStdString(error).contains("tolerance"));
    o = SolverOptions{};
    o.damping = 1.5;
    QVERIFY(!o.IsValid(&error));
    QVERIFY(QString::fromStdString(error).contains("damping"));
}

QTEST_APPLESS_MAIN(TestSolvers)
#include "tst_solvers.moc"
