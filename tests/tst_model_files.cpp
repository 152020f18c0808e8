// Model files (.npz) against NumPy: bit-exact round trips, a row-layout model with custom names
// written by plain NumPy, and NumPy reproducing the accuracy `train --save-model` reports. The
// reference values are computed by /usr/bin/python3 with Debian's python3-numpy.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/stat.h>

#include <cmath>
#include <cstring>

#include "core/analysis/dataset_convergence.h"
#include "core/data/data_spec.h"
#include "core/data/npy.h"
#include "io/model_npz.h"
#include "tests/cli_runner.h"

using namespace equilab;

namespace {

Run python(const QString& script, const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral("/usr/bin/python3"), QStringList{"-c", script} + args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QJsonObject json(const QByteArray& bytes) {
    return QJsonDocument::fromJson(bytes).object();
}

bool sameBits(const Matrix& a, const Matrix& b) {
    return a.rows() == b.rows() && a.cols() == b.cols() &&
           std::memcmp(a.data(), b.data(), sizeof(double) * static_cast<size_t>(a.size())) == 0;
}

// Writes the split's samples as text rows "x1 x2 … label" with round-trip precision.
void writeText(const QString& path, const Dataset& d) {
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    for (Index i = 0; i < d.size(); ++i) {
        QStringList row;
        for (Index j = 0; j < d.features(); ++j) row << QString::number(d.X(j, i), 'g', 17);
        row << QString::number(d.labels(i));
        f.write((row.join(' ') + '\n').toUtf8());
    }
}

// NumPy writes a row-vector model W ← tanh(W A + X B + c) with PyTorch-like names (A in Fortran
// order, c split over two biases), a CSV dataset, and its own fixed points and predictions.
const char* const kRowModelScript = R"(
import sys, json, numpy as np
out = sys.argv[1]
rng = np.random.default_rng(7)
n, d, k, N = 6, 3, 3, 150
A = rng.standard_normal((n, n)); A *= 0.8 / np.linalg.norm(A, 2)
B = 0.7 * rng.standard_normal((d, n))
b1 = 0.2 * rng.standard_normal(n); b2 = 0.1 * rng.standard_normal(n)
Wo = rng.standard_normal((n, k)); bo = 0.1 * rng.standard_normal(k)
np.savez(out + '/row.npz', **{'dyn.weight': np.asfortranarray(A), 'inp.weight': B, 'dyn.bias': b1,
         'inp.bias': b2, 'head.weight': Wo, 'head.bias': bo, 'num_batches_tracked': np.int64(3)})
np.savez(out + '/row_meta.npz', A=A, B=B, c=b1 + b2, W_out=Wo, b_out=bo,
         meta=json.dumps({'layout': 'row'}))
X = rng.standard_normal((N, d))
y = np.arange(N) % k
W = np.zeros((N, n))
for _ in range(20000):
    Wn = np.tanh(W @ A + X @ B + (b1 + b2))
    done = np.max(np.linalg.norm(Wn - W, axis=1)) <= 1e-15
    W = Wn
    if done: break
with open(out + '/data.csv', 'w') as f:
    f.write('a,b,c,label\n')
    for i in range(N):
        f.write(','.join(repr(float(v)) for v in X[i]) + ',' + str(y[i]) + '\n')
pred = np.argmax(W @ Wo + bo, axis=1)
print(json.dumps({'A': A.tolist(), 'B': B.tolist(), 'X': X.tolist(), 'W': W.tolist(),
                  'pred': pred.tolist()}))
)";

// NumPy scores a saved model: T steps from zero (T from meta), on the samples in a text file.
const char* const kAccuracyScript = R"(
import sys, json, numpy as np
z = np.load(sys.argv[1])
meta = json.loads(str(z['meta']))
T = meta['training']['T']
D = np.loadtxt(sys.argv[2], ndmin=2)
X, y = D[:, :-1], D[:, -1].astype(int)
W = np.zeros((z['A'].shape[0], X.shape[0]))
U = z['B'] @ X.T + z['c'][:, None]
for _ in range(T):
    W = np.tanh(z['A'] @ W + U)
pred = np.argmax(z['W_out'] @ W + z['b_out'][:, None], axis=0)
print(json.dumps({'accuracy': float(np.mean(pred == y)), 'T': T, 'dtype': str(z['A'].dtype)}))
)";

}  // namespace

