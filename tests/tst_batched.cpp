// The batched forward solve against one-sample solves, and the drive U = B X + c.
#include <QtTest>

#include "core/batched.h"
#include "core/scenario.h"

using namespace equilab;

class TestBatched : public QObject {
    Q_OBJECT
private slots:
    void matchesSingleSolves_data();
    void matchesSingleSolves();
    void fixedIterationsRunsExactlyT();
    void floatAgreesWithDouble();
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
    const auto rd = solveBatch<double>(s.model.A, computeDrive<double>(s.model.B, s.model.c, X), od);
    const MatrixF Uf = computeDrive<float>(s.model.B.cast<float>(), s.model.c.cast<float>(), X.cast<float>());
    const auto rf = solveBatch<float>(s.model.A.cast<float>(), Uf, of);
    QVERIFY((rf.W.cast<double>() - rd.W).cwiseAbs().maxCoeff() < 1e-5);
}

QTEST_APPLESS_MAIN(TestBatched)
#include "tst_batched.moc"
