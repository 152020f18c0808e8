// The kernel variants (core/internal/kernels.h): every instruction-set level this build has and
// this CPU supports loads from next to the executable, and computes what the portable baseline code
// computes — the drive, the forward solve, every hypergradient method and training steps — up to
// rounding (FMA and wider vectors reorder the sums).
#include <QtTest>

#include "core/analysis/jacobian_radius.h"
#include "core/internal/kernels.h"
#include "core/model/model.h"
#include "tests/test_support.h"

using namespace equilab;

namespace {

struct Problem {
    ModelParams<double> params;
    Matrix X;
    Targets<double> targets;
};

// n = 24 hidden, d = 9 inputs, N = 301 samples (not a multiple of any vector width), C = 4
// classes, ‖A‖₂ = 0.9.
Problem problem(unsigned seed) {
    const Index n = 24, d = 9, N = 301, C = 4;
    Problem p;
    p.params.A = randomMatrixWithNorm(n, 0.9, seed);
    p.params.B = randomGaussian(n, d, 0.5, seed + 1);
    p.params.c = randomGaussian(n, 1, 0.3, seed + 2);
    p.params.Wout = randomGaussian(C, n, 0.5, seed + 3);
    p.params.bout = randomGaussian(C, 1, 0.1, seed + 4);
    p.X = randomGaussian(d, N, 1.0, seed + 5);
    p.targets.labels.resize(N);
    for (Index i = 0; i < N; ++i) p.targets.labels(i) = static_cast<int>((i * 5 + seed) % C);
    return p;
}

double relDiff(const Matrix& a, const Matrix& b) {
    const double scale = std::max(b.norm(), 1e-300);
    return (a - b).norm() / scale;
}

DatasetSplit blobs() {
    SyntheticOptions o;
    o.kind = "blobs";
    o.classes = 3;
    o.samples = 400;
    o.noise = 0.1;
    o.seed = 3;
    Dataset all;
    makeSynthetic(o, &all, nullptr);
    return splitDataset(all, 0.6, 0.2, 4);
}

}  // namespace

class TestKernels : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void variantMatchesBaseline_data();
    void variantMatchesBaseline();
};

void TestKernels::initTestCase() {
    // The calls through the public functions run the baseline; the variants are called through
    // their tables directly.
    qputenv("EQUILAB_KERNELS", "baseline");
    QCOMPARE(QString::fromStdString(kernels::activeIsa()), QStringLiteral("baseline"));
}

void TestKernels::variantMatchesBaseline_data() {
    QTest::addColumn<QString>("isa");
    const auto isas = kernels::builtIsas();
    if (isas.empty())
        QSKIP("this build has no kernel variants (EQUILAB_NATIVE or a sanitizer build)");
    for (const std::string& isa : isas) QTest::newRow(isa.c_str()) << QString::fromStdString(isa);
}

