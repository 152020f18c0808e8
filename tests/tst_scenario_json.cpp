// The scenario file: exact round trips, unknown keys kept, and errors that name the field.
#include <QtTest>

#include "tests/test_support.h"

#include <QJsonDocument>
#include <QTemporaryDir>

#include "io/scenario_json.h"

using namespace equilab;

class TestScenarioJson : public QObject {
    Q_OBJECT
  private slots:
    void roundTripIsExact_data();
    void roundTripIsExact();
    void unknownKeysAreKept();
    void minimalFileUsesDefaults();
    void badInputNamesTheField_data();
    void badInputNamesTheField();
    void failedLoadLeavesTargetUnchanged();
    void saveReplacesAtomically();
};

void TestScenarioJson::roundTripIsExact_data() {
    QTest::addColumn<int>("n");
    QTest::addColumn<int>("d");
    QTest::newRow("default 2×2") << 0 << 0;
    QTest::newRow("n=1 d=1") << 1 << 1;
    QTest::newRow("n=17 d=5") << 17 << 5;
    QTest::newRow("n=64 d=30") << 64 << 30;
}

void TestScenarioJson::roundTripIsExact() {
    QFETCH(int, n);
    QFETCH(int, d);
    ScenarioFile f;
    f.scenario = n ? randomScenario(n, d, 123) : defaultScenario();
    f.scenario.solver.method = SolverMethod::Anderson;
    f.scenario.solver.tolerance = 3.7e-9;
    f.scenario.solver.memory = 7;
    f.scenario.parametrization = {ParametrizationKind::Householder, 0.95, 3};
    QTemporaryDir dir;
    const QString path = dir.filePath("s.json");
    QString error;
    QVERIFY2(saveScenarioFile(path, f, &error), qPrintable(error));
    ScenarioFile g;
    QVERIFY2(loadScenarioFile(path, &g, &error), qPrintable(error));
    // Bit-for-bit equality of every number.
    QVERIFY(g.scenario.model.A == f.scenario.model.A);
    QVERIFY(g.scenario.model.B == f.scenario.model.B);
    QVERIFY(g.scenario.model.c == f.scenario.model.c);
    QVERIFY(g.scenario.x == f.scenario.x);
    QVERIFY(g.scenario.w0 == f.scenario.w0);
    QCOMPARE_ENUM(g.scenario.solver.method, SolverMethod::Anderson);
    QCOMPARE(g.scenario.solver.tolerance, 3.7e-9);
    QCOMPARE(g.scenario.solver.memory, 7);
    QCOMPARE_ENUM(g.scenario.parametrization.kind, ParametrizationKind::Householder);
    QCOMPARE(g.scenario.parametrization.radius, 0.95);
    QCOMPARE(g.scenario.parametrization.reflections, 3);
    QCOMPARE(serializeScenario(g), serializeScenario(f));
}

void TestScenarioJson::unknownKeysAreKept() {
    ScenarioFile f;
    f.scenario = defaultScenario();
    QJsonObject o = QJsonDocument::fromJson(serializeScenario(f)).object();
    o["future_feature"] = QJsonObject{{"level", 3}};
    ScenarioFile g;
    QString error;
    QVERIFY2(parseScenario(QJsonDocument(o).toJson(), &g, &error), qPrintable(error));
    QCOMPARE(g.extra.value("future_feature").toObject().value("level").toInt(), 3);
    const QJsonObject back = QJsonDocument::fromJson(serializeScenario(g)).object();
    QCOMPARE(back.value("future_feature").toObject().value("level").toInt(), 3);
}

void TestScenarioJson::minimalFileUsesDefaults() {
    const QByteArray json = R"({"version":1,"hidden_dim":1,"input_dim":1,
        "A":[[0.5]],"B":[[1]],"c":[0],"x":[2]})";
    ScenarioFile f;
    QString error;
    QVERIFY2(parseScenario(json, &f, &error), qPrintable(error));
    QCOMPARE_ENUM(f.scenario.solver.method, SolverMethod::Picard);
    QCOMPARE(f.scenario.solver.tolerance, SolverOptions{}.tolerance);
    QCOMPARE(f.scenario.w0.size(), Index(0));
}

