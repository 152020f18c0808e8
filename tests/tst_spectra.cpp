// Spectra, the Jacobian at the fixed point and the contraction certificate, against closed forms
// and finite differences.
#include <QtTest>

#include "tests/test_support.h"

#include <Eigen/Eigenvalues>
#include <Eigen/QR>

#include <algorithm>
#include <cmath>

#include "core/analysis/analysis.h"
#include "core/analysis/partial_spectra.h"
#include "core/analysis/spectra.h"
#include "core/model/scenario.h"
#include "tests/reference_linalg.h"
#include "tests/test_problems.h"

using namespace equilab;

namespace {
constexpr double kFiniteDifferenceStep = 1e-6;
constexpr double kJacobianTolerance = 1e-8;  // central differences: O(h²) + round-off/h
}  // namespace

class TestSpectra : public QObject {
    Q_OBJECT
  private slots:
    void jacobianMatchesFiniteDifferences_data();
    void jacobianMatchesFiniteDifferences();
    void eigenvalues2x2MatchCharacteristicPolynomial_data();
    void eigenvalues2x2MatchCharacteristicPolynomial();
    void singularValuesAndNorm();
    void predictedIterationsIsBanachBound_data();
    void predictedIterationsIsBanachBound();
    void verdicts();
    void fastNormMatchesSvd_data();
    void fastNormMatchesSvd();
    void partialSpectrumMatchesDense_data();
    void partialSpectrumMatchesDense();
    void fixedBudgetArnoldiSaysWhatItCannotExclude();
    void principalDirectionsMatchCovariance_data();
    void principalDirectionsMatchCovariance();
};

void TestSpectra::jacobianMatchesFiniteDifferences_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<unsigned>("seed");
    for (int n : {1, 3, 12})
        for (unsigned seed : {1u, 2u}) QTest::addRow("n=%d seed=%u", n, seed) << n << seed;
}

void TestSpectra::jacobianMatchesFiniteDifferences() {
    QFETCH(int, n);
    QFETCH(unsigned, seed);
    const Scenario s = randomScenario(n, 2, seed, 1.3);
    const Vector w = randomGaussian(n, 1, 0.5, seed + 100);
    const Matrix J = s.model.jacobian(w, s.x);
    const double h = kFiniteDifferenceStep;
    for (int j = 0; j < n; ++j) {
        Vector wp = w, wm = w;
        wp(j) += h;
        wm(j) -= h;
        const Vector column = (s.model.phi(wp, s.x) - s.model.phi(wm, s.x)) / (2 * h);
        QVERIFY2((column - J.col(j)).norm() <= kJacobianTolerance,
                 qPrintable(QString("column %1 error %2").arg(j).arg((column - J.col(j)).norm())));
    }
}

void TestSpectra::eigenvalues2x2MatchCharacteristicPolynomial_data() {
    QTest::addColumn<double>("a");
    QTest::addColumn<double>("b");
    QTest::addColumn<double>("c");
    QTest::addColumn<double>("d");
    QTest::newRow("rotation") << 0.0 << -0.9 << 0.9 << 0.0;
    QTest::newRow("diagonal") << 0.5 << 0.0 << 0.0 << -0.3;
    QTest::newRow("shear") << 0.7 << 1.0 << 0.0 << 0.7;
    QTest::newRow("spiral") << 0.6 << -0.5 << 0.4 << 0.6;
    QTest::newRow("real distinct") << 1.0 << 2.0 << 3.0 << 4.0;
}

