// The bilevel trainer: it learns, keeps A contractive, and stops cleanly on non-finite values.
#include <QtTest>

#include <QElapsedTimer>

#include "core/model/model.h"
#include "core/training/trainer.h"
#include "tests/test_support.h"

using namespace equilab;

Q_DECLARE_METATYPE(equilab::HypergradMethod)
Q_DECLARE_METATYPE(equilab::ParametrizationKind)

namespace {
DatasetSplit moons(unsigned seed) {
    SyntheticOptions o;
    o.samples = 600;
    o.noise = 0.1;
    o.seed = seed;
    Dataset all;
    makeSynthetic(o, &all, nullptr);
    return splitDataset(all, 0.6, 0.2, seed + 1);
}
}  // namespace

class TestTrainer : public QObject {
    Q_OBJECT
  private slots:
    void learnsMoons_data();
    void learnsMoons();
    void parametrizationKeepsAContractive_data();
    void parametrizationKeepsAContractive();
    void nonFiniteStopsWithFiniteParameters();
    void recordsEveryStep();
    void invalidOptionsAreRejected();
    void regressionReportsRmse();
};

void TestTrainer::learnsMoons_data() {
    QTest::addColumn<HypergradMethod>("method");
    QTest::newRow("itd") << HypergradMethod::Itd;
    QTest::newRow("aid-fp") << HypergradMethod::AidFp;
    QTest::newRow("aid-cg") << HypergradMethod::AidCg;
    QTest::newRow("jfb") << HypergradMethod::Jfb;
}

void TestTrainer::learnsMoons() {
    QFETCH(HypergradMethod, method);
    TrainerOptions o;
    o.hypergrad.method = method;
    o.hidden = 20;
    // The release pass trains to the accuracy target; the sanitizer passes (8× slower) run the
    // same loop for 200 steps, which reaches every line of it, and check only that it learns.
    const bool sanitizer = EQUILAB_TEST_SLOWDOWN > 1;
    o.steps = sanitizer ? 200 : 1000;
    o.parametrization.radius = 0.9;
    o.eval_every = 100;
    Trainer<double> t;
    std::string error;
    QVERIFY2(t.init(o, moons(1), &error), error.c_str());
    QElapsedTimer timer;
    timer.start();
    const TrainingSummary s = t.run();
    qInfo("%s: test accuracy %.4f in %lld ms", toString(method).c_str(), s.test_accuracy,
          timer.elapsed());
    QCOMPARE_ENUM(s.status, TrainStatus::Finished);
    QCOMPARE(int(s.history.size()), o.steps);
    if (sanitizer) {
        QVERIFY(s.history.back().train_loss < s.history.front().train_loss);
        return;
    }
    QVERIFY(s.test_accuracy >= 0.95);
    QVERIFY(s.history.back().train_loss < s.history.front().train_loss / 5);
}

void TestTrainer::parametrizationKeepsAContractive_data() {
    QTest::addColumn<ParametrizationKind>("kind");
    QTest::newRow("spectral_ball") << ParametrizationKind::SpectralBall;
    QTest::newRow("spectral_norm") << ParametrizationKind::SpectralNorm;
    QTest::newRow("householder") << ParametrizationKind::Householder;
    QTest::newRow("householder_svd") << ParametrizationKind::HouseholderSvd;
}

void TestTrainer::parametrizationKeepsAContractive() {
    QFETCH(ParametrizationKind, kind);
    TrainerOptions o;
    o.parametrization = {kind, 0.8, 0};
    o.hidden = 10;
    o.steps = 150;
    o.init_scale = 0.5;  // start large so the constraint is active
    o.optimizer.learning_rate = 1.0;
    Trainer<double> t;
    QVERIFY(t.init(o, moons(2), nullptr));
    const TrainingSummary s = t.run();
    QCOMPARE_ENUM(s.status, TrainStatus::Finished);
    for (const StepRecord& r : s.history)
        QVERIFY2(r.norm_A <= 0.8 + 1e-9, qPrintable(QString::number(r.norm_A)));
    QVERIFY(spectralNorm(t.params().A) <= 0.8 + 1e-9);
    QVERIFY(s.test_accuracy > 0.8);  // and it still learns
}