class TestModelFiles : public QObject {
    Q_OBJECT
  private slots:
    void saveLoadIsBitIdentical_data();
    void saveLoadIsBitIdentical();
    void npyParsesBothOrders();
    void numpyRowModelWithCustomNames();
    void trainSaveModelThenNumpyAccuracy();
    void evaluateAgreesWithSingleSolves();
    void evaluateRhoOnlyAtFixedPoints();
    void specialFilesRefused_data();  // issue 26: bounded before allocating
    void specialFilesRefused();
    void memoryBudgetBeforeInflating();
    void streamedReadMatchesWhole();
};

void TestModelFiles::saveLoadIsBitIdentical_data() {
    QTest::addColumn<QString>("dtype");
    QTest::newRow("float64") << "float64";
    QTest::newRow("float32") << "float32";
}

void TestModelFiles::saveLoadIsBitIdentical() {
    QFETCH(QString, dtype);
    ModelFile f;
    f.dtype = dtype;
    f.params.A = Matrix::Random(7, 7);
    f.params.B = Matrix::Random(7, 5);
    f.params.c = Vector::Random(7);
    f.params.Wout = Matrix::Random(4, 7);
    f.params.bout = Vector::Random(4);
    // Awkward values: −0, subnormal, extremes of the range, the float32 boundary.
    f.params.A(0, 1) = -0.0;
    f.params.A(1, 0) = 4.9e-324;
    f.params.B(2, 3) = -1e6;
    f.params.c(3) = 1.0 / 3.0;
    if (dtype == "float32") {
        f.params.A = f.params.A.cast<float>().cast<double>();
        f.params.B = f.params.B.cast<float>().cast<double>();
        f.params.c = f.params.c.cast<float>().cast<double>();
        f.params.Wout = f.params.Wout.cast<float>().cast<double>();
        f.params.bout = f.params.bout.cast<float>().cast<double>();
    }
    f.meta["note"] = QStringLiteral("ünïcødé ✓");
    QTemporaryDir dir;
    const QString path = dir.filePath("m.npz");
    QString error;
    QVERIFY2(saveModelFile(path, f, &error), qPrintable(error));
    ModelFile g;
    QVERIFY2(loadModelFile(path, {}, &g, &error), qPrintable(error));
    QVERIFY(sameBits(g.params.A, f.params.A));
    QVERIFY(sameBits(g.params.B, f.params.B));
    QVERIFY(sameBits(g.params.c, f.params.c));
    QVERIFY(sameBits(g.params.Wout, f.params.Wout));
    QVERIFY(sameBits(g.params.bout, f.params.bout));
    QCOMPARE(g.dtype, dtype);
    QCOMPARE(g.meta.value("note").toString(), QStringLiteral("ünïcødé ✓"));
    // NumPy reads the same numbers (its repr round-trips doubles exactly).
    const Run r = python(
        "import sys, json, numpy as np\nz = np.load(sys.argv[1])\n"
        "print(json.dumps({k: z[k].astype(np.float64).tolist() for k in ['A', 'c']}"
        " | {'meta': json.loads(str(z['meta']))}))",
        {path});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject o = json(r.out);
    for (Index i = 0; i < 7; ++i) {
        QCOMPARE(o["c"].toArray()[int(i)].toDouble(), f.params.c(i));
        for (Index j = 0; j < 7; ++j)
            QCOMPARE(o["A"].toArray()[int(i)].toArray()[int(j)].toDouble(), f.params.A(i, j));
    }
    QCOMPARE(o["meta"].toObject()["note"].toString(), QStringLiteral("ünïcødé ✓"));
}

