// The dynamics classifier, the true fixed point and the certificates, against values computed
// independently here: scalar fixed points and 2-cycles by bisection, ρ(J) in closed form,
// iteration counts from a plain tanh loop written in this file, matrix norms by hand.
#include <QtTest>

#include "tests/test_support.h"

#include <cmath>
#include <cstdio>
#include <functional>

#include "core/analysis/analysis.h"
#include "core/analysis/dynamics.h"
#include "core/analysis/jacobian_radius.h"
#include "core/analysis/lyapunov.h"
#include "core/analysis/spectra.h"
#include "core/solvers/fixed_point_search.h"
#include "io/scenario_json.h"
#include "tests/reference_linalg.h"

using namespace equilab;

namespace {

const QString kData = QStringLiteral(EQUILAB_TEST_DATA_DIR);

Scenario load(const QString& name) {
    ScenarioFile f;
    QString error;
    if (!loadScenarioFile(kData + "/" + name, &f, &error)) qFatal("%s", qPrintable(error));
    return f.scenario;
}

// A root of g in [lo, hi] (g(lo), g(hi) of opposite signs) by bisection to round-off.
double bisect(const std::function<double(double)>& g, double lo, double hi) {
    double glo = g(lo);
    for (int k = 0; k < 200; ++k) {
        const double mid = 0.5 * (lo + hi), gm = g(mid);
        if ((gm < 0) == (glo < 0)) {
            lo = mid;
            glo = gm;
        } else {
            hi = mid;
        }
    }
    return 0.5 * (lo + hi);
}

// The scenario's scalar map w ↦ tanh(a w + u) with u = B x + c.
struct Scalar1 {
    double a, u;
    explicit Scalar1(const Scenario& s)
        : a(s.model.A(0, 0)), u(s.model.B(0, 0) * s.x(0) + s.model.c(0)) {}
    double phi(double w) const { return std::tanh(a * w + u); }
};

// A plain Picard loop: the first k with ‖tanh(A w_k + u) − w_k‖₂ ≤ tol (−1 if none by cap),
// and the iterates.
int plainPicard(const Scenario& s, int cap, std::vector<Vector>* iterates = nullptr) {
    const Index n = s.model.A.rows();
    Vector u = s.model.c;
    for (Index i = 0; i < n; ++i)
        for (Index j = 0; j < s.model.B.cols(); ++j) u(i) += s.model.B(i, j) * s.x(j);
    Vector w = s.w0.size() ? s.w0 : Vector::Zero(n);
    for (int k = 0; k <= cap; ++k) {
        if (iterates) iterates->push_back(w);
        Vector next(n);
        for (Index i = 0; i < n; ++i) {
            double z = u(i);
            for (Index j = 0; j < n; ++j) z += s.model.A(i, j) * w(j);
            next(i) = std::tanh(z);
        }
        if ((next - w).norm() <= s.solver.tolerance) return k;
        w = next;
    }
    return -1;
}

// λ₁ by its own loop: w ↦ tanh(A w + u), tangent v ↦ diag(1 − w_{k+1}²) A v renormalised
// every step, from v = (1, 1, …)/√n after `transient` steps.
double independentLyapunov(const Matrix& A, const Vector& u, Vector w, int steps,
                           int transient = 0) {
    const Index n = A.rows();
    for (int k = 0; k < transient; ++k) w = (A * w + u).array().tanh().matrix();
    Vector v = Vector::Ones(n) / std::sqrt(double(n));
    double sum = 0;
    for (int k = 0; k < steps; ++k) {
        Vector next(n), jv(n);
        for (Index i = 0; i < n; ++i) {
            double z = u(i), t = 0;
            for (Index j = 0; j < n; ++j) z += A(i, j) * w(j), t += A(i, j) * v(j);
            next(i) = std::tanh(z);
            jv(i) = (1 - next(i) * next(i)) * t;
        }
        const double g = jv.norm();
        sum += std::log(g);
        v = jv / g;
        w = next;
    }
    return sum / steps;
}

SolverSummary solveQuiet(const Scenario& s) {
    SolverOptions o = s.solver;
    o.record_iterates = false;
    return solveFixedPoint(s.model, s.x, s.w0, o);
}

}  // namespace

