// The DEQ literature's gradients (jfb, phantom, neumann) against finite differences of their
// defining functions in float64, the backward statistics against a loop written here, and the
// per-step ρ(J) estimate and Hutchinson's ‖J‖_F² against dense references.
#include <QtTest>

#include <Eigen/Eigenvalues>

#include <cmath>

#include "core/model/model.h"
#include "core/solvers/batched.h"
#include "core/solvers/forward_tolerance.h"
#include "core/training/deq_statistics.h"
#include "core/training/fixed_point_correction.h"
#include "core/training/hypergradient.h"
#include "tests/test_support.h"

using namespace equilab;

Q_DECLARE_METATYPE(equilab::ForwardSolverKind)

namespace {

constexpr double kStep = 1e-5;
constexpr double kFdTolerance = 1e-7;  // relative, central differences in float64

struct Problem {
    ModelParams<double> params;
    Matrix X;
    Targets<double> targets;
};

Problem makeProblem(int n, int d, int N, int C, double q, unsigned seed) {
    Problem p;
    p.params.A = randomMatrixWithNorm(n, q, seed);
    p.params.B = randomGaussian(n, d, 0.7, seed + 1);
    p.params.c = randomGaussian(n, 1, 0.3, seed + 2);
    p.params.Wout = randomGaussian(C, n, 1.0, seed + 3);
    p.params.bout = randomGaussian(C, 1, 0.2, seed + 4);
    p.X = randomGaussian(d, N, 1.0, seed + 5);
    p.targets.labels.resize(N);
    for (int i = 0; i < N; ++i) p.targets.labels(i) = (i * 5 + static_cast<int>(seed)) % C;
    return p;
}

Matrix phi(const ModelParams<double>& m, const Matrix& W, const Matrix& X) {
    Matrix Z = m.A * W + m.B * X;
    Z.colwise() += m.c;
    return Z.array().tanh();
}

// W_T: T Picard steps from zero, by a loop here.
Matrix picard(const ModelParams<double>& m, const Matrix& X, int T) {
    Matrix W = Matrix::Zero(m.A.rows(), X.cols());
    for (int t = 0; t < T; ++t) W = phi(m, W, X);
    return W;
}

double readLoss(const ModelParams<double>& m, const Matrix& W, const Problem& p) {
    return readoutLoss(m.Wout, m.bout, W, p.targets, false).loss;
}

// Central differences of f over every parameter of every block.
template <typename F>
ModelParams<double> finiteDifferences(const ModelParams<double>& at, F f) {
    ModelParams<double> g = at;
    auto block = [&](auto member) {
        auto& target = g.*member;
        for (Index i = 0; i < target.size(); ++i) {
            ModelParams<double> plus = at, minus = at;
            (plus.*member).data()[i] += kStep;
            (minus.*member).data()[i] -= kStep;
            target.data()[i] = (f(plus) - f(minus)) / (2 * kStep);
        }
    };
    block(&ModelParams<double>::A);
    block(&ModelParams<double>::B);
    block(&ModelParams<double>::c);
    block(&ModelParams<double>::Wout);
    block(&ModelParams<double>::bout);
    return g;
}

}  // namespace

class TestDeqGradients : public QObject {
    Q_OBJECT
  private slots:
    void jfbIsTheGradientOfItsDefiningFunction();
    void phantomIsTheGradientOfItsDefiningFunction_data();
    void phantomIsTheGradientOfItsDefiningFunction();
    void neumannSumsTheSeries();
    void aidResidualIsTheLastAdjointStep();
    void unconvergedBackwardIsFlagged();
    void floatAgreesWithDouble();
    void radiusEstimateMatchesEigenvalues();
    void hutchinsonMatchesExactFrobenius();
    void forwardSolversReachTheTolerance_data();
    void forwardSolversReachTheTolerance();
    void warmStartReusesTheFixedPoint();
    void jacobianRegularizerGradient_data();
    void jacobianRegularizerGradient();
    void fixedPointCorrectionGradient_data();
    void fixedPointCorrectionGradient();
    void fixedPointCorrectionOfOneStateIsJfb();
};