void TestSpectra::eigenvalues2x2MatchCharacteristicPolynomial() {
    QFETCH(double, a);
    QFETCH(double, b);
    QFETCH(double, c);
    QFETCH(double, d);
    Matrix M(2, 2);
    M << a, b, c, d;
    const Spectrum s = computeSpectrum(M);
    QCOMPARE(s.eigenvalues.size(), Index(2));
    // λ² − tr λ + det = 0, closed-form roots (tr ± √(tr² − 4 det))/2.
    const double tr = a + d, det = a * d - b * c;
    const std::complex<double> disc = std::sqrt(std::complex<double>(tr * tr - 4 * det));
    const std::complex<double> r1 = (tr + disc) / 2.0, r2 = (tr - disc) / 2.0;
    for (Index i = 0; i < 2; ++i) {
        const std::complex<double> l = s.eigenvalues(i);
        QVERIFY(std::abs(l * l - tr * l + det) < 1e-12);
        QVERIFY(std::min(std::abs(l - r1), std::abs(l - r2)) < 1e-7);
    }
    QVERIFY(std::abs(s.spectral_radius - std::max(std::abs(r1), std::abs(r2))) < 1e-7);
}

void TestSpectra::singularValuesAndNorm() {
    // ‖A‖₂ of a scaled rotation is the scale; singular values of diag are |entries|, sorted.
    Matrix R(2, 2);
    R << 0, -0.7, 0.7, 0;
    QVERIFY(std::abs(computeSpectrum(R).norm - 0.7) < 1e-14);
    Matrix D = Vector((Vector(3) << 0.2, -0.9, 0.5).finished()).asDiagonal();
    const Spectrum s = computeSpectrum(D);
    QVERIFY((s.singular_values - Vector((Vector(3) << 0.9, 0.5, 0.2).finished())).norm() < 1e-14);
}

void TestSpectra::predictedIterationsIsBanachBound_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("q");
    QTest::addColumn<unsigned>("seed");
    for (double q : {0.3, 0.9, 0.99})
        for (unsigned seed : {1u, 2u, 3u})
            QTest::addRow("q=%g seed=%u", q, seed) << 10 << q << seed;
}

void TestSpectra::predictedIterationsIsBanachBound() {
    QFETCH(int, n);
    QFETCH(double, q);
    QFETCH(unsigned, seed);
    const Scenario s = randomScenario(n, 3, seed, q);
    SolverOptions o;
    o.tolerance = 1e-9;
    o.max_iterations = 100000;
    const Certificate c = computeCertificate(s.model, s.x, {}, o);
    QCOMPARE_ENUM(c.verdict, Verdict::Contractive);
    // q is the proven bound of ‖A‖₂ (a Cholesky proof): at or just above the exact value q.
    QVERIFY2(c.contraction_bound >= q && c.contraction_bound <= q * (1 + 1e-9),
             qPrintable(QString::number(c.contraction_bound, 'g', 17)));
    QVERIFY(std::abs(c.A.norm - q) < 1e-12);
    // The a-priori count is an upper bound of the residual-based stop: r_k ≤ qᵏ r₀ ≤ ε(1−q) < ε.
    QVERIFY(c.observed_iterations >= 0);
    QVERIFY2(c.observed_iterations <= c.predicted_iterations,
             qPrintable(QString("observed %1 predicted %2")
                            .arg(c.observed_iterations)
                            .arg(c.predicted_iterations)));
    QVERIFY(c.observed_rate <= q + 1e-6);
    // ρ(J) ≤ ‖J‖₂ ≤ ‖A‖₂ because 0 < 1 − w² ≤ 1.
    QVERIFY(c.J.spectral_radius <= c.J.norm + 1e-12);
    QVERIFY(c.J.norm <= c.A.norm + 1e-12);
}