class TestDynamics : public QObject {
    Q_OBJECT
  private slots:
    void scenarioFiles_data();
    void scenarioFiles();
    void convergedMatchesBisection();
    void escapedIsNotDivergence_data();
    void escapedIsNotDivergence();
    void slowSaysHowFarToRaiseTheCap();
    void periodicFindsTheCycleAndTheTrueFixedPoint();
    void quasiPeriodicOnAnInvariantCircle();
    void chaoticHasAPositiveLyapunovExponent();
    void contractionExponentIsLogOfItsRate_data();
    void contractionExponentIsLogOfItsRate();
    void nonFiniteIsDivergent();
    void periodOfRotations_data();
    void periodOfRotations();
    void slowExtrapolation_data();
    void slowExtrapolation();
    void sublinear_data();
    void sublinear();
    void jacobianRadiusMatchesDense_data();
    void jacobianRadiusMatchesDense();
    void builtInScenarioCappedEarlyIsSlow_data();
    void builtInScenarioCappedEarlyIsSlow();
    void certificates_data();
    void certificates();
    void basinsNameEveryFixedPoint();
    void startsReportDifferentFixedPoints();
};

void TestDynamics::scenarioFiles_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("verdict");
    QTest::newRow("converged") << "verdict-converged.json"
                               << "converged"
                               << "contractive";
    QTest::newRow("escaped n=2") << "verdict-escaped.json"
                                 << "escaped-then-converged"
                                 << "locally_convergent";
    QTest::newRow("escaped n=1") << "verdict-escaped-scalar.json"
                                 << "escaped-then-converged"
                                 << "locally_convergent";
    QTest::newRow("slow") << "verdict-slow.json"
                          << "slow"
                          << "locally_convergent";
    QTest::newRow("periodic") << "verdict-periodic.json"
                              << "periodic"
                              << "unstable_fixed_point";
    QTest::newRow("quasi-periodic") << "verdict-quasi-periodic.json"
                                    << "quasi-periodic"
                                    << "unstable_fixed_point";
    QTest::newRow("chaotic") << "verdict-chaotic.json"
                             << "chaotic"
                             << "unstable_fixed_point";
}

void TestDynamics::scenarioFiles() {
    QFETCH(QString, file);
    QFETCH(QString, kind);
    QFETCH(QString, verdict);
    const Scenario s = load(file);
    const SolverSummary r = solveQuiet(s);
    const DynamicsSummary d = classifyDynamics(s.model, s.x, r, s.solver);
    QCOMPARE(QString::fromStdString(toString(d.kind)), kind);
    QVERIFY(!d.message.empty());
    // Without the model no Lyapunov exponent exists, so no claim of chaos or quasi-periodicity.
    const DynamicsSummary blind = classifyDynamics(r, s.solver);
    if (kind == "chaotic" || kind == "quasi-periodic")
        QCOMPARE_ENUM(blind.kind, Dynamics::Undetermined);
    else
        QCOMPARE_ENUM(blind.kind, d.kind);
    QCOMPARE(d.converged(), r.converged());
    QCOMPARE(QString::fromStdString(classificationName(s.model, s.x, s.w0, s.solver)), kind);
    const Certificate c = computeCertificate(s.model, s.x, s.w0, s.solver);
    QCOMPARE(QString::fromStdString(toString(c.verdict)), verdict);
    QCOMPARE_ENUM(c.dynamics.kind, d.kind);
    // J is evaluated at a true fixed point whatever Picard did.
    QVERIFY(c.fixed.found);
    QVERIFY((s.model.phi(c.fixed_point, s.x) - c.fixed_point).norm() <= s.solver.tolerance * 10);
    // Transient growth is never called divergence.
    QVERIFY(!isDiverged(r.termination));
}

void TestDynamics::convergedMatchesBisection() {
    const Scenario s = load("verdict-converged.json");
    const Scalar1 f(s);
    const double w = bisect([&](double v) { return v - f.phi(v); }, -1, 1);
    const SolverSummary r = solveQuiet(s);
    const DynamicsSummary d = classifyDynamics(r, s.solver);
    QCOMPARE_ENUM(d.kind, Dynamics::Converged);
    QVERIFY(std::abs(r.fixed_point(0) - w) < 1e-9);
    // Linear convergence at |J(w*)| = |a| (1 − w*²).
    const double rho = std::abs(f.a) * (1 - w * w);
    QVERIFY2(std::abs(d.rate - rho) < 1e-3,
             qPrintable(QString("rate %1 vs %2").arg(d.rate).arg(rho)));
    QCOMPARE(d.iterations, plainPicard(s, 500));
}