void TestDeqGradients::jfbIsTheGradientOfItsDefiningFunction() {
    // T = 4 steps: W_T is far from w*, so the test sees whether w is held at W_T.
    const Problem p = makeProblem(6, 3, 5, 3, 0.7, 11);
    const int T = 4;
    const Matrix WT = picard(p.params, p.X, T);
    const auto fd = finiteDifferences(
        p.params, [&](const ModelParams<double>& m) { return readLoss(m, phi(m, WT, p.X), p); });
    HypergradOptions o;
    o.method = HypergradMethod::Jfb;
    o.T = T;
    const auto r = hypergradient(p.params, p.X, p.targets, o);
    const double rel = relativeError(r.grad, fd);
    qInfo("jfb: relative error to finite differences %.3g", rel);
    QVERIFY2(rel < kFdTolerance, qPrintable(QString::number(rel)));
    QVERIFY(std::abs(r.loss - readLoss(p.params, phi(p.params, WT, p.X), p)) < 1e-13);
    QCOMPARE(r.backward_residual, -1.0);
    QVERIFY(r.backward_converged);
}

void TestDeqGradients::phantomIsTheGradientOfItsDefiningFunction_data() {
    QTest::addColumn<int>("K");
    QTest::addColumn<double>("lambda");
    QTest::newRow("k=1 lambda=1") << 1 << 1.0;
    QTest::newRow("k=5 lambda=0.5") << 5 << 0.5;
    QTest::newRow("k=8 lambda=0.3") << 8 << 0.3;
}

void TestDeqGradients::phantomIsTheGradientOfItsDefiningFunction() {
    QFETCH(int, K);
    QFETCH(double, lambda);
    const Problem p = makeProblem(6, 3, 5, 3, 0.8, 21);
    const int T = 3;
    const Matrix w0 = picard(p.params, p.X, T);  // held constant
    auto defining = [&](const ModelParams<double>& m) {
        Matrix w = w0;
        for (int j = 0; j < K; ++j) w = (1 - lambda) * w + lambda * phi(m, w, p.X);
        return readLoss(m, w, p);
    };
    const auto fd = finiteDifferences(p.params, defining);
    HypergradOptions o;
    o.method = HypergradMethod::Phantom;
    o.T = T;
    o.K = K;
    o.damping = lambda;
    const auto r = hypergradient(p.params, p.X, p.targets, o);
    const double rel = relativeError(r.grad, fd);
    qInfo("phantom K=%d λ=%g: relative error to finite differences %.3g", K, lambda, rel);
    QVERIFY2(rel < kFdTolerance, qPrintable(QString::number(rel)));
    QVERIFY(std::abs(r.loss - defining(p.params)) < 1e-13);
    QCOMPARE(r.backward_iterations, K);
}

void TestDeqGradients::neumannSumsTheSeries() {
    // The series λ Σ_{i<K} (λJᵀ + (1 − λ)I)^i g tends to (I − Jᵀ)⁻¹ g: with T large (W_T = w*)
    // and K large, neumann equals the exact (LU) gradient for any λ in (0, 1].
    const Problem p = makeProblem(6, 3, 5, 3, 0.7, 31);
    HypergradOptions exact;
    exact.method = HypergradMethod::Exact;
    const auto ref = hypergradient(p.params, p.X, p.targets, exact);
    for (double lambda : {1.0, 0.5}) {
        HypergradOptions o;
        o.method = HypergradMethod::Neumann;
        o.T = 200;
        o.K = 400;
        o.damping = lambda;
        const auto r = hypergradient(p.params, p.X, p.targets, o);
        const double rel = relativeError(r.grad, ref.grad);
        qInfo("neumann λ=%g K=400: relative error to exact %.3g", lambda, rel);
        QVERIFY(rel < 1e-10);
        QVERIFY(r.backward_converged);
    }
    // Few terms: the truncation error is the tail of the series, and it falls with K.
    double previous = 1e300;
    for (int K : {2, 4, 8, 16}) {
        HypergradOptions o;
        o.method = HypergradMethod::Neumann;
        o.T = 200;
        o.K = K;
        const double rel = relativeError(hypergradient(p.params, p.X, p.targets, o).grad, ref.grad);
        QVERIFY2(rel < previous, qPrintable(QString("K=%1 %2").arg(K).arg(rel)));
        previous = rel;
    }
}

