// The certificates as proofs and the spectra at every size, against independent references:
// triangular matrices (truth: the diagonal), Eigen's dense eigensolver and SVD written out here,
// the exact cases ρ = 1 (a rotation by 90°, A = [[1]]), and adversarial matrices for the bound
// of ‖A‖₂ (a wrong estimate, tiny and huge entries, a rank-one matrix).
#include <QtTest>

#include "tests/test_support.h"

#include <algorithm>
#include <cmath>
#include <random>

#include <Eigen/QR>

#include "core/analysis/certificate_bounds.h"
#include "core/analysis/partial_spectra.h"
#include "core/analysis/spectra.h"
#include "core/model/scenario.h"
#include "tests/reference_linalg.h"

using namespace equilab;

namespace {

// Upper- (or lower-) triangular n×n: diagonal uniform in [−0.6, 0.6] with one entry exactly
// `top` (the largest |a_ii|), off-diagonal N(0, scale²).
Matrix triangular(int n, double scale, double top, bool lower, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> diag(-0.6, 0.6);
    std::normal_distribution<double> off(0.0, scale);
    Matrix T = Matrix::Zero(n, n);
    for (int i = 0; i < n; ++i) {
        T(i, i) = diag(rng);
        for (int j = i + 1; j < n; ++j) (lower ? T(j, i) : T(i, j)) = off(rng);
    }
    T(n / 3, n / 3) = top;
    return T;
}

double denseRho(const Matrix& M) {
    return testing::spectralRadiusDense(M);
}

bool mentionsStability(const QString& text) {
    return text.contains("stable") || text.contains("< 1");  // "unstable" contains "stable"
}

}  // namespace

class TestCertificates : public QObject {
    Q_OBJECT
  private slots:
    void triangularSpectraAreTheDiagonal_data();
    void triangularSpectraAreTheDiagonal();
    void triangularCertificate();
    void everyEigenvalueCarriesItsResidual();
    void illConditionedArnoldiFallsBackToDense();
    void collatzWielandtContainsRho_data();
    void collatzWielandtContainsRho();
    void spectralNormBoundIsAnUpperBound_data();
    void spectralNormBoundIsAnUpperBound();
    void sharedGramGivesTheSameProof();
    void rowAndColumnSumBounds();
    void compareWithOneHasAMarginalBand();
    void rotationIsMarginal();
    void scalarIdentityIsMarginal();
    void describeCheckShowsIntervals();
};

void TestCertificates::triangularSpectraAreTheDiagonal_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("scale");
    QTest::addColumn<bool>("lower");
    QTest::addColumn<bool>("permuted");
    QTest::newRow("upper n=450") << 450 << 1.0 / std::sqrt(450.0) << false << false;
    QTest::newRow("upper n=450, large off-diagonal") << 450 << 0.5 << false << false;
    QTest::newRow("lower n=450, permuted") << 450 << 0.1 << true << true;
    QTest::newRow("upper n=1000") << 1000 << 1.0 / std::sqrt(1000.0) << false << false;
}

// Above kDenseSpectrumUpTo the partial path used to report ρ(A) = 0.86 and ρ(|A|) = 4.07 for a
// triangular A with ρ = 0.6. The truth is the largest |a_ii|, here set to 0.59997.
void TestCertificates::triangularSpectraAreTheDiagonal() {
    QFETCH(int, n);
    QFETCH(double, scale);
    QFETCH(bool, lower);
    QFETCH(bool, permuted);
    const double truth = 0.59997;
    Matrix A = triangular(n, scale, -truth, lower, 7);
    if (permuted) {  // P T Pᵀ: no longer triangular in place, the same spectrum
        std::vector<Index> p(n);
        for (int i = 0; i < n; ++i) p[i] = (i * 37) % n;  // 37 is prime to 450
        Matrix P = A;
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) P(i, j) = A(p[i], p[j]);
        A = P;
    }
    QVERIFY(n > kDenseSpectrumUpTo);
    const Spectrum s = computeSpectrum(A);
    QVERIFY2(std::abs(s.spectral_radius - truth) <= 1e-6,
             qPrintable(QString("ρ(A) = %1 (%2)")
                            .arg(s.spectral_radius, 0, 'g', 12)
                            .arg(QString::fromStdString(s.method))));
    QVERIFY(!s.approximate);
    const Bounds abs = absSpectralRadius(A);
    QVERIFY2(
        abs.lower <= truth && truth <= abs.upper && abs.upper - abs.lower <= 1e-6,
        qPrintable(
            QString("ρ(|A|) ∈ [%1, %2]").arg(abs.lower, 0, 'g', 12).arg(abs.upper, 0, 'g', 12)));
}

