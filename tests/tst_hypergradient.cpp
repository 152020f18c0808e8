// Hypergradients against central finite differences of the outer loss at the exact fixed
// point, and the geometric convergence of ITD and AID in T = K.
#include <QtTest>

#include <cmath>

#include "core/model/model.h"
#include "core/training/hypergradient.h"
#include "tests/test_support.h"

using namespace equilab;

Q_DECLARE_METATYPE(equilab::HypergradMethod)

namespace {

constexpr double kFiniteDifferenceStep = 1e-5;
constexpr double kExactTolerance = 1e-6;      // exact vs finite differences
constexpr double kIterativeTolerance = 1e-5;  // itd / aid-* with T = K = 60, q ≤ 0.7
constexpr double kRateSlack = 0.05;           // fitted rate ≤ q + slack

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
    for (int i = 0; i < N; ++i) p.targets.labels(i) = (i * 7 + static_cast<int>(seed)) % C;
    return p;
}

double loss(const ModelParams<double>& params, const Problem& p) {
    HypergradOptions o;
    o.method = HypergradMethod::Exact;
    return hypergradient(params, p.X, p.targets, o).loss;
}

// Central differences over every parameter of every block.
ModelParams<double> finiteDifferences(const Problem& p) {
    ModelParams<double> g = p.params;
    const double h = kFiniteDifferenceStep;
    auto block = [&](auto member) {
        auto& target = g.*member;
        for (Index i = 0; i < target.size(); ++i) {
            ModelParams<double> plus = p.params, minus = p.params;
            (plus.*member).data()[i] += h;
            (minus.*member).data()[i] -= h;
            target.data()[i] = (loss(plus, p) - loss(minus, p)) / (2 * h);
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

class TestHypergradient : public QObject {
    Q_OBJECT
  private slots:
    void matchesFiniteDifferences_data();
    void matchesFiniteDifferences();
    void errorFallsGeometrically_data();
    void errorFallsGeometrically();
    void floatAgreesWithDouble();
    void squaredErrorLoss();
    void aidLinearizesAtPhiOfLastIterate_data();
    void aidLinearizesAtPhiOfLastIterate();
};

void TestHypergradient::matchesFiniteDifferences_data() {
    QTest::addColumn<HypergradMethod>("method");
    QTest::addColumn<double>("q");
    QTest::addColumn<double>("tolerance");
    for (double q : {0.5, 0.7}) {
        QTest::addRow("exact q=%g", q) << HypergradMethod::Exact << q << kExactTolerance;
        QTest::addRow("itd q=%g", q) << HypergradMethod::Itd << q << kIterativeTolerance;
        QTest::addRow("aid-fp q=%g", q) << HypergradMethod::AidFp << q << kIterativeTolerance;
        QTest::addRow("aid-cg q=%g", q) << HypergradMethod::AidCg << q << kIterativeTolerance;
    }
}

void TestHypergradient::matchesFiniteDifferences() {
    QFETCH(HypergradMethod, method);
    QFETCH(double, q);
    QFETCH(double, tolerance);
    const Problem p = makeProblem(6, 3, 5, 3, q, 31);
    const ModelParams<double> fd = finiteDifferences(p);
    HypergradOptions o;
    o.method = method;
    o.T = o.K = 60;
    const auto r = hypergradient(p.params, p.X, p.targets, o);
    const double rel = relativeError(r.grad, fd);
    qInfo("%s relative error %.3g", toString(method).c_str(), rel);
    QVERIFY2(rel < tolerance, qPrintable(QString("relative error %1").arg(rel)));
    QVERIFY(std::abs(r.loss - loss(p.params, p)) < 1e-10);
}

void TestHypergradient::errorFallsGeometrically_data() {
    QTest::addColumn<HypergradMethod>("method");
    QTest::addColumn<double>("q");
    for (double q : {0.5, 0.8}) {
        QTest::addRow("itd q=%g", q) << HypergradMethod::Itd << q;
        QTest::addRow("aid-fp q=%g", q) << HypergradMethod::AidFp << q;
    }
}

void TestHypergradient::errorFallsGeometrically() {
    QFETCH(HypergradMethod, method);
    QFETCH(double, q);
    // Small drive so that J ≈ A and the rate is close to q (the bound is attained).
    Problem p = makeProblem(8, 3, 6, 3, q, 41);
    p.params.B *= 0.1;
    p.params.c *= 0.1;
    HypergradOptions exact;
    exact.method = HypergradMethod::Exact;
    const auto ref = hypergradient(p.params, p.X, p.targets, exact);
    // log(error) against T = K: least-squares slope over the range above round-off.
    std::vector<double> ks, logs;
    for (int k = 2; k <= 40; ++k) {
        HypergradOptions o;
        o.method = method;
        o.T = o.K = k;
        const double e = relativeError(hypergradient(p.params, p.X, p.targets, o).grad, ref.grad);
        if (e < 1e-11) break;
        ks.push_back(k);
        logs.push_back(std::log(e));
    }
    QVERIFY(ks.size() >= 8);
    const double n = static_cast<double>(ks.size());
    double sk = 0, sl = 0, skk = 0, skl = 0;
    for (size_t i = 0; i < ks.size(); ++i) {
        sk += ks[i];
        sl += logs[i];
        skk += ks[i] * ks[i];
        skl += ks[i] * logs[i];
    }
    const double slope = (n * skl - sk * sl) / (n * skk - sk * sk);
    const double rate = std::exp(slope);
    qInfo("%s q=%g fitted rate %.4f over %d points", toString(method).c_str(), q, rate, int(n));
    QVERIFY2(rate <= q + kRateSlack, qPrintable(QString("rate %1").arg(rate)));
    QVERIFY(rate < 1);
}

void TestHypergradient::floatAgreesWithDouble() {
    const Problem p = makeProblem(10, 4, 20, 3, 0.6, 51);
    for (auto m : {HypergradMethod::Itd, HypergradMethod::AidFp, HypergradMethod::AidCg}) {
        HypergradOptions o;
        o.method = m;
        const auto rd = hypergradient(p.params, p.X, p.targets, o);
        Targets<float> tf;
        tf.labels = p.targets.labels;
        const auto rf = hypergradient(p.params.cast<float>(), MatrixF(p.X.cast<float>()), tf, o);
        QVERIFY(relativeError(rf.grad.cast<double>(), rd.grad) < 1e-4);
    }
}

void TestHypergradient::squaredErrorLoss() {
    // Regression targets: the gradient w.r.t. W_out of ½·mean‖Z − Y‖² is (Z − Y)Wᵀ/N.
    Problem p = makeProblem(5, 2, 4, 2, 0.5, 61);
    p.targets.kind = LossKind::SquaredError;
    p.targets.values = randomGaussian(2, 4, 1.0, 62);
    HypergradOptions o;
    o.method = HypergradMethod::Exact;
    const auto r = hypergradient(p.params, p.X, p.targets, o);
    Matrix Z = p.params.Wout * r.W;
    Z.colwise() += p.params.bout;
    const Matrix expected = (Z - p.targets.values) * r.W.transpose() / 4.0;
    QVERIFY((r.grad.Wout - expected).norm() < 1e-12);
    // And A's gradient matches finite differences as for cross-entropy.
    const double h = kFiniteDifferenceStep;
    ModelParams<double> plus = p.params, minus = p.params;
    plus.A(1, 2) += h;
    minus.A(1, 2) -= h;
    const double fd = (hypergradient(plus, p.X, p.targets, o).loss -
                       hypergradient(minus, p.X, p.targets, o).loss) /
                      (2 * h);
    QVERIFY(std::abs(fd - r.grad.A(1, 2)) < 1e-8);
}

void TestHypergradient::aidLinearizesAtPhiOfLastIterate_data() {
    QTest::addColumn<HypergradMethod>("method");
    QTest::newRow("aid-fp") << HypergradMethod::AidFp;
    QTest::newRow("aid-cg") << HypergradMethod::AidCg;
}

void TestHypergradient::aidLinearizesAtPhiOfLastIterate() {
    // n = 1, one sample, T = 1 step (far from w*, so W_T ≠ φ(W_T)). AID (Grazzi et al. 2020)
    // linearizes at W_T: D = 1 − φ(W_T)², the adjoint solves v = a D v + g, and ∂L/∂c = D v.
    // W_T by a loop here; g = ∂E/∂w = W_outᵀ ∂L/∂b_out for one sample.
    QFETCH(HypergradMethod, method);
    Problem p = makeProblem(1, 1, 1, 2, 0.8, 71);
    const double a = p.params.A(0, 0);
    const double u = p.params.B(0, 0) * p.X(0, 0) + p.params.c(0);
    const double w = std::tanh(u);  // W_1 from W_0 = 0
    const double phi = std::tanh(a * w + u);
    QVERIFY(std::abs(phi - w) > 1e-3);
    HypergradOptions o;
    o.method = method;
    o.T = 1;
    o.K = 200;
    const auto r = hypergradient(p.params, p.X, p.targets, o);
    QVERIFY(std::abs(r.W(0, 0) - w) < 1e-15);
    const double g = (p.params.Wout.transpose() * r.grad.bout)(0);
    const double D = 1 - phi * phi;
    const double expected = D * g / (1 - a * D);
    QVERIFY2(
        std::abs(r.grad.c(0) - expected) < 1e-12 * std::max(1.0, std::abs(expected)),
        qPrintable(QString("%1 vs %2").arg(r.grad.c(0), 0, 'g', 17).arg(expected, 0, 'g', 17)));
}

QTEST_APPLESS_MAIN(TestHypergradient)
#include "tst_hypergradient.moc"