void TestDeqGradients::aidResidualIsTheLastAdjointStep() {
    // n = 4, one sample: V_{k+1} = Aᵀ(D ⊙ V_k) + g by a loop here, g = W_outᵀ ∂L/∂b_out.
    const Problem p = makeProblem(4, 2, 1, 3, 0.9, 41);
    HypergradOptions o;
    o.method = HypergradMethod::AidFp;
    o.T = 5;
    o.K = 6;
    const auto r = hypergradient(p.params, p.X, p.targets, o);
    const Matrix WT = picard(p.params, p.X, o.T);
    const Vector D = (1 - phi(p.params, WT, p.X).array().square()).matrix();
    const Vector g = p.params.Wout.transpose() * r.grad.bout;
    Vector V = Vector::Zero(4), previous;
    for (int k = 0; k < o.K; ++k) {
        previous = V;
        V = p.params.A.transpose() * (D.array() * V.array()).matrix() + g;
    }
    const double expected = (V - previous).norm() / g.norm();
    QVERIFY2(std::abs(r.backward_residual - expected) < 1e-12 * expected,
             qPrintable(QString("%1 vs %2").arg(r.backward_residual).arg(expected)));
    QCOMPARE(r.backward_iterations, o.K);
}

void TestDeqGradients::unconvergedBackwardIsFlagged() {
    const Problem p = makeProblem(8, 3, 6, 3, 0.95, 51);
    for (auto m : {HypergradMethod::AidFp, HypergradMethod::AidCg, HypergradMethod::Neumann}) {
        HypergradOptions few;
        few.method = m;
        few.T = 50;
        few.K = 1;
        const auto r = hypergradient(p.params, p.X, p.targets, few);
        QVERIFY2(!r.backward_converged, toString(m).c_str());
        QVERIFY(r.backward_residual > few.backward_tolerance);
        QVERIFY(r.grad.norm() > 0);  // flagged, never a silent zero
        HypergradOptions many = few;
        many.K = 300;
        const auto s = hypergradient(p.params, p.X, p.targets, many);
        QVERIFY2(s.backward_converged, toString(m).c_str());
        QVERIFY(s.backward_residual >= 0 && s.backward_residual <= many.backward_tolerance);
    }
}

void TestDeqGradients::floatAgreesWithDouble() {
    const Problem p = makeProblem(10, 4, 20, 3, 0.6, 61);
    for (auto m : {HypergradMethod::Jfb, HypergradMethod::Phantom, HypergradMethod::Neumann}) {
        HypergradOptions o;
        o.method = m;
        o.K = 5;
        const auto rd = hypergradient(p.params, p.X, p.targets, o);
        Targets<float> tf;
        tf.labels = p.targets.labels;
        const auto rf = hypergradient(p.params.cast<float>(), MatrixF(p.X.cast<float>()), tf, o);
        QVERIFY2(relativeError(rf.grad.cast<double>(), rd.grad) < 1e-4, toString(m).c_str());
    }
}

void TestDeqGradients::radiusEstimateMatchesEigenvalues() {
    // A symmetric positive-definite-dominant A: J = diag(d) A is similar to the symmetric
    // diag(√d) A diag(√d), so its dominant eigenvalue is real and power iteration converges.
    const int n = 12;
    Matrix M = randomGaussian(n, n, 1.0, 71);
    Matrix A = M * M.transpose();
    A *= 0.8 / spectralNorm(A);
    const Matrix W = randomGaussian(n, 3, 0.4, 72).array().tanh();
    double rho = 0;
    for (Index i = 0; i < W.cols(); ++i) {
        const Vector d = 1 - W.col(i).array().square();
        const Matrix J = d.asDiagonal() * A;
        rho = std::max(rho, J.eigenvalues().cwiseAbs().maxCoeff());
    }
    const double est = jacobianRadiusEstimate<double>(A, W, 8, 60);
    qInfo("ρ(J) dense %.6f, estimate %.6f", rho, est);
    QVERIFY(std::abs(est - rho) < 1e-3 * rho);
}