void TestDynamics::escapedIsNotDivergence_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("a");  // A = a·I
    QTest::newRow("A = 1.5 I, n = 2") << "verdict-escaped.json" << 1.5;
    QTest::newRow("A = 2, w0 = 1e-9") << "verdict-escaped-scalar.json" << 2.0;
}

void TestDynamics::escapedIsNotDivergence() {
    QFETCH(QString, file);
    QFETCH(double, a);
    const Scenario s = load(file);
    // The stable fixed points solve u = tanh(a u), u > 0; there J = a (1 − u²) I.
    const double u = bisect([a](double v) { return v - std::tanh(a * v); }, 0.1, 1);
    const SolverSummary r = solveQuiet(s);
    const DynamicsSummary d = classifyDynamics(r, s.solver);
    QCOMPARE_ENUM(d.kind, Dynamics::EscapedThenConverged);
    QCOMPARE(d.iterations, plainPicard(s, 500));
    QVERIFY(d.peak_residual > 1e6 * r.residuals.front());
    for (Index i = 0; i < r.fixed_point.size(); ++i)
        QVERIFY(std::abs(std::abs(r.fixed_point(i)) - u) < 1e-9);
    const Certificate c = computeCertificate(s.model, s.x, s.w0, s.solver);
    QVERIFY(std::abs(c.J.spectral_radius - a * (1 - u * u)) < 1e-8);
    // It left the unstable fixed point next to w₀, 0 up to the tiny drive, where J = A.
    QVERIFY(c.escaped_from.found);
    QVERIFY(c.escaped_from.w.norm() < 1e-8);
    QVERIFY(std::abs(c.escaped_from.rho_J - a) < 1e-8);
    QVERIFY(QString::fromStdString(c.text).contains("unstable fixed point"));
}

void TestDynamics::slowSaysHowFarToRaiseTheCap() {
    const Scenario s = load("verdict-slow.json");
    const Scalar1 f(s);
    const double w = bisect([&](double v) { return v - f.phi(v); }, -1, 1);
    const double rho = std::abs(f.a) * (1 - w * w);  // ≈ 0.970
    const int needed = plainPicard(s, 100000);       // ≈ 726
    QVERIFY(needed > s.solver.max_iterations);
    const SolverSummary r = solveQuiet(s);
    const DynamicsSummary d = classifyDynamics(r, s.solver);
    QCOMPARE_ENUM(d.kind, Dynamics::Slow);
    QVERIFY2(std::abs(d.rate - rho) < 1e-3,
             qPrintable(QString("rate %1 vs %2").arg(d.rate).arg(rho)));
    QVERIFY2(std::abs(d.suggested_cap - needed) <= 0.02 * needed,
             qPrintable(QString("suggested %1, needed %2").arg(d.suggested_cap).arg(needed)));
    QVERIFY(QString::fromStdString(d.message).contains(QString::number(d.suggested_cap)));
    const Certificate c = computeCertificate(s.model, s.x, s.w0, s.solver);
    QVERIFY(std::abs(c.fixed_point(0) - w) < 1e-9);
    QVERIFY(std::abs(c.J.spectral_radius - rho) < 1e-9);
    QVERIFY(c.fixed.stable());
    QCOMPARE(c.checks.back().name, std::string("local_rho_J"));
    QVERIFY(c.checks.back().holds);
}

void TestDynamics::periodicFindsTheCycleAndTheTrueFixedPoint() {
    const Scenario s = load("verdict-periodic.json");
    const Scalar1 f(s);
    const double w = bisect([&](double v) { return v - f.phi(v); }, -0.5, 0.5);  // ≈ 0.003667
    // One point of the 2-cycle solves φ(φ(u)) = u away from w*; the other is φ(u).
    const double u = bisect([&](double v) { return f.phi(f.phi(v)) - v; }, -1, w - 0.1);
    const double v = f.phi(u);
    QVERIFY(std::abs(u - v) > 1);
    const SolverSummary r = solveQuiet(s);
    const DynamicsSummary d = classifyDynamics(r, s.solver);
    QCOMPARE_ENUM(d.kind, Dynamics::Periodic);
    QCOMPARE(d.period, 2);
    QVERIFY(std::abs(d.amplitude - std::abs(u - v) / 2) < 1e-9);
    QCOMPARE(d.orbit.size(), size_t(2));
    const double lo = std::min(d.orbit[0](0), d.orbit[1](0)),
                 hi = std::max(d.orbit[0](0), d.orbit[1](0));
    QVERIFY(std::abs(lo - std::min(u, v)) < 1e-9 && std::abs(hi - std::max(u, v)) < 1e-9);
    const Certificate c = computeCertificate(s.model, s.x, s.w0, s.solver);
    QCOMPARE_ENUM(c.verdict, Verdict::UnstableFixedPoint);
    QVERIFY(std::abs(c.fixed_point(0) - w) < 1e-9);
    QVERIFY(std::abs(c.J.spectral_radius - std::abs(f.a) * (1 - w * w)) < 1e-9);  // 1.99997
    QVERIFY(QString::fromStdString(c.text).contains(
        "but it is unstable (ρ(J) = 2 > 1): Picard cannot reach it"));
}

