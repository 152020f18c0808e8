// A write completes or changes nothing (issue 26), failures simulated, not awaited: every writer
// EquiLab has (scenario, model, autosave, each export format, Export All, the IDX files of
// import-mnist) meets an injected failure at every point of core/internal/safe_write.h (the
// temporary file's open, the n-th write, the last write that completes the file, fsync, the size
// check, the rename), as SQLite's I/O-error tests do. In every cell: the writer says so in one line
// with the OS's reason, the old file is byte-identical, no temporary file is left behind; and with
// the fault cleared the same writer succeeds. Then the real thing: a full tmpfs (when the suite
// runs as root and may mount), a read-only folder, /dev/full, and the CLI's stdout on /dev/full.
#include <QtTest>

#include "tests/test_support.h"

#include <QDir>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/mount.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <qcustomplot.h>

#include "core/data/dataset.h"
#include "core/internal/safe_write.h"
#include "io/model_npz.h"
#include "io/safe_file.h"
#include "io/scenario_json.h"
#include "ui/document/autosave.h"
#include "ui/document/document.h"
#include "ui/views/plot_export.h"
#include "ui/views/plot_view.h"

using namespace equilab;

namespace {

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

void writeRaw(const QString& path, const QByteArray& bytes) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    QCOMPARE(f.write(bytes), bytes.size());
}

// Every file in the folder (recursively), hidden ones included: a temporary file left behind
// shows up here.
QStringList filesIn(const QString& dir) {
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot | QDir::Dirs,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) out << QDir(dir).relativeFilePath(it.next());
    out.sort();
    return out;
}

ScenarioFile scenarioOf(int n) {
    ScenarioFile f;
    f.scenario = randomScenario(n, 2, 7, 0.5);
    return f;
}

ModelFile modelOf(int n) {
    ModelFile m;
    m.params.A = Matrix::Constant(n, n, 0.01);
    m.params.B = Matrix::Constant(n, 2, 0.5);
    m.params.c = Vector::Constant(n, 0.1);
    return m;
}

// A plot with a curve, for the export writers.
struct Plot {
    PlotView view{QStringLiteral("Safe write")};
    Plot() {
        QCPGraph* g = view.plot()->addGraph();
        for (int i = 0; i < 200; ++i) g->addData(i, std::sin(i / 10.0));
        view.rescale();
    }
};

// One writer: writes the "new" content to path (old content already there); false with *error.
using Writer = std::function<bool(const QString& dir, QString* error)>;

struct WriterCase {
    QString target;  // the file (relative to the folder) that must survive
    Writer write;
};

WriterCase writerCase(const QString& name, Plot* plot) {
    if (name == "scenario")
        return {"s.json", [](const QString& d, QString* e) {
                    return saveScenarioFile(d + "/s.json", scenarioOf(5), e);
                }};
    if (name == "model")
        return {"m.npz", [](const QString& d, QString* e) {
                    return saveModelFile(d + "/m.npz", modelOf(6), e);
                }};
    if (name == "idx (import-mnist, six files)")
        return {"train-images-idx3-ubyte", [](const QString& d, QString* e) {
                    IdxArray a;
                    a.dims = {3, 8, 8};
                    a.data.assign(192, 7);
                    std::vector<std::pair<std::string, const IdxArray*>> files;
                    for (const char* n : {"train-images-idx3-ubyte", "train-labels-idx1-ubyte",
                                          "val-images-idx3-ubyte", "val-labels-idx1-ubyte",
                                          "test-images-idx3-ubyte", "test-labels-idx1-ubyte"})
                        files.emplace_back((d + "/" + n).toStdString(), &a);
                    std::string why;
                    const bool ok = writeIdxFiles(files, &why);
                    *e = QString::fromStdString(why);
                    return ok;
                }};
    for (const char* fmt : {"png", "svg", "pdf", "csv"})
        if (name == QStringLiteral("export %1").arg(fmt))
            return {QStringLiteral("plot.%1").arg(fmt), [plot, fmt](const QString& d, QString* e) {
                        return plot->view.exportTo(d + "/plot." + fmt, 320, 200, e);
                    }};
    if (name == "export all (png, csv)")
        return {"plot.csv", [plot](const QString& d, QString* e) {
                    QStringList errors;
                    const QStringList written =
                        exportPlots({&plot->view}, d, {"png", "csv"}, 320, 200, &errors);
                    *e = errors.join("; ");
                    return errors.isEmpty() && written.size() == 2;
                }};
    return {};
}