void TestKernels::variantMatchesBaseline() {
    QFETCH(QString, isa);
    __builtin_cpu_init();
    const bool supported = (isa == "x86-64-v2" && __builtin_cpu_supports("x86-64-v2")) ||
                           (isa == "x86-64-v3" && __builtin_cpu_supports("x86-64-v3")) ||
                           (isa == "x86-64-v4" && __builtin_cpu_supports("x86-64-v4"));
    if (!supported) QSKIP("this CPU does not support the level");
    const kernels::KernelTable* table = kernels::loadVariant(isa.toStdString());
    QVERIFY2(table, "the variant's shared object is missing or does not match this build");
    QCOMPARE(QString(table->isa), isa);

    const Problem p = problem(7);
    // Drive and forward solve, double: fixed T and to a tolerance.
    const Matrix U = computeDrive<double>(p.params.B, p.params.c, p.X);
    QVERIFY(relDiff(table->d.computeDrive(p.params.B, p.params.c, p.X), U) < 1e-14);
    for (bool fixed : {true, false}) {
        BatchSolveOptions<double> fo;
        fo.fixed_iterations = fixed;
        fo.max_iterations = fixed ? 20 : 500;
        fo.tolerance = 1e-11;
        const auto base = solveBatch<double>(p.params.A, U, fo);
        const auto var = table->d.solveBatch(p.params.A, U, fo, Matrix());
        QVERIFY2(relDiff(var.W, base.W) < 1e-12,
                 qPrintable(QString::number(relDiff(var.W, base.W))));
        QVERIFY(var.termination == base.termination);
        QVERIFY(std::abs(var.iterations - base.iterations) <= 1);
    }
    // Every hypergradient method, double.
    for (auto method : {HypergradMethod::Itd, HypergradMethod::AidFp, HypergradMethod::AidCg,
                        HypergradMethod::Exact}) {
        HypergradOptions o;
        o.method = method;
        const auto base = hypergradient<double>(p.params, p.X, p.targets, o);
        HypergradWorkspace<double> ws;
        HypergradResult<double> var;
        table->d.hypergradientInto(p.params, p.X, p.targets, o, &ws, &var);
        const double err = relativeError(var.grad, base.grad);
        QVERIFY2(err < 1e-10, qPrintable(QString::fromStdString(toString(method)) + ": " +
                                         QString::number(err)));
        QVERIFY(std::abs(var.loss - base.loss) <= 1e-12 * std::abs(base.loss));
    }
    // ρ(diag(d) A) per input: the variant's Arnoldi against the baseline's and against the dense
    // eigensolver (the workspace is allocated on the variant's side and freed on this one).
    {
        const Matrix A = randomGaussian(120, 120, 0.9 / std::sqrt(120.0), 41);  // Arnoldi: n ≥ 32
        JacobianRadiusWorkspace ws;
        for (int k = 0; k < 3; ++k) {
            const Vector d =
                (1.0 - (0.3 * Vector::Random(A.rows()).array() * (k + 1)).square()).matrix();
            const JacobianRadius base = jacobianRadius(A, d);
            const JacobianRadius var = table->jacobianRadius(A, d, {}, &ws);
            QVERIFY(var.ok() && base.ok());
            const double dense = denseJacobianSpectralRadius(A, d);
            QVERIFY2(std::abs(var.rho - dense) <= 1e-9 * std::max(1.0, dense),
                     qPrintable(QString("variant %1, dense %2").arg(var.rho).arg(dense)));
            QVERIFY(std::abs(var.rho - base.rho) <= 1e-9 * std::max(1.0, dense));
        }
    }
    // Training steps in float: the variant's init and step drive a Trainer made here, so the
    // objects cross the boundary both ways (and are destroyed on this side).
    const DatasetSplit data = blobs();
    TrainerOptions to;
    to.hidden = 16;
    to.eval_every = 0;
    for (auto method : {HypergradMethod::Itd, HypergradMethod::AidCg}) {
        to.hypergrad.method = method;
        Trainer<float> base, var;
        std::string error;
        QVERIFY(base.init(to, data, &error));
        QVERIFY(table->f.trainerInit(&var, to, data, &error));
        for (int s = 0; s < 5; ++s) {
            const StepRecord rb = base.step();
            const StepRecord rv = table->f.trainerStep(&var);
            QVERIFY2(
                std::abs(rv.train_loss - rb.train_loss) <= 1e-4 * std::abs(rb.train_loss),
                qPrintable(
                    QString("step %1: %2 vs %3").arg(s).arg(rv.train_loss).arg(rb.train_loss)));
        }
        QVERIFY(relativeError(var.params(), base.params()) < 1e-3);
        // The rest of the Trainer (baseline code) works on what the variant built.
        const auto [lossB, accB] = base.evaluate(data.test);
        const auto [lossV, accV] = var.evaluate(data.test);
        QVERIFY(std::abs(lossV - lossB) <= 1e-3 * std::abs(lossB));
        QCOMPARE(accV, accB);
    }
}

QTEST_MAIN(TestKernels)
#include "tst_kernels.moc"