void TestCertificates::triangularCertificate() {
    // n = 450: ρ(|A|) = 0.59997 proves the global contraction, whatever ‖A‖₂ is.
    Scenario s = randomScenario(450, 3, 5, 0.9);
    s.model.A = triangular(450, 0.5, 0.59997, false, 11);
    const std::vector<CertificateCheck> checks = globalCertificates(s.model.A);
    QCOMPARE(checks[1].name, std::string("abs_spectral_radius"));
    QVERIFY(checks[1].holds);
    QVERIFY(std::abs(checks[1].upper - 0.59997) <= 1e-6);
    QVERIFY(!checks[0].holds);  // ‖A‖₂ ≈ 0.5·√450·… > 1
    QVERIFY(checks[0].upper >= testing::largestSingularValue(s.model.A));
}

// Every eigenvalue shown carries ‖Av − λv‖/‖A‖; recomputed here from Eigen's eigenvectors for the
// dense path, and bounded for the partial one.
void TestCertificates::everyEigenvalueCarriesItsResidual() {
    const Matrix A = randomGaussian(40, 40, 0.2, 3);
    const Spectrum s = computeSpectrum(A);
    QCOMPARE(s.residuals.size(), s.eigenvalues.size());
    QVERIFY(s.maxResidual() < 1e-12);
    QVERIFY(s.maxResidual() > 0);  // computed, not a placeholder
    // Above the dense limit: a symmetric matrix with twelve well separated top eigenvalues
    // (Q diag(λ) Qᵀ): restarted Arnoldi converges to them (κ = 1).
    const int n = kDenseSpectrumUpTo + 20;
    const Matrix Q = Eigen::HouseholderQR<Matrix>(randomGaussian(n, n, 1, 9)).householderQ();
    Vector lambda = Vector::LinSpaced(n, -0.3, 0.3);
    for (int i = 0; i < 12; ++i) lambda(i) = (i % 2 ? -1.0 : 1.0) * (1.0 - 0.04 * i);
    const Matrix S = Q * lambda.asDiagonal() * Q.transpose();
    const Spectrum p = computeSpectrum(S);
    QVERIFY(p.partial);
    QCOMPARE(p.method, std::string("Arnoldi"));
    QCOMPARE(p.residuals.size(), p.eigenvalues.size());
    QVERIFY(p.maxResidual() < 1e-8);
    QVERIFY(std::abs(p.spectral_radius - 1.0) <= 1e-10);
    // A Gaussian one (eigenvalues filling a disc): whichever path, ρ agrees with the dense solver
    // within the error it states.
    const Matrix G = randomGaussian(n, n, 1.0 / std::sqrt(double(n)), 9);
    const Spectrum g = computeSpectrum(G);
    QCOMPARE(g.residuals.size(), g.eigenvalues.size());
    QVERIFY(!g.approximate);  // n ≤ kDenseFallbackUpTo: never approximate
    const double tolerance = std::isfinite(g.spectral_radius_error) ? g.spectral_radius_error : 0.0;
    QVERIFY2(std::abs(g.spectral_radius - denseRho(G)) <= tolerance + 1e-10, g.method.c_str());
}

// A triangular matrix with a 1e-14 perturbation below the diagonal is irreducible, and its top
// eigenvalue is so ill conditioned that Arnoldi's small residual means nothing: the estimated
// error κ·‖r‖ sends it to the dense solver, which agrees with Eigen's dense eigenvalues.
void TestCertificates::illConditionedArnoldiFallsBackToDense() {
    const int n = 450;
    Matrix A = triangular(n, 0.5, 0.59997, false, 13);
    for (int i = 1; i < n; ++i) A(i, i - 1) = 1e-14;
    const Spectrum s = computeSpectrum(A);
    QVERIFY2(s.method.rfind("dense", 0) == 0, s.method.c_str());
    QVERIFY(!s.approximate);
    QVERIFY(std::abs(s.spectral_radius - denseRho(A)) <= 1e-12);
}

void TestCertificates::collatzWielandtContainsRho_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("density");
    QTest::addColumn<unsigned>("seed");
    for (unsigned seed : {1u, 2u, 3u}) {
        QTest::addRow("dense n=30 seed=%u", seed) << 30 << 1.0 << seed;
        QTest::addRow("sparse n=60 seed=%u", seed) << 60 << 0.05 << seed;
    }
    QTest::newRow("dense n=200") << 200 << 1.0 << 4u;
    QTest::newRow("very sparse n=120 (many blocks)") << 120 << 0.01 << 5u;
}

