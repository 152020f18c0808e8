// Continuation of fixed points, their bifurcations, periodic orbits and Lyapunov exponents
// (core/analysis/continuation.h, core/analysis/periodic_orbit.h, core/analysis/lyapunov.h) against
// closed forms and computations written here: the flip of w ↦ tanh(−s w + b) with w* found by
// bisection, the two folds of w ↦ tanh(s w + b) in b, Neimark–Sacker of A = s·R(θ), the branch
// point of A = s·I, a period-2 multiplier as the product of two Jacobians. The Lyapunov exponents:
// tst_lyapunov.
#include <QtTest>

#include <cmath>
#include <complex>

#include "core/analysis/continuation.h"
#include "core/analysis/periodic_orbit.h"
#include "tests/reference_linalg.h"

using namespace equilab;

Q_DECLARE_METATYPE(equilab::Matrix)
Q_DECLARE_METATYPE(equilab::Vector)

namespace {

// w* of w = tanh(−s w + b) (g(w) = w − tanh(−s w + b) increases in w): bisection.
double fixedPoint1d(double s, double b) {
    double lo = -1, hi = 1;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        (mid - std::tanh(-s * mid + b) < 0 ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

// s with s(1 − w*(s)²) = 1: bisection (h < 0 at s = 0.5, > 0 at s = 6 for |b| ≤ 1).
double flipScale(double b) {
    double lo = 0.5, hi = 6;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        const double w = fixedPoint1d(mid, b);
        (mid * (1 - w * w) - 1 < 0 ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

Model model1d(double a, double c) {
    Model m;
    m.A = Matrix::Constant(1, 1, a);
    m.B = Matrix::Zero(1, 1);
    m.c = Vector::Constant(1, c);
    return m;
}

Model model2d(const Matrix& A, const Vector& c) {
    Model m;
    m.A = A;
    m.B = Matrix::Zero(2, 1);
    m.c = c;
    return m;
}

Matrix rotation(double theta) {
    Matrix R(2, 2);
    R << std::cos(theta), -std::sin(theta), std::sin(theta), std::cos(theta);
    return R;
}

std::vector<SpecialPoint> ofType(const ContinuationSummary& s, SpecialPointType type) {
    std::vector<SpecialPoint> out;
    for (const SpecialPoint& sp : s.special_points)
        if (sp.type == type) out.push_back(sp);
    return out;
}

}  // namespace

class TestContinuation : public QObject {
    Q_OBJECT
  private slots:
    void flipOfNegativeFeedback_data();
    void flipOfNegativeFeedback();
    void foldsOfHysteresis_data();
    void foldsOfHysteresis();
    void neimarkSackerOfRotation_data();
    void neimarkSackerOfRotation();
    void branchPointOfScaledIdentity_data();
    void branchPointOfScaledIdentity();
    void stabilityAlongBranch();
    void periodTwoMultiplier_data();
    void periodTwoMultiplier();
    void periodDoublingBranch();
    void cancelledAndProgressive();
    void invalidOptions_data();
    void invalidOptions();
};

void TestContinuation::flipOfNegativeFeedback_data() {
    QTest::addColumn<double>("b");
    QTest::newRow("b = 0") << 0.0;
    QTest::newRow("b = 0.3") << 0.3;
    QTest::newRow("b = -0.6") << -0.6;
}

// w ↦ tanh(−s w + b): J = −s(1 − w*²) reaches −1 once; the flip is the s solving s(1 − w*²) = 1.
void TestContinuation::flipOfNegativeFeedback() {
    QFETCH(double, b);
    const ParameterFamily f =
        ParameterFamily::from(model1d(-1, b), Vector::Zero(1), OrbitParameter::ScaleA, 0);
    ContinuationOptions o;
    o.p_min = 0.2;
    o.p_max = 4;
    const ContinuationSummary s = continueFixedPoints(f, Vector::Zero(1), o);
    QVERIFY2(s.ok(), s.message.c_str());
    const std::vector<SpecialPoint> flips = ofType(s, SpecialPointType::Flip);
    QCOMPARE(flips.size(), size_t(1));
    const double expected = flipScale(b);
    QVERIFY2(
        std::abs(flips[0].p - expected) < 1e-8,
        qPrintable(QString("flip at %1, expected %2").arg(flips[0].p, 0, 'g', 15).arg(expected)));
    QVERIFY(std::abs(flips[0].w(0) - fixedPoint1d(expected, b)) < 1e-8);
    QVERIFY(std::abs(flips[0].critical - std::complex<double>(-1, 0)) < 1e-8);
    QVERIFY(ofType(s, SpecialPointType::Fold).empty());
    QVERIFY(ofType(s, SpecialPointType::NeimarkSacker).empty());
}

void TestContinuation::foldsOfHysteresis_data() {
    QTest::addColumn<double>("s");
    QTest::newRow("s = 1.5") << 1.5;
    QTest::newRow("s = 2") << 2.0;
    QTest::newRow("s = 3") << 3.0;
}

// w ↦ tanh(s w + b), s > 1, continued in b = c₁: folds where s(1 − w²) = 1, i.e.
// w_F = ±√(1 − 1/s), b_F = atanh(w_F) − s w_F.
void TestContinuation::foldsOfHysteresis() {
    QFETCH(double, s);
    const ParameterFamily f =
        ParameterFamily::from(model1d(s, 0.2), Vector::Zero(1), OrbitParameter::EntryC, 0);
    QCOMPARE(f.p0, 0.2);
    ContinuationOptions o;
    o.p_min = -3;
    o.p_max = 3;
    const ContinuationSummary r = continueFixedPoints(f, Vector::Constant(1, 0.5), o);
    QVERIFY2(r.ok(), r.message.c_str());
    std::vector<SpecialPoint> folds = ofType(r, SpecialPointType::Fold);
    QCOMPARE(folds.size(), size_t(2));
    std::sort(folds.begin(), folds.end(),
              [](const SpecialPoint& x, const SpecialPoint& y) { return x.p < y.p; });
    const double wF = std::sqrt(1 - 1 / s);
    const double bF = std::atanh(wF) - s * wF;  // < 0: the lower fold, at w = +w_F
    QVERIFY2(std::abs(folds[0].p - bF) < 1e-8, qPrintable(QString::number(folds[0].p - bF)));
    QVERIFY(std::abs(folds[1].p + bF) < 1e-8);
    QVERIFY(std::abs(folds[0].w(0) - wF) < 1e-6);
    QVERIFY(std::abs(folds[1].w(0) + wF) < 1e-6);
    for (const SpecialPoint& fp : folds)
        QVERIFY(std::abs(fp.critical - std::complex<double>(1, 0)) < 1e-7);
    // Three fixed points for b between the folds: the middle one is unstable.
    bool middleUnstable = false;
    for (const ContinuationBranch& br : r.branches)
        for (const ContinuationPoint& p : br.points)
            if (std::abs(p.p) < 0.5 * std::abs(bF) && std::abs(p.w(0)) < 0.5 * wF) {
                QVERIFY(!p.stable);
                QCOMPARE(p.radius, s * (1 - p.w(0) * p.w(0)));  // |J| = s(1 − w²)
                middleUnstable = true;
            }
    QVERIFY(middleUnstable);
}

void TestContinuation::neimarkSackerOfRotation_data() {
    QTest::addColumn<double>("theta");
    QTest::newRow("θ = 0.5") << 0.5;
    QTest::newRow("θ = 1.2") << 1.2;
    QTest::newRow("θ = 2.5") << 2.5;
}

// A = s·R(θ), c = 0: w* = 0 for every s, J = s·R(θ) with multipliers s·e^{±iθ}: NS at s = 1.
void TestContinuation::neimarkSackerOfRotation() {
    QFETCH(double, theta);
    const ParameterFamily f = ParameterFamily::from(model2d(rotation(theta), Vector::Zero(2)),
                                                    Vector::Zero(1), OrbitParameter::ScaleA, 0);
    ContinuationOptions o;
    o.p_min = 0.3;
    o.p_max = 1.7;
    // From s = 0.5 (not from the NS point itself).
    const ContinuationSummary r = continueFrom(f, Vector::Zero(2), 0.5, o);
    QVERIFY2(r.ok(), r.message.c_str());
    const std::vector<SpecialPoint> ns = ofType(r, SpecialPointType::NeimarkSacker);
    QCOMPARE(ns.size(), size_t(1));
    QVERIFY2(std::abs(ns[0].p - 1) < 1e-8, qPrintable(QString::number(ns[0].p - 1)));
    QVERIFY(std::abs(std::abs(ns[0].critical) - 1) < 1e-8);
    QVERIFY(std::abs(std::arg(ns[0].critical) - theta) < 1e-8);
    QCOMPARE(r.special_points.size(), size_t(1));
}

void TestContinuation::branchPointOfScaledIdentity_data() {
    QTest::addColumn<double>("second");  // A = s·diag(1, second)
    QTest::addColumn<double>("start");
    QTest::newRow("A = s·I from s = 0.5 (double multiplier)") << 1.0 << 0.5;
    QTest::newRow("A = s·I from the BP itself") << 1.0 << 1.0;
    QTest::newRow("A = s·diag(1, 0.5) (simple BP)") << 0.5 << 0.5;
}

// A = s·I (n = 2, c = 0): w = 0 for every s, and at s = 1 the pitchforks w = ±w*(s) e_i (and
// their sums) leave it: a branch point with multiplier +1, but no fold (dp/dσ never vanishes).
void TestContinuation::branchPointOfScaledIdentity() {
    QFETCH(double, second);
    QFETCH(double, start);
    Matrix A = Matrix::Identity(2, 2);
    A(1, 1) = second;
    const ParameterFamily f = ParameterFamily::from(model2d(A, Vector::Zero(2)), Vector::Zero(1),
                                                    OrbitParameter::ScaleA, 0);
    ContinuationOptions o;
    o.p_min = 0.3;
    o.p_max = 1.7;
    const ContinuationSummary r = continueFrom(f, Vector::Zero(2), start, o);
    QVERIFY2(r.ok(), r.message.c_str());
    const std::vector<SpecialPoint> bp = ofType(r, SpecialPointType::BranchPoint);
    QCOMPARE(bp.size(), size_t(1));
    QVERIFY2(std::abs(bp[0].p - 1) < 1e-8, qPrintable(QString::number(bp[0].p - 1)));
    QVERIFY(std::abs(bp[0].critical - std::complex<double>(1, 0)) < 1e-8);
    QVERIFY(ofType(r, SpecialPointType::Fold).empty());
    // The trivial branch is stable below s = 1 and unstable above.
    for (const ContinuationBranch& br : r.branches)
        for (const ContinuationPoint& p : br.points) {
            QVERIFY(p.w.cwiseAbs().maxCoeff() < 1e-12);
            if (std::abs(p.p - 1) > 1e-6) QCOMPARE(p.stable, p.p < 1);
        }
}

// Along w ↦ tanh(−s w + b) the radius is |J| = s(1 − w*²) at each point, with w* by bisection.
void TestContinuation::stabilityAlongBranch() {
    const double b = 0.3;
    const ParameterFamily f =
        ParameterFamily::from(model1d(-1, b), Vector::Zero(1), OrbitParameter::ScaleA, 0);
    ContinuationOptions o;
    o.p_min = 0.2;
    o.p_max = 3;
    const ContinuationSummary r = continueFixedPoints(f, Vector::Zero(1), o);
    QVERIFY(r.ok());
    QCOMPARE(r.branches.size(), size_t(2));
    int checked = 0;
    for (const ContinuationBranch& br : r.branches)
        for (const ContinuationPoint& p : br.points) {
            const double w = fixedPoint1d(p.p, b);
            QVERIFY(std::abs(p.w(0) - w) < 1e-10);
            QVERIFY(std::abs(p.radius - p.p * (1 - w * w)) < 1e-10);
            ++checked;
        }
    QVERIFY(checked > 20);
    // Both ends reached: the branches leave [p_min, p_max].
    double lo = 1e9, hi = -1e9;
    for (const ContinuationBranch& br : r.branches) {
        lo = std::min(lo, br.points.back().p);
        hi = std::max(hi, br.points.back().p);
    }
    QVERIFY(lo <= o.p_min);
    QVERIFY(hi >= o.p_max);
}

void TestContinuation::periodTwoMultiplier_data() {
    QTest::addColumn<Matrix>("A");
    QTest::addColumn<Vector>("c");
    QTest::addColumn<Vector>("start");
    Matrix a1 = Matrix::Constant(1, 1, -3);
    QTest::newRow("n = 1, tanh(−3w + 0.3)")
        << a1 << Vector(Vector::Constant(1, 0.3)) << Vector(Vector::Constant(1, 0.8));
    Matrix a2(2, 2);
    a2 << -2.5, 0.4, 0.3, -2.0;
    Vector c2(2);
    c2 << 0.2, -0.1;
    Vector s2(2);
    s2 << 0.8, 0.7;
    QTest::newRow("n = 2, negative diagonal") << a2 << c2 << s2;
}

// μ = eig(J(w₁) J(w₀)) with J(w) = diag(1 − φ(w)²) A computed here from the orbit's points.
void TestContinuation::periodTwoMultiplier() {
    QFETCH(Matrix, A);
    QFETCH(Vector, c);
    QFETCH(Vector, start);
    Model m;
    m.A = A;
    m.B = Matrix::Zero(A.rows(), 1);
    m.c = c;
    const ParameterFamily f = ParameterFamily::from(m, Vector::Zero(1), OrbitParameter::ScaleA, 0);
    const PeriodicOrbit o = findPeriodicOrbit(f, 1.0, start);
    QVERIFY2(o.converged(), o.message.c_str());
    QCOMPARE(o.minimal_period, 2);
    QCOMPARE(o.points.size(), size_t(2));
    auto phi = [&](const Vector& w) { return Vector((A * w + c).array().tanh().matrix()); };
    QVERIFY((phi(o.points[0]) - o.points[1]).cwiseAbs().maxCoeff() < 1e-11);
    QVERIFY((phi(o.points[1]) - o.points[0]).cwiseAbs().maxCoeff() < 1e-11);
    auto jac = [&](const Vector& w) {
        const Vector next = phi(w);
        return Matrix((1.0 - next.array().square()).matrix().asDiagonal() * A);
    };
    const Matrix product = jac(o.points[1]) * jac(o.points[0]);
    const ComplexVector expected = testing::eigenvaluesDense(product);
    QCOMPARE(o.multipliers.size(), expected.size());
    // Each expected multiplier is matched by one computed.
    for (Index i = 0; i < expected.size(); ++i) {
        double nearest = 1e9;
        for (Index j = 0; j < o.multipliers.size(); ++j)
            nearest = std::min(nearest, std::abs(expected(i) - o.multipliers(j)));
        QVERIFY2(nearest < 1e-10, qPrintable(QString::number(nearest)));
    }
    double radius = 0;
    for (Index i = 0; i < expected.size(); ++i) radius = std::max(radius, std::abs(expected(i)));
    QCOMPARE(o.stable, radius < 1);
}

// The period-2 branch born at the flip of tanh(−s w + b): every point is a genuine 2-cycle
// (φ(w) ≠ w, φ²(w) = w), it starts at the flip's s, and it is stable just past the flip
// (supercritical: the multiplier is 1 − O(s − s*)).
void TestContinuation::periodDoublingBranch() {
    const double b = 0.3;
    const ParameterFamily f =
        ParameterFamily::from(model1d(-1, b), Vector::Zero(1), OrbitParameter::ScaleA, 0);
    ContinuationOptions o;
    o.p_min = 0.2;
    o.p_max = 3;
    const ContinuationSummary fixed = continueFixedPoints(f, Vector::Zero(1), o);
    const std::vector<SpecialPoint> flips = ofType(fixed, SpecialPointType::Flip);
    QCOMPARE(flips.size(), size_t(1));
    const ContinuationSummary two = continuePeriodDoubling(f, flips[0], o);
    QVERIFY2(two.ok(), two.message.c_str());
    QVERIFY(two.points > 10);
    double pMin = 1e9;
    for (const ContinuationBranch& br : two.branches) {
        QCOMPARE(br.period, 2);
        for (const ContinuationPoint& p : br.points) {
            pMin = std::min(pMin, p.p);
            const Vector w1 = f.phi(p.w, p.p);
            QVERIFY(((f.phi(w1, p.p)) - p.w).cwiseAbs().maxCoeff() < 1e-9);
            if (std::abs(p.p - flips[0].p) > 1e-3) QVERIFY((w1 - p.w).norm() > 1e-6);
            if (p.p > flips[0].p + 0.01 && p.p < flips[0].p + 0.2) QVERIFY(p.stable);
        }
    }
    QVERIFY(pMin > flips[0].p - 1e-4);  // born at the flip, on its unstable side
    QVERIFY(pMin < flips[0].p + 0.01);
}

// cancelled() stops between points with what was done; point() sees every accepted point.
void TestContinuation::cancelledAndProgressive() {
    const ParameterFamily f =
        ParameterFamily::from(model1d(-1, 0.3), Vector::Zero(1), OrbitParameter::ScaleA, 0);
    ContinuationOptions o;
    o.p_min = 0.2;
    o.p_max = 3;
    int seen = 0;
    ContinuationCallbacks cb;
    cb.point = [&](int, const ContinuationPoint&) { ++seen; };
    const ContinuationSummary all = continueFixedPoints(f, Vector::Zero(1), o, cb);
    QCOMPARE(seen, all.points);
    int specials = 0;
    cb.special = [&](const SpecialPoint&) { ++specials; };
    seen = 0;
    cb.cancelled = [&] { return seen >= 5; };
    const ContinuationSummary part = continueFixedPoints(f, Vector::Zero(1), o, cb);
    QCOMPARE(part.termination, ContinuationTermination::Cancelled);
    QCOMPARE(part.points, 5);
    QCOMPARE(seen, 5);
    QVERIFY(all.points > 5);
}

void TestContinuation::invalidOptions_data() {
    QTest::addColumn<int>("which");
    QTest::newRow("empty range") << 0;
    QTest::newRow("period 17") << 1;
    QTest::newRow("min step above initial") << 2;
    QTest::newRow("one point") << 3;
}

void TestContinuation::invalidOptions() {
    QFETCH(int, which);
    ContinuationOptions o;
    switch (which) {
        case 0:
            o.p_max = o.p_min;
            break;
        case 1:
            o.period = 17;
            break;
        case 2:
            o.min_step = 1;
            break;
        default:
            o.max_points = 1;
    }
    std::string error;
    QVERIFY(!o.IsValid(&error));
    QVERIFY(!error.empty());
    const ParameterFamily f =
        ParameterFamily::from(model1d(-1, 0.3), Vector::Zero(1), OrbitParameter::ScaleA, 0);
    QCOMPARE(continueFixedPoints(f, Vector::Zero(1), o).termination,
             ContinuationTermination::Invalid);
}

QTEST_APPLESS_MAIN(TestContinuation)
#include "tst_continuation.moc"
