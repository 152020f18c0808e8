// Every limit is declared once in core (#14): SolverLimits (solver.h), TrainingLimits,
// DataLimits and ParametrizationLimits (option_limits.h), the scenario's dimensions
// (scenario.h). The panels' widget ranges, the options' IsValid() messages, the scenario reader
// and the CLI's refusals must all say what core says: each check reads the limit from core and
// compares it with what the widget, the message or the CLI shows.
#include <QtTest>

#include "tests/test_support.h"

#include <QDoubleSpinBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSpinBox>
#include <QTemporaryDir>

#include "core/internal/option_limits.h"
#include "core/model/scenario.h"
#include "core/training/trainer.h"
#include "io/scenario_json.h"
#include "ui/panels/dimensions_panel.h"
#include "ui/panels/solver_panel.h"
#include "ui/training/training_panel.h"

using namespace equilab;

class TestLimits : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void limitText_data();
    void limitText();
    void widgetRangesAreTheCoreLimits();
    void coreMessagesNameTheLimits();
    void scenarioReaderNamesTheLimits();
    void cliRefusesAboveTheLimits_data();
    void cliRefusesAboveTheLimits();
};

void TestLimits::limitText_data() {
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");
    QTest::newRow("1e6") << 1e6 << "1e6";
    QTest::newRow("1e300") << 1e300 << "1e300";
    QTest::newRow("100") << 100.0 << "100";
    QTest::newRow("0.5") << 0.5 << "0.5";
    QTest::newRow("25000") << 25000.0 << "25000";
    QTest::newRow("1e-300") << 1e-300 << "1e-300";
    QTest::newRow("1.5e7") << 1.5e7 << "1.5e7";
}

void TestLimits::limitText() {
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(equilab::limitText(value)), text);
}

void TestLimits::widgetRangesAreTheCoreLimits() {
    TrainingPanel training;
    auto spin = [&](const char* name) { return training.findChild<QSpinBox*>(name); };
    auto dspin = [&](const char* name) { return training.findChild<QDoubleSpinBox*>(name); };
    for (const char* n : {"samples", "classes", "trainHidden", "T", "K", "steps"})
        QVERIFY2(spin(n), n);
    for (const char* n : {"noise", "learningRate", "momentum", "trainRadius"})
        QVERIFY2(dspin(n), n);
    QCOMPARE(spin("samples")->minimum(), DataLimits::kMinSamples);
    QCOMPARE(spin("samples")->maximum(), DataLimits::kMaxSamples);
    QCOMPARE(spin("classes")->minimum(), DataLimits::kMinClasses);
    QCOMPARE(spin("classes")->maximum(), DataLimits::kMaxClasses);
    QCOMPARE(dspin("noise")->maximum(), DataLimits::kMaxNoise);
    QCOMPARE(spin("trainHidden")->maximum(), TrainingLimits::kMaxHidden);
    QCOMPARE(spin("T")->maximum(), TrainingLimits::kMaxIterations);
    QCOMPARE(spin("K")->maximum(), TrainingLimits::kMaxIterations);
    QCOMPARE(spin("steps")->maximum(), TrainingLimits::kMaxSteps);
    QCOMPARE(dspin("learningRate")->maximum(), TrainingLimits::kMaxLearningRate);
    QCOMPARE(dspin("trainRadius")->maximum(), ParametrizationLimits::kMaxRadius);
    // Momentum: the core's limit at the spin box's resolution, still below 1.
    QDoubleSpinBox* m = dspin("momentum");
    QVERIFY(m->maximum() < 1.0 && m->maximum() <= TrainingLimits::kMaxMomentum);
    QVERIFY(TrainingLimits::kMaxMomentum - m->maximum() < std::pow(10.0, -m->decimals()));

    DimensionsPanel dims;
    QCOMPARE(dims.findChild<QSpinBox*>("hiddenDim")->maximum(), kMaxHiddenDim);
    QCOMPARE(dims.findChild<QSpinBox*>("inputDim")->maximum(), kMaxInputDim);
    SolverPanel solver;
    QSpinBox* memory = solver.findChild<QSpinBox*>("memory");
    QVERIFY(memory);
    QCOMPARE(memory->maximum(), SolverLimits::kMaxMemory);
}

