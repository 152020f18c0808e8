// Parametrizations of A: the norm constraint, orthogonality of Householder products, the
// nearest-point maps and the vector–Jacobian products (against central finite differences).
#include <QtTest>

#include "tests/test_support.h"

#include "core/model/model.h"
#include "core/model/parametrization.h"
#include "tests/reference_linalg.h"

using namespace equilab;

Q_DECLARE_METATYPE(equilab::ParametrizationKind)

namespace {
constexpr double kOrthogonalityTolerance = 1e-12;
constexpr double kFiniteDifferenceStep = 1e-6;
constexpr double kVjpRelativeTolerance = 1e-6;
}  // namespace

class TestParametrization : public QObject {
    Q_OBJECT
  private slots:
    void normBoundedByRadius_data();
    void normBoundedByRadius();
    void householderProductIsOrthogonal_data();
    void householderProductIsOrthogonal();
    void householderVectorsReproduceQ();
    void representableMatricesAreFixed_data();
    void representableMatricesAreFixed();
    void spectralBallIsNearestPoint();
    void vjpMatchesFiniteDifferences_data();
    void vjpMatchesFiniteDifferences();
    void specValidation();
    void projectionReportsItsNorm_data();
    void projectionReportsItsNorm();
};

void TestParametrization::normBoundedByRadius_data() {
    QTest::addColumn<ParametrizationKind>("kind");
    QTest::addColumn<int>("n");
    QTest::addColumn<double>("radius");
    for (auto kind : {ParametrizationKind::SpectralBall, ParametrizationKind::SpectralNorm,
                      ParametrizationKind::Householder, ParametrizationKind::HouseholderSvd})
        for (int n : {1, 2, 7, 30, 100})
            for (double r : {0.5, 0.99})
                QTest::newRow(
                    (toString(kind) + " n=" + std::to_string(n) + " r=" + std::to_string(r))
                        .c_str())
                    << kind << n << r;
}

void TestParametrization::normBoundedByRadius() {
    QFETCH(ParametrizationKind, kind);
    QFETCH(int, n);
    QFETCH(double, radius);
    ParametrizationSpec spec{kind, radius, 0};
    auto p = createParametrization(spec, n);
    const int seeds = n >= 100 ? 3 : 10;
    for (int seed = 0; seed < seeds; ++seed) {
        // From random parameters, and from an arbitrary (large) matrix mapped in.
        const Matrix A1 = p->matrix(p->random(seed, 3.0));
        const Matrix A2 = p->apply(randomGaussian(n, n, 2.0, 1000 + seed));
        QVERIFY2(spectralNorm(A1) <= radius * (1 + 1e-12),
                 qPrintable(QString::number(spectralNorm(A1))));
        QVERIFY2(spectralNorm(A2) <= radius * (1 + 1e-12),
                 qPrintable(QString::number(spectralNorm(A2))));
    }
}

void TestParametrization::householderProductIsOrthogonal_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("k");
    QTest::newRow("n=3 k=3 (the notebook)") << 3 << 3;
    QTest::newRow("n=10 k=1") << 10 << 1;
    QTest::newRow("n=50 k=7") << 50 << 7;
    QTest::newRow("n=100 k=100") << 100 << 100;
}

void TestParametrization::householderProductIsOrthogonal() {
    QFETCH(int, n);
    QFETCH(int, k);
    const Matrix Q = householderProduct(randomGaussian(n, k, 1.0, 42));
    QVERIFY((Q * Q.transpose() - Matrix::Identity(n, n)).cwiseAbs().maxCoeff() <
            kOrthogonalityTolerance);
    QVERIFY((Q.transpose() * Q - Matrix::Identity(n, n)).cwiseAbs().maxCoeff() <
            kOrthogonalityTolerance);
}

void TestParametrization::householderVectorsReproduceQ() {
    const Matrix Q = householderProduct(randomGaussian(20, 20, 1.0, 5));
    Vector signs;
    const Matrix V = householderVectors(Q, &signs);
    QVERIFY((householderProduct(V) * signs.asDiagonal() - Q).cwiseAbs().maxCoeff() < 1e-12);
    QVERIFY((signs.cwiseAbs().array() == 1.0).all());
}

void TestParametrization::representableMatricesAreFixed_data() {
    QTest::addColumn<ParametrizationKind>("kind");
    for (auto kind : allParametrizationKinds()) QTest::newRow(toString(kind).c_str()) << kind;
}

void TestParametrization::representableMatricesAreFixed() {
    QFETCH(ParametrizationKind, kind);
    const int n = 12;
    auto p = createParametrization({kind, 0.9, 0}, n);
    // A matrix the parametrization can produce maps to itself.
    const Matrix A = p->matrix(p->random(3, 1.0));
    QVERIFY2((p->apply(A) - A).norm() < 1e-9 * std::max(1.0, A.norm()),
             qPrintable(QString::number((p->apply(A) - A).norm())));
}

