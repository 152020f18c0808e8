// Each parametrization's certificate (core/analysis/parametrization_certificate.h): the proven
// lower bound of λ_min(S) against symmetric matrices whose smallest eigenvalue is known in closed
// form, the monotone certificate at, just below and far below m and at λ_min(S) = ±1e-9, the
// norm kinds reading their checks, and the text naming each.
#include <QtTest>

#include <Eigen/Eigenvalues>

#include <cmath>

#include "core/analysis/parametrization_certificate.h"
#include "core/analysis/spectra.h"
#include "core/model/model.h"
#include "tests/test_support.h"

using namespace equilab;

Q_DECLARE_METATYPE(equilab::Matrix)

namespace {

// S = λ₀ I + c·11ᵀ (c > 0): eigenvalues λ₀ (n − 1 times) and λ₀ + c n; every entry is exact
// when λ₀ and c are dyadic.
Matrix rankOneUpdate(Index n, double lambda0, double c) {
    return lambda0 * Matrix::Identity(n, n) + Matrix::Constant(n, n, c);
}

// Tridiagonal Toeplitz (a on the diagonal, b beside it): λ_k = a + 2b cos(kπ/(n + 1)).
Matrix toeplitz(Index n, double a, double b) {
    Matrix S = Matrix::Zero(n, n);
    for (Index i = 0; i < n; ++i) {
        S(i, i) = a;
        if (i + 1 < n) S(i, i + 1) = S(i + 1, i) = b;
    }
    return S;
}

// A whose symmetric part of I − A is S: A = I − S + K with K skew (exact: K_ji = −K_ij).
Matrix fromSymmetricPart(const Matrix& S, unsigned seed) {
    const Index n = S.rows();
    const Matrix G = randomGaussian(n, n, 0.3, seed);
    Matrix K = Matrix::Zero(n, n);
    for (Index j = 0; j < n; ++j)
        for (Index i = j + 1; i < n; ++i) {
            K(i, j) = G(i, j);
            K(j, i) = -G(i, j);
        }
    return Matrix::Identity(n, n) - S + K;
}

ParametrizationCertificate monotone(const Matrix& A, double m) {
    return parametrizationCertificate(A, {ParametrizationKind::Monotone, m, 0},
                                      globalCertificates(A));
}

}  // namespace

class TestDeqCertificates : public QObject {
    Q_OBJECT
  private slots:
    void minEigenvalueBoundIsProvenAndTight_data();
    void minEigenvalueBoundIsProvenAndTight();
    void monotoneCertificateAgainstM_data();
    void monotoneCertificateAgainstM();
    void monotoneParametrizationIsCertified();
    void normKindsNameTheirCheck();
};

void TestDeqCertificates::minEigenvalueBoundIsProvenAndTight_data() {
    QTest::addColumn<Matrix>("S");
    QTest::addColumn<double>("exact");
    QTest::addColumn<double>("target");
    const double pi = std::acos(-1.0);
    const double nan = std::nan("");
    QTest::newRow("rank one, from the estimate") << rankOneUpdate(40, 0.125, 0.25) << 0.125 << nan;
    QTest::newRow("rank one, at the target") << rankOneUpdate(40, 0.125, 0.25) << 0.125 << 0.125;
    QTest::newRow("toeplitz n=60") << toeplitz(60, 1.0, -0.5) << 1.0 - std::cos(pi / 61) << nan;
    QTest::newRow("toeplitz n=60, indefinite")
        << toeplitz(60, 0.1, 0.5) << 0.1 + 2 * 0.5 * std::cos(60 * pi / 61) << nan;
    Matrix two(2, 2);
    two << 0.75, -0.5, -0.5, 0.75;  // eigenvalues 0.25 and 1.25
    QTest::newRow("2x2") << two << 0.25 << 0.2;
}

