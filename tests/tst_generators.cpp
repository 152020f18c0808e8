// Generators of A: the prescribed ‖A‖₂ and each kind's structure.
#include <QtTest>

#include "core/model/generators.h"
#include "core/model/model.h"
#include "tests/reference_linalg.h"

using namespace equilab;

Q_DECLARE_METATYPE(equilab::MatrixGenerator)

class TestGenerators : public QObject {
    Q_OBJECT
  private slots:
    void normIsExact_data();
    void normIsExact();
    void structure();
    void deterministicInSeed();
};

void TestGenerators::normIsExact_data() {
    QTest::addColumn<MatrixGenerator>("kind");
    QTest::addColumn<int>("n");
    for (auto kind : allMatrixGenerators())
        for (int n : {1, 2, 3, 40})
            QTest::newRow((toString(kind) + " n=" + std::to_string(n)).c_str()) << kind << n;
}

void TestGenerators::normIsExact() {
    QFETCH(MatrixGenerator, kind);
    QFETCH(int, n);
    for (double q : {0.3, 0.99, 1.7}) {
        const Matrix A = generateMatrix(kind, n, q, 4);
        QCOMPARE(A.rows(), Index(n));
        QVERIFY2(std::abs(spectralNorm(A) - q) < 1e-12,
                 qPrintable(QString::number(spectralNorm(A))));
    }
}

void TestGenerators::structure() {
    const int n = 9;
    const Matrix S = generateMatrix(MatrixGenerator::Symmetric, n, 0.8, 1);
    QVERIFY((S - S.transpose()).cwiseAbs().maxCoeff() < 1e-14);
    const Matrix O = generateMatrix(MatrixGenerator::Orthogonal, n, 0.5, 2, 3);
    QVERIFY((O * O.transpose() - 0.25 * Matrix::Identity(n, n)).cwiseAbs().maxCoeff() < 1e-13);
    const Matrix R = generateMatrix(MatrixGenerator::Rotation, n, 0.9, 3);
    const ComplexVector eig = testing::eigenvaluesDense(R);
    int complexCount = 0;
    for (Index i = 0; i < n; ++i) {
        // Every eigenvalue lies on the circle of radius ‖A‖₂ (R is a scaled orthogonal matrix).
        QVERIFY(std::abs(std::abs(eig(i)) - 0.9) < 1e-12);
        complexCount += std::abs(eig(i).imag()) > 1e-9;
    }
    QCOMPARE(complexCount, n - 1);
}

void TestGenerators::deterministicInSeed() {
    for (auto kind : allMatrixGenerators()) {
        QVERIFY(generateMatrix(kind, 6, 0.9, 7) == generateMatrix(kind, 6, 0.9, 7));
        if (kind != MatrixGenerator::Identity)
            QVERIFY(generateMatrix(kind, 6, 0.9, 7) != generateMatrix(kind, 6, 0.9, 8));
    }
}

QTEST_APPLESS_MAIN(TestGenerators)
#include "tst_generators.moc"
