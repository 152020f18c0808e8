// inf_ball against a projection computed here by bisection on the threshold, and monotone: one
// fixed point from 20 starts, the splitting solver reaching its tolerance, the parametrization's
// guarantee and its vector–Jacobian product against finite differences.
#include <QtTest>

#include <Eigen/Eigenvalues>

#include <cmath>

#include "core/data/dataset.h"
#include "core/model/model.h"
#include "core/model/parametrization.h"
#include "core/solvers/batched.h"
#include "core/solvers/forward_tolerance.h"
#include "core/training/trainer.h"
#include "tests/test_support.h"

using namespace equilab;

namespace {

// The ℓ1-ball projection by another method: bisection on θ for Σ max(|v| − θ, 0) = radius.
Vector projectByBisection(const Vector& v, double radius) {
    if (v.lpNorm<1>() <= radius) return v;
    double lo = 0, hi = v.cwiseAbs().maxCoeff();
    for (int it = 0; it < 200; ++it) {
        const double mid = 0.5 * (lo + hi);
        const double s = (v.cwiseAbs().array() - mid).max(0.0).sum();
        (s > radius ? lo : hi) = mid;
    }
    const double theta = 0.5 * (lo + hi);
    return (v.array().sign() * (v.cwiseAbs().array() - theta).max(0.0)).matrix();
}

}  // namespace

class TestDeqParametrizations : public QObject {
    Q_OBJECT
  private slots:
    void infBallProjectsEachRowExactly();
    void infBallIsTheNearestMatrix();
    void monotoneHasOneFixedPoint();
    void monotoneParametrizationGuaranteesMonotonicity();
    void monotoneTrainingRunsTheSplittingSolver();
};

void TestDeqParametrizations::infBallProjectsEachRowExactly() {
    const double kappa = 0.8;
    const Matrix A = randomGaussian(7, 9, 0.6, 11);
    const Matrix P = projectRowsL1(A, kappa);
    for (Index i = 0; i < A.rows(); ++i) {
        const Vector ref = projectByBisection(A.row(i).transpose(), kappa);
        QVERIFY2((P.row(i).transpose() - ref).norm() < 1e-12, qPrintable(QString("row %1").arg(i)));
        QVERIFY(P.row(i).lpNorm<1>() <= kappa * (1 + 1e-12));
    }
    // ‖A‖∞ = max row ℓ1 sum.
    QVERIFY(P.cwiseAbs().rowwise().sum().maxCoeff() <= kappa * (1 + 1e-12));
    // A row already inside is unchanged.
    const Matrix small = randomGaussian(3, 4, 0.01, 12);
    QCOMPARE(projectRowsL1(small, kappa), small);
    // Through the parametrization.
    const auto param = createParametrization({ParametrizationKind::InfBall, kappa, 0}, 7);
    const Matrix B = randomGaussian(7, 7, 0.6, 13);
    QVERIFY((param->project(B) - projectRowsL1(B, kappa)).norm() == 0);
}

void TestDeqParametrizations::infBallIsTheNearestMatrix() {
    // No point of the ball among many random ones is nearer to v than its projection.
    const double kappa = 0.5;
    const Vector v = randomGaussian(6, 1, 1.0, 21);
    const Vector x = projectL1Ball(v, kappa);
    const double d = (v - x).norm();
    for (unsigned s = 0; s < 500; ++s) {
        Vector y = randomGaussian(6, 1, 1.0, 100 + s);
        y *= kappa / std::max(kappa, y.lpNorm<1>()) * (s % 2 ? 1.0 : 0.5);
        QVERIFY(y.lpNorm<1>() <= kappa * (1 + 1e-12));
        QVERIFY((v - y).norm() >= d - 1e-12);
    }
}

void TestDeqParametrizations::monotoneHasOneFixedPoint() {
    const int n = 8;
    const double m = 0.2;
    const auto param = createParametrization({ParametrizationKind::Monotone, m, 0}, n);
    // Large P and Q: ‖A‖₂ well above 1 (Picard need not converge), yet one fixed point.
    const Matrix A = param->matrix(param->random(31, 0.3));
    QVERIFY(spectralNorm(A) > 1);
    const Vector u = randomGaussian(n, 1, 1.0, 32);
    Vector first;
    for (unsigned s = 0; s < 20; ++s) {
        const Vector start = randomGaussian(n, 1, 1.0, 40 + s).array().tanh();
        const MonotoneSolveResult r = monotoneSplittingSolve(A, u, m, 1e-12, 200000, start);
        QVERIFY2(r.converged, qPrintable(QString("start %1: residual %2 after %3")
                                             .arg(s)
                                             .arg(r.residual)
                                             .arg(r.iterations)));
        QVERIFY(r.residual <= 1e-12);
        // The fixed-point equation, checked here.
        QVERIFY(((A * r.w + u).array().tanh().matrix() - r.w).cwiseAbs().maxCoeff() <= 1e-12);
        if (s == 0)
            first = r.w;
        else
            QVERIFY2((r.w - first).norm() < 1e-9,
                     qPrintable(QString::number((r.w - first).norm())));
    }
}