void TestDeqCertificates::minEigenvalueBoundIsProvenAndTight() {
    QFETCH(Matrix, S);
    QFETCH(double, exact);
    QFETCH(double, target);
    const MinEigenvalueBound b = symmetricMinEigenvalueBound(S, target);
    QVERIFY(b.proven);
    // Proven: never above the true λ_min (the closed form, itself good to ~1e-16).
    QVERIFY2(b.lower <= exact + 1e-15, qPrintable(QString::number(b.lower - exact)));
    if (std::isnan(target)) {
        // Tight: the rounding allowance at n ≤ 60 is ~1e-13, far below 1e-10.
        QVERIFY2(exact - b.lower < 1e-10, qPrintable(QString::number(exact - b.lower)));
        QVERIFY(std::abs(b.estimate - exact) < 1e-13);
    } else {
        QVERIFY(b.at_target);
        QVERIFY(b.lower <= target && target - b.lower < 1e-12);
    }
    QVERIFY(b.margin > 0 && b.margin < 1e-10);
}

void TestDeqCertificates::monotoneCertificateAgainstM_data() {
    QTest::addColumn<double>("lambdaMin");
    QTest::addColumn<double>("m");
    QTest::addColumn<bool>("meets");
    QTest::addColumn<bool>("holds");
    // λ_min(S) = m exactly (dyadic): meets m up to rounding.
    QTest::newRow("at m") << 0.125 << 0.125 << true << true;
    QTest::newRow("above m") << 0.3 << 0.125 << true << true;
    // Just below m: I − A ⪰ m·I does not hold; the proven bound still gives uniqueness.
    QTest::newRow("1e-9 below m") << 0.125 - 1e-9 << 0.125 << false << true;
    QTest::newRow("small positive") << 1e-9 << 0.5 << false << true;
    QTest::newRow("small negative") << -1e-9 << 0.5 << false << false;
    QTest::newRow("negative") << -0.2 << 0.5 << false << false;
}

void TestDeqCertificates::monotoneCertificateAgainstM() {
    QFETCH(double, lambdaMin);
    QFETCH(double, m);
    QFETCH(bool, meets);
    QFETCH(bool, holds);
    const Index n = 30;
    // S = λ_min I + 0.25·11ᵀ, so λ_min(S) = λ_min (to the rounding of λ_min + 0.25 on the
    // diagonal, ~3e-17, and of I − S + K back to S, ~1e-16).
    const Matrix A = fromSymmetricPart(rankOneUpdate(n, lambdaMin, 0.25), 3);
    const ParametrizationCertificate c = monotone(A, m);
    QCOMPARE(c.kind, std::string("monotone"));
    QCOMPARE(c.meets_parameter, meets);
    QCOMPARE(c.holds, holds);
    if (std::isfinite(c.bound)) QVERIFY(c.bound <= lambdaMin + 1e-14);
    // Tight: within rounding of m when m is met (the proof is made at m), else of λ_min.
    if (holds) QVERIFY(c.bound > 0 && c.bound > std::min(lambdaMin, m) - 1e-10);
    const QString text = QString::fromStdString(c.text);
    QVERIFY(text.contains("I − A ⪰ m·I") && text.contains("Winston & Kolter"));
    QVERIFY(text.contains(meets ? "m up to rounding" : "below m") || !holds);
    QCOMPARE(text.contains("one fixed point for every input"), holds);
    // The printed bound is never above the proven one: "(m − X)" with X ≥ m − bound, or the
    // bound itself rounded down.
    const int from = text.indexOf("):");
    if (meets) {
        const int at = text.indexOf("I − A ⪰ (m − ", from);
        QVERIFY2(at > 0, qPrintable(text));
        const double x = text.mid(at + 13).section(')', 0, 0).toDouble();
        QVERIFY2(x >= m - c.bound && x < 1e-12, qPrintable(text));
    } else if (holds) {
        const int at = text.indexOf("I − A ⪰ ", from);
        const double shown = text.mid(at + 8).section(QChar(0x00B7), 0, 0).toDouble();
        QVERIFY2(shown <= c.bound && shown > 0.99 * c.bound, qPrintable(text));
    }
}