void TestParametrization::spectralBallIsNearestPoint() {
    // The clipped SVD is the Frobenius projection: no random point of the ball is closer.
    const int n = 6;
    auto p = createParametrization({ParametrizationKind::SpectralBall, 0.8, 0}, n);
    const Matrix A = randomGaussian(n, n, 1.0, 9);
    const Matrix P = p->project(A);
    const double d = (A - P).norm();
    for (int s = 0; s < 200; ++s) {
        Matrix M = randomMatrixWithNorm(n, 0.8 * (s % 10 + 1) / 10.0, 100 + s);
        M = 0.5 * (M + P);  // candidates near P, inside the (convex) ball
        QVERIFY(spectralNorm(M) <= 0.8 + 1e-12);
        QVERIFY((A - M).norm() >= d - 1e-12);
    }
}

void TestParametrization::vjpMatchesFiniteDifferences_data() {
    QTest::addColumn<ParametrizationKind>("kind");
    QTest::addColumn<int>("k");
    QTest::newRow("householder k=n") << ParametrizationKind::Householder << 0;
    QTest::newRow("householder k=2") << ParametrizationKind::Householder << 2;
    QTest::newRow("householder_svd k=n") << ParametrizationKind::HouseholderSvd << 0;
    QTest::newRow("householder_svd k=3") << ParametrizationKind::HouseholderSvd << 3;
}

void TestParametrization::vjpMatchesFiniteDifferences() {
    QFETCH(ParametrizationKind, kind);
    QFETCH(int, k);
    const int n = 5;
    auto p = createParametrization({kind, 0.9, k}, n);
    const Vector theta = p->random(17, 1.0);
    const Matrix G = randomGaussian(n, n, 1.0, 18);  // L(A) = ⟨G, A⟩
    const Vector analytic = p->vjp(theta, G);
    QCOMPARE(analytic.size(), p->parameterCount());
    Vector numeric(theta.size());
    const double h = kFiniteDifferenceStep;
    for (Index i = 0; i < theta.size(); ++i) {
        Vector tp = theta, tm = theta;
        tp(i) += h;
        tm(i) -= h;
        numeric(i) = ((p->matrix(tp) - p->matrix(tm)).cwiseProduct(G)).sum() / (2 * h);
    }
    const double rel = (analytic - numeric).norm() / numeric.norm();
    QVERIFY2(rel < kVjpRelativeTolerance, qPrintable(QString("relative error %1").arg(rel)));
}

void TestParametrization::projectionReportsItsNorm_data() {
    QTest::addColumn<ParametrizationKind>("kind");
    QTest::addColumn<double>("scale");
    for (auto kind : {ParametrizationKind::SpectralBall, ParametrizationKind::SpectralNorm})
        for (double scale : {0.02, 0.3})  // ‖A‖₂ below r, and well above it
            QTest::newRow((toString(kind) + " scale=" + std::to_string(scale)).c_str())
                << kind << scale;
}

// The trainer records ‖A‖₂ after every step from what the spectral projections compute anyway;
// it must be the norm of the projected matrix, here by an SVD of it.
void TestParametrization::projectionReportsItsNorm() {
    QFETCH(ParametrizationKind, kind);
    QFETCH(double, scale);
    const ParametrizationSpec spec{kind, 0.9, 0};
    const auto p = createParametrization(spec, 40);
    const Matrix A = randomGaussian(40, 40, scale, 7);
    double norm = -1;
    const Matrix P = p->projectAndNorm(A, &norm);
    QVERIFY((P - p->project(A)).cwiseAbs().maxCoeff() == 0);
    const double svd = testing::largestSingularValueJacobi(P);
    QVERIFY2(std::abs(norm - svd) <= 1e-12, qPrintable(QString("%1 vs %2").arg(norm).arg(svd)));
    // Parametrizations that do not find the norm say so.
    double none = 0;
    createParametrization({ParametrizationKind::Free, 0.9, 0}, 40)->projectAndNorm(A, &none);
    QCOMPARE(none, -1.0);
}

void TestParametrization::specValidation() {
    std::string error;
    const ParametrizationSpec bad{ParametrizationKind::SpectralBall, -1.0, 0};
    QVERIFY(!bad.IsValid(&error));
    QVERIFY(QString::fromStdString(error).contains("radius"));
    ParametrizationKind kind;
    QVERIFY(parseParametrizationKind("householder_svd", &kind));
    QCOMPARE_ENUM(kind, ParametrizationKind::HouseholderSvd);
    QVERIFY(!parseParametrizationKind("cayley", &kind));
}

QTEST_APPLESS_MAIN(TestParametrization)
#include "tst_parametrization.moc"