void TestSpectra::verdicts() {
    SolverOptions o;
    o.max_iterations = 5000;
    // ‖A‖₂ > 1 but strongly saturated: D = 1 − w*² is small, so ρ(J) < 1 and Picard converges.
    Scenario s = defaultScenario();
    s.model.A << 1.5, 0.0, 0.0, 1.2;
    s.model.c << 2.0, 2.0;
    Certificate c = computeCertificate(s.model, s.x, {}, o);
    QCOMPARE_ENUM(c.verdict, Verdict::LocallyConvergent);
    QVERIFY(c.J.spectral_radius < 1);
    QVERIFY(QString::fromStdString(c.text).startsWith("not contractive"));
    // A = −3 I around 0 input: Picard oscillates between two points, and J is evaluated at the
    // true fixed point w* = 0 (φ(0) = tanh(0) = 0), where J = A and ρ(J) = 3.
    s.model.A << -3.0, 0.0, 0.0, -3.0;
    s.model.c << 0.0, 0.0;
    s.x << 0.0, 0.0;
    c = computeCertificate(s.model, s.x, (Vector(2) << 0.5, 0.5).finished(), o);
    QCOMPARE_ENUM(c.verdict, Verdict::UnstableFixedPoint);
    QCOMPARE_ENUM(c.dynamics.kind, Dynamics::Periodic);
    QVERIFY(c.fixed_point.norm() < 1e-9);
    QVERIFY(std::abs(c.J.spectral_radius - 3.0) < 1e-8);
    QCOMPARE(c.predicted_iterations, -1);
}

void TestSpectra::fastNormMatchesSvd_data() {
    QTest::addColumn<int>("rows");
    QTest::addColumn<int>("cols");
    QTest::addColumn<unsigned>("seed");
    QTest::newRow("square 450") << 450 << 450 << 1u;
    QTest::newRow("tall 600x420") << 600 << 420 << 2u;
    QTest::newRow("wide 420x600") << 420 << 600 << 3u;
}

// Above kDenseSpectrumUpTo ‖A‖₂ comes from Lanczos on AᵀA; the reference is Eigen's dense SVD.
void TestSpectra::fastNormMatchesSvd() {
    QFETCH(int, rows);
    QFETCH(int, cols);
    QFETCH(unsigned, seed);
    const Matrix A = randomGaussian(rows, cols, 1.0, seed);
    const double exact = testing::largestSingularValue(A);
    QVERIFY(std::min(rows, cols) > kDenseSpectrumUpTo);
    QVERIFY2(
        std::abs(spectralNorm(A) - exact) <= 1e-9 * exact,
        qPrintable(
            QString("Lanczos %1, SVD %2").arg(spectralNorm(A), 0, 'g', 17).arg(exact, 0, 'g', 17)));
    QCOMPARE(spectralNormFast(A), spectralNorm(A));
}

void TestSpectra::partialSpectrumMatchesDense_data() {
    QTest::addColumn<int>("kind");
    QTest::newRow("gaussian (complex pairs)") << 0;
    QTest::newRow("symmetric (real, spread)") << 1;
}

// The partial spectrum of a large matrix (Arnoldi, Lanczos) equals the top of the dense one.
void TestSpectra::partialSpectrumMatchesDense() {
    QFETCH(int, kind);
    const int n = kDenseSpectrumUpTo + 30;
    Matrix A = randomGaussian(n, n, 1.0 / std::sqrt(double(n)), 5);
    if (kind == 1) A = (A + A.transpose()).eval() / 2;
    const Spectrum partial = computeSpectrum(A);
    const Spectrum dense = computeDenseSpectrum(A);
    // Arnoldi's result when it reached its accuracy, the dense solver's otherwise (method says).
    QVERIFY(partial.partial || partial.method.rfind("dense", 0) == 0);
    QVERIFY(!dense.partial);
    QCOMPARE(partial.dimension, Index(n));
    QCOMPARE(dense.eigenvalues.size(), Index(n));
    const Index k = std::min<Index>(partial.eigenvalues.size(), 12);
    QVERIFY(k >= 10);
    std::vector<double> moduli(dense.eigenvalues.size());
    for (Index i = 0; i < dense.eigenvalues.size(); ++i) moduli[i] = std::abs(dense.eigenvalues(i));
    std::sort(moduli.rbegin(), moduli.rend());
    for (Index i = 0; i < k; ++i)
        QVERIFY2(std::abs(std::abs(partial.eigenvalues(i)) - moduli[i]) <= 1e-8 * moduli[0],
                 qPrintable(QString("|λ_%1|: %2 vs %3")
                                .arg(i)
                                .arg(std::abs(partial.eigenvalues(i)))
                                .arg(moduli[i])));
    QVERIFY(std::abs(partial.spectral_radius - dense.spectral_radius) <=
            1e-8 * dense.spectral_radius);
    for (Index i = 0; i < partial.singular_values.size(); ++i)
        QVERIFY(std::abs(partial.singular_values(i) - dense.singular_values(i)) <=
                1e-8 * dense.norm);
    QVERIFY(std::abs(partial.norm - dense.norm) <= 1e-9 * dense.norm);
}