void TestModelFiles::npyParsesBothOrders() {
    // Element (i, j) = 10 i + j, written by hand in C order and in Fortran order.
    std::string c, f;
    for (int i = 0; i < 2; ++i)
        for (int j = 0; j < 3; ++j) {
            const double v = 10 * i + j;
            c.append(reinterpret_cast<const char*>(&v), 8);
        }
    for (int j = 0; j < 3; ++j)
        for (int i = 0; i < 2; ++i) {
            const double v = 10 * i + j;
            f.append(reinterpret_cast<const char*>(&v), 8);
        }
    std::string fortranHeader = npyBytes("<f8", {2, 3}, f);
    const size_t at = fortranHeader.find("False");
    fortranHeader.replace(at, 5, "True ");
    for (const std::string& bytes : {npyBytes("<f8", {2, 3}, c), fortranHeader}) {
        NpyArray a;
        Matrix m;
        std::string error;
        QVERIFY2(parseNpy(bytes, &a, &error) && matrixFromNpy(a, &m, &error), error.c_str());
        QCOMPARE(m.rows(), Index(2));
        for (int i = 0; i < 2; ++i)
            for (int j = 0; j < 3; ++j) QCOMPARE(m(i, j), 10.0 * i + j);
    }
}

void TestModelFiles::numpyRowModelWithCustomNames() {
    QTemporaryDir dir;
    const Run py = python(kRowModelScript, {dir.path()});
    QVERIFY2(py.code == 0, py.err.constData());
    const QJsonObject ref = json(py.out);
    const QString map =
        "A=dyn.weight,B=inp.weight,c=dyn.bias+inp.bias,W_out=head.weight,b_out=head.bias";
    // Loaded in the column convention: A and B transposed, c the sum of the biases.
    ModelImport import;
    QString error;
    QVERIFY(parseModelMap(map, &import, &error));
    import.layout = "row";
    ModelFile m;
    QVERIFY2(loadModelFile(dir.filePath("row.npz"), import, &m, &error), qPrintable(error));
    QCOMPARE(m.params.A.rows(), Index(6));
    QCOMPARE(m.params.B.cols(), Index(3));
    QCOMPARE(m.params.Wout.rows(), Index(3));
    for (int i = 0; i < 6; ++i)
        for (int j = 0; j < 6; ++j)
            QCOMPARE(m.params.A(j, i), ref["A"].toArray()[i].toArray()[j].toDouble());
    for (int i = 0; i < 3; ++i)
        for (int j = 0; j < 6; ++j)
            QCOMPARE(m.params.B(j, i), ref["B"].toArray()[i].toArray()[j].toDouble());
    // The same model with the standard names and "layout": "row" in meta loads the same way.
    ModelFile viaMeta;
    QVERIFY2(loadModelFile(dir.filePath("row_meta.npz"), {}, &viaMeta, &error), qPrintable(error));
    QVERIFY(viaMeta.params.A == m.params.A && viaMeta.params.B == m.params.B &&
            viaMeta.params.Wout == m.params.Wout && viaMeta.params.bout == m.params.bout);
    QVERIFY((viaMeta.params.c - m.params.c).norm() <= 1e-15);
    // The rows of the CSV file, to find each test sample's NumPy values.
    const QJsonArray X = ref["X"].toArray(), W = ref["W"].toArray(), pred = ref["pred"].toArray();
    DataSpec spec;
    spec.dataset = ("csv:" + dir.filePath("data.csv")).toStdString();
    DatasetSplit split;
    std::string why;
    QVERIFY2(loadTrainingData(spec, &split, &why), why.c_str());
    auto rowOf = [&X](const Dataset& d, Index i) {
        for (int r = 0; r < X.size(); ++r)
            if (X[r].toArray()[0].toDouble() == d.X(0, i) &&
                X[r].toArray()[1].toDouble() == d.X(1, i) &&
                X[r].toArray()[2].toDouble() == d.X(2, i))
                return r;
        return -1;
    };
    const QStringList common = {
        "--model",   dir.filePath("row.npz"),          "--layout", "row", "--map", map,
        "--dataset", "csv:" + dir.filePath("data.csv")};
    // Fixed points of three test samples agree to 1e-10.
    for (int i : {0, 7, 29}) {
        const Run r =
            cli(QStringList{"solve"} + common +
                QStringList{"--sample", QString::number(i + 1), "--tolerance", "1e-14", "--json"});
        QVERIFY2(r.code == 0, r.err.constData());
        const QJsonArray w = json(r.out)["fixed_point"].toArray();
        const int row = rowOf(split.test, i);
        QVERIFY(row >= 0);
        QCOMPARE(w.size(), 6);
        for (int j = 0; j < 6; ++j)
            QVERIFY2(std::abs(w[j].toDouble() - W[row].toArray()[j].toDouble()) <= 1e-10,
                     qPrintable(QStringLiteral("sample %1 w[%2]: %3 vs NumPy %4")
                                    .arg(i)
                                    .arg(j)
                                    .arg(w[j].toDouble(), 0, 'g', 17)
                                    .arg(W[row].toArray()[j].toDouble(), 0, 'g', 17)));
    }
    // Predictions over the whole test split agree with NumPy's argmax at its fixed points.
    const Run e = cli(QStringList{"evaluate"} + common +
                      QStringList{"--json", "--per-sample", "--tolerance", "1e-14"});
    QVERIFY2(e.code == 0, e.err.constData());
    const QJsonObject ev = json(e.out);
    const QJsonArray ours = ev["per_sample"].toObject()["predicted"].toArray();
    QCOMPARE(ours.size(), int(split.test.size()));
    int correct = 0;
    for (Index i = 0; i < split.test.size(); ++i) {
        const int row = rowOf(split.test, i);
        QVERIFY(row >= 0);
        QCOMPARE(ours[int(i)].toInt(), pred[row].toInt());
        correct += pred[row].toInt() == split.test.labels(i);
    }
    QCOMPARE(ev["accuracy"].toDouble(), double(correct) / split.test.size());
    // Without the row layout the shapes are refused with a hint.
    const Run bad = cli({"evaluate", "--model", dir.filePath("row.npz"), "--map", map, "--dataset",
                         "csv:" + dir.filePath("data.csv")});
    QCOMPARE(bad.code, 2);
    QVERIFY2(bad.err.contains("array 'B'") && bad.err.contains("try layout row"),
             bad.err.constData());
}

