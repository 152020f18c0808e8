// Every bad input is explained and changes nothing (issue 8): one table over scenario files,
// matrix cells, dimensions, solver settings, IDX and CSV datasets and CLI options. Each row names
// the input path, the input, and a fragment the message must contain.
#include <QtTest>

#include "tests/test_support.h"

#include <QProcess>
#include <QTemporaryDir>

#include <sys/stat.h>

#include <cmath>
#include <functional>

#include "core/data/dataset.h"
#include "core/data/npy.h"
#include "core/training/trainer.h"
#include "io/model_npz.h"
#include "io/scenario_json.h"
#include "ui/document/document.h"
#include "ui/document/matrix_table_model.h"

using namespace equilab;

namespace {

QByteArray validScenario() {
    return serializeScenario(ScenarioFile{defaultScenario(), {}, {}});
}

// The valid default scenario with one top-level key replaced by raw JSON text.
QByteArray withKey(const char* key, const char* rawValue) {
    QByteArray s = validScenario();
    const QByteArray k = QByteArray("\"") + key + "\": ";
    const int at = s.indexOf(k);
    if (at < 0) return s;
    int end = at + k.size(), depth = 0;
    for (; end < s.size(); ++end) {
        const char ch = s[end];
        if (ch == '[' || ch == '{') ++depth;
        if (ch == ']' || ch == '}') {
            if (depth == 0) break;
            --depth;
        }
        if (ch == ',' && depth == 0) break;
    }
    return s.left(at + k.size()) + rawValue + s.mid(end);
}

}  // namespace

class TestBadInputs : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void badInput_data();
    void badInput();
    void killedSaveLeavesOldFile();
    void badModelFile_data();  // issue 15: model files (.npz)
    void badModelFile();
    void datasetInput_data();  // issue 19: bad_inputs_datasets.inc
    void datasetInput();
};

