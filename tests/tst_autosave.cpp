// Autosave and recovery: unsaved changes are written periodically on a worker thread from a
// snapshot, survive a crash (a window that never closed cleanly, or a process killed with
// SIGKILL), are offered and restored at the next start with or without a file argument, and a
// save removes the autosave. The autosave of a running window is never offered or deleted.
// The killed and the running "other window" are this test binary started again in child mode.
#include <QtTest>

#include "tests/test_support.h"

#include <QProcess>
#include <QTemporaryDir>

#include <cstdio>

#include "ui/document/autosave.h"
#include "ui/document/document.h"

using namespace equilab;

namespace {

constexpr double kChildEdit = 0.777;

// Child mode: open base, edit A(0,1), autosave, say "ready", then run until killed.
int runChild(int argc, char** argv) {
    QApplication app(argc, argv);
    Document doc;
    Autosave autosave(&doc, qEnvironmentVariable("EQUILAB_AUTOSAVE_CHILD"));
    QString error;
    if (!doc.open(qEnvironmentVariable("EQUILAB_AUTOSAVE_BASE"), &error)) return 1;
    if (!doc.setEntry(Block::A, 0, 1, kChildEdit, &error) || !autosave.saveNow() ||
        !autosave.waitForWriter())
        return 1;
    std::printf("ready %s\n", autosave.path().toUtf8().constData());
    std::fflush(stdout);
    return app.exec();
}

// Starts a child window process on folder and base; returns its autosave path.
QString startChild(QProcess* p, const QString& folder, const QString& base) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("EQUILAB_AUTOSAVE_CHILD", folder);
    env.insert("EQUILAB_AUTOSAVE_BASE", base);
    p->setProcessEnvironment(env);
    p->start(QCoreApplication::applicationFilePath(), {});
    if (!p->waitForStarted()) return {};
    QDeadlineTimer deadline(60000);
    QByteArray out;
    while (!out.contains('\n') && !deadline.hasExpired() && p->state() == QProcess::Running) {
        p->waitForReadyRead(200);
        out += p->readAllStandardOutput();
    }
    if (!out.startsWith("ready ")) return {};
    return QString::fromUtf8(out.mid(6).trimmed());
}

QString writeBase(const QTemporaryDir& dir) {
    const QString base = dir.filePath("base.json");
    ScenarioFile f;
    f.scenario = defaultScenario();
    QString error;
    return saveScenarioFile(base, f, &error) ? base : QString();
}

}  // namespace

class TestAutosave : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void writesWhileModifiedAndRecovers();
    void saveDiscardsAutosave();
    void nothingToSaveWritesNothing();
    void snapshotIsWrittenOffTheGuiThread();
    void killedWindowIsOfferedWithAFileArgument();
    void runningWindowIsNeverOfferedOrDeleted();
};

void TestAutosave::writesWhileModifiedAndRecovers() {
    QTemporaryDir dir;
    const QString original = dir.filePath("mine.json");
    QByteArray expected;
    QString firstPath;
    {
        // Session 1: open a file, edit it, let the timer fire, then end without a clean exit.
        Document doc;
        QString error;
        QVERIFY(doc.saveAs(original, &error));
        Autosave autosave(&doc, dir.path());
        autosave.setInterval(50);
        QSignalSpy written(&autosave, &Autosave::autosaved);
        QVERIFY(doc.setEntry(Block::A, 1, 1, 0.123, &error));
        doc.setDimensions(3, 2);
        QTRY_VERIFY(written.count() >= 1);
        QVERIFY(autosave.waitForWriter());
        expected = serializeScenario(doc.file());
        firstPath = autosave.path();
        QVERIFY(QFile::exists(firstPath));
    }
    // Session 2: the autosave is found and restored, modified, with the original path; the
    // orphan is removed once the new window's own autosave holds the content.
    Document doc;
    Autosave autosave(&doc, dir.path());
    QVERIFY(autosave.hasRecoverable());
    QCOMPARE(autosave.recoverablePath(), firstPath);
    QString error;
    QVERIFY2(autosave.recover(&error), qPrintable(error));
    QCOMPARE(doc.scenario().hiddenDim(), Index(3));
    QCOMPARE(serializeScenario(doc.file()), expected);
    QVERIFY(doc.isModified());
    QCOMPARE(doc.filePath(), original);
    QVERIFY(!QFile::exists(firstPath));
    QVERIFY(QFile::exists(autosave.path()));
    QVERIFY(!autosave.hasRecoverable());
}

void TestAutosave::saveDiscardsAutosave() {
    QTemporaryDir dir;
    Document doc;
    Autosave autosave(&doc, dir.path());
    QString error;
    QVERIFY(doc.setEntry(Block::c, 0, 0, 0.5, &error));
    QVERIFY(autosave.saveNow());
    QVERIFY(autosave.waitForWriter());
    QVERIFY(QFile::exists(autosave.path()));
    QVERIFY(doc.saveAs(dir.filePath("saved.json"), &error));
    QVERIFY(autosave.waitForWriter());
    QVERIFY(!QFile::exists(autosave.path()));  // saved: nothing to recover
    QVERIFY(!autosave.hasRecoverable());       // and its own file is never an orphan
}