void TestModelFiles::trainSaveModelThenNumpyAccuracy() {
    QTemporaryDir dir;
    const QString path = dir.filePath("m.npz");
    const Run t = cli({"train", "--dataset", "spirals", "--classes", "3", "--samples", "300",
                       "--seed", "4", "--steps", "60", "--method", "itd", "--T", "15", "--quiet",
                       "--json", "--save-model", path});
    QVERIFY2(t.code == 0, t.err.constData());
    const double reported = json(t.out)["test_accuracy"].toDouble();
    QVERIFY(reported > 0.4);  // learned something: three classes, chance is 1/3
    DataSpec spec;
    spec.dataset = "spirals";
    spec.classes = 3;
    spec.samples = 300;
    spec.seed = 4;
    DatasetSplit split;
    std::string why;
    QVERIFY(loadTrainingData(spec, &split, &why));
    writeText(dir.filePath("test.txt"), split.test);
    const Run py = python(kAccuracyScript, {path, dir.filePath("test.txt")});
    QVERIFY2(py.code == 0, py.err.constData());
    const QJsonObject np = json(py.out);
    QCOMPARE(np["T"].toInt(), 15);
    QCOMPARE(np["dtype"].toString(), QString("float64"));
    QCOMPARE(np["accuracy"].toDouble(), reported);
    // evaluate's "as trained" accuracy (T steps, T from meta) is the same number.
    const Run e = cli({"evaluate", "--model", path, "--json"});
    QVERIFY2(e.code == 0, e.err.constData());
    QCOMPARE(json(e.out)["T"].toInt(), 15);
    QCOMPARE(json(e.out)["accuracy_at_T"].toDouble(), reported);
}