void TestDynamics::quasiPeriodicOnAnInvariantCircle() {
    const Scenario s = load("verdict-quasi-periodic.json");
    std::vector<Vector> w;
    QCOMPARE(plainPicard(s, 500, &w), -1);
    // Independently: no period ≤ 16 in the last iterates, and the residual does not fall by a
    // factor 10 over the last half.
    const size_t K = w.size() - 2;  // w has w_0 … w_{501}
    for (size_t p = 1; p <= 16; ++p) QVERIFY((w[K] - w[K - p]).norm() > 1e-3);
    QVERIFY((w[K + 1] - w[K]).norm() > 0.1 * (w[K / 2 + 1] - w[K / 2]).norm());
    // λ₁ ≈ 0 by a tangent loop written here over 20000 steps after the 500.
    const double lambda = independentLyapunov(s.model.A, s.model.c, w.back(), 20000);
    QVERIFY2(std::abs(lambda) < 1e-3, qPrintable(QString::number(lambda)));
    const DynamicsSummary d = classifyDynamics(s.model, s.x, solveQuiet(s), s.solver);
    QCOMPARE_ENUM(d.kind, Dynamics::QuasiPeriodic);
    QVERIFY(d.lyapunov.valid());
    QVERIFY(std::abs(d.lyapunov.exponent) <= std::max(2e-3, 3 * d.lyapunov.error));
    QVERIFY(QString::fromStdString(d.message).contains("λ₁ = "));
}

void TestDynamics::chaoticHasAPositiveLyapunovExponent() {
    const Scenario s = load("verdict-chaotic.json");
    std::vector<Vector> w;
    QCOMPARE(plainPicard(s, 500, &w), -1);
    // λ₁ by a separate loop: 1000 steps of transient, then 100000 steps of the tangent map.
    const double lambda = independentLyapunov(s.model.A, s.model.c, w.back(), 100000, 1000);
    QVERIFY2(lambda > 0.1, qPrintable(QString::number(lambda)));
    const DynamicsSummary d = classifyDynamics(s.model, s.x, solveQuiet(s), s.solver);
    QCOMPARE_ENUM(d.kind, Dynamics::Chaotic);
    QVERIFY(d.lyapunov.valid() && d.lyapunov.steps == 2000);
    // 2000 steps: within a few standard errors of the long run.
    QVERIFY2(
        std::abs(d.lyapunov.exponent - lambda) < 0.03 + 4 * d.lyapunov.error,
        qPrintable(
            QString("%1 ± %2 vs %3").arg(d.lyapunov.exponent).arg(d.lyapunov.error).arg(lambda)));
    char value[32];
    std::snprintf(value, sizeof value, "%.3g", d.lyapunov.exponent);
    QVERIFY(QString::fromStdString(d.message).contains(QString("λ₁ = ") + value));
}

void TestDynamics::contractionExponentIsLogOfItsRate_data() {
    QTest::addColumn<double>("scale");
    QTest::addColumn<double>("angle");
    QTest::newRow("0.8, rotation 0.7") << 0.8 << 0.7;
    QTest::newRow("0.5, no rotation") << 0.5 << 0.0;
    QTest::newRow("0.95, rotation 2") << 0.95 << 2.0;
}