const char* const kWriters[] = {
    "scenario",   "model",      "idx (import-mnist, six files)", "export png", "export svg",
    "export pdf", "export csv", "export all (png, csv)"};

}  // namespace

class TestSafeWrite : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void cleanup() { clearWriteFault(); }
    void injectedFailure_data();
    void injectedFailure();
    void autosaveFailure_data();
    void autosaveFailure();
    void autosaveFolderUnusable();
    void partialExportNamesWhatWasWritten();
    void documentStaysModified();
    void printable_data();
    void printable();
    void realFullDisk();
    void readOnlyFolder();
    void cliWriteFailures_data();
    void cliWriteFailures();
};

void TestSafeWrite::injectedFailure_data() {
    QTest::addColumn<QString>("writer");
    QTest::addColumn<int>("step");
    QTest::addColumn<int>("err");
    QTest::addColumn<int>("nth");
    QTest::addColumn<QString>("reason");
    struct Point {
        const char* name;
        WriteStep step;
        int err, nth;
        const char* reason;
    };
    const Point points[] = {
        {"EACCES at open", WriteStep::Open, EACCES, 1, "Permission denied"},
        {"ENOSPC at write 1", WriteStep::Write, ENOSPC, 1, "No space left on device"},
        {"EIO at write 2", WriteStep::Write, EIO, 2, "Input/output error"},
        {"ENOSPC at flush", WriteStep::Flush, ENOSPC, 1, "No space left on device"},
        {"EIO at fsync", WriteStep::Fsync, EIO, 1, "Input/output error"},
        {"short file at size check", WriteStep::Size, 0, 1, "bytes instead of"},
        {"EACCES at rename", WriteStep::Rename, EACCES, 1, "Permission denied"},
    };
    for (const char* w : kWriters)
        for (const Point& p : points)
            QTest::newRow(qPrintable(QStringLiteral("%1 × %2").arg(w, p.name)))
                << QString(w) << int(p.step) << p.err << p.nth << QString(p.reason);
}

void TestSafeWrite::injectedFailure() {
    QFETCH(QString, writer);
    QFETCH(int, step);
    QFETCH(int, err);
    QFETCH(int, nth);
    QFETCH(QString, reason);
    Plot plot;
    const WriterCase w = writerCase(writer, &plot);
    QVERIFY(w.write);
    QTemporaryDir dir;
    // The old content: a successful write of the same writer, then marked so that a rewrite
    // with the same bytes would still show.
    QString error;
    QVERIFY2(w.write(dir.path(), &error), qPrintable(error));
    const QStringList before = filesIn(dir.path());
    QVERIFY(before.contains(w.target));
    QMap<QString, QByteArray> old;
    for (const QString& f : before) {
        if (QFileInfo(dir.filePath(f)).isDir()) continue;
        old[f] = readAll(dir.filePath(f)) + "old";
        writeRaw(dir.filePath(f), old[f]);
    }
    WriteFault fault;
    fault.step = static_cast<WriteStep>(step);
    fault.error = err;
    fault.nth = nth;
    fault.chunk = 64;  // several write(2) calls per file, so "write 2" is inside the file
    setWriteFault(fault);
    error.clear();
    QVERIFY2(!w.write(dir.path(), &error), "the writer reported success under a fault");
    // One line, the OS's reason, the old file kept.
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY2(!error.contains('\n'), qPrintable(error));
    QVERIFY2(error.contains("kept") || error.contains("nothing was written") ||
                 error.contains("none of"),
             qPrintable(error));
    // Every old file byte-identical, nothing added (no temporary file or folder left).
    QCOMPARE(filesIn(dir.path()), before);
    for (auto it = old.begin(); it != old.end(); ++it)
        QVERIFY2(readAll(dir.filePath(it.key())) == it.value(), qPrintable(it.key()));
    // Without the fault the same writer replaces the file.
    clearWriteFault();
    QVERIFY2(w.write(dir.path(), &error), qPrintable(error));
    QVERIFY(readAll(dir.filePath(w.target)) != old[w.target]);
    QCOMPARE(filesIn(dir.path()), before);
}