void TestDeqParametrizations::monotoneParametrizationGuaranteesMonotonicity() {
    const int n = 6;
    const double m = 0.3;
    const auto param = createParametrization({ParametrizationKind::Monotone, m, 0}, n);
    const Vector p = param->random(51, 0.5);
    const Matrix A = param->matrix(p);
    // Symmetric part of I − A ⪰ m I.
    Matrix S = -0.5 * (A + A.transpose());
    S.diagonal().array() += 1.0;
    const double lmin = Eigen::SelfAdjointEigenSolver<Matrix>(S).eigenvalues().minCoeff();
    QVERIFY(lmin >= m - 1e-12);
    // A representable matrix round-trips.
    QVERIFY((param->matrix(param->fromMatrix(A)) - A).norm() < 1e-10);
    // vjp against central differences of L(p) = ⟨G, A(p)⟩.
    const Matrix G = randomGaussian(n, n, 1.0, 52);
    const Vector g = param->vjp(p, G);
    const double h = 1e-6;
    for (Index i = 0; i < p.size(); i += 7) {
        Vector pp = p, pm = p;
        pp(i) += h;
        pm(i) -= h;
        const double fd = ((G.array() * param->matrix(pp).array()).sum() -
                           (G.array() * param->matrix(pm).array()).sum()) /
                          (2 * h);
        QVERIFY2(std::abs(fd - g(i)) < 1e-7,
                 qPrintable(QString("%1: %2 vs %3").arg(i).arg(fd).arg(g(i))));
    }
}

void TestDeqParametrizations::monotoneTrainingRunsTheSplittingSolver() {
    // The batched splitting solver on a monotone A with ‖A‖₂ > 1: every column solves the
    // fixed-point equation (checked here) and equals the one-vector solver's answer.
    const int n = 8, N = 5;
    const double m = 0.2;
    const auto param = createParametrization({ParametrizationKind::Monotone, m, 0}, n);
    const Matrix A = param->matrix(param->random(31, 0.3));
    QVERIFY(spectralNorm(A) > 1);
    const Matrix U = randomGaussian(n, N, 1.0, 33);
    Matrix W;
    const ForwardToleranceResult fr = monotoneSplittingBatch(A, U, m, 1e-11, 200000, &W);
    QVERIFY2(fr.converged, qPrintable(QString::number(fr.worst_residual)));
    QVERIFY(((A * W + U).array().tanh().matrix() - W).colwise().norm().maxCoeff() <= 1e-11);
    for (Index i = 0; i < N; ++i) {
        const MonotoneSolveResult one = monotoneSplittingSolve(A, U.col(i), m, 1e-12, 200000);
        QVERIFY(one.converged);
        QVERIFY2((one.w - W.col(i)).norm() < 1e-9, qPrintable(QString::number(i)));
    }
    // The trainer with a monotone parametrization evaluates with that solver (T of its steps),
    // not with T Picard steps.
    SyntheticOptions so;
    so.samples = 60;
    so.seed = 3;
    Dataset all;
    makeSynthetic(so, &all, nullptr);
    TrainerOptions o;
    o.hidden = n;
    o.steps = 1;
    o.init_scale = 0.5;
    o.hypergrad.T = 7;
    o.parametrization = {ParametrizationKind::Monotone, m, 0};
    Trainer<double> t;
    std::string why;
    QVERIFY2(t.init(o, splitDataset(all, 0.6, 0.2, 4), &why), why.c_str());
    const StepRecord rec = t.step();
    QCOMPARE(rec.forward_iterations, 7);
    const ModelParams<double>& p = t.params();
    const Matrix X = randomGaussian(2, 3, 1.0, 35);
    Matrix Ws;
    monotoneSplittingBatch<double>(p.A, computeDrive<double>(p.B, p.c, X), m, 0, 7, &Ws);
    BatchSolveOptions<double> picard;
    picard.max_iterations = 7;
    picard.fixed_iterations = true;
    const Matrix Wp = solveBatch<double>(p.A, computeDrive<double>(p.B, p.c, X), picard).W;
    QVERIFY((t.forward(X) - Ws).norm() < 1e-14);
    QVERIFY((Ws - Wp).norm() > 1e-6);  // the two forwards differ: the check can fail
}

QTEST_APPLESS_MAIN(TestDeqParametrizations)
#include "tst_deq_parametrizations.moc"