void TestScenarioJson::badInputNamesTheField_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected");
    const QByteArray ok =
        R"("version":1,"hidden_dim":2,"input_dim":1,"B":[[1],[2]],"c":[0,0],"x":[1])";
    QTest::newRow("not json") << QByteArray("{\"version\": 1,\n \"A\": [1,,]}") << "line 2, column";
    QTest::newRow("not an object") << QByteArray("[1,2]") << "must be a JSON object";
    QTest::newRow("missing version") << QByteArray(R"({"hidden_dim":1})") << "version: missing";
    QTest::newRow("unknown version")
        << QByteArray(R"({"version":7})") << "version: 7 is not supported";
    QTest::newRow("ragged A") << "{" + ok + R"(,"A":[[0.1,0.2],[0.3]]})"
                              << "A[1]: expected 2 entries";
    QTest::newRow("A wrong rows") << "{" + ok + R"(,"A":[[0.1,0.2]]})"
                                  << "A: expected 2 rows";
    QTest::newRow("string cell") << "{" + ok + R"(,"A":[[0.1,"x"],[0,0]]})"
                                 << "A[0][1]: expected a number";
    QTest::newRow("huge cell") << "{" + ok + R"(,"A":[[1e300,0],[0,0]]})"
                               << "A[0][0]: magnitude";
    QTest::newRow("hidden zero") << QByteArray(R"({"version":1,"hidden_dim":0})")
                                 << "hidden_dim: 0 is out of range";
    QTest::newRow("hidden fraction")
        << QByteArray(R"({"version":1,"hidden_dim":1.5})") << "hidden_dim: expected an integer";
    QTest::newRow("bad solver") << "{" + ok + R"(,"A":[[0,0],[0,0]],"solver":{"method":"magic"}})"
                                << "solver.method: unknown method \"magic\"";
    QTest::newRow("bad tolerance") << "{" + ok + R"(,"A":[[0,0],[0,0]],"solver":{"tolerance":-1}})"
                                   << "solver.tolerance";
    QTest::newRow("bad kind") << "{" + ok + R"(,"A":[[0,0],[0,0]],"parametrization":{"kind":"x"}})"
                              << "parametrization.kind";
    QTest::newRow("w0 short") << "{" + ok + R"(,"A":[[0,0],[0,0]],"w0":[1]})"
                              << "w0: expected 2 entries";
}

void TestScenarioJson::badInputNamesTheField() {
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    ScenarioFile f;
    f.scenario = defaultScenario();
    const QByteArray before = serializeScenario(f);
    QString error;
    QVERIFY(!parseScenario(json, &f, &error));
    QVERIFY2(error.contains(expected), qPrintable("got: " + error));
    QCOMPARE(serializeScenario(f), before);  // the target is untouched
}

void TestScenarioJson::failedLoadLeavesTargetUnchanged() {
    ScenarioFile f;
    f.scenario = defaultScenario();
    QString error;
    QVERIFY(!loadScenarioFile("/nonexistent/dir/s.json", &f, &error));
    QVERIFY(error.contains("cannot open"));
    QVERIFY(f.scenario.model.A == defaultScenario().model.A);
}

void TestScenarioJson::saveReplacesAtomically() {
    QTemporaryDir dir;
    const QString path = dir.filePath("s.json");
    ScenarioFile f;
    f.scenario = defaultScenario();
    QString error;
    QVERIFY(saveScenarioFile(path, f, &error));
    QVERIFY(!saveScenarioFile(dir.filePath("missing/s.json"), f, &error));
    QVERIFY2(error.contains("No such file or directory") && error.contains("nothing was written"),
             qPrintable(error));
    ScenarioFile g;
    QVERIFY(loadScenarioFile(path, &g, &error));
}

QTEST_APPLESS_MAIN(TestScenarioJson)
#include "tst_scenario_json.moc"