void TestSafeWrite::autosaveFailure_data() {
    QTest::addColumn<int>("step");
    QTest::addColumn<int>("err");
    QTest::addColumn<QString>("reason");
    QTest::newRow("autosave × EACCES at open")
        << int(WriteStep::Open) << EACCES << "Permission denied";
    QTest::newRow("autosave × ENOSPC at write 1")
        << int(WriteStep::Write) << ENOSPC << "No space left on device";
    QTest::newRow("autosave × ENOSPC at flush")
        << int(WriteStep::Flush) << ENOSPC << "No space left on device";
    QTest::newRow("autosave × EIO at fsync")
        << int(WriteStep::Fsync) << EIO << "Input/output error";
    QTest::newRow("autosave × short file") << int(WriteStep::Size) << 0 << "bytes instead of";
    QTest::newRow("autosave × EACCES at rename")
        << int(WriteStep::Rename) << EACCES << "Permission denied";
}

// The autosave writer: a failure keeps the previous autosave byte-identical and says, once,
// that crash recovery is off; the next successful autosave turns it back on.
void TestSafeWrite::autosaveFailure() {
    QFETCH(int, step);
    QFETCH(int, err);
    QFETCH(QString, reason);
    QTemporaryDir dir;
    Document doc;
    Autosave autosave(&doc, dir.path());
    QSignalSpy off(&autosave, &Autosave::recoveryOff);
    QString error;
    QVERIFY(doc.setEntry(Block::A, 0, 1, 0.25, &error));
    QVERIFY(autosave.saveNow() && autosave.waitForWriter());
    const QByteArray first = readAll(autosave.path());
    QVERIFY(first.contains("0.25"));
    const QStringList before = filesIn(dir.path());
    WriteFault fault;
    fault.step = static_cast<WriteStep>(step);
    fault.error = err;
    fault.chunk = 64;
    setWriteFault(fault);
    for (double v : {0.5, 0.75}) {  // two failing autosaves: said once
        QVERIFY(doc.setEntry(Block::A, 0, 1, v, &error));
        QVERIFY(autosave.saveNow() && autosave.waitForWriter());
    }
    QCOMPARE(readAll(autosave.path()), first);
    QCOMPARE(filesIn(dir.path()), before);
    QTRY_COMPARE(off.count(), 1);
    const QString message = off.at(0).at(0).toString();
    QVERIFY2(message.startsWith("crash recovery is off: ") && message.contains(reason),
             qPrintable(message));
    QCOMPARE(autosave.recoveryProblem(), message);
    clearWriteFault();
    QVERIFY(doc.setEntry(Block::A, 0, 1, 0.125, &error));
    QVERIFY(autosave.saveNow() && autosave.waitForWriter());
    QVERIFY(readAll(autosave.path()).contains("0.125"));
    QVERIFY(autosave.recoveryProblem().isEmpty());
}

// A home folder where the autosave folder cannot be made (read-only HOME, or a path through a
// file): the window hears once that crash recovery is off, and a later failing write does not
// repeat it.
void TestSafeWrite::autosaveFolderUnusable() {
    Document doc;
    Autosave autosave(&doc, QStringLiteral("/dev/null/equilab-autosave"));
    QSignalSpy off(&autosave, &Autosave::recoveryOff);
    QTRY_COMPARE(off.count(), 1);
    QVERIFY2(off.at(0).at(0).toString().startsWith(
                 "crash recovery is off: the folder /dev/null/equilab-autosave cannot be created"),
             qPrintable(off.at(0).at(0).toString()));
    QString error;
    QVERIFY(doc.setEntry(Block::A, 0, 1, 0.5, &error));
    QVERIFY(autosave.saveNow() && autosave.waitForWriter());
    QTest::qWait(50);
    QCOMPARE(off.count(), 1);
}