void TestModelFiles::evaluateAgreesWithSingleSolves() {
    QTemporaryDir dir;
    const QString path = dir.filePath("m.npz");
    QVERIFY(cli({"train", "--steps", "30", "--quiet", "--save-model", path}).code == 0);
    const Run e =
        cli({"evaluate", "--model", path, "--json", "--per-sample", "--rho-samples", "0"});
    QVERIFY2(e.code == 0, e.err.constData());
    const QJsonObject ev = json(e.out);
    const QJsonObject per = ev["per_sample"].toObject();
    const QJsonArray its = per["iterations"].toArray(), rho = per["rho_J"].toArray();
    // Per-sample counts from the batched run equal the single-sample solver's, and ρ(J) equals
    // the spectrum command's (its own fixed point and eigen-decomposition).
    for (int i : {0, 5, 17, 40}) {
        const Run s = cli({"solve", "--model", path, "--sample", QString::number(i + 1), "--json"});
        QVERIFY2(s.code == 0, s.err.constData());
        QCOMPARE(its[i].toInt(), json(s.out)["iterations"].toInt());
        const Run sp =
            cli({"spectrum", "--model", path, "--sample", QString::number(i + 1), "--json"});
        QVERIFY2(sp.code == 0, sp.err.constData());
        QVERIFY(std::abs(rho[i].toDouble() - json(sp.out)["spectral_radius_J"].toDouble()) < 1e-8);
    }
    // Inputs count from 1 like the window: 0 is refused with the reason, and the slowest input's
    // index is the number --sample takes (its count is the solve's of that number).
    const Run zero = cli({"solve", "--model", path, "--sample", "0"});
    QCOMPARE(zero.code, 2);
    QVERIFY2(zero.err.contains("count from 1"), zero.err.constData());
    const int slowest = ev["slowest"].toArray()[0].toObject()["index"].toInt();
    QVERIFY(slowest >= 1 && slowest <= its.size());
    const Run slowRun =
        cli({"solve", "--model", path, "--sample", QString::number(slowest), "--json"});
    QCOMPARE(json(slowRun.out)["iterations"].toInt(), its[slowest - 1].toInt());
    // The summary statistics recomputed here from the per-sample counts.
    std::vector<int> v;
    for (const QJsonValue& x : its) v.push_back(x.toInt());
    std::sort(v.begin(), v.end());
    const int m = int(v.size());
    QCOMPARE(ev["iterations"].toObject()["min"].toInt(), v.front());
    QCOMPARE(ev["iterations"].toObject()["max"].toInt(), v.back());
    QCOMPARE(ev["iterations"].toObject()["median"].toInt(), v[size_t((m + 1) / 2 - 1)]);
    QCOMPARE(ev["iterations"].toObject()["p90"].toInt(), v[size_t(std::ceil(0.9 * m) - 1)]);
    int total = 0;
    for (const QJsonValue& c : ev["iteration_histogram"].toObject()["counts"].toArray())
        total += c.toInt();
    QCOMPARE(total, m);
    const QJsonArray slow = ev["slowest"].toArray();
    QCOMPARE(slow[0].toObject()["iterations"].toInt(), v.back());
}