void TestDynamics::contractionExponentIsLogOfItsRate() {
    // A = scale · R(angle) with a drive: w* by a plain loop, ρ(J(w*)) by Eigen; λ₁ along the
    // orbit from far away tends to log ρ(J(w*)) (the orbit converges, the bias is O(1/m)).
    QFETCH(double, scale);
    QFETCH(double, angle);
    Matrix A(2, 2);
    A << std::cos(angle), -std::sin(angle), std::sin(angle), std::cos(angle);
    A *= scale;
    const Vector u = (Vector(2) << 0.2, -0.3).finished();
    Vector w = (Vector(2) << 0.9, -0.9).finished();
    for (int k = 0; k < 5000; ++k) w = (A * w + u).array().tanh().matrix();
    const Matrix J = (1.0 - w.array().square()).matrix().asDiagonal() * A;
    const double rho = testing::spectralRadiusDense(J);
    LyapunovOptions o;
    o.steps = 20000;
    const LyapunovEstimate e =
        largestLyapunovExponent(A, u, (Vector(2) << 0.9, -0.9).finished(), o);
    QVERIFY(e.valid());
    QVERIFY2(std::abs(e.exponent - std::log(rho)) < 2e-3,
             qPrintable(QString("%1 vs log %2 = %3").arg(e.exponent).arg(rho).arg(std::log(rho))));
    // Started on w* the products are powers of J: λ₁ = log ρ up to the direction's transient.
    const LyapunovEstimate at = largestLyapunovExponent(A, u, w, o);
    QVERIFY(std::abs(at.exponent - std::log(rho)) < 1e-3);
    // Along a recorded orbit, the same number.
    std::vector<Vector> orbit{(Vector(2) << 0.9, -0.9).finished()};
    for (int k = 0; k < 20000; ++k) orbit.push_back((A * orbit.back() + u).array().tanh().matrix());
    const LyapunovEstimate along = largestLyapunovExponentAlong(A, orbit);
    QVERIFY(std::abs(along.exponent - e.exponent) < 1e-12);
}

void TestDynamics::nonFiniteIsDivergent() {
    Scenario s = load("verdict-converged.json");
    s.model.A(0, 0) = std::numeric_limits<double>::quiet_NaN();
    const SolverSummary r = solveQuiet(s);
    const DynamicsSummary d = classifyDynamics(r, s.solver);
    QCOMPARE_ENUM(d.kind, Dynamics::Divergent);
    QVERIFY(!d.converged());
}

void TestDynamics::periodOfRotations_data() {
    QTest::addColumn<int>("p");
    for (int p : {2, 3, 5, 7, 16, 17}) QTest::addRow("p=%d", p) << p;
}

void TestDynamics::periodOfRotations() {
    // Iterates on a regular p-gon of radius R: period p, amplitude R sin(π ⌊p/2⌋ / p) (half the
    // longest chord); p = 17 is beyond the detector's reach: undetermined.
    QFETCH(int, p);
    const double R = 0.8;
    SolverSummary run;
    run.termination = Termination::MaxIterations;
    for (int k = 0; k <= 200; ++k) {
        const double t = 2 * M_PI * k / p;
        run.iterates.push_back((Vector(2) << R * std::cos(t), R * std::sin(t)).finished());
        run.residuals.push_back(2 * R * std::sin(M_PI / p));
    }
    run.iterations = 200;
    SolverOptions o;
    o.max_iterations = 200;
    const DynamicsSummary d = classifyDynamics(run, o);
    if (p > 16) {
        QCOMPARE_ENUM(d.kind, Dynamics::Undetermined);
        return;
    }
    QCOMPARE_ENUM(d.kind, Dynamics::Periodic);
    QCOMPARE(d.period, p);
    QVERIFY(std::abs(d.amplitude - R * std::sin(M_PI * (p / 2) / p)) < 1e-12);
}

void TestDynamics::slowExtrapolation_data() {
    QTest::addColumn<double>("rate");
    QTest::addColumn<int>("cap");
    for (double a : {0.5, 0.9, 0.97, 0.99, 0.9927, 0.999, -0.9})
        for (int cap : {2, 5, 30, 500}) QTest::addRow("a=%g cap %d", a, cap) << a << cap;
}