void TestLimits::coreMessagesNameTheLimits() {
    std::string why;
    TrainerOptions t;
    t.steps = TrainingLimits::kMaxSteps + 1;
    QVERIFY(!t.IsValid(&why));
    QVERIFY2(why.find(std::to_string(TrainingLimits::kMaxSteps)) != std::string::npos, why.c_str());
    t = TrainerOptions{};
    t.hidden = TrainingLimits::kMaxHidden + 1;
    QVERIFY(!t.IsValid(&why));
    QVERIFY2(why.find(std::to_string(TrainingLimits::kMaxHidden)) != std::string::npos,
             why.c_str());
    t = TrainerOptions{};
    t.batch_size = TrainingLimits::kMaxBatchSize + 1;
    QVERIFY(!t.IsValid(&why));
    t = TrainerOptions{};
    t.hypergrad.K = TrainingLimits::kMaxIterations + 1;
    QVERIFY(!t.IsValid(&why));
    QVERIFY2(why.find(std::to_string(TrainingLimits::kMaxIterations)) != std::string::npos,
             why.c_str());
    t = TrainerOptions{};
    t.parametrization.reflections = ParametrizationLimits::kMaxReflections + 1;
    QVERIFY(!t.IsValid(&why));
    QVERIFY2(why.find(std::to_string(ParametrizationLimits::kMaxReflections)) != std::string::npos,
             why.c_str());
    // The limits themselves are accepted.
    t = TrainerOptions{};
    t.steps = TrainingLimits::kMaxSteps;
    t.hidden = TrainingLimits::kMaxHidden;
    t.hypergrad.K = TrainingLimits::kMaxIterations;
    QVERIFY2(t.IsValid(&why), why.c_str());
    // A scenario entry above the magnitude limit: the message prints the limit.
    Scenario s = defaultScenario();
    s.model.c(0) = 2 * kMaxEntryMagnitude;
    QVERIFY(!s.IsValid(&why));
    QVERIFY2(why.find(equilab::limitText(kMaxEntryMagnitude)) != std::string::npos, why.c_str());
}

void TestLimits::scenarioReaderNamesTheLimits() {
    QTemporaryDir dir;
    QJsonObject solver{{"max_iterations", SolverLimits::kMaxIterations + 1}};
    QJsonObject o{{"version", 1},
                  {"hidden_dim", 1},
                  {"input_dim", 1},
                  {"A", QJsonArray{QJsonArray{0.5}}},
                  {"B", QJsonArray{QJsonArray{1.0}}},
                  {"c", QJsonArray{0.0}},
                  {"x", QJsonArray{1.0}},
                  {"solver", solver}};
    const QString path = dir.filePath("s.json");
    auto write = [&](const QJsonObject& json) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QJsonDocument(json).toJson());
    };
    write(o);
    ScenarioFile file;
    QString error;
    QVERIFY(!loadScenarioFile(path, &file, &error));
    QVERIFY2(error.contains(QString::number(SolverLimits::kMaxIterations)), qPrintable(error));
    o["solver"] = QJsonObject{};
    o["hidden_dim"] = kMaxHiddenDim + 1;
    write(o);
    QVERIFY(!loadScenarioFile(path, &file, &error));
    QVERIFY2(error.contains(QString::number(kMaxHiddenDim)), qPrintable(error));
}

void TestLimits::cliRefusesAboveTheLimits_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("limit");
    const QString steps = QString::number(TrainingLimits::kMaxSteps);
    QTest::newRow("train --steps")
        << QStringList{"train", "--steps", QString::number(TrainingLimits::kMaxSteps + 1)} << steps;
    QTest::newRow("train --T") << QStringList{"train", "--T",
                                              QString::number(TrainingLimits::kMaxIterations + 1)}
                               << QString::number(TrainingLimits::kMaxIterations);
    QTest::newRow("train --hidden")
        << QStringList{"train", "--hidden", QString::number(TrainingLimits::kMaxHidden + 1)}
        << QString::number(TrainingLimits::kMaxHidden);
    QTest::newRow("train --samples")
        << QStringList{"train", "--samples", QString::number(DataLimits::kMaxSamples + 1)}
        << QString::number(DataLimits::kMaxSamples);
    QTest::newRow("generate --hidden")
        << QStringList{"generate", "--hidden", QString::number(kMaxHiddenDim + 1)}
        << QString::number(kMaxHiddenDim);
    QTest::newRow("generate --input")
        << QStringList{"generate", "--input", QString::number(kMaxInputDim + 1)}
        << QString::number(kMaxInputDim);
    QTest::newRow("solve --max-iterations")
        << QStringList{"solve", "--max-iterations",
                       QString::number(SolverLimits::kMaxIterations + 1)}
        << QString::number(SolverLimits::kMaxIterations);
}

void TestLimits::cliRefusesAboveTheLimits() {
    QFETCH(QStringList, args);
    QFETCH(QString, limit);
    QProcess p;
    p.start(QStringLiteral(EQUILAB_CLI_PATH), args);
    QVERIFY(p.waitForFinished(60000));
    const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    QCOMPARE(p.exitCode(), 2);
    QVERIFY2(err.contains(limit), qPrintable(err));
    QCOMPARE(err.count('\n'), 0);  // one line
}

QTEST_MAIN(TestLimits)
#include "tst_limits.moc"