void TestModelFiles::evaluateRhoOnlyAtFixedPoints() {
    // A trained model with A scaled up until some inputs no longer converge within the cap.
    QTemporaryDir dir;
    const QString trained = dir.filePath("m.npz"), scaled = dir.filePath("scaled.npz");
    QVERIFY(cli({"train", "--steps", "30", "--quiet", "--save-model", trained}).code == 0);
    ModelFile f;
    QString error;
    QVERIFY2(loadModelFile(trained, {}, &f, &error), qPrintable(error));
    const Matrix A0 = f.params.A;
    QJsonObject ev;
    QJsonArray conv, rho, source;
    for (double s : {1.2, 1.1, 1.4}) {
        f.params.A = s * A0;
        QVERIFY2(saveModelFile(scaled, f, &error), qPrintable(error));
        const Run e = cli(
            {"evaluate", "--model", scaled, "--json", "--per-sample", "--max-iterations", "200"});
        ev = json(e.out);
        const QJsonObject per = ev["per_sample"].toObject();
        conv = per["converged"].toArray();
        rho = per["rho_J"].toArray();
        source = per["rho_J_source"].toArray();
        const int converged = ev["converged"].toInt();
        // Exit 3 exactly when an input did not converge; the JSON is printed either way.
        QCOMPARE(e.code, converged < conv.size() ? 3 : 0);
        if (converged > 0 && converged < conv.size()) break;
    }
    const int N = conv.size(), converged = ev["converged"].toInt();
    QVERIFY2(converged > 0 && converged < N, "no scale gives a mix of converged inputs");
    // ρ(J) per input: equal to `spectrum --sample` (its own Picard run, then the robust search)
    // for converged inputs and for unconverged ones whose fixed point the search finds; n/a
    // (null) otherwise — never the value at a last iterate.
    int checkedConverged = 0, checkedOther = 0, count = 0;
    for (int i = 0; i < N && (checkedConverged < 3 || checkedOther < 3); ++i) {
        count += conv[i].toBool();
        const bool isConverged = conv[i].toBool();
        if (isConverged ? checkedConverged >= 3 : checkedOther >= 3) continue;
        const Run sp = cli({"spectrum", "--model", scaled, "--sample", QString::number(i + 1),
                            "--max-iterations", "200", "--json"});
        QCOMPARE(sp.code, isConverged ? 0 : 3);
        const QJsonObject search = json(sp.out)["fixed_point_search"].toObject();
        if (isConverged) {
            ++checkedConverged;
            QCOMPARE(source[i].toString(), QString("picard"));
            QVERIFY(std::abs(rho[i].toDouble() - search["spectral_radius_J"].toDouble()) < 1e-8);
        } else {
            ++checkedOther;
            if (source[i].toString() == "not_searched") {
                QVERIFY(rho[i].isNull());
            } else if (search["found"].toBool()) {
                QCOMPARE(source[i].toString(), QString("search"));
                QVERIFY(std::abs(rho[i].toDouble() - search["spectral_radius_J"].toDouble()) <
                        1e-8);
            } else {
                QVERIFY(rho[i].isNull());
                QCOMPARE(source[i].toString(), QString("not_found"));
            }
        }
    }
    QVERIFY(checkedConverged > 0 && checkedOther > 0);
    // The counts add up, and the accuracy at the fixed point is over the converged inputs only.
    const QJsonObject counts = ev["rho_J_counts"].toObject();
    QCOMPARE(counts["at_picard_fixed_point"].toInt(), converged);
    QCOMPARE(counts["at_picard_fixed_point"].toInt() + counts["at_searched_fixed_point"].toInt() +
                 counts["no_fixed_point_found"].toInt() + counts["not_searched"].toInt(),
             N);
    QCOMPARE(ev["rho_J"].toObject()["count"].toInt(),
             converged + counts["at_searched_fixed_point"].toInt());
    QCOMPARE(ev["accuracy_last_iterate"].toDouble(), ev["accuracy"].toDouble());
    QVERIFY(ev["accuracy_at_fixed_point"].isDouble());
    // The text says which accuracy is which, and exits 3 with a reason.
    const Run text = cli({"evaluate", "--model", scaled, "--max-iterations", "200"});
    QCOMPARE(text.code, 3);
    QVERIFY(text.out.contains("that converged"));
    QVERIFY(text.out.contains("at the last iterate of all"));
    QVERIFY(text.err.contains("did not converge"));
    // The searches' budgets (dataset_convergence.h): a count searches exactly that many
    // unconverged inputs, spread over the split (bit-reversed ranks: the first, the middle, …);
    // a spent time budget searches none; either way the rest are n/a, counted and named.
    const int candidates = N - converged;
    QCOMPARE(counts["search_candidates"].toInt(), candidates);
    const QJsonObject two =
        json(cli({"evaluate", "--model", scaled, "--json", "--per-sample", "--max-iterations",
                  "200", "--fixed-point-searches", "2", "--search-seconds", "0"})
                 .out);
    const QJsonObject twoCounts = two["rho_J_counts"].toObject();
    QCOMPARE(
        twoCounts["at_searched_fixed_point"].toInt() + twoCounts["no_fixed_point_found"].toInt(),
        std::min(2, candidates));
    QCOMPARE(twoCounts["not_searched"].toInt(), candidates - std::min(2, candidates));
    QVERIFY(!twoCounts["search_budget_exhausted"].toBool());
    QStringList searched;
    int rank = 0;
    const QJsonArray sources = two["per_sample"].toObject()["rho_J_source"].toArray();
    for (int i = 0; i < N; ++i) {
        if (conv[i].toBool()) continue;
        if (sources[i].toString() != "not_searched") searched << QString::number(rank);
        ++rank;
    }
    int half = 1;  // the second in bit-reversed order: the largest power of 2 below candidates
    while (half * 2 < candidates) half *= 2;
    QCOMPARE(searched, (QStringList{"0", QString::number(half)}).mid(0, std::min(2, candidates)));
    const Run spent =
        cli({"evaluate", "--model", scaled, "--max-iterations", "200", "--search-seconds", "1e-9"});
    QCOMPARE(spent.code, 3);
    QVERIFY2(
        spent.out.contains(
            QStringLiteral("budget of 1e-09 s ran out after 0 of %1").arg(candidates).toUtf8()),
        spent.out.constData());
}