// Above the dense fallback (n > kDenseFallbackUpTo) the fixed budget of Arnoldi steps is accepted
// when its top values converged; it cannot exclude a larger eigenvalue its Krylov space has not
// reached, and the method and the certificate's text say so with the proven bound. Six well
// separated eigenvalues 0.9, 0.8, …, 0.4 (a symmetric rank-6 part Q D Qᵀ, the truth) over a
// small Gaussian disc (radius ≈ 0.02): the budget converges.
void TestSpectra::fixedBudgetArnoldiSaysWhatItCannotExclude() {
    const Index n = kDenseFallbackUpTo + 20;
    const Matrix Q = Eigen::HouseholderQR<Matrix>(randomGaussian(n, 6, 1.0, 8)).householderQ() *
                     Matrix::Identity(n, 6);
    const Vector top = (Vector(6) << 0.9, 0.8, 0.7, 0.6, 0.5, 0.4).finished();
    const Matrix A =
        Q * top.asDiagonal() * Q.transpose() + randomGaussian(n, n, 0.01 / std::sqrt(double(n)), 9);
    const Spectrum s = computeSpectrum(A, 1);
    QVERIFY2(!s.approximate, s.method.c_str());
    QVERIFY2(s.method.find("not excluded") != std::string::npos, s.method.c_str());
    // Bauer–Fike (the rank-6 part is symmetric): within ‖E‖₂ ≈ 2·0.01 of 0.9.
    QVERIFY(std::abs(s.spectral_radius - 0.9) < 0.05);
    QVERIFY(s.residuals(0) <= 1e-8);
}

void TestSpectra::principalDirectionsMatchCovariance_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("points");
    QTest::newRow("fewer points than dimensions (Gram matrix)") << 60 << 25;
    QTest::newRow("more points than dimensions (covariance)") << 6 << 90;
}

// The directions span the leading eigenvectors of the covariance Σ (p − p̄)(p − p̄)ᵀ, formed and
// decomposed densely in the test.
void TestSpectra::principalDirectionsMatchCovariance() {
    QFETCH(int, n);
    QFETCH(int, points);
    const Matrix P = randomGaussian(n, points, 1.0, 11);
    Vector scale = Vector::LinSpaced(n, 3.0, 0.1);  // distinct variances: a unique answer
    std::vector<Vector> ps;
    for (int i = 0; i < points; ++i) ps.push_back(scale.cwiseProduct(P.col(i)));
    const Matrix dirs = principalDirections(ps);
    Vector mean = Vector::Zero(n);
    for (const auto& p : ps) mean += p / points;
    Matrix C = Matrix::Zero(n, n);
    for (const auto& p : ps) C += (p - mean) * (p - mean).transpose();
    Eigen::SelfAdjointEigenSolver<Matrix> eig(C);
    for (int c = 0; c < 2; ++c) {
        const double dot = std::abs(dirs.col(c).dot(eig.eigenvectors().col(n - 1 - c)));
        QVERIFY2(std::abs(dot - 1) < 1e-8,
                 qPrintable(QString("direction %1: |cos| = %2").arg(c).arg(dot, 0, 'g', 12)));
    }
}

QTEST_APPLESS_MAIN(TestSpectra)
#include "tst_spectra.moc"
