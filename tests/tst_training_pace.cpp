// Training you can watch: the speed control bounds the steps per second within 20 % (measured
// here with QElapsedTimer over two seconds, through the slider), the GUI thread stays responsive
// while the worker waits, and in a paused run one click of Step trains exactly one step.
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QtTest>

#include "ui/training/training_controller.h"
#include "ui/training/training_pace_bar.h"

using namespace equilab;

namespace {

int latestStep(const TrainingController& c) {
    if (c.runs().empty() || c.runs().back().records.empty()) return 0;
    return c.runs().back().records.back().step;
}

TrainingConfig longRun() {
    TrainingConfig c;
    c.data.dataset = "moons";
    c.trainer.steps = 100000;  // far more than the test waits for
    return c;
}

}  // namespace

class TestTrainingPace : public QObject {
    Q_OBJECT
  private slots:
    void speedBoundsStepsPerSecond_data();
    void speedBoundsStepsPerSecond();
    void stepAdvancesExactlyOneStep();
};

void TestTrainingPace::speedBoundsStepsPerSecond_data() {
    QTest::addColumn<double>("rate");
    QTest::newRow("5 steps/s") << 5.0;
    QTest::newRow("20 steps/s") << 20.0;
    QTest::newRow("50 steps/s") << 50.0;
}

void TestTrainingPace::speedBoundsStepsPerSecond() {
    QFETCH(double, rate);
    if (EQUILAB_TEST_SLOWDOWN > 1 && rate > 20)
        QSKIP("sanitizer build: one step takes longer than the period at this rate");
    TrainingController controller;
    QPushButton pause;
    pause.setCheckable(true);
    TrainingPaceBar bar(&controller, &pause);
    bar.setStepsPerSecond(rate);
    QCOMPARE(controller.stepsPerSecond(), rate);  // the slider has this rate as a position
    QString error;
    QVERIFY2(controller.start(longRun(), &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(latestStep(controller) >= 2, 10000);  // past the start-up
    // Steps counted over a window of at least 2 s (15 steps at 5/s), measured here.
    const double window_ms = std::max(2000.0, 15 * 1000 / rate);
    QElapsedTimer clock;
    clock.start();
    const int s0 = latestStep(controller);
    qint64 last = 0, worstGap = 0;
    while (clock.elapsed() < window_ms) {
        QTest::qWait(5);
        worstGap = std::max(worstGap, clock.elapsed() - last);
        last = clock.elapsed();
    }
    const int s1 = latestStep(controller);
    const double measured = (s1 - s0) * 1000.0 / static_cast<double>(clock.elapsed());
    qInfo("setting %g steps/s: measured %.2f steps/s over %lld ms", rate, measured,
          static_cast<long long>(clock.elapsed()));
    QVERIFY2(std::abs(measured / rate - 1) <= 0.2,
             qPrintable(QString("%1 steps/s measured at a setting of %2").arg(measured).arg(rate)));
    // The worker waits, the GUI thread does not.
    QVERIFY2(worstGap < 250 * EQUILAB_TEST_SLOWDOWN,
             qPrintable(QString("event loop stalled %1 ms").arg(worstGap)));
    controller.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 10000);
}

void TestTrainingPace::stepAdvancesExactlyOneStep() {
    TrainingController controller;
    QPushButton pause;
    pause.setCheckable(true);
    QObject::connect(&pause, &QPushButton::toggled, &controller, &TrainingController::setPaused);
    TrainingPaceBar bar(&controller, &pause);
    QCOMPARE(controller.stepsPerSecond(), 0.0);  // unthrottled by default
    QVERIFY(
        bar.stepButton()->isEnabled());  // before a run, Step starts one paused (tst_no_surprises)
    QString error;
    QVERIFY2(controller.start(longRun(), &error), qPrintable(error));
    QVERIFY(bar.stepButton()->isEnabled());
    QTRY_VERIFY_WITH_TIMEOUT(latestStep(controller) >= 5, 10000);
    // The first click pauses.
    QTest::mouseClick(bar.stepButton(), Qt::LeftButton);
    QVERIFY(pause.isChecked());
    QVERIFY(controller.isPaused());
    // The step under way finishes and is reported; then nothing moves (under load the report
    // can take longer than one wait, so wait until the count holds still for 300 ms).
    int s = -1;
    for (int tries = 0; tries < 30 && latestStep(controller) != s; ++tries) {
        s = latestStep(controller);
        QTest::qWait(300);
    }
    QCOMPARE(latestStep(controller), s);  // paused: nothing moves
    for (int click = 0; click < 3; ++click) {
        QTest::mouseClick(bar.stepButton(), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(latestStep(controller), s + 1, 10000);
        QTest::qWait(300);
        QCOMPARE(latestStep(controller), s + 1);  // exactly one
        s += 1;
    }
    // The decision boundary follows each single step.
    QTRY_COMPARE_WITH_TIMEOUT(controller.lastSnapshot().step, s, 10000);
    controller.stop();
    QTRY_VERIFY_WITH_TIMEOUT(!controller.isRunning(), 10000);
}

QTEST_MAIN(TestTrainingPace)
#include "tst_training_pace.moc"
