// The batched forward solve against one-sample solves, and the drive U = B X + c; the fused
// column-block kernels against the same steps on whole matrices, bit for bit.
#include <QtTest>

#include "core/internal/kernels.h"
#include "core/model/scenario.h"
#include "core/solvers/batched.h"

using namespace equilab;

class TestBatched : public QObject {
    Q_OBJECT
  private slots:
    // The portable baseline code, chosen before the first call loads a kernel variant: the
    // bit-for-bit comparison below needs both sides compiled for the same instruction set.
    void initTestCase() { qputenv("EQUILAB_KERNELS", "baseline"); }
    void matchesSingleSolves_data();
    void matchesSingleSolves();
    void fixedIterationsRunsExactlyT();
    void floatAgreesWithDouble();
    void fusedBlocksMatchWholeProducts_data();
    void fusedBlocksMatchWholeProducts();
};

void TestBatched::matchesSingleSolves_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("N");
    QTest::newRow("n=3 N=1") << 3 << 1;
    QTest::newRow("n=20 N=50") << 20 << 50;
    QTest::newRow("n=64 N=300") << 64 << 300;
}

void TestBatched::matchesSingleSolves() {
    QFETCH(int, n);
    QFETCH(int, N);
    const Scenario s = randomScenario(n, 4, 21, 0.95);
    const Matrix X = randomGaussian(4, N, 1.0, 22);
    BatchSolveOptions<double> o;
    o.tolerance = 1e-12;
    o.max_iterations = 5000;
    const auto r = solveBatch(s.model, X, o);
    QCOMPARE_EQ(int(r.termination), int(Termination::Converged));
    QVERIFY(r.worst_residual <= 1e-12);
    QCOMPARE(r.residuals.size(), Index(N));
    QCOMPARE(r.worst_residual, r.residuals.maxCoeff());
    SolverOptions so;
    so.tolerance = 1e-12;
    so.max_iterations = 5000;
    so.record_iterates = false;
    for (int i = 0; i < N; i += std::max(1, N / 10)) {
        const SolverSummary one = solveFixedPoint(s.model, X.col(i), {}, so);
        QVERIFY(one.converged());
        // Both are within tol/(1 − q) of the unique fixed point.
        QVERIFY((one.fixed_point - r.W.col(i)).norm() <= 2 * 1e-12 / (1 - 0.95));
    }
}

void TestBatched::fixedIterationsRunsExactlyT() {
    const Scenario s = randomScenario(10, 3, 5, 0.9);
    const Matrix X = randomGaussian(3, 7, 1.0, 6);
    const Matrix U = computeDrive<double>(s.model.B, s.model.c, X);
    BatchSolveOptions<double> o;
    o.fixed_iterations = true;
    o.max_iterations = 4;
    const auto r = solveBatch<double>(s.model.A, U, o);
    QCOMPARE(r.iterations, 4);
    // Reference: four explicit Picard steps from zero.
    Matrix W = Matrix::Zero(10, 7);
    Matrix Wprev;
    for (int t = 0; t < 4; ++t) {
        Wprev = W;
        W = ((s.model.A * W + U).array().tanh()).matrix();
    }
    QVERIFY((r.W - W).cwiseAbs().maxCoeff() < 1e-15);
    QVERIFY(std::abs(r.worst_residual - (W - Wprev).colwise().norm().maxCoeff()) < 1e-15);
}

void TestBatched::floatAgreesWithDouble() {
    const Scenario s = randomScenario(30, 5, 8, 0.9);
    const Matrix X = randomGaussian(5, 40, 1.0, 9);
    BatchSolveOptions<double> od;
    od.max_iterations = 50;
    od.fixed_iterations = true;
    BatchSolveOptions<float> of;
    of.max_iterations = 50;
    of.fixed_iterations = true;
    const auto rd =
        solveBatch<double>(s.model.A, computeDrive<double>(s.model.B, s.model.c, X), od);
    const MatrixF Uf =
        computeDrive<float>(s.model.B.cast<float>(), s.model.c.cast<float>(), X.cast<float>());
    const auto rf = solveBatch<float>(s.model.A.cast<float>(), Uf, of);
    QVERIFY((rf.W.cast<double>() - rd.W).cwiseAbs().maxCoeff() < 1e-5);
}

void TestBatched::fusedBlocksMatchWholeProducts_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("N");
    QTest::addColumn<int>("T");
    QTest::addColumn<bool>("fromW0");
    QTest::newRow("reference shapes, T=20") << 200 << 5000 << 20 << false;
    QTest::newRow("ragged n and N, T=3") << 63 << 4099 << 3 << false;
    QTest::newRow("from a given W0, T=4") << 96 << 2050 << 4 << true;
    QTest::newRow("one step") << 128 << 1536 << 1 << false;
}

// The training forward runs every column block's T steps on one core (core/internal/parallel.h,
// forFusedBlocks). A GEMM on a block of columns starting at a multiple of 4 computes each column
// exactly as the GEMM of the whole matrices does, so the result must equal the whole-matrix
// steps bit for bit: the same hidden states, hence the same predictions, as before the fusion.
// Both sides run the portable baseline code (this test's Eigen is compiled for it).
void TestBatched::fusedBlocksMatchWholeProducts() {
    QFETCH(int, n);
    QFETCH(int, N);
    QFETCH(int, T);
    QFETCH(bool, fromW0);
    QCOMPARE(QString::fromStdString(kernels::activeIsa()), QStringLiteral("baseline"));
    const MatrixF A = (randomGaussian(n, n, 1.0, 31) * (0.9 / std::sqrt(double(n)))).cast<float>();
    const MatrixF U = randomGaussian(n, N, 1.0, 32).cast<float>();
    const MatrixF W0 = fromW0 ? MatrixF(randomGaussian(n, N, 0.5, 33).cast<float>()) : MatrixF();
    BatchSolveOptions<float> o;
    o.fixed_iterations = true;
    o.max_iterations = T;
    const auto r = solveBatch<float>(A, U, o, W0);

    MatrixF W = fromW0 ? W0 : MatrixF::Zero(n, N);
    MatrixF Z(n, N);
    VectorF residuals;
    for (int k = 1; k <= T; ++k) {
        if (k == 1 && !fromW0)
            Z.setZero();
        else
            Z.noalias() = A * W;
        if (k < T) {
            W = (Z + U).array().tanh();
            continue;
        }
        Z = (Z + U).array().tanh() - W.array();
        residuals = Z.colwise().norm().transpose();
        W += Z;
    }
    QVERIFY((r.W.array() == W.array()).all());
    QVERIFY((r.residuals.array() == residuals.array()).all());
    QCOMPARE(r.worst_residual, double(residuals.maxCoeff()));
}

QTEST_APPLESS_MAIN(TestBatched)
#include "tst_batched.moc"