void TestBadInputs::badInput_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("message");
    auto row = [](const char* name, const char* path, const QByteArray& input,
                  const char* message) {
        QTest::newRow(name) << QString(path) << input << QString::fromUtf8(message);
    };
    // --- scenario files (25) ---
    row("scenario: empty file", "scenario", "", "not valid JSON");
    row("scenario: not JSON", "scenario", "hello", "not valid JSON at line 1");
    row("scenario: truncated", "scenario", validScenario().left(120), "not valid JSON");
    row("scenario: error position", "scenario", "{\n\n  \"version\": 1,,\n}", "line 3");
    row("scenario: array", "scenario", "[1,2,3]", "must be a JSON object");
    row("scenario: missing version", "scenario", "{\"hidden_dim\": 2}", "version: missing");
    row("scenario: version string", "scenario", withKey("version", "\"1\""),
        "version: expected an integer");
    row("scenario: unknown version", "scenario", withKey("version", "99"),
        "version: 99 is not supported");
    row("scenario: missing hidden_dim", "scenario", "{\"version\":1}", "hidden_dim: missing");
    row("scenario: hidden_dim zero", "scenario", withKey("hidden_dim", "0"),
        "hidden_dim: 0 is out of range");
    row("scenario: hidden_dim negative", "scenario", withKey("hidden_dim", "-3"),
        "hidden_dim: -3 is out of range");
    row("scenario: hidden_dim huge", "scenario", withKey("hidden_dim", "5000"),
        "hidden_dim: 5000 is out of range");
    row("scenario: input_dim fraction", "scenario", withKey("input_dim", "1.5"),
        "input_dim: expected an integer");
    row("scenario: A missing", "scenario", withKey("A", "null"),
        "A: expected a 2×2 array of rows, got null");
    row("scenario: A wrong rows", "scenario", withKey("A", "[[0.1, 0.2]]"), "A: expected 2 rows");
    row("scenario: A ragged", "scenario", withKey("A", "[[0.1, 0.2], [0.3]]"),
        "A[1]: expected 2 entries, got 1");
    row("scenario: A row not array", "scenario", withKey("A", "[[0.1, 0.2], 7]"),
        "A[1]: expected a row array");
    row("scenario: A string cell", "scenario", withKey("A", "[[0.1, \"x\"], [0, 0]]"),
        "A[0][1]: expected a number, got the string \"x\"");
    row("scenario: A huge cell", "scenario", withKey("A", "[[1e9, 0], [0, 0]]"),
        "A[0][0]: magnitude above the limit");
    row("scenario: B wrong shape", "scenario", withKey("B", "[[1, 2, 3], [4, 5, 6]]"),
        "B[0]: expected 2 entries, got 3");
    row("scenario: c short", "scenario", withKey("c", "[0.1]"), "c: expected 2 entries, got 1");
    row("scenario: x bool", "scenario", withKey("x", "[true, 1]"),
        "x[0]: expected a number, got a boolean");
    row("scenario: solver type", "scenario", withKey("solver", "\"picard\""),
        "solver: expected an object");
    row("scenario: solver cap", "scenario", withKey("solver", "{\"max_iterations\": 0}"),
        "solver.max_iterations: 0 is out of range");
    row("scenario: damping", "scenario", withKey("solver", "{\"damping\": 2}"),
        "solver.damping: 2 is out of range");
    row("scenario: radius", "scenario", withKey("parametrization", "{\"radius\": -1}"),
        "parametrization.radius: -1 is out of range");
    // --- matrix cells (9) ---
    row("cell: word", "cell", "abc", "is not a number");
    row("cell: empty", "cell", "", "is not a number");
    row("cell: nan", "cell", "nan", "not a finite number");
    row("cell: inf", "cell", "inf", "not a finite number");
    row("cell: -inf", "cell", "-inf", "not a finite number");
    row("cell: 1e400", "cell", "1e400", "not a finite number");
    row("cell: 1e7", "cell", "1e7", "magnitude above the limit of 1e6");
    row("cell: -2e6", "cell", "-2e6", "magnitude above the limit of 1e6");
    row("cell: two numbers", "cell", "1 2", "is not a number");
    // --- dimensions (6) ---
    row("dims: hidden 0", "dims", "0 2", "hidden dimension 0 is out of range");
    row("dims: hidden -1", "dims", "-1 2", "hidden dimension -1 is out of range");
    row("dims: hidden 2001", "dims", "2001 2", "hidden dimension 2001 is out of range");
    row("dims: input 0", "dims", "2 0", "input dimension 0 is out of range");
    row("dims: input -7", "dims", "2 -7", "input dimension -7 is out of range");
    row("dims: input 10001", "dims", "2 10001", "input dimension 10001 is out of range");
    // --- IDX (8) ---
    row("idx: empty", "idx", "", "too short");
    row("idx: magic", "idx", QByteArray::fromStdString(bytesOf({1, 0, 8, 1, 0, 0, 0, 1, 5})),
        "wrong magic number");
    row("idx: type", "idx", QByteArray::fromStdString(bytesOf({0, 0, 0x0B, 1, 0, 0, 0, 1, 0, 0})),
        "unsupported IDX data type");
    row("idx: dims 0", "idx", QByteArray::fromStdString(bytesOf({0, 0, 8, 0})),
        "declares 0 dimensions");
    row("idx: dims 9", "idx", QByteArray::fromStdString(bytesOf({0, 0, 8, 9})),
        "declares 9 dimensions");
    row("idx: header cut", "idx", QByteArray::fromStdString(bytesOf({0, 0, 8, 3, 0, 0, 0, 2, 0})),
        "truncated IDX header");
    row("idx: data short", "idx",
        QByteArray::fromStdString(bytesOf({0, 0, 8, 1, 0, 0, 0, 4, 1, 2})),
        "sizes say 4 bytes of data but the file has 2 (truncated)");
    row("idx: data long", "idx", QByteArray::fromStdString(bytesOf({0, 0, 8, 1, 0, 0, 0, 1, 1, 2})),
        "trailing bytes");
    // --- CSV (9) ---
    row("csv: empty", "csv", "", "the CSV file is empty");
    row("csv: one column", "csv", "1\n2\n", "at least two columns");
    row("csv: ragged", "csv", "a,b,y\n1,2,0\n3,4\n", "line 3: expected 3 columns, got 2");
    row("csv: word", "csv", "a,b,y\n1,two,0\n", "line 2, column 2: \"two\" is not a finite number");
    row("csv: inf", "csv", "a,b,y\n1,inf,0\n2,3,1\n", "\"inf\" is not a finite number");
    row("csv: empty cell", "csv", "a,b,y\n1,,0\n", "line 2, column 2: \"\" is not a finite number");
    row("csv: empty label", "csv", "a,b,y\n1,2,\n", "empty label");
    row("csv: header only", "csv", "a,b,y\n", "no data rows");
    row("csv: one class", "csv", "1,2,7\n3,4,7\n", "single class");
    // --- CLI options (13) ---
    row("cli: unknown option", "cli", "solve --frobnicate", "Unknown option 'frobnicate'");
    row("cli: missing value", "cli", "solve --tolerance", "Missing value after '--tolerance'");
    row("cli: tolerance word", "cli", "solve --tolerance small", "--tolerance: expected a number");
    row("cli: tolerance negative", "cli", "solve --tolerance -1",
        "--tolerance: -1 is out of range");
    row("cli: cap zero", "cli", "solve --max-iterations 0", "--max-iterations: 0 is out of range");
    row("cli: cap fraction", "cli", "solve --max-iterations 2.5",
        "--max-iterations: expected an integer");
    row("cli: damping", "cli", "solve --damping 3", "--damping: 3 is out of range");
    row("cli: memory", "cli", "solve --memory 0", "--memory: 0 is out of range");
    row("cli: radius", "cli", "spectrum --radius 0", "--radius: 0 is out of range");
    row("cli: steps", "cli", "train --steps -5", "--steps: -5 is out of range");
    row("cli: lr", "cli", "train --lr 0", "--lr: 0 is out of range");
    row("cli: optimizer", "cli", "train --optimizer rmsprop",
        "--optimizer: unknown optimizer \"rmsprop\"");
    row("cli: samples", "cli", "hypergrad --samples 1", "--samples: 1 is out of range");
}