void TestTrainer::nonFiniteStopsWithFiniteParameters() {
    // Finite but enormous readout weights: the logits overflow to ±∞ and the softmax gives
    // ∞ − ∞ = NaN, whatever the compiler flags. Training must stop with a reason and keep the
    // last finite parameters.
    TrainerOptions o;
    o.steps = 50;
    Trainer<double> t;
    QVERIFY(t.init(o, moons(3), nullptr));
    ModelParams<double> p = t.params();
    p.Wout.setConstant(1e308);
    p.Wout.row(1) *= -1;
    t.setParams(p);
    const TrainingSummary s = t.run();
    QCOMPARE_ENUM(s.status, TrainStatus::NonFinite);
    QVERIFY2(QString::fromStdString(s.message).contains("last finite"), s.message.c_str());
    QCOMPARE(s.history.size(), size_t(1));
    QVERIFY(t.params().allFinite());
    QVERIFY(t.params().Wout == p.Wout);  // untouched by the failed step
    QVERIFY(s.test_accuracy >= 0);
}

void TestTrainer::recordsEveryStep() {
    TrainerOptions o;
    o.steps = 7;
    o.eval_every = 2;
    Trainer<float> t;
    QVERIFY(t.init(o, moons(4), nullptr));
    int calls = 0;
    const TrainingSummary s = t.run([&](const StepRecord&) {
        return ++calls == 5 ? CallbackReturn::Abort : CallbackReturn::Continue;
    });
    QCOMPARE_ENUM(s.status, TrainStatus::Stopped);
    QCOMPARE(s.history.size(), size_t(5));
    QVERIFY(s.history[1].val_accuracy >= 0);  // step 2 evaluated
    QVERIFY(s.history[2].val_accuracy < 0);   // step 3 not
    QCOMPARE(s.history[0].forward_iterations, 20);
    QVERIFY(s.test_accuracy >= 0);
    QVERIFY(t.params().allFinite());
}

void TestTrainer::invalidOptionsAreRejected() {
    Trainer<double> t;
    std::string error;
    TrainerOptions o;
    o.hypergrad.T = 0;
    QVERIFY(!t.init(o, moons(5), &error));
    QVERIFY(QString::fromStdString(error).contains("T (forward iterations)"));
    o = TrainerOptions{};
    o.optimizer.learning_rate = -1;
    QVERIFY(!t.init(o, moons(5), &error));
    QVERIFY(QString::fromStdString(error).contains("learning rate"));
    DatasetSplit empty;
    QVERIFY(!t.init(TrainerOptions{}, empty, &error));
    QVERIFY(QString::fromStdString(error).contains("empty"));
}

QTEST_APPLESS_MAIN(TestTrainer)
void TestTrainer::regressionReportsRmse() {
    // --task regression: y = 0.6·x₀ − 0.4·x₁ on 300 points. The reported test RMSE must equal the
    // RMSE computed here from the trained parameters with a plain T-step Picard loop, and training
    // must bring it well below the spread of the targets.
    Dataset all;
    all.regression = true;
    all.classes = 1;
    all.X = randomGaussian(2, 300, 1.0, 11);
    all.labels = IndexVector::Zero(300);
    all.targets = 0.6 * all.X.row(0) - 0.4 * all.X.row(1);
    const DatasetSplit split = splitDataset(all, 0.6, 0.2, 5);
    TrainerOptions o;
    o.hidden = 8;
    o.steps = 400;
    o.optimizer.learning_rate = 0.2;
    o.parametrization.radius = 0.5;
    Trainer<double> t;
    std::string error;
    QVERIFY2(t.init(o, split, &error), error.c_str());
    QVERIFY(t.regression());
    const TrainingSummary s = t.run();
    QVERIFY2(s.status == TrainStatus::Finished, s.message.c_str());
    QVERIFY(s.history.back().train_rmse >= 0);
    QVERIFY(s.history.back().val_rmse >= 0);
    const ModelParams<double>& p = t.params();
    double sq = 0;
    for (Index i = 0; i < split.test.size(); ++i) {
        Vector w = Vector::Zero(o.hidden);
        for (int k = 0; k < o.hypergrad.T; ++k)
            w = (p.A * w + p.B * split.test.X.col(i) + p.c).array().tanh().matrix();
        const double z = (p.Wout * w + p.bout)(0);
        sq += (z - split.test.targets(0, i)) * (z - split.test.targets(0, i));
    }
    const double rmse = std::sqrt(sq / split.test.size());
    QVERIFY2(std::abs(s.test_rmse - rmse) <= 1e-10 * (1 + rmse),
             qPrintable(QString("%1 vs %2").arg(s.test_rmse).arg(rmse)));
    const double spread =
        std::sqrt((split.test.targets.array() - split.test.targets.mean()).square().mean());
    qInfo("test RMSE %.4g, target spread %.4g", rmse, spread);
    QVERIFY(rmse < 0.2 * spread);
    QCOMPARE(s.test_accuracy, -1.0);  // no accuracy for regression
}

#include "tst_trainer.moc"
