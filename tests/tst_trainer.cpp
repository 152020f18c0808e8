// The bilevel trainer: it learns, keeps A contractive, and stops cleanly on non-finite values.
#include <QtTest>

#include <QElapsedTimer>

#include "model.h"
#include "test_support.h"
#include "trainer.h"

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
};

void TestTrainer::learnsMoons_data() {
    QTest::addColumn<HypergradMethod>("method");
    QTest::newRow("itd") << HypergradMethod::Itd;
    QTest::newRow("aid-fp") << HypergradMethod::AidFp;
    QTest::newRow("aid-cg") << HypergradMethod::AidCg;
}

void TestTrainer::learnsMoons() {
    QFETCH(HypergradMethod, method);
    TrainerOptions o;
    o.hypergrad.method = method;
    o.hidden = 20;
    o.steps = 1000;
    o.parametrization.radius = 0.9;
    o.eval_every = 100;
    Trainer<double> t;
    std::string error;
    QVERIFY2(t.init(o, moons(1), &error), error.c_str());
    QElapsedTimer timer;
    timer.start();
    const TrainingSummary s = t.run();
    qInfo("%s: test accuracy %.4f in %lld ms", toString(method).c_str(), s.test_accuracy, timer.elapsed());
    QCOMPARE_ENUM(s.status, TrainStatus::Finished);
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
    for (const StepRecord& r : s.history) QVERIFY2(r.norm_A <= 0.8 + 1e-9, qPrintable(QString::number(r.norm_A)));
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
    QVERIFY(s.history[1].val_accuracy >= 0);   // step 2 evaluated
    QVERIFY(s.history[2].val_accuracy < 0);    // step 3 not
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
#include "tst_trainer.moc"