void TestBadInputs::badInput() {
    QFETCH(QString, path);
    QFETCH(QByteArray, input);
    QFETCH(QString, message);
    QString got;
    if (path == "scenario") {
        ScenarioFile f;
        f.scenario = defaultScenario();
        const QByteArray before = serializeScenario(f);
        QVERIFY(!parseScenario(input, &f, &got));
        QCOMPARE(serializeScenario(f), before);
    } else if (path == "cell" || path == "dims") {
        Document doc;
        const QByteArray before = serializeScenario(doc.file());
        if (path == "cell") {
            // Through the table model, as the user types it.
            MatrixTableModel model(Block::A);
            model.setDocument(&doc);
            QSignalSpy rejected(&model, &MatrixTableModel::editRejected);
            QVERIFY(!model.setData(model.index(0, 1), QString::fromUtf8(input), Qt::EditRole));
            QCOMPARE(rejected.count(), 1);
            got = rejected.at(0).at(0).toString();
            QVERIFY(got.startsWith("A[1][2]"));
        } else {
            const QList<QByteArray> parts = input.split(' ');
            QVERIFY(!doc.setDimensions(parts[0].toInt(), parts[1].toInt(), &got));
        }
        QCOMPARE(serializeScenario(doc.file()), before);
        QCOMPARE(doc.undoStack()->count(), 0);
    } else if (path == "idx") {
        IdxArray a;
        a.dims = {7};
        std::string error;
        QVERIFY(!parseIdx(input.toStdString(), &a, &error));
        got = QString::fromStdString(error);
        QCOMPARE(a.dims, std::vector<uint32_t>{7});
    } else if (path == "csv") {
        Dataset d;
        d.name = "kept";
        std::string error;
        QVERIFY(!parseCsv(input.toStdString(), CsvOptions{}, &d, &error));
        got = QString::fromStdString(error);
        QCOMPARE(QString::fromStdString(d.name), QString("kept"));
    } else if (path == "cli") {
        QProcess p;
        p.start(QStringLiteral(EQUILAB_CLI_PATH), QString::fromUtf8(input).split(' '));
        QVERIFY(p.waitForFinished(60000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardOutput().isEmpty());  // nothing half-printed
        got = QString::fromUtf8(p.readAllStandardError()).trimmed();
        QCOMPARE(got.count('\n'), 0);  // one line
    }
    QVERIFY2(got.contains(message), qPrintable("message: " + got));
}

void TestBadInputs::killedSaveLeavesOldFile() {
    // A save killed half-way (SIGKILL while a 2000×2000 scenario is being written) leaves the
    // old file intact: saving goes through QSaveFile, which renames only on commit.
    QTemporaryDir dir;
    const QString path = dir.filePath("s.json");
    ScenarioFile old;
    old.scenario = randomScenario(3, 2, 5);
    QString error;
    QVERIFY(saveScenarioFile(path, old, &error));
    const QByteArray before = [&] {
        QFile f(path);
        f.open(QIODevice::ReadOnly);
        return f.readAll();
    }();
    bool killedMidway = false;
    for (int delayMs : {150, 300, 600, 1200}) {
        QProcess p;
        p.start(QStringLiteral(EQUILAB_CLI_PATH),
                {"generate", "--hidden", "2000", "--input", "2000", "--out", path});
        QVERIFY(p.waitForStarted());
        QThread::msleep(delayMs);
        const bool running = p.state() == QProcess::Running;
        p.kill();
        p.waitForFinished();
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        if (!running) {
            // The save finished before the kill: the new file must be complete and valid.
            ScenarioFile g;
            QVERIFY(loadScenarioFile(path, &g, &error));
            QVERIFY(saveScenarioFile(path, old, &error));
            continue;
        }
        killedMidway = true;
        QCOMPARE(f.readAll(), before);
    }
    QVERIFY(killedMidway);
}

// ---- Model files (.npz), issue 15 ----
namespace {

std::string f8(std::initializer_list<double> values) {
    std::string s;
    for (double v : values) s.append(reinterpret_cast<const char*>(&v), 8);
    return s;
}

// A valid model (n = 2, d = 2, k = 2) with entries replaced by name; an empty value drops one.
QByteArray modelNpz(const QMap<QString, QByteArray>& replace) {
    QMap<QString, QByteArray> e{
        {"A", QByteArray::fromStdString(npyBytes("<f8", {2, 2}, f8({0.5, 0.1, -0.2, 0.3})))},
        {"B", QByteArray::fromStdString(npyBytes("<f8", {2, 2}, f8({1, 0, 0, 1})))},
        {"c", QByteArray::fromStdString(npyBytes("<f8", {2}, f8({0.1, -0.1})))},
        {"W_out", QByteArray::fromStdString(npyBytes("<f8", {2, 2}, f8({1, -1, -1, 1})))},
        {"b_out", QByteArray::fromStdString(npyBytes("<f8", {2}, f8({0, 0})))}};
    for (auto it = replace.begin(); it != replace.end(); ++it) e[it.key()] = it.value();
    QList<QPair<QString, QByteArray>> entries;
    for (auto it = e.begin(); it != e.end(); ++it)
        if (!it.value().isEmpty()) entries.append({it.key() + ".npy", it.value()});
    return zipEntries(entries);
}

QByteArray npy(const char* descr, std::vector<int64_t> shape, const std::string& data) {
    return QByteArray::fromStdString(npyBytes(descr, shape, data));
}

}  // namespace

void TestBadInputs::badModelFile_data() {
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QString>("message");
    auto row = [](const char* name, const QByteArray& input, const char* message) {
        QTest::newRow(name) << input << QString::fromUtf8(message);
    };
    const double nan = std::nan(""), inf = HUGE_VAL;
    const QByteArray valid = modelNpz({});
    QByteArray flipped = valid;
    flipped[60] = static_cast<char>(flipped[60] ^ 0x5a);  // inside A.npy's deflated data
    const std::string ints(32, '\0');
    row("model: empty file", "", "not a readable .npz (zip) archive");
    row("model: not a zip", "hello, world", "not a readable .npz (zip) archive");
    row("model: truncated zip", valid.left(valid.size() / 2), "truncated or damaged");
    row("model: damaged entry", flipped, "array 'A'");
    row("model: missing B", modelNpz({{"B", {}}}),
        "array 'B': missing from the file (it has: A, W_out, b_out, c)");
    row("model: missing b_out", modelNpz({{"b_out", {}}}), "array 'b_out': missing from the file");
    row("model: int64 A", modelNpz({{"A", npy("<i8", {2, 2}, ints)}}),
        "array 'A': dtype \"<i8\" is not supported (expected little-endian float32 '<f4' or "
        "float64 "
        "'<f8')");
    row("model: big-endian A", modelNpz({{"A", npy(">f8", {2, 2}, ints)}}),
        "array 'A': dtype \">f8\" is not supported");
    row("model: float16 c", modelNpz({{"c", npy("<f2", {2}, std::string(4, '\0'))}}),
        "array 'c': dtype \"<f2\" is not supported");
    row("model: A not square", modelNpz({{"A", npy("<f8", {2, 1}, f8({1, 2}))}}),
        "array 'A': must be square, got 2×1");
    row("model: B rows", modelNpz({{"B", npy("<f8", {3, 2}, f8({1, 2, 3, 4, 5, 6}))}}),
        "array 'B': expected 2 rows to match A (n×d), got 3×2");
    row("model: c length", modelNpz({{"c", npy("<f8", {3}, f8({1, 2, 3}))}}),
        "array 'c': expected 2 entries to match A, got 3");
    row("model: W_out columns", modelNpz({{"W_out", npy("<f8", {2, 3}, f8({1, 2, 3, 4, 5, 6}))}}),
        "array 'W_out': expected 2 columns");
    row("model: b_out length", modelNpz({{"b_out", npy("<f8", {3}, f8({1, 2, 3}))}}),
        "array 'b_out': expected 2 entries to match W_out, got 3");
    row("model: A a vector", modelNpz({{"A", npy("<f8", {4}, f8({1, 2, 3, 4}))}}),
        "array 'A': expected a matrix (2 dimensions)");
    row("model: A 3-D", modelNpz({{"A", npy("<f8", {1, 2, 2}, f8({1, 2, 3, 4}))}}),
        "array 'A': expected 1 or 2 dimensions, got shape (1, 2, 2)");
    row("model: NaN in c", modelNpz({{"c", npy("<f8", {2}, f8({0.1, nan}))}}), "array 'c'[1]: NaN");
    row("model: inf in W_out", modelNpz({{"W_out", npy("<f8", {2, 2}, f8({1, inf, 0, 1}))}}),
        "array 'W_out'[0][1]: infinite");
    row("model: huge in B", modelNpz({{"B", npy("<f8", {2, 2}, f8({1, 0, 0, 1e7}))}}),
        "array 'B'[1][1]: magnitude above the limit of 1e6");
    row("model: npy data short", modelNpz({{"A", npy("<f8", {2, 2}, f8({1, 2, 3}))}}),
        "array 'A': shape (2, 2) of \"<f8\" needs 32 bytes of data, the file has 24 (truncated)");
    row("model: npy magic", modelNpz({{"A", "PK not numpy"}}), "array 'A': not a .npy array");
    row("model: npy header key",
        modelNpz(
            {{"A",
              npy("<f8", {2, 2}, f8({1, 2, 3, 4})).replace("fortran_order", "fortran_ordr!")}}),
        "array 'A': header: unexpected key \"fortran_ordr!\"");
    row("model: npy version",
        modelNpz({{"A", npy("<f8", {2, 2}, f8({1, 2, 3, 4})).replace(6, 1, "\x07")}}),
        "array 'A': .npy format version 7 is not supported");
    row("model: meta not JSON", modelNpz({{"meta", npy("|S5", {}, "hello")}}),
        "meta: not a JSON object");
    row("model: meta an array", modelNpz({{"meta", npy("<f8", {1}, f8({1}))}}),
        "meta: expected a string of JSON text");
    row("model: meta layout", modelNpz({{"meta", npy("|S18", {}, "{\"layout\": \"diag\"}")}}),
        "layout: expected column or row, got \"diag\"");
    // --- issue 26 ---
    auto zipWith = [](QByteArray zip, const std::function<void(QByteArray&, int)>& patch) {
        for (int at = zip.indexOf("PK\x01\x02"); at >= 0; at = zip.indexOf("PK\x01\x02", at + 4))
            patch(zip, at);  // every central directory header
        return zip;
    };
    QList<QPair<QString, QByteArray>> dup{{"A.npy", npy("<f8", {2, 2}, f8({0.5, 0.1, -0.2, 0.3}))},
                                          {"A", npy("<f8", {2, 2}, f8({0.9, 0, 0, 0.9}))}};
    row("model: A and A.npy (F12)", zipEntries(dup),
        "entries 'A.npy' and 'A' both hold array 'A'; refused");
    row("model: LZMA entries named", zipWith(valid, [](QByteArray& z, int at) { z[at + 10] = 14; }),
        "uses LZMA compression; only stored and deflate");
    row("model: encrypted entries", zipWith(valid, [](QByteArray& z, int at) { z[at + 8] = 1; }),
        "is encrypted; refused");
    row("model: damaged central directory",
        zipWith(valid, [](QByteArray& z, int at) { z[at + 2] = 'X'; }),
        "the zip central directory is damaged");
    row("model: declared size 4 GiB (F3)",
        zipWith(valid, [](QByteArray& z, int at) { z.replace(at + 24, 4, "\xf0\xff\xff\xff"); }),
        "declares 4294967280 bytes, above the limit of 2147483648; refused before inflating");
    row("model: shape above the limits (F3)", modelNpz({{"A", npy("<f8", {8192, 8192}, "")}}),
        "array 'A': shape (8192, 8192) is above the limits (n ≤ 4096); refused before reading");
    row("model: B wider than d ≤ 10⁶", modelNpz({{"B", npy("<f8", {2, 2000000}, "")}}),
        "array 'B': shape (2, 2000000) is above the limits");
    row("model: meta above 1 MB (F3)",
        modelNpz({{"meta", npy("|S2000000", {}, std::string(2000000, ' '))}}),
        "meta: the zip entry declares 2000128 bytes, above the limit of 1000000");
    auto metaNpy = [](const std::string& json) {
        return npy(("|S" + std::to_string(json.size())).c_str(), {}, json);
    };
    row("model: meta samples -5", modelNpz({{"meta", metaNpy("{\"dataset\": {\"samples\": -5}}")}}),
        "meta: dataset.samples: -5 is out of range (4 to 10000000); refused");
    row("model: meta samples 1e12",
        modelNpz({{"meta", metaNpy("{\"dataset\": {\"samples\": 1e12}}")}}),
        "meta: dataset.samples: 1e+12 is out of range");
    row("model: meta control characters (F9)",
        modelNpz({{"meta", metaNpy("{\"layout\": \"diag\\nFAKE\\u001b[31m\\u0000x\"}")}}),
        "layout: expected column or row, got \"diag\\nFAKE\\x1B[31m\\0x\"");
    row("model: a header promising 128 MB over an empty entry",
        modelNpz({{"A", npy("<f8", {4096, 4096}, "")}}),
        "array 'A': shape (4096, 4096) of \"<f8\" needs 134217728 bytes of data, the file has 0");
}

void TestBadInputs::badModelFile() {
    QFETCH(QByteArray, input);
    QFETCH(QString, message);
    ModelFile kept;
    kept.dtype = "kept";
    QString got;
    QVERIFY(!parseModelNpz(input, {}, &kept, &got));
    QCOMPARE(kept.dtype, QString("kept"));
    QVERIFY2(got.contains(message), qPrintable("message: " + got));
    // The CLI: exit code 2, one line on stderr naming the file and the problem.
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.npz");
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(input);
    f.close();
    QProcess p;
    p.start(QStringLiteral(EQUILAB_CLI_PATH), {"evaluate", "--model", path, "--dataset", "moons"});
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 2);
    QVERIFY(p.readAllStandardOutput().isEmpty());
    const QString err = QString::fromUtf8(p.readAllStandardError()).trimmed();
    QCOMPARE(err.count('\n'), 0);
    QVERIFY2(err.contains(path) && err.contains(message), qPrintable("stderr: " + err));
}
#include "tests/bad_inputs_datasets.inc"

QTEST_MAIN(TestBadInputs)
#include "tst_bad_inputs.moc"
