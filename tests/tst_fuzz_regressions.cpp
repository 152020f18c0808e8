// Replays every fuzzing seed and every input that once crashed a target (tests/fuzz/corpus and
// tests/fuzz/regressions, every target's folder) through the scenario, IDX and CSV readers and
// the structure-aware training case: each must be accepted or rejected with a message, and what
// is accepted must be consistent.
#include <QtTest>

#include <QDirIterator>

#include "core/data/dataset.h"
#include "io/scenario_json.h"
#include "tests/fuzz/model_case.h"
#include "tests/fuzz/training_case.h"

using namespace equilab;

class TestFuzzRegressions : public QObject {
    Q_OBJECT
  private slots:
    void replay_data();
    void replay();
};

void TestFuzzRegressions::replay_data() {
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("file");
    int count = 0;
    const QStringList targets = {"scenario", "idx", "csv", "training", "model"};
    // Every target folder is replayed: a folder without a branch below would fail the test.
    for (const QString& kind : {QStringLiteral("corpus"), QStringLiteral("regressions")})
        for (const QString& folder : QDir(QStringLiteral(EQUILAB_FUZZ_DIR "/") + kind)
                                         .entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            QVERIFY2(targets.contains(folder),
                     qPrintable(kind + "/" + folder + " is not replayed"));
    for (const QString& target : targets)
        for (const char* kind : {"corpus", "regressions"}) {
            QDirIterator it(QStringLiteral(EQUILAB_FUZZ_DIR "/%1/%2").arg(kind, target),
                            QDir::Files);
            while (it.hasNext()) {
                const QString f = it.next();
                QTest::newRow(
                    qPrintable(QString("%1/%2/%3").arg(kind, target, QFileInfo(f).fileName())))
                    << target << f;
                ++count;
            }
        }
    QVERIFY(count >= 20);
}

void TestFuzzRegressions::replay() {
    QFETCH(QString, target);
    QFETCH(QString, file);
    QFile f(file);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QByteArray bytes = f.readAll();
    if (target == "scenario") {
        ScenarioFile s;
        QString error;
        if (!parseScenario(bytes, &s, &error))
            QVERIFY(!error.isEmpty());
        else
            QVERIFY(s.scenario.IsValid(nullptr));
    } else if (target == "idx") {
        IdxArray a;
        std::string error;
        if (!parseIdx(bytes.toStdString(), &a, &error)) QVERIFY(!error.empty());
    } else if (target == "training") {
        const fuzz::TrainingCaseResult r = fuzz::runTrainingCase(
            reinterpret_cast<const uint8_t*>(bytes.constData()), static_cast<size_t>(bytes.size()));
        QVERIFY2(r.fault.empty(), r.fault.c_str());
        QVERIFY(r.trained || !r.refusal.empty());
        // The hand-written seeds (tests/fuzz/training_seeds.py) decode to what their names say.
        const QString name = QFileInfo(file).fileName();
        if (name.startsWith("valid-")) QVERIFY2(r.trained, r.refusal.c_str());
        if (name == "test-features-differ")
            QVERIFY(QString::fromStdString(r.refusal).contains("test split has 1 features"));
        if (name == "val-label-out-of-range")
            QVERIFY(QString::fromStdString(r.refusal).contains("label 255 at index 0"));
        if (name == "single-class")
            QVERIFY(QString::fromStdString(r.refusal).contains("at least two classes"));
        if (name == "exact-float32-timeout")
            QVERIFY(
                QString::fromStdString(r.refusal).contains("exact hypergradient is a reference"));
        if (name == "short-training-labels")
            QCOMPARE(QString::fromStdString(r.refusal),
                     QString("the training split has 12 samples but 2 labels"));
    } else if (target == "model") {
        const fuzz::ModelCaseResult r = fuzz::runModelCase(
            reinterpret_cast<const uint8_t*>(bytes.constData()), static_cast<size_t>(bytes.size()));
        QVERIFY2(r.fault.empty(), r.fault.c_str());
        QVERIFY(r.accepted || !r.refusal.empty());
        // The hand-made seeds (tests/fuzz/model_seeds.py) are read or refused as named.
        const QString name = QFileInfo(file).fileName();
        const QString refusal = QString::fromStdString(r.refusal);
        if (name.startsWith("valid-")) QVERIFY2(r.accepted, r.refusal.c_str());
        const std::pair<const char*, const char*> refused[] = {
            {"dup-names", "both hold array 'A'"},
            {"lzma-entries", "uses LZMA compression"},
            {"bzip2-entries", "uses bzip2 compression"},
            {"timeout-bzip2-hang", "uses bzip2 compression"},  // fuzz_model: minizip hung
            {"damaged-central-directory", "central directory"},
            {"bomb-declared-4GiB", "refused before inflating"},
            {"bomb-shape-8192", "above the limits"},
            {"meta-2MB", "meta: the zip entry declares"},
            {"meta-samples-negative", "dataset.samples: -5 is out of range"},
            {"meta-inject", "got \"diag\\nequilab-cli: FAKE"},
            {"npy-size-lies", "needs 32 bytes of data"}};
        for (const auto& [seed, message] : refused)
            if (name == seed) {
                QVERIFY(!r.accepted);
                QVERIFY2(refusal.contains(message), qPrintable(refusal));
            }
    } else {
        Dataset d;
        std::string error;
        const std::string text = bytes.isEmpty() ? std::string() : bytes.mid(1).toStdString();
        if (!parseCsv(text, CsvOptions{}, &d, &error))
            QVERIFY(!error.empty());
        else
            QCOMPARE(d.X.cols(), d.labels.size());
    }
}

QTEST_APPLESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