// Export All's renames are the last step: when one fails half-way, the message names exactly
// the files already in place and the list returned holds them.
void TestSafeWrite::partialExportNamesWhatWasWritten() {
    Plot plot;
    QTemporaryDir dir;
    WriteFault fault;
    fault.step = WriteStep::Rename;
    fault.error = EXDEV;
    // Two files staged in the temporary folder (two writers pass), then the moves: the first
    // move passes, the second fails.
    fault.skip = 2;
    fault.nth = 2;
    setWriteFault(fault);
    QStringList errors;
    const QStringList written =
        exportPlots({&plot.view}, dir.path(), {"csv", "svg"}, 320, 200, &errors);
    clearWriteFault();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0].contains("Invalid cross-device link") && errors[0].contains("1 of 2"),
             qPrintable(errors[0]));
    QCOMPARE(written.size(), 1);
    QStringList there;
    for (const QString& f : filesIn(dir.path())) there << dir.filePath(f);
    QStringList expected = written;
    expected.sort();
    QCOMPARE(there, expected);
}

// The window's save path: a failed save leaves the document modified, the old file as it was,
// and the autosave in place.
void TestSafeWrite::documentStaysModified() {
    QTemporaryDir dir;
    const QString path = dir.filePath("doc.json");
    QString error;
    QVERIFY(saveScenarioFile(path, scenarioOf(2), &error));
    const QByteArray old = readAll(path);
    Document doc;
    Autosave autosave(&doc, dir.filePath("autosave"));
    QVERIFY(doc.open(path, &error));
    QVERIFY(doc.setEntry(Block::A, 0, 0, 0.3, &error));
    QVERIFY(autosave.saveNow() && autosave.waitForWriter());
    QVERIFY(QFile::exists(autosave.path()));
    WriteFault fault;
    fault.step = WriteStep::Flush;
    fault.error = ENOSPC;
    setWriteFault(fault);
    QVERIFY(!doc.saveAs(path, &error));
    clearWriteFault();
    QVERIFY2(error.contains("No space left on device") && !error.contains('\n'), qPrintable(error));
    QVERIFY(doc.isModified());
    QCOMPARE(readAll(path), old);
    autosave.waitForWriter();
    QVERIFY(QFile::exists(autosave.path()));
    QVERIFY(doc.saveAs(path, &error));
    QVERIFY(!doc.isModified());
}

void TestSafeWrite::printable_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("shown");
    QTest::newRow("plain") << QByteArray("diag") << "\"diag\"";
    QTest::newRow("newline, ESC, NUL")
        << QByteArray("a\nb\x1b[31mc\0d", 11) << "\"a\\nb\\x1B[31mc\\0d\"";
    QTest::newRow("quote and backslash") << QByteArray("x\"y\\z") << "\"x\\\"y\\\\z\"";
    QTest::newRow("C1 CSI (U+009B)") << QByteArray(
                                            "a\xC2\x9B"
                                            "b")
                                     << "\"a\\xC2\\x9Bb\"";
    QTest::newRow("UTF-8 kept") << QByteArray("ρ(J) ≤ 1") << "\"ρ(J) ≤ 1\"";
    QTest::newRow("invalid UTF-8") << QByteArray("a\xFFz") << "\"a\\xFFz\"";
    QTest::newRow("cut at 200") << QByteArray(1000, 'a')
                                << "\"" + QString(200, 'a') + "…\" (1000 bytes)";
}

