// A teacher's own lessons: `equilab-cli check-lesson FILE` on the lesson written by following
// docs/LESSONS.md (its worked example, taken from the document itself), on the same lesson with
// one false claim, on malformed files, and on two built-in lessons (the others run through the
// window in tst_lessons).
#include <QtTest>

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QTemporaryDir>

#include "tests/cli_runner.h"

namespace {

QString dataFile(const QString& name) {
    return QStringLiteral(EQUILAB_TEST_DATA_DIR "/") + name;
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// The worked example of docs/LESSONS.md: its one ```json block.
QByteArray workedExample() {
    const QString doc = QString::fromUtf8(readAll(QStringLiteral(EQUILAB_DOCS_DIR "/LESSONS.md")));
    const QRegularExpression block(QStringLiteral("```json\\n(.*?)```"),
                                   QRegularExpression::DotMatchesEverythingOption);
    return block.match(doc).captured(1).toUtf8();
}

}  // namespace

class TestCheckLesson : public QObject {
    Q_OBJECT
  private slots:
    void documentedExamplePasses();
    void falseClaimFails();
    void malformed_data();
    void malformed();
    void builtinLessons_data();
    void builtinLessons();
    void quantitiesAreDocumented();
};

void TestCheckLesson::documentedExamplePasses() {
    // The example in the document is the test file, byte for byte: what passes here is what a
    // teacher following the document writes.
    const QByteArray example = workedExample();
    QVERIFY(!example.isEmpty());
    QCOMPARE(example.trimmed(), readAll(dataFile("lesson-own.json")).trimmed());
    const Run r = cli({"check-lesson", dataFile("lesson-own.json"), "--json"});
    QVERIFY2(r.code == 0, r.out + r.err);
    const QJsonObject o = r.json();
    QCOMPARE(o.value("ok").toBool(), true);
    QCOMPARE(o.value("failures").toInt(), 0);
    QCOMPARE(o.value("tries").toInt(), 2);
    // Every claim of the file was checked: 5 about the opening state, 4 + 3 after the Tries.
    QCOMPARE(o.value("claims").toInt(), 12);
    QSet<QString> where;
    for (const QJsonValue& v : o.value("results").toArray())
        where.insert(v.toObject().value("where").toString());
    QCOMPARE(where, (QSet<QString>{"opening", "try:half", "try:anderson"}));
    // The text form says the same, one line per claim.
    const Run text = cli({"check-lesson", dataFile("lesson-own.json")});
    QCOMPARE(text.code, 0);
    QCOMPARE(text.out.count("\n    ok"), 12);
    QVERIFY(text.out.contains("12 claims, 0 fail"));
}

void TestCheckLesson::falseClaimFails() {
    // The same lesson with one claim made false (after the Try "half", ‖A‖₂ is said to be 0.5).
    const QByteArray good = readAll(dataFile("lesson-own.json"));
    const QByteArray bad = readAll(dataFile("lesson-own-false.json"));
    QCOMPARE(bad.count("0.5, \"sig\": 2"), 1);
    QCOMPARE(QByteArray(bad).replace("0.5, \"sig\": 2", "0.4, \"sig\": 2"), good);
    const Run r = cli({"check-lesson", dataFile("lesson-own-false.json"), "--json"});
    QCOMPARE(r.code, 3);
    const QJsonObject o = r.json();
    QCOMPARE(o.value("ok").toBool(), false);
    QCOMPARE(o.value("failures").toInt(), 1);
    for (const QJsonValue& v : o.value("results").toArray()) {
        const QJsonObject c = v.toObject();
        if (c.value("ok").toBool()) continue;
        QCOMPARE(c.value("where").toString(), QStringLiteral("try:half"));
        QCOMPARE(c.value("quantity").toString(), QStringLiteral("normA"));
        QVERIFY(c.value("claimed").toString().contains("0.5"));
        QCOMPARE(c.value("measured").toString().toDouble(), 0.4);  // A scaled to ‖A‖₂ = 0.4
    }
    // Without --json: the failing claim is named with both values, and stderr says how many.
    const Run text = cli({"check-lesson", dataFile("lesson-own-false.json")});
    QCOMPARE(text.code, 3);
    QVERIFY2(text.out.contains("FAILS normA = 0.400000 (claim: normA = 0.5"), text.out.constData());
    QVERIFY(text.err.contains("1 of 12 claims fail"));
}

void TestCheckLesson::malformed_data() {
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");
    const QByteArray scenario = readAll(dataFile("lesson-own.json"));
    auto edited = [&](const char* from, const char* to) {
        QByteArray b = scenario;
        return b.replace(from, to);
    };
    QTest::newRow("not JSON") << QByteArray("{\"version\": 1,") << "line";
    QTest::newRow("no lesson block")
        << readAll(dataFile("verdict-converged.json")) << "no \"lesson\" block";
    QTest::newRow("unknown quantity")
        << edited("\"eigA.complex\"", "\"eigA.imaginary\"") << "unknown quantity";
    QTest::newRow("no comparison")
        << edited("\"equals\": 31}", "\"exactly\": 31}") << "no comparison";
    QTest::newRow("unknown action")
        << edited("{\"scale_A\": 0.4}", "{\"rescale\": 0.4}") << "unknown action";
    QTest::newRow("link to no try") << edited("try:anderson", "try:broyden") << "which is not in";
    QTest::newRow("unknown placeholder")
        << edited("{{rate:2}}", "{{speed:2}}") << "unknown placeholders";
}

void TestCheckLesson::malformed() {
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.json");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(json);
    f.close();
    const Run r = cli({"check-lesson", path});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.contains(reason.toUtf8()), r.err.constData());
    QCOMPARE(r.err.count("equilab-cli:"), 1);
    QVERIFY(r.out.isEmpty());
}