void TestCertificates::collatzWielandtContainsRho() {
    QFETCH(int, n);
    QFETCH(double, density);
    QFETCH(unsigned, seed);
    Matrix A = randomGaussian(n, n, 1.0, seed);
    std::mt19937_64 rng(seed + 100);
    std::uniform_real_distribution<double> u(0, 1);
    for (int j = 0; j < n; ++j)
        for (int i = 0; i < n; ++i)
            if (u(rng) > density) A(i, j) = 0;
    const double rho = denseRho(A.cwiseAbs());
    const Bounds b = absSpectralRadius(A);
    QVERIFY(b.proven);
    QVERIFY2(b.lower <= rho && rho <= b.upper, qPrintable(QString("%1 not in [%2, %3]")
                                                              .arg(rho, 0, 'g', 17)
                                                              .arg(b.lower, 0, 'g', 17)
                                                              .arg(b.upper, 0, 'g', 17)));
    QVERIFY(b.lower <= b.estimate && b.estimate <= b.upper);
    // Tight where the power iteration converges (positive matrices: a large spectral gap).
    if (density == 1.0) QVERIFY(b.upper - b.lower <= 1e-10 * rho);
}

void TestCertificates::spectralNormBoundIsAnUpperBound_data() {
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("estimateFactor");  // the estimate given, as a multiple of σ₁
    QTest::newRow("gaussian n=50") << 0 << 1.0;
    QTest::newRow("gaussian n=300") << 1 << 1.0;
    QTest::newRow("estimate too small (Cholesky must fail)") << 0 << 0.5;
    QTest::newRow("estimate too large") << 0 << 2.0;
    QTest::newRow("clustered top singular values") << 2 << 1.0;
    QTest::newRow("rank one") << 3 << 1.0;
    QTest::newRow("tiny entries (squares underflow)") << 4 << 1.0;
    QTest::newRow("huge entries (AᵀA overflows)") << 5 << 1.0;
    QTest::newRow("tall 80x30") << 6 << 1.0;
    QTest::newRow("orthogonal (σ = 1 exactly)") << 7 << 1.0;
}

void TestCertificates::spectralNormBoundIsAnUpperBound() {
    QFETCH(int, kind);
    QFETCH(double, estimateFactor);
    Matrix A;
    switch (kind) {
        case 0:
            A = randomGaussian(50, 50, 1.0, 21);
            break;
        case 1:
            A = randomGaussian(300, 300, 0.05, 22);
            break;
        case 2: {  // U diag(1, 1 − 1e-13, 1 − 2e-13, …) Vᵀ
            const Matrix Q1 =
                Eigen::HouseholderQR<Matrix>(randomGaussian(40, 40, 1, 23)).householderQ();
            const Matrix Q2 =
                Eigen::HouseholderQR<Matrix>(randomGaussian(40, 40, 1, 24)).householderQ();
            Vector d = Vector::LinSpaced(40, 0.1, 1.0);
            for (int i = 35; i < 40; ++i) d(i) = 1 - (39 - i) * 1e-13;
            A = Q1 * d.asDiagonal() * Q2.transpose();
            break;
        }
        case 3:
            A = randomGaussian(30, 1, 1, 25) * randomGaussian(1, 30, 1, 26);
            break;
        case 4:
            A = randomGaussian(20, 20, 1e-170, 27);
            break;
        case 5:
            A = randomGaussian(20, 20, 1e160, 28);
            break;
        case 6:
            A = randomGaussian(80, 30, 1, 29);
            break;
        case 7:
            A = Eigen::HouseholderQR<Matrix>(randomGaussian(25, 25, 1, 30)).householderQ();
            break;
    }
    const double sigma = testing::largestSingularValueJacobi(A);  // one-sided Jacobi
    const Bounds b = spectralNormBounds(A, estimateFactor * sigma);
    QVERIFY(b.proven);
    QVERIFY2(b.upper >= sigma, qPrintable(QString("bound %1 < σ %2 (%3)")
                                              .arg(b.upper, 0, 'g', 17)
                                              .arg(sigma, 0, 'g', 17)
                                              .arg(QString::fromStdString(b.method))));
    // Tight when the estimate is right (the Cholesky proof succeeded).
    if (estimateFactor == 1.0 && kind != 5)
        QVERIFY2(b.upper <= sigma * (1 + 1e-7),
                 qPrintable(QString("bound %1, σ %2 (%3)")
                                .arg(b.upper, 0, 'g', 17)
                                .arg(sigma, 0, 'g', 17)
                                .arg(QString::fromStdString(b.method))));
    if (estimateFactor == 0.5) QVERIFY(b.method != "Cholesky of t·I − AᵀA");
}