void TestSafeWrite::printable() {
    QFETCH(QByteArray, text);
    QFETCH(QString, shown);
    QCOMPARE(quotedText(text), shown);
    // The QString form (valid UTF-8 without NUL only: QString would replace a bad byte).
    if (!text.contains('\0') && QString::fromUtf8(text).toUtf8() == text)
        QCOMPARE(quotedText(QString::fromUtf8(text)), shown);
}

// The real thing: a 64 KiB tmpfs filled to the last byte (root and mount(2) needed).
void TestSafeWrite::realFullDisk() {
    if (::geteuid() != 0) QSKIP("needs root to mount a small tmpfs (the injected faults cover it)");
    QTemporaryDir dir;
    const QByteArray mnt = QFile::encodeName(dir.path());
    if (::mount("tmpfs", mnt.constData(), "tmpfs", 0, "size=64k") != 0)
        QSKIP(qPrintable("mount of a tmpfs not allowed here: " +
                         QString::fromStdString(errnoText(errno))));
    struct Unmount {
        QByteArray path;
        ~Unmount() { ::umount2(path.constData(), MNT_DETACH); }
    } unmount{mnt};
    const QString path = dir.filePath("full.json");
    QString error;
    QVERIFY(saveScenarioFile(path, scenarioOf(2), &error));
    const QByteArray old = readAll(path);
    {  // fill the disk
        QFile filler(dir.filePath("filler"));
        QVERIFY(filler.open(QIODevice::WriteOnly));
        const QByteArray block(4096, 'x');
        while (filler.write(block) == block.size() && filler.flush()) {
        }
    }
    QVERIFY(!saveScenarioFile(path, scenarioOf(12), &error));
    QVERIFY2(error.contains("No space left on device") && error.contains("old file is kept"),
             qPrintable(error));
    QCOMPARE(readAll(path), old);
    QCOMPARE(filesIn(dir.path()), (QStringList{"filler", "full.json"}));
    QVERIFY(!saveModelFile(dir.filePath("m.npz"), modelOf(30), &error));
    QVERIFY2(error.contains("No space left on device"), qPrintable(error));
    QCOMPARE(filesIn(dir.path()), (QStringList{"filler", "full.json"}));
}

void TestSafeWrite::readOnlyFolder() {
    if (::geteuid() == 0) QSKIP("root writes into read-only folders; the EACCES rows cover it");
    QTemporaryDir dir;
    QString error;
    QVERIFY(saveScenarioFile(dir.filePath("s.json"), scenarioOf(2), &error));
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::ExeOwner);
    QVERIFY(!saveScenarioFile(dir.filePath("s.json"), scenarioOf(3), &error));
    QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QVERIFY2(error.contains("Permission denied"), qPrintable(error));
}

void TestSafeWrite::cliWriteFailures_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<bool>("stdoutFull");
    QTest::addColumn<QString>("message");
    QTest::newRow("generate > /dev/full")
        << QStringList{"generate"} << true << "cannot write to standard output (No space left";
    QTest::newRow("solve --json > /dev/full")
        << QStringList{"solve", "--json"} << true << "cannot write to standard output";
    QTest::newRow("generate --out /dev/full")
        << QStringList{"generate", "--out", "/dev/full"} << false << "No space left on device";
    QTest::newRow("train --save-model /dev/full")
        << QStringList{"train",   "--dataset", "moons",   "--samples",    "40",
                       "--steps", "1",         "--quiet", "--save-model", "/dev/full"}
        << false << "No space left on device";
}

void TestSafeWrite::cliWriteFailures() {
    QFETCH(QStringList, args);
    QFETCH(bool, stdoutFull);
    QFETCH(QString, message);
    if (!QFileInfo::exists("/dev/full")) QSKIP("no /dev/full here");
    QProcess p;
    if (stdoutFull) p.setStandardOutputFile("/dev/full");
    p.start(QStringLiteral(EQUILAB_CLI_PATH), args);
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 2);
    const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    QCOMPARE(err.count('\n'), 0);
    QVERIFY2(err.contains(message), qPrintable(err));
}

QTEST_MAIN(TestSafeWrite)
#include "tst_safe_write.moc"