void TestDynamics::slowExtrapolation() {
    // The scalar linear map w ↦ a w from w₀ = 1: r_k = |w_{k+1} − w_k| = |1 − a| |a|ᵏ. Closed
    // form: the first k with r_k ≤ tol is ⌈log(tol / |1 − a|) / log |a|⌉, so a run stopped at
    // K needs that minus K more steps.
    QFETCH(double, rate);
    QFETCH(int, cap);
    SolverOptions o;
    o.max_iterations = cap;
    SolverSummary run;
    run.iterations = cap;
    double w = 1;
    for (int k = 0; k <= cap; ++k) {
        run.residuals.push_back(std::abs(rate * w - w));
        w *= rate;
    }
    const double q = std::abs(rate);
    const int needed =
        static_cast<int>(std::ceil(std::log(o.tolerance / std::abs(1 - rate)) / std::log(q)));
    if (needed <= cap) return;  // converged before the cap: not this test
    run.termination = Termination::MaxIterations;
    const DynamicsSummary d = classifyDynamics(run, o);
    QCOMPARE_ENUM(d.kind, Dynamics::Slow);
    QVERIFY2(std::abs(d.rate - q) < 1e-9, qPrintable(QString::number(d.rate, 'g', 12)));
    QVERIFY2(std::abs(d.more_iterations - (needed - cap)) <= 1,
             qPrintable(QString("%1 vs %2").arg(d.more_iterations).arg(needed - cap)));
    QCOMPARE(d.suggested_cap, cap + d.more_iterations);
    QVERIFY(QString::fromStdString(d.message).startsWith("slow: converging at rate "));
    QVERIFY(QString::fromStdString(d.message).contains(
        "about " + QString::number(d.more_iterations) + " more iterations"));
}

void TestDynamics::sublinear_data() {
    QTest::addColumn<QString>("what");
    QTest::addColumn<double>("power");
    QTest::addColumn<double>("needed");  // closed-form k with r_k = tol (0: not checked)
    // A = [[1]], c = 0: w_{k+1} = tanh w_k ≈ w_k − w_k³/3, so w_k ≈ √(3/(2k)) and
    // r_k ≈ w_k³/3 = (1/3)(3/(2k))^{3/2}: r_k = 1e-10 at k = 1.5 / (3·1e-10)^{2/3}.
    QTest::newRow("A = [[1]]") << "one" << 1.5 << 1.5 / std::pow(3e-10, 2.0 / 3);
    // A = rotation by 90°: ‖w_{k+1}‖² ≈ ‖w_k‖² − (2/3)Σw⁴, so ‖w_k‖ ∝ k^{−1/2}, r_k ≈ √2‖w_k‖.
    QTest::newRow("rotation by 90°") << "rotation" << 0.5 << 0.0;
}

void TestDynamics::sublinear() {
    QFETCH(QString, what);
    QFETCH(double, power);
    QFETCH(double, needed);
    Scenario s;
    if (what == "one") {
        s.model.A = Matrix::Ones(1, 1);
        s.w0 = Vector::Constant(1, 0.5);
    } else {
        s.model.A = (Matrix(2, 2) << 0, -1, 1, 0).finished();
        s.w0 = (Vector(2) << 0.5, 0.3).finished();
    }
    const Index n = s.model.A.rows();
    s.model.B = Matrix::Zero(n, 1);
    s.model.c = Vector::Zero(n);
    s.x = Vector::Zero(1);
    s.solver.max_iterations = 5000;
    const SolverSummary r = solveQuiet(s);
    QCOMPARE(plainPicard(s, 5000), -1);
    const DynamicsSummary d = classifyDynamics(s.model, s.x, r, s.solver);
    QCOMPARE_ENUM(d.kind, Dynamics::Sublinear);
    QVERIFY2(std::abs(d.power - power) < 0.05, qPrintable(QString::number(d.power)));
    QVERIFY(QString::fromStdString(d.message).startsWith("sublinear: the residual falls like k^"));
    if (needed > 0)
        QVERIFY2(std::abs(5000 + d.more_iterations - needed) < 0.05 * needed,
                 qPrintable(QString("%1 vs %2").arg(5000 + d.more_iterations).arg(needed)));
    // The same run under a (hypothetical) proven contraction can only be slow.
    DynamicsOptions certified;
    certified.contraction_bound = 0.999;
    QCOMPARE_ENUM(classifyDynamics(s.model, s.x, r, s.solver, certified).kind, Dynamics::Slow);
}

void TestDynamics::jacobianRadiusMatchesDense_data() {
    QTest::addColumn<QString>("kind");
    QTest::addColumn<int>("n");
    // n = 40: the dense solver directly; 128: a multiple of 64 (dense ρ and H_64 padded); 200:
    // Arnoldi within its budget (checks up to 96, a confirming one at 104).
    for (int n : {40, 128, 200}) {
        QTest::addRow("gaussian n=%d", n) << "gaussian" << n;
        QTest::addRow("complex dominant pair n=%d", n) << "pair" << n;
        QTest::addRow("non-normal triangular n=%d", n) << "triangular" << n;
    }
}