void TestCertificates::sharedGramGivesTheSameProof() {
    // Above the dense size the certificate computes AᵀA once (gramLower) for the Lanczos of σ(A)
    // and the Cholesky proof of ‖A‖₂. Against one-sided Jacobi (a separate algorithm, in the
    // test): σ₁ from the Gram Lanczos to 1e-8, the proven bound above σ₁ and within 1e-7 of it,
    // and the same bound as the proof that forms AᵀA itself. Upper triangular (its eigenvalues
    // are its diagonal: no Arnoldi) with ‖A‖₂ ≈ 0.7: Picard converges.
    const Index n = kDenseSpectrumUpTo + 20;
    const Matrix A =
        randomGaussian(n, n, 0.35 / std::sqrt(double(n)), 31).triangularView<Eigen::Upper>();
    const double sigma = testing::largestSingularValue(A);
    const Matrix G = gramLower(A);
    QCOMPARE(G(0, 1), 0.0);  // the strict upper triangle is not filled
    QVERIFY(std::abs(G(1, 0) - A.col(1).dot(A.col(0))) <= 1e-12 * A.squaredNorm());
    PartialSpectrumOptions o;
    o.count = 3;
    o.tolerance = 1e-10;
    Vector fromGram, fromA;
    QVERIFY(largestSingularValuesFromGram(G, o, &fromGram, nullptr));
    QVERIFY(largestSingularValues(A, o, &fromA, nullptr));
    QVERIFY2(std::abs(fromGram(0) - sigma) <= 1e-8 * sigma,
             qPrintable(QString("Gram Lanczos %1, Jacobi %2")
                            .arg(fromGram(0), 0, 'g', 17)
                            .arg(sigma, 0, 'g', 17)));
    QVERIFY((fromGram - fromA).norm() <= 1e-8 * sigma);
    const Bounds shared = spectralNormBounds(A, fromGram(0), 4000, &G);
    const Bounds own = spectralNormBounds(A, fromGram(0));
    QCOMPARE(shared.method, std::string("Cholesky of t·I − AᵀA"));
    QVERIFY(shared.upper >= sigma && shared.upper <= sigma * (1 + 1e-7));
    QVERIFY(std::abs(shared.upper - own.upper) <= 1e-12 * sigma);
    // The certificate (which shares the Gram matrix) proves the same bound.
    const Model model{A, Matrix::Zero(n, 1), Vector::Constant(n, 0.1)};
    const Certificate c = computeCertificate(model, Vector::Zero(1), Vector::Zero(n), {});
    QCOMPARE(toString(c.verdict), std::string("contractive"));
    QVERIFY(std::abs(c.checks[0].upper - own.upper) <= 1e-9 * sigma);
    QVERIFY(std::abs(c.A.norm - sigma) <= 1e-8 * sigma);
}

void TestCertificates::rowAndColumnSumBounds() {
    // The reference sums in long double (64-bit mantissa): within 1e-19 of the exact sums of the
    // stored entries, far inside the bounds' rounding margins.
    for (unsigned seed : {1u, 2u, 3u}) {
        const Matrix A = randomGaussian(37, 23, 0.1, seed);
        long double inf = 0, one = 0;
        for (Index i = 0; i < A.rows(); ++i) {
            long double row = 0;
            for (Index j = 0; j < A.cols(); ++j) row += std::fabs((long double)A(i, j));
            inf = std::max(inf, row);
        }
        for (Index j = 0; j < A.cols(); ++j) {
            long double col = 0;
            for (Index i = 0; i < A.rows(); ++i) col += std::fabs((long double)A(i, j));
            one = std::max(one, col);
        }
        const Bounds bi = normInfBounds(A), b1 = norm1Bounds(A);
        QVERIFY(bi.lower <= inf && inf <= bi.upper);
        QVERIFY(b1.lower <= one && one <= b1.upper);
        QVERIFY(bi.upper - bi.lower <= 1e-13 * double(inf));
        QVERIFY(b1.upper - b1.lower <= 1e-13 * double(one));
    }
}