void TestAutosave::nothingToSaveWritesNothing() {
    QTemporaryDir dir;
    Document doc;
    Autosave autosave(&doc, dir.path());
    QVERIFY(!autosave.saveNow());
    QVERIFY(autosave.waitForWriter());
    QVERIFY(!QFile::exists(autosave.path()));
    QVERIFY(!autosave.hasRecoverable());
}

void TestAutosave::snapshotIsWrittenOffTheGuiThread() {
    // The snapshot is taken when saveNow() is called (an edit made right after it is not in the
    // file), and it is written by the writer thread, never on the GUI thread: while this thread
    // holds the writer thread's fence, the writer cannot run, so nothing may reach the disk,
    // however long the GUI thread waits, until the fence is released.
    QTemporaryDir dir;
    Document doc;
    QString error;
    Autosave autosave(&doc, dir.path());
    QSignalSpy written(&autosave, &Autosave::autosaved);
    QVERIFY(doc.setEntry(Block::A, 0, 0, 0.25, &error));
    {
        const auto held = autosave.holdWriter();
        QVERIFY(autosave.saveNow());
        QVERIFY(doc.setEntry(Block::A, 0, 0, 0.5, &error));  // after the snapshot
        QVERIFY(!QFile::exists(autosave.path()));
        QVERIFY(!autosave.waitForWriter(300));  // the GUI thread's event loop ran meanwhile
        QVERIFY(!QFile::exists(autosave.path()));
        QCOMPARE(written.count(), 0);
    }
    QVERIFY(autosave.waitForWriter());
    QCOMPARE(written.count(), 1);
    ScenarioFile f;
    QVERIFY2(loadScenarioFile(autosave.path(), &f, &error), qPrintable(error));
    QCOMPARE(f.scenario.model.A(0, 0), 0.25);
}

void TestAutosave::killedWindowIsOfferedWithAFileArgument() {
    // Issue scenario: unsaved edit, autosave written, kill -9, then a start that opens base.json.
    QTemporaryDir dir;
    const QString base = writeBase(dir);
    QVERIFY(!base.isEmpty());
    QProcess child;
    const QString childAutosave = startChild(&child, dir.path(), base);
    QVERIFY2(!childAutosave.isEmpty(), child.readAllStandardError().constData());
    QVERIFY(QFile::exists(childAutosave));
    child.kill();  // SIGKILL
    QVERIFY(child.waitForFinished());

    Document doc;
    Autosave autosave(&doc, dir.path());
    QString error;
    QVERIFY(doc.open(base, &error));  // the file argument
    QTest::qWait(1500);
    QVERIFY(QFile::exists(childAutosave));  // not deleted by opening a file
    QVERIFY(autosave.hasRecoverable());
    QCOMPARE(autosave.recoverablePath(), childAutosave);
    // "Ignore": kept for the next start, and offered again.
    autosave.releaseRecoverable();
    QVERIFY(QFile::exists(childAutosave));
    QVERIFY(autosave.hasRecoverable());
    QVERIFY2(autosave.recover(&error), qPrintable(error));
    QCOMPARE(doc.scenario().model.A(0, 1), kChildEdit);
    QCOMPARE(doc.filePath(), base);
    QVERIFY(doc.isModified());
    QVERIFY(!QFile::exists(childAutosave));
}

void TestAutosave::runningWindowIsNeverOfferedOrDeleted() {
    // Issue scenario: two windows with the same settings. The second must not call the first's
    // autosave an orphan, and nothing it does removes it.
    QTemporaryDir dir;
    const QString base = writeBase(dir);
    QProcess child;
    const QString childAutosave = startChild(&child, dir.path(), base);
    QVERIFY2(!childAutosave.isEmpty(), child.readAllStandardError().constData());

    {
        Document doc;
        Autosave autosave(&doc, dir.path());
        QVERIFY(!autosave.hasRecoverable());
        QString error;
        QVERIFY(doc.setEntry(Block::c, 0, 0, 0.5, &error));
        QVERIFY(autosave.saveNow());
        QVERIFY(autosave.waitForWriter());
        autosave.discard();
        QVERIFY(autosave.waitForWriter());
        autosave.discardRecoverable();  // nothing claimed: does nothing
        QVERIFY(QFile::exists(childAutosave));
    }
    QVERIFY(QFile::exists(childAutosave));
    child.kill();
    QVERIFY(child.waitForFinished());
    // Now the first window is gone: its autosave is an orphan.
    Document doc;
    Autosave autosave(&doc, dir.path());
    QVERIFY(autosave.hasRecoverable());
    QCOMPARE(autosave.recoverablePath(), childAutosave);
}

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsSet("EQUILAB_AUTOSAVE_CHILD")) return runChild(argc, argv);
    QApplication app(argc, argv);
    QTEST_SET_MAIN_SOURCE_PATH
    TestAutosave test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_autosave.moc"