void TestDeqCertificates::monotoneParametrizationIsCertified() {
    // A = (1 − m)I − PᵀP + Q − Qᵀ from the parametrization at ‖A‖₂ > 1: certified, against the
    // dense eigensolver's λ_min(S) as the independent value.
    const Index n = 40;
    const double m = 0.2;
    const auto param = createParametrization({ParametrizationKind::Monotone, m, 0}, n);
    const Matrix A = param->matrix(param->random(5, 0.5));
    QVERIFY(spectralNorm(A) > 1);
    const Matrix S = Matrix::Identity(n, n) - 0.5 * (A + A.transpose());
    const double reference =
        Eigen::SelfAdjointEigenSolver<Matrix>(S, Eigen::EigenvaluesOnly).eigenvalues()(0);
    QVERIFY(reference >= m - 1e-12);
    const ParametrizationCertificate c = monotone(A, m);
    QVERIFY(c.meets_parameter && c.holds);
    // Below m by the rounding allowance, γ₄₁·tr(S − tI) ≈ 1.8e-12 a time (tr ≈ 400 here).
    QVERIFY2(c.bound <= reference + 1e-13 && c.bound > m - 1e-10,
             qPrintable(
                 QString("%1 (reference %2)").arg(c.bound, 0, 'g', 17).arg(reference, 0, 'g', 17)));
    // The spectral-norm check does not hold there: the monotone one is what proves uniqueness.
    const std::vector<CertificateCheck> checks = globalCertificates(A);
    QVERIFY(!checks[0].holds);
}

void TestDeqCertificates::normKindsNameTheirCheck() {
    const Index n = 12;
    const Matrix G = randomGaussian(n, n, 0.5, 9);
    // inf_ball at κ = 0.8: the rows projected, ‖A‖∞ ≤ 0.8 < 1.
    const Matrix A = projectRowsL1(G, 0.8);
    const auto inf = parametrizationCertificate(A, {ParametrizationKind::InfBall, 0.8, 0},
                                                globalCertificates(A));
    QCOMPARE(inf.kind, std::string("inf_ball"));
    QVERIFY(inf.holds && inf.meets_parameter);
    QVERIFY(inf.bound >= A.cwiseAbs().rowwise().sum().maxCoeff() && inf.bound < 0.8 + 1e-14);
    QVERIFY(QString::fromStdString(inf.text).contains("‖A‖∞ ≤ κ"));
    QVERIFY(QString::fromStdString(inf.text).contains("El Ghaoui"));
    // κ = 1.5: the rows inside the ball, but no contraction in the max norm is proven.
    const Matrix wide = projectRowsL1(G, 1.5);
    const auto loose = parametrizationCertificate(wide, {ParametrizationKind::InfBall, 1.5, 0},
                                                  globalCertificates(wide));
    QVERIFY(!loose.holds && loose.meets_parameter);
    QVERIFY(QString::fromStdString(loose.text).contains("no contraction proven"));
    // A matrix outside the ball (not projected): κ is not reached, and the text says so.
    const auto outside = parametrizationCertificate(G, {ParametrizationKind::InfBall, 0.8, 0},
                                                    globalCertificates(G));
    QVERIFY(!outside.meets_parameter && outside.bound > 0.8);
    QVERIFY(QString::fromStdString(outside.text).contains("κ not reached"));
    // spectral_ball names ‖A‖₂ ≤ r; free has no certificate of its own.
    const Matrix B = randomMatrixWithNorm(n, 0.9, 4);
    const auto ball = parametrizationCertificate(B, {ParametrizationKind::SpectralBall, 0.9, 0},
                                                 globalCertificates(B));
    QVERIFY(ball.holds && QString::fromStdString(ball.text).contains("‖A‖₂ ≤ r"));
    QVERIFY(parametrizationCertificate(B, {}, globalCertificates(B)).kind.empty());
}

QTEST_APPLESS_MAIN(TestDeqCertificates)
#include "tst_deq_certificates.moc"