void TestCertificates::compareWithOneHasAMarginalBand() {
    const double t = kMarginalTolerance;
    QCOMPARE_ENUM(compareWithOne(0.5, 0.5), AgainstOne::Below);
    QCOMPARE_ENUM(compareWithOne(0.99, 1 - 2 * t), AgainstOne::Below);
    QCOMPARE_ENUM(compareWithOne(1 - t / 2, 1 - t / 2), AgainstOne::Marginal);
    QCOMPARE_ENUM(compareWithOne(0.9999999999999998, 0.9999999999999998), AgainstOne::Marginal);
    QCOMPARE_ENUM(compareWithOne(1, 1 + t / 2), AgainstOne::Marginal);
    QCOMPARE_ENUM(compareWithOne(1 + 2 * t, 2), AgainstOne::Above);
    QCOMPARE_ENUM(compareWithOne(0.9, 1.1), AgainstOne::Undetermined);
    QCOMPARE_ENUM(compareWithOne(std::nan(""), std::nan("")), AgainstOne::Undetermined);
}

// A rotation by 90°: ρ(A) = ρ(|A|) = ‖A‖₂ = 1 exactly, and J(0) = A. Nothing may say "< 1",
// "stable" or "unstable"; the verdict is marginal and reports what Picard did.
void TestCertificates::rotationIsMarginal() {
    Scenario s = randomScenario(2, 1, 1, 0.5);
    s.model.A << 0, -1, 1, 0;
    s.model.B.setZero();
    s.model.c.setZero();
    s.w0 = Vector::Constant(2, 0.5);
    s.solver.max_iterations = 5000;
    const Certificate c = computeCertificate(s.model, s.x, s.w0, s.solver);
    for (int k = 0; k < 5; ++k) {
        QCOMPARE_ENUM(c.checks[k].against_one, AgainstOne::Marginal);
        QVERIFY(!c.checks[k].holds);
        QVERIFY(c.checks[k].lower <= 1 && 1 <= c.checks[k].upper);
    }
    QCOMPARE_ENUM(c.verdict, Verdict::Marginal);
    QVERIFY(c.fixed_point.norm() < 1e-6);  // w* = 0
    const QString text = QString::fromStdString(c.text);
    QVERIFY2(!mentionsStability(text), qPrintable(text));
    QVERIFY2(text.startsWith("marginal: ρ(J(w*)) = 1"), qPrintable(text));
    QVERIFY(text.contains("Picard: "));
    QVERIFY(!mentionsStability(QString::fromStdString(c.fixed.message)));
    QVERIFY(c.fixed.marginal() && !c.fixed.stable());
}

// A = [[1]], c = 0: the fixed point is 0 (a triple root of w − tanh w), Newton at the default
// tolerance stops at 6e-4 where ρ(J) = 1 − 4e-7; polished, w* is within 1e-6 of 0.
void TestCertificates::scalarIdentityIsMarginal() {
    Scenario s = randomScenario(1, 1, 1, 0.5);
    s.model.A << 1.0;
    s.model.B.setZero();
    s.model.c.setZero();
    s.w0 = Vector::Constant(1, 0.5);
    s.solver.max_iterations = 5000;
    const Certificate c = computeCertificate(s.model, s.x, s.w0, s.solver);
    QCOMPARE_ENUM(c.verdict, Verdict::Marginal);
    QVERIFY(c.fixed.found);
    QVERIFY2(std::abs(c.fixed_point(0)) < 1e-6, qPrintable(QString::number(c.fixed_point(0))));
    QVERIFY(std::abs(c.checks[4].value - 1) <= 1e-12);
    for (int k = 0; k < 4; ++k) QCOMPARE(c.checks[k].value, 1.0);
    const QString text = QString::fromStdString(c.text);
    QVERIFY2(!mentionsStability(text), qPrintable(text));
    QVERIFY(!mentionsStability(QString::fromStdString(c.fixed.message)));
}

void TestCertificates::describeCheckShowsIntervals() {
    CertificateCheck c;
    c.label = "ρ(|A|)";
    c.proven = true;
    c.value = 0.6;
    c.lower = 0.5;
    c.upper = 0.70001;
    QCOMPARE(describeCheck(c), std::string("ρ(|A|) ∈ [0.5, 0.7001]"));  // upper rounded up
    c.lower = c.value = 0.95;
    c.upper = 4.1234;
    QCOMPARE(describeCheck(c), std::string("ρ(|A|) ≤ 4.124 (estimate 0.95)"));
    // A proven value below 1 − τ that rounds to 1 at four digits shows enough digits.
    c.lower = c.value = c.upper = 0.99999;
    c.holds = true;
    QCOMPARE(describeCheck(c), std::string("ρ(|A|) = 0.99999"));
    c.proven = false;
    c.value = std::nan("");
    QCOMPARE(describeCheck(c), std::string("ρ(|A|) = n/a"));
}

QTEST_APPLESS_MAIN(TestCertificates)
#include "tst_certificates.moc"
