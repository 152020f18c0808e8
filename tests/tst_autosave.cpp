// Autosave and recovery: unsaved changes are written periodically, survive a "crash" (a window
// that never closed cleanly), are offered and restored at the next start, and a save removes the
// autosave.
#include <QtTest>

#include "test_support.h"

#include <QTemporaryDir>

#include "autosave.h"
#include "document.h"

using namespace equilab;

class TestAutosave : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void writesWhileModifiedAndRecovers();
    void saveDiscardsAutosave();
    void nothingToSaveWritesNothing();
};

void TestAutosave::writesWhileModifiedAndRecovers() {
    QTemporaryDir dir;
    const QString autosavePath = dir.filePath("autosave.json");
    const QString original = dir.filePath("mine.json");
    QByteArray expected;
    {
        // Session 1: open a file, edit it, let the timer fire, then "crash" (no clean exit).
        Document doc;
        QString error;
        QVERIFY(doc.saveAs(original, &error));
        Autosave autosave(&doc, autosavePath);
        autosave.setInterval(50);
        QSignalSpy written(&autosave, &Autosave::autosaved);
        QVERIFY(doc.setEntry(Block::A, 1, 1, 0.123, &error));
        doc.setDimensions(3, 2);
        QTRY_VERIFY(written.count() >= 1);
        expected = serializeScenario(doc.file());
        QVERIFY(QFile::exists(autosavePath));
    }
    // Session 2: the autosave is found and restored, modified, with the original path.
    Document doc;
    Autosave autosave(&doc, autosavePath);
    QVERIFY(autosave.hasRecoverable());
    QString error;
    QVERIFY2(autosave.recover(&error), qPrintable(error));
    QCOMPARE(doc.scenario().hiddenDim(), Index(3));
    QCOMPARE(serializeScenario(doc.file()), expected);
    QVERIFY(doc.isModified());
    QCOMPARE(doc.filePath(), original);
}

void TestAutosave::saveDiscardsAutosave() {
    QTemporaryDir dir;
    Document doc;
    Autosave autosave(&doc, dir.filePath("autosave.json"));
    QString error;
    QVERIFY(doc.setEntry(Block::c, 0, 0, 0.5, &error));
    QVERIFY(autosave.saveNow());
    QVERIFY(autosave.hasRecoverable());
    QVERIFY(doc.saveAs(dir.filePath("saved.json"), &error));
    QVERIFY(!autosave.hasRecoverable());  // saved: nothing to recover
}

void TestAutosave::nothingToSaveWritesNothing() {
    QTemporaryDir dir;
    Document doc;
    Autosave autosave(&doc, dir.filePath("autosave.json"));
    QVERIFY(!autosave.saveNow());
    QVERIFY(!autosave.hasRecoverable());
}

QTEST_MAIN(TestAutosave)
#include "tst_autosave.moc"