void TestDeqGradients::hutchinsonMatchesExactFrobenius() {
    const int n = 10;
    const Matrix A = randomGaussian(n, n, 0.3, 81);
    const Matrix W = randomGaussian(n, 4, 0.5, 82).array().tanh();
    // The exact mean ‖J_i‖_F² by forming each J_i here.
    double exact = 0;
    for (Index i = 0; i < W.cols(); ++i)
        exact += ((1 - W.col(i).array().square()).matrix().asDiagonal() * A).squaredNorm();
    exact /= static_cast<double>(W.cols());
    QVERIFY(std::abs(jacobianFrobeniusSquared<double>(A, W) - exact) < 1e-12 * exact);
    // Hutchinson with many probes: within 3σ of the exact value, σ = sample std / √m.
    const int m = 2000;
    double sd = 0;
    const double est = jacobianFrobeniusHutchinson<double>(A, W, m, 83, &sd);
    const double sigma = sd / std::sqrt(double(m));
    qInfo("‖J‖_F² exact %.6f, Hutchinson (m = %d) %.6f ± %.6f", exact, m, est, sigma);
    QVERIFY(sigma > 0);
    QVERIFY2(std::abs(est - exact) <= 3 * sigma, qPrintable(QString::number(est)));
}

void TestDeqGradients::forwardSolversReachTheTolerance_data() {
    QTest::addColumn<ForwardSolverKind>("kind");
    QTest::newRow("picard") << ForwardSolverKind::Picard;
    QTest::newRow("anderson") << ForwardSolverKind::Anderson;
    QTest::newRow("broyden") << ForwardSolverKind::Broyden;
}

void TestDeqGradients::forwardSolversReachTheTolerance() {
    QFETCH(ForwardSolverKind, kind);
    const Problem p = makeProblem(12, 3, 8, 3, 0.95, 91);
    const Matrix U = computeDrive<double>(p.params.B, p.params.c, p.X);
    // The reference: Picard to 1e-14 by a loop here (a contraction: ‖A‖₂ = 0.95).
    Matrix ref = Matrix::Zero(12, 8);
    for (int k = 0; k < 5000; ++k) ref = ((p.params.A * ref + U).array().tanh()).matrix();
    Matrix W;
    const double tol = 1e-10;
    const ForwardToleranceResult r =
        solveForwardToTolerance<double>(p.params.A, U, kind, tol, 2000, &W);
    qInfo("%s: %d iterations, worst residual %.3g", toString(kind).c_str(), r.iterations,
          r.worst_residual);
    QVERIFY(r.converged);
    QVERIFY(r.worst_residual <= tol);
    // ‖w − w*‖ ≤ ‖φ(w) − w‖ / (1 − q) per column.
    const Matrix F = ((p.params.A * W + U).array().tanh()).matrix() - W;
    QVERIFY(F.colwise().norm().maxCoeff() <= tol);
    QVERIFY((W - ref).colwise().norm().maxCoeff() <= tol / (1 - 0.95) * 1.01);
}