void TestModelFiles::specialFilesRefused_data() {
    QTest::addColumn<QString>("kind");
    QTest::newRow("/dev/zero") << "zero";
    QTest::newRow("FIFO") << "fifo";
    QTest::newRow("folder") << "folder";
}

// A device or FIFO is refused before a byte is read (a FIFO would block the open forever, and
// /dev/zero never ends): at once, with the reason.
void TestModelFiles::specialFilesRefused() {
    QFETCH(QString, kind);
    QTemporaryDir dir;
    QString path = "/dev/zero";
    if (kind == "fifo") {
        path = dir.filePath("fifo.npz");
        QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    } else if (kind == "folder") {
        path = dir.path();
    }
    QElapsedTimer timer;
    timer.start();
    ModelFile m;
    QString error;
    QVERIFY(!loadModelFile(path, {}, &m, &error));
    QVERIFY2(timer.elapsed() < 5000, "refused before reading");
    QVERIFY2(error.contains(kind == "folder" ? "is a folder" : "is not a regular file"),
             qPrintable(error));
}

// The arrays' memory is checked from the headers against the budget before any data is
// inflated: a 300×300 A (720 kB as doubles) under a 100 kB budget is refused, naming the estimate;
// with the default budget the same file loads.
void TestModelFiles::memoryBudgetBeforeInflating() {
    ModelFile f;
    f.params.A = Matrix::Constant(300, 300, 0.001);
    f.params.B = Matrix::Constant(300, 2, 0.5);
    f.params.c = Vector::Zero(300);
    const QByteArray bytes = serializeModelNpz(f);
    ModelImport small;
    small.max_memory = 100000;
    ModelFile m;
    QString error;
    QVERIFY(!parseModelNpz(bytes, small, &m, &error));
    QVERIFY2(error.contains("reading the model needs an estimated") &&
                 error.contains("refused before inflating"),
             qPrintable(error));
    QVERIFY2(parseModelNpz(bytes, {}, &m, &error), qPrintable(error));
    QCOMPARE(m.params.A, f.params.A);
}

// The streamed reader (64 KiB pieces, an item split between pieces) gives the arrays the whole-
// buffer parser gives, in both orders, for arrays larger than one piece.
void TestModelFiles::streamedReadMatchesWhole() {
    for (const bool fortran : {false, true}) {
        const Index r = 97, c = 211;  // 164 kB as doubles: three pieces, items cut at the edges
        Matrix a(r, c);
        for (Index i = 0; i < r; ++i)
            for (Index j = 0; j < c; ++j) a(i, j) = std::sin(double(i * c + j));
        std::string data(static_cast<size_t>(r * c * 8), '\0');
        for (Index k = 0; k < r * c; ++k) {
            const double v = fortran ? a(k % r, k / r) : a(k / c, k % c);
            std::memcpy(&data[static_cast<size_t>(8 * k)], &v, 8);
        }
        std::string npy = npyBytes("<f8", {r, c}, data);
        if (fortran) npy.replace(npy.find("False"), 5, "True ");
        NpyArray parsed;
        Matrix whole;
        std::string why;
        QVERIFY2(parseNpy(npy, &parsed, &why) && matrixFromNpy(parsed, &whole, &why), why.c_str());
        QCOMPARE(whole, a);
        Matrix square = Matrix::Identity(r, r) * 0.5;
        const QByteArray zip = zipEntries(
            {{"A.npy", QByteArray::fromStdString(npyFromMatrix(square, NpyFloat::F8))},
             {"B.npy", QByteArray::fromStdString(npy)},
             {"c.npy",
              QByteArray::fromStdString(npyFromMatrix(Vector::Zero(r), NpyFloat::F8, true))}});
        ModelFile m;
        QString error;
        QVERIFY2(parseModelNpz(zip, {}, &m, &error), qPrintable(error));
        QCOMPARE(m.params.B, a);
    }
}

QTEST_MAIN(TestModelFiles)
#include "tst_model_files.moc"