void TestDynamics::jacobianRadiusMatchesDense() {
    // ρ(diag(d) A) by Arnoldi with its residual check against Eigen's dense eigensolver written
    // out here, on matrices where power iteration would struggle: a disk of eigenvalues
    // (Gaussian), a dominant complex-conjugate pair, and a strongly non-normal triangular matrix.
    QFETCH(QString, kind);
    QFETCH(int, n);
    Matrix A = randomGaussian(n, n, 1.0 / std::sqrt(double(n)), 11);
    if (kind == "pair") {
        A *= 0.5;
        A.topLeftCorner(2, 2) << 0.3, -0.9, 0.9, 0.3;  // eigenvalues 0.3 ± 0.9i, |λ| = 0.949
        A.block(2, 0, n - 2, 2).setZero();
    } else if (kind == "triangular") {
        A = A.triangularView<Eigen::Upper>();
        A *= 3;  // large off-diagonal part: eigenvalues are the diagonal, very ill-conditioned
    }
    Vector d = (0.5 * (randomGaussian(n, 1, 1.0, 12).col(0).array().tanh() + 1)).matrix();
    d = d.cwiseMax(0.05);
    const Matrix J = d.asDiagonal() * A;
    const double dense = testing::spectralRadiusDense(J);
    // The app's dense ρ (padded by a zero row and column at n = 128) against the reference.
    QVERIFY(std::abs(denseJacobianSpectralRadius(A, d) - dense) <= 1e-10 * std::max(1.0, dense));
    const JacobianRadius r = jacobianRadius(A, d);
    QVERIFY(r.ok());
    QVERIFY2(std::abs(r.rho - dense) <= 1e-7 * std::max(1.0, dense),
             qPrintable(QString("%1 (%2, m = %3) vs dense %4")
                            .arg(r.rho, 0, 'g', 12)
                            .arg(r.method == JacobianRadiusMethod::Arnoldi ? "arnoldi" : "dense")
                            .arg(r.krylov)
                            .arg(dense, 0, 'g', 12)));
    if (r.method == JacobianRadiusMethod::Arnoldi) QVERIFY(r.residual <= 1e-10);
    if (kind == "triangular") {
        // The truth is the largest |diagonal entry| of J.
        QVERIFY(std::abs(r.rho - J.diagonal().cwiseAbs().maxCoeff()) <= 1e-7);
    }
}

void TestDynamics::builtInScenarioCappedEarlyIsSlow_data() {
    QTest::addColumn<int>("cap");
    for (int cap : {2, 3, 10, 16, 30, 39, 60}) QTest::addRow("cap %d", cap) << cap;
}

void TestDynamics::builtInScenarioCappedEarlyIsSlow() {
    // The built-in scenario (‖A‖₂ = 0.9, a contraction) converges in 65 steps; stopped earlier
    // it is slow at about its asymptotic rate ρ(J(w*)) ≈ 0.70, never anything non-convergent,
    // and the remaining count lands near 65 − cap.
    QFETCH(int, cap);
    Scenario s = defaultScenario();
    s.solver.max_iterations = cap;
    const SolverSummary r = solveQuiet(s);
    const DynamicsSummary d = classifyDynamics(s.model, s.x, r, s.solver);
    QCOMPARE_ENUM(d.kind, Dynamics::Slow);
    QVERIFY(d.rate > 0.6 && d.rate < 0.9);
    s.solver.max_iterations = 1000;
    const int needed = plainPicard(s, 1000);
    if (cap >= 16)
        QVERIFY2(std::abs(cap + d.more_iterations - needed) <= 6,
                 qPrintable(QString("%1 + %2 vs %3").arg(cap).arg(d.more_iterations).arg(needed)));
}

void TestDynamics::certificates_data() {
    QTest::addColumn<double>("a");
    QTest::addColumn<double>("b");
    QTest::addColumn<double>("c");
    QTest::addColumn<double>("d");
    QTest::newRow("rotation 0.9") << 0.0 << -0.9 << 0.9 << 0.0;
    QTest::newRow("only ‖A‖₂") << 0.6 << 0.6 << -0.6 << 0.6;
    QTest::newRow("only ρ(|A|)") << 0.5 << 0.8 << 0.0 << 0.5;
    QTest::newRow("‖A‖_∞ not ‖A‖₁") << 0.45 << 0.45 << 0.9 << 0.0;
    QTest::newRow("none") << 1.5 << 0.0 << 0.0 << 1.5;
}