void TestDeqGradients::warmStartReusesTheFixedPoint() {
    const Problem p = makeProblem(10, 3, 6, 3, 0.9, 95);
    HypergradOptions o;
    o.method = HypergradMethod::AidFp;
    o.forward_tolerance = 1e-9;
    o.warm_start = true;
    HypergradWorkspace<double> ws;
    const auto first = hypergradient(p.params, p.X, p.targets, o, &ws);
    const auto second = hypergradient(p.params, p.X, p.targets, o, &ws);
    QVERIFY(first.forward_converged && second.forward_converged);
    QVERIFY(first.forward_iterations > 20);
    QCOMPARE(second.forward_iterations, 1);  // already at the fixed point: one check
    // Without the warm start the second call solves from zero again.
    o.warm_start = false;
    QCOMPARE(hypergradient(p.params, p.X, p.targets, o, &ws).forward_iterations,
             first.forward_iterations);
}

void TestDeqGradients::jacobianRegularizerGradient_data() {
    QTest::addColumn<bool>("exact");
    QTest::newRow("exact") << true;
    QTest::newRow("hutchinson m=3") << false;
}

void TestDeqGradients::jacobianRegularizerGradient() {
    // R(A, B, c) with the states W held constant: its gradient against central differences of R
    // (the same probes: a fixed seed), and the exact R against J_i formed here.
    QFETCH(bool, exact);
    const Problem p = makeProblem(5, 3, 4, 3, 0.8, 101);
    const Matrix W = picard(p.params, p.X, 30);
    auto value = [&](const ModelParams<double>& m) {
        Matrix gA = Matrix::Zero(5, 5), gB = Matrix::Zero(5, 3);
        Vector gc = Vector::Zero(5);
        const Matrix U = computeDrive<double>(m.B, m.c, p.X);
        return jacobianRegularizerInto<double>(m.A, W, U, p.X, exact, 3, 7, 1.0, &gA, &gB, &gc);
    };
    Matrix gA = Matrix::Zero(5, 5), gB = Matrix::Zero(5, 3);
    Vector gc = Vector::Zero(5);
    const double R = jacobianRegularizerInto<double>(
        p.params.A, W, computeDrive<double>(p.params.B, p.params.c, p.X), p.X, exact, 3, 7, 2.0,
        &gA, &gB, &gc);
    ModelParams<double> g = p.params;
    g.A = gA / 2;  // weight 2
    g.B = gB / 2;
    g.c = gc / 2;
    g.Wout.setZero();
    g.bout.setZero();
    const auto fd = finiteDifferences(p.params, value);
    const double rel = relativeError(g, fd);
    qInfo("regularizer R = %.6f, gradient: relative error to finite differences %.3g", R, rel);
    QVERIFY2(rel < kFdTolerance, qPrintable(QString::number(rel)));
    if (exact) {
        const Matrix Phi = phi(p.params, W, p.X);
        double direct = 0;
        for (Index i = 0; i < W.cols(); ++i)
            direct += ((1 - Phi.col(i).array().square()).matrix().asDiagonal() * p.params.A)
                          .squaredNorm();
        direct /= static_cast<double>(W.cols());
        QVERIFY(std::abs(R - direct) < 1e-12 * direct);
    }
}

void TestDeqGradients::fixedPointCorrectionGradient_data() {
    QTest::addColumn<int>("method");
    QTest::addColumn<int>("states");
    QTest::addColumn<double>("gamma");
    QTest::newRow("jfb N=3 gamma=0.8") << int(HypergradMethod::Jfb) << 3 << 0.8;
    QTest::newRow("jfb N=7 gamma=0.5") << int(HypergradMethod::Jfb) << 7 << 0.5;
    QTest::newRow("phantom N=2 gamma=0.7") << int(HypergradMethod::Phantom) << 2 << 0.7;
}

