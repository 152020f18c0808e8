// Lyapunov exponents (core/analysis/lyapunov.h): both exponents of a linear contraction against
// log |λ(A)|, of a chaotic 2-D tanh map against a Gram–Schmidt loop written here (and their sum
// against the mean log |det J|), and the parameter sweep against log(s(1 − w*²)) before the flip
// of w ↦ tanh(−s w + b), w* by bisection.
#include <QtTest>

#include <Eigen/LU>

#include <cmath>

#include "core/analysis/lyapunov.h"
#include "core/analysis/orbit.h"
#include "core/model/model.h"

using namespace equilab;

Q_DECLARE_METATYPE(equilab::Matrix)

namespace {

double fixedPoint1d(double s, double b) {
    double lo = -1, hi = 1;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        (mid - std::tanh(-s * mid + b) < 0 ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

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

}  // namespace

class TestLyapunov : public QObject {
    Q_OBJECT
  private slots:
    void lyapunovOfLinearContraction_data();
    void lyapunovOfLinearContraction();
    void lyapunovOfChaoticMap();
    void lyapunovSweepBeforeFlip();
};

void TestLyapunov::lyapunovOfLinearContraction_data() {
    QTest::addColumn<Matrix>("A");
    QTest::addColumn<double>("l1");
    QTest::addColumn<double>("l2");
    Matrix d(2, 2);
    d << 0.5, 0, 0, -0.3;
    QTest::newRow("diag(0.5, −0.3)") << d << std::log(0.5) << std::log(0.3);
    Matrix u(2, 2);
    u << 0.6, 0.5, 0, 0.2;  // non-normal, eigenvalues 0.6 and 0.2
    QTest::newRow("upper triangular 0.6, 0.2") << u << std::log(0.6) << std::log(0.2);
}

// At w = 0 with no drive the orbit stays at 0 and J_k = A: the exponents are log |λ_i(A)|.
void TestLyapunov::lyapunovOfLinearContraction() {
    QFETCH(Matrix, A);
    QFETCH(double, l1);
    QFETCH(double, l2);
    LyapunovOptions o;
    o.steps = 4000;
    const LyapunovSpectrum s = lyapunovSpectrum(A, Vector::Zero(2), Vector::Zero(2), 2, o);
    QVERIFY2(s.valid(), s.message.c_str());
    // The transient of the initial frame biases by O(1/m).
    QVERIFY2(std::abs(s.exponents[0] - l1) < 5e-3, qPrintable(QString::number(s.exponents[0])));
    QVERIFY2(std::abs(s.exponents[1] - l2) < 5e-3, qPrintable(QString::number(s.exponents[1])));
    // The sum is exact: Σ log|R_ii| = log |det A| per step.
    QVERIFY(std::abs(s.exponents[0] + s.exponents[1] - std::log(std::abs(A.determinant()))) <
            1e-12);
    const LyapunovEstimate one = largestLyapunovExponent(A, Vector::Zero(2), Vector::Zero(2), o);
    QVERIFY(std::abs(one.exponent - l1) < 5e-3);
}

// A chaotic 2-D tanh map: both exponents against a loop here (2 vectors, Gram–Schmidt, the orbit
// computed component by component) and the sum against the mean log |det J_k|.
void TestLyapunov::lyapunovOfChaoticMap() {
    Matrix A(2, 2);
    A << -2, 2, -8, 6;
    Vector u(2);
    u << 1, 0.3;
    Vector w0(2);
    w0 << 0.1, -0.2;
    LyapunovOptions o;
    o.transient = 500;
    o.steps = 20000;
    const LyapunovSpectrum s = lyapunovSpectrum(A, u, w0, 2, o);
    QVERIFY2(s.valid(), s.message.c_str());

    double w1 = 0.1, w2 = -0.2;
    for (int k = 0; k < 500; ++k) {
        const double n1 = std::tanh(-2 * w1 + 2 * w2 + 1), n2 = std::tanh(-8 * w1 + 6 * w2 + 0.3);
        w1 = n1;
        w2 = n2;
    }
    double e1[2] = {1, 0}, e2[2] = {0, 1}, sum1 = 0, sum2 = 0, logDet = 0;
    const int m = 20000;
    for (int k = 0; k < m; ++k) {
        const double n1 = std::tanh(-2 * w1 + 2 * w2 + 1), n2 = std::tanh(-8 * w1 + 6 * w2 + 0.3);
        const double d1 = 1 - n1 * n1, d2 = 1 - n2 * n2;
        auto apply = [&](double* v) {
            const double a = d1 * (-2 * v[0] + 2 * v[1]), b = d2 * (-8 * v[0] + 6 * v[1]);
            v[0] = a;
            v[1] = b;
        };
        apply(e1);
        apply(e2);
        const double r11 = std::hypot(e1[0], e1[1]);
        e1[0] /= r11;
        e1[1] /= r11;
        const double proj = e1[0] * e2[0] + e1[1] * e2[1];
        e2[0] -= proj * e1[0];
        e2[1] -= proj * e1[1];
        const double r22 = std::hypot(e2[0], e2[1]);
        e2[0] /= r22;
        e2[1] /= r22;
        sum1 += std::log(r11);
        sum2 += std::log(r22);
        logDet += std::log(std::abs(d1 * d2 * A.determinant()));
        w1 = n1;
        w2 = n2;
    }
    const double ref1 = sum1 / m, ref2 = sum2 / m;
    QVERIFY2(ref1 > 0.3, qPrintable(QString::number(ref1)));  // chaotic: λ₁ ≈ 0.40
    // The two orbits part after ~50 steps (chaos), so they agree statistically: within 5 block
    // standard errors plus the O(1/m) bias.
    QVERIFY2(std::abs(s.exponents[0] - ref1) < 5 * s.errors[0] + 1e-3,
             qPrintable(QString("%1 vs %2 ± %3").arg(s.exponents[0]).arg(ref1).arg(s.errors[0])));
    QVERIFY(std::abs(s.exponents[1] - ref2) < 5 * s.errors[1] + 1e-3);
    QVERIFY(s.exponents[1] < 0);
    QVERIFY(std::abs(ref1 + ref2 - logDet / m) < 1e-9);  // the loop's own identity
    QVERIFY(std::abs(s.exponents[0] + s.exponents[1] - logDet / m) < 5 * s.errors[0] + 1e-3);
    // The largest exponent alone agrees with the spectrum's first.
    const LyapunovEstimate one = largestLyapunovExponent(A, u, w0, o);
    QVERIFY(std::abs(one.exponent - s.exponents[0]) < 5 * s.errors[0] + 1e-3);
}

// Before the flip of tanh(−s w + b) the attractor is w*, so λ₁(s) = log(s(1 − w*²)).
void TestLyapunov::lyapunovSweepBeforeFlip() {
    const double b = 0.3;
    LyapunovOptions o;
    o.transient = 2000;
    o.steps = 1000;
    const LyapunovSweep sweep =
        lyapunovSweep(model1d(-1, b), Vector::Zero(1), Vector::Zero(1), OrbitParameter::ScaleA, 0,
                      0.3, 0.9 * flipScale(b), 5, 2, o);
    QVERIFY(sweep.complete);
    QCOMPARE(sweep.columns.size(), size_t(5));
    for (const LyapunovColumn& c : sweep.columns) {
        QCOMPARE(c.spectrum.exponents.size(), size_t(1));  // capped at n = 1
        const double w = fixedPoint1d(c.p, b);
        QVERIFY2(std::abs(c.spectrum.exponents[0] - std::log(c.p * (1 - w * w))) < 1e-9,
                 qPrintable(QString::number(c.spectrum.exponents[0])));
    }
}

QTEST_APPLESS_MAIN(TestLyapunov)
#include "tst_lyapunov.moc"
