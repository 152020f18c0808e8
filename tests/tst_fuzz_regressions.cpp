// Replays every fuzzing seed and every input that once crashed a reader (tests/fuzz/corpus and
// tests/fuzz/regressions) through the scenario, IDX and CSV readers: each must be accepted or
// rejected with a message, and what is accepted must be consistent.
#include <QtTest>

#include <QDirIterator>

#include "dataset.h"
#include "io/scenario_json.h"

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
    for (const char* target : {"scenario", "idx", "csv"})
        for (const char* kind : {"corpus", "regressions"}) {
            QDirIterator it(QStringLiteral(EQUILAB_FUZZ_DIR "/%1/%2").arg(kind, target), QDir::Files);
            while (it.hasNext()) {
                const QString f = it.next();
                QTest::newRow(qPrintable(QString("%1/%2").arg(target, QFileInfo(f).fileName()))) << QString(target) << f;
                ++count;
            }
        }
    QVERIFY(count >= 10);
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
        if (!parseScenario(bytes, &s, &error)) QVERIFY(!error.isEmpty());
        else QVERIFY(s.scenario.IsValid(nullptr));
    } else if (target == "idx") {
        IdxArray a;
        std::string error;
        if (!parseIdx(bytes.toStdString(), &a, &error)) QVERIFY(!error.empty());
    } else {
        Dataset d;
        std::string error;
        const std::string text = bytes.isEmpty() ? std::string() : bytes.mid(1).toStdString();
        if (!parseCsv(text, CsvOptions{}, &d, &error)) QVERIFY(!error.empty());
        else QCOMPARE(d.X.cols(), d.labels.size());
    }
}

QTEST_APPLESS_MAIN(TestFuzzRegressions)
#include "tst_fuzz_regressions.moc"