void TestDeqGradients::fixedPointCorrectionGradient() {
    // F(θ) = Σ_i γ^(N−i) L_i(θ) with the states W_{t_i}, t_i = ⌈i·T/N⌉, computed here by their
    // own Picard loop and held constant; the gradient against central differences of F.
    QFETCH(int, method);
    QFETCH(int, states);
    QFETCH(double, gamma);
    const Problem p = makeProblem(6, 3, 5, 3, 0.8, 41);
    const int T = 7, K = 3;
    const double lambda = 0.6;
    const auto m = static_cast<HypergradMethod>(method);
    std::vector<Matrix> sampled;
    std::vector<double> weights;
    for (int i = 1; i <= states; ++i) {
        const int t = (i * T + states - 1) / states;  // ⌈i·T/N⌉
        sampled.push_back(picard(p.params, p.X, t));
        weights.push_back(std::pow(gamma, states - i));
    }
    QCOMPARE(weights.back(), 1.0);
    auto defining = [&](const ModelParams<double>& q) {
        double F = 0;
        for (size_t i = 0; i < sampled.size(); ++i) {
            Matrix w = sampled[i];
            if (m == HypergradMethod::Jfb)
                w = phi(q, w, p.X);
            else
                for (int j = 0; j < K; ++j) w = (1 - lambda) * w + lambda * phi(q, w, p.X);
            F += weights[i] * readLoss(q, w, p);
        }
        return F;
    };
    const auto fd = finiteDifferences(p.params, defining);
    HypergradOptions o;
    o.method = m;
    o.T = T;
    o.K = K;
    o.damping = lambda;
    FixedPointCorrectionOptions fc;
    fc.states = states;
    fc.gamma = gamma;
    std::string why;
    QVERIFY2(fc.IsValid(o, &why), why.c_str());
    HypergradWorkspace<double> ws;
    HypergradResult<double> scratch, r;
    const double F = fixedPointCorrectionInto(p.params, p.X, p.targets, o, fc, &ws, &scratch, &r);
    const double rel = relativeError(r.grad, fd);
    qInfo("fp correction N=%d γ=%g: relative error to finite differences %.3g", states, gamma, rel);
    QVERIFY2(rel < kFdTolerance, qPrintable(QString::number(rel)));
    QVERIFY(std::abs(F - defining(p.params)) < 1e-13);
    QCOMPARE(r.forward_iterations, T);
}

void TestDeqGradients::fixedPointCorrectionOfOneStateIsJfb() {
    // N = 1, weight 1 at W_T: the JFB gradient, written out here by hand: Z = tanh(A W_T + BX +
    // c), P = softmax(Wout Z + bout), S = (P − Y)/N, ∂Wout = S Zᵀ, ∂bout = S·1,
    // G = (1 − Z²) ⊙ Woutᵀ S, ∂A = G W_Tᵀ, ∂B = G Xᵀ, ∂c = G·1.
    const Problem p = makeProblem(5, 4, 6, 3, 0.9, 51);
    const int T = 5;
    const Matrix WT = picard(p.params, p.X, T);
    const Matrix Z = phi(p.params, WT, p.X);
    Matrix S = p.params.Wout * Z;
    S.colwise() += p.params.bout;
    const Index N = p.X.cols();
    for (Index j = 0; j < N; ++j) {
        Vector e = (S.col(j).array() - S.col(j).maxCoeff()).exp();
        e /= e.sum();
        e(p.targets.labels(j)) -= 1;
        S.col(j) = e / static_cast<double>(N);
    }
    ModelParams<double> jfb;
    jfb.Wout = S * Z.transpose();
    jfb.bout = S.rowwise().sum();
    const Matrix G = (1 - Z.array().square()).matrix().cwiseProduct(p.params.Wout.transpose() * S);
    jfb.A = G * WT.transpose();
    jfb.B = G * p.X.transpose();
    jfb.c = G.rowwise().sum();
    HypergradOptions o;
    o.method = HypergradMethod::Jfb;
    o.T = T;
    FixedPointCorrectionOptions fc;
    fc.states = 1;
    fc.gamma = 0.3;  // γ^0 = 1 whatever γ
    HypergradWorkspace<double> ws;
    HypergradResult<double> scratch, r;
    fixedPointCorrectionInto(p.params, p.X, p.targets, o, fc, &ws, &scratch, &r);
    const double rel = relativeError(r.grad, jfb);
    QVERIFY2(rel < 1e-13, qPrintable(QString::number(rel)));
}

QTEST_APPLESS_MAIN(TestDeqGradients)
#include "tst_deq_gradients.moc"