// Every built-in lesson's claims are checked through the window by tst_lessons (the same claim
// engine, observation and Try actions). Here the CLI's own path — a Part per opening and Try,
// its waits and its hooks — runs end to end on two lessons that reach every kind of wait but
// training: (f) the hypergradient study and Tries that edit the Training dock, (i) the
// bifurcation diagram and a Try that edits w₀ (the solve and analysis waits and the
// scale and solver Tries run in documentedExamplePasses). The training hook is left to
// tst_lessons (g, h): a run of (h) costs 9 s of CPU here.
void TestCheckLesson::builtinLessons_data() {
    QTest::addColumn<QString>("file");
    const QJsonArray index =
        QJsonDocument::fromJson(readAll(QStringLiteral(EQUILAB_LESSONS_DIR "/index.json")))
            .object()
            .value("lessons")
            .toArray();
    QStringList ids;
    for (const QJsonValue& v : index) ids << v.toObject().value("id").toString();
    for (const QString& id :
         {QStringLiteral("f-hypergradients"), QStringLiteral("i-bifurcations")}) {
        QVERIFY2(ids.contains(id), qPrintable(id + " is not in index.json"));
        QTest::newRow(qPrintable(id)) << QStringLiteral(EQUILAB_LESSONS_DIR "/%1.json").arg(id);
    }
}

void TestCheckLesson::builtinLessons() {
    QFETCH(QString, file);
    const Run r = cli({"check-lesson", file, "--json"});
    QVERIFY2(r.code == 0, r.out + r.err);
    const QJsonObject o = r.json();
    QVERIFY(o.value("claims").toInt() > 0);
    QCOMPARE(o.value("failures").toInt(), 0);
}

void TestCheckLesson::quantitiesAreDocumented() {
    // docs/LESSONS.md names every quantity a claim may use (the CLI lists the table).
    const Run r = cli({"check-lesson", "--quantities"});
    QCOMPARE(r.code, 0);
    const QString doc = QString::fromUtf8(readAll(QStringLiteral(EQUILAB_DOCS_DIR "/LESSONS.md")));
    const QStringList lines = QString::fromUtf8(r.out).split('\n', Qt::SkipEmptyParts);
    QVERIFY(lines.size() > 30);
    for (const QString& line : lines) {
        const QString name = line.section('\t', 0, 0);
        QVERIFY2(doc.contains("`" + name + "`"), qPrintable(name + " is not in docs/LESSONS.md"));
    }
}

QTEST_MAIN(TestCheckLesson)
#include "tst_check_lesson.moc"