void TestDynamics::certificates() {
    QFETCH(double, a);
    QFETCH(double, b);
    QFETCH(double, c);
    QFETCH(double, d);
    Matrix A(2, 2);
    A << a, b, c, d;
    // Closed forms for 2×2: ‖A‖₂² is the larger eigenvalue of AᵀA; ρ(|A|) the larger root of
    // the characteristic polynomial of the nonnegative |A|; row and column sums.
    const double p = a * a + c * c, q = b * b + d * d, r = a * b + c * d;
    const double norm2 = std::sqrt((p + q) / 2 + std::sqrt((p - q) * (p - q) / 4 + r * r));
    const double A0 = std::abs(a), B0 = std::abs(b), C0 = std::abs(c), D0 = std::abs(d);
    const double rhoAbs = (A0 + D0) / 2 + std::sqrt((A0 - D0) * (A0 - D0) / 4 + B0 * C0);
    const double normInf = std::max(A0 + B0, C0 + D0), norm1 = std::max(A0 + C0, B0 + D0);
    const std::vector<CertificateCheck> checks = globalCertificates(A);
    QCOMPARE(checks.size(), size_t(4));
    const double expected[] = {norm2, rhoAbs, normInf, norm1};
    const char* names[] = {"norm_2", "abs_spectral_radius", "norm_inf", "norm_1"};
    int strongest = -1;
    for (int k = 0; k < 4; ++k) {
        QCOMPARE(checks[k].name, std::string(names[k]));
        QVERIFY2(std::abs(checks[k].value - expected[k]) < 1e-12, names[k]);
        QCOMPARE(checks[k].holds, expected[k] < 1);
        // The strongest: the smallest value; exact ties go to the first listed.
        if (expected[k] < 1 && (strongest < 0 || expected[k] < expected[strongest] - 1e-12))
            strongest = k;
    }
    // The verdict names the strongest global certificate that holds.
    Scenario s = load("verdict-converged.json");
    s.model.A = A;
    s.model.B = Matrix::Constant(2, 1, 0.3);
    s.model.c = Vector::Constant(2, 0.1);
    s.w0 = Vector();
    const Certificate cert = computeCertificate(s.model, s.x, {}, s.solver);
    if (strongest < 0) {
        QVERIFY(cert.verdict != Verdict::Contractive);
        return;
    }
    QCOMPARE_ENUM(cert.verdict, Verdict::Contractive);
    QCOMPARE(cert.checks[cert.strongest].name, std::string(names[strongest]));
    QVERIFY(QString::fromStdString(cert.text).startsWith(
        QString::fromStdString("contractive: " + checks[strongest].label)));
    QVERIFY(cert.observed_iterations >= 0);  // a global certificate holds: Picard converges
}

void TestDynamics::basinsNameEveryFixedPoint() {
    // A = 1.5 I: the stable fixed points are (±u, ±u) with u = tanh(1.5 u) > 0.
    const Scenario s = load("verdict-escaped.json");
    const double u = bisect([](double v) { return v - std::tanh(1.5 * v); }, 0.1, 1);
    const BasinGrid g = computeBasins(s.model, s.x, s.solver, -1, 1, 21);
    QCOMPARE(g.kinds.size(), size_t(21 * 21));
    QCOMPARE(g.fixed_points.size(), size_t(4));
    for (const Vector& p : g.fixed_points)
        QVERIFY(std::abs(std::abs(p(0)) - u) < 1e-9 && std::abs(std::abs(p(1)) - u) < 1e-9);
    QVERIFY(QString::fromStdString(summarizeBasins(g))
                .startsWith("4 different fixed points reached from 100 %"));
}

void TestDynamics::startsReportDifferentFixedPoints() {
    const Scenario s = load("verdict-escaped-scalar.json");
    std::vector<SolverSummary> runs;
    for (double w0 : {0.5, -0.5, 0.9})
        runs.push_back(solveFixedPoint(s.model, s.x, Vector::Constant(1, w0), s.solver));
    const StartsReport r = compareStarts(runs);
    QCOMPARE(r.fixed_points.size(), size_t(2));  // ±u
    QVERIFY(QString::fromStdString(r.message).contains("2 different fixed points"));
    runs.pop_back();
    runs.erase(runs.begin() + 1);
    QVERIFY(compareStarts(runs).message.empty());  // one fixed point: nothing to say
}

QTEST_APPLESS_MAIN(TestDynamics)
#include "tst_dynamics.moc"
