// Generate A and resize off the GUI thread (#14): above n = 200 the new random entries are drawn
// on a worker; the document is unchanged until they arrive, then they are applied as one undo
// step. A newer request or any other change of the document makes a pending one stale.
#include <QtTest>

#include "tests/test_support.h"
#include "ui/workers/gui_thread_guard.h"

#include <QElapsedTimer>
#include <QTimer>

#include "core/model/generators.h"
#include "core/model/scenario.h"
#include "ui/document/document.h"
#include "ui/workers/generate_worker.h"

using namespace equilab;

namespace {

ScenarioFile fileOf(const Scenario& s) {
    ScenarioFile f;
    f.scenario = s;
    return f;
}

// Counts the ticks of a 1 ms timer on the GUI thread while the document generates.
struct TickCounter {
    QTimer timer;
    int ticksWhileGenerating = 0;
    explicit TickCounter(const Document* d) {
        timer.setInterval(1);
        QObject::connect(&timer, &QTimer::timeout, [this, d] {
            if (d->isGenerating()) ++ticksWhileGenerating;
        });
        timer.start();
    }
};

}  // namespace

class TestGenerate : public QObject {
    Q_OBJECT
  private slots:
    void generateAtFullSizeKeepsTheGuiTicking();
    void newerRequestSupersedes();
    void anEditCancelsThePendingRequest();
    void resizeOnTheWorker();
};

void TestGenerate::generateAtFullSizeKeepsTheGuiTicking() {
    Document d;
    d.reset(fileOf([] {  // the fixture, built on the test thread
        const AllowGuiThreadWork fixture;
        return randomScenario(kMaxHiddenDim, 10, 5);
    }()));
    const Matrix A0 = d.scenario().model.A;
    const unsigned seed = d.nextSeed();
    QSignalSpy progress(&d, &Document::generationChanged);
    TickCounter ticks(&d);
    d.generateA(MatrixGenerator::Random, 0.7, 0);
    // The call returns at once: nothing has changed yet, and the status says what is drawn.
    QVERIFY(d.isGenerating());
    QCOMPARE(d.undoStack()->count(), 0);
    QVERIFY(d.scenario().model.A == A0);
    QCOMPARE(progress.count(), 1);
    QVERIFY(progress.at(0).at(0).toString().contains(QStringLiteral("n = 2000")));
    QTRY_VERIFY(!d.isGenerating());
    // The GUI thread's event loop ran while the 4 million entries and their norm were computed.
    QVERIFY2(ticks.ticksWhileGenerating >= 5,
             qPrintable(QString::number(ticks.ticksWhileGenerating)));
    QCOMPARE(progress.count(), 2);
    QVERIFY(progress.at(1).at(0).toString().isEmpty());
    // What was applied is the core generator's matrix for that seed, computed here.
    const Matrix expected = [seed] {  // the reference, on the test thread
        const AllowGuiThreadWork reference;
        return generateMatrix(MatrixGenerator::Random, kMaxHiddenDim, 0.7, seed, 0);
    }();
    QVERIFY(d.scenario().model.A == expected);
    QCOMPARE(d.undoStack()->count(), 1);
    d.undoStack()->undo();
    QVERIFY(d.scenario().model.A == A0);  // bit for bit
    d.undoStack()->redo();
    QVERIFY(d.scenario().model.A == expected);
}

void TestGenerate::newerRequestSupersedes() {
    // The newer request arrives while the worker computes the older one (requested from the
    // worker's started() for it): the older one ends stale, retired without being applied,
    // whether the worker stopped it or finished it first; only the newer result is announced.
    GenerateController c;
    QSignalSpy finished(&c, &GenerateController::finished);
    QSignalSpy dropped(&c, &GenerateController::dropped);
    GenerateRequest older;
    older.generator = MatrixGenerator::Symmetric;
    older.hidden = 300;
    older.norm = 0.5;
    older.seed = 11;
    GenerateRequest newer;
    newer.generator = MatrixGenerator::Random;
    newer.hidden = 300;
    newer.norm = 0.6;
    newer.seed = 12;
    int started = 0;
    connect(&c, &GenerateController::started, &c, [&] {
        if (++started == 1) c.request(newer);
    });
    GenerateResult result;
    connect(&c, &GenerateController::finished, &c, [&] { result = c.takeResult(); });
    c.request(older);
    QTRY_COMPARE(dropped.count(), 1);
    QTRY_COMPARE(finished.count(), 1);
    QCOMPARE(started, 2);
    QVERIFY(!c.isBusy());
    const AllowGuiThreadWork reference;  // the core generator's matrix, on the test thread
    QVERIFY(result.A == generateMatrix(MatrixGenerator::Random, 300, 0.6, 12, 0));
    QCOMPARE(dropped.count(), 1);
}

void TestGenerate::anEditCancelsThePendingRequest() {
    Document d;
    d.setInlineGenerationUpTo(0);
    d.reset(fileOf([] {  // the fixture, built on the test thread
        const AllowGuiThreadWork fixture;
        return randomScenario(400, 4, 3);
    }()));
    const Matrix A0 = d.scenario().model.A;
    QSignalSpy cancelled(&d, &Document::generationCancelled);
    QSignalSpy dropped(&d, &Document::generationDropped);
    d.generateA(MatrixGenerator::Orthogonal, 0.9, 0);
    QVERIFY(d.isGenerating());
    QVERIFY(d.setEntry(Block::c, 1, 0, 0.25, nullptr));
    QVERIFY(!d.isGenerating());
    QCOMPARE(cancelled.count(), 1);
    // The worker retires the cancelled request (stopped, or finished and dropped): only then is
    // there nothing left that could arrive late.
    QTRY_COMPARE(dropped.count(), 1);
    QVERIFY(d.scenario().model.A == A0);  // the stale matrix was dropped
    QCOMPARE(d.undoStack()->count(), 1);  // only the cell edit
    QCOMPARE(d.scenario().model.c(1), 0.25);
}

void TestGenerate::resizeOnTheWorker() {
    Document d;
    d.setInlineGenerationUpTo(0);
    const Scenario before = randomScenario(50, 5, 7);
    d.reset(fileOf(before));
    const unsigned seed = d.nextSeed();
    QSignalSpy dims(&d, &Document::dimensionsChanged);
    QVERIFY(d.setDimensions(60, 7, nullptr));
    QCOMPARE(int(d.scenario().hiddenDim()), 50);  // unchanged until the result arrives
    QTRY_COMPARE(dims.count(), 1);
    const Scenario expected = resizedScenario(before, 60, 7, seed);
    const Scenario& s = d.scenario();
    QVERIFY(s.model.A == expected.model.A);
    QVERIFY(s.model.B == expected.model.B);
    QVERIFY(s.model.c == expected.model.c);
    QVERIFY(s.x == expected.x);
    // The overlap keeps what the user had.
    QVERIFY(s.model.B.topLeftCorner(50, 5) == before.model.B);
    d.undoStack()->undo();
    QVERIFY(d.scenario().model.A == before.model.A);
    QVERIFY(d.scenario().model.B == before.model.B);
    QVERIFY(d.scenario().x == before.x);
}

QTEST_MAIN(TestGenerate)
#include "tst_generate.moc"
