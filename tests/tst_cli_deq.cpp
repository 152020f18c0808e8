// The DEQ bench from the command line: hypergrad --model's gradients in the file's layout against
// central finite differences of the loss computed here, evaluate --split all and its row
// indices, train's per-step statistics and --strict, gradient-bias's map (of the seeded model and
// of a model file, with its figure), hypergrad --model's Hutchinson check, and spectrum naming
// each parametrization's certificate.
#include <QtTest>

#include <QFile>
#include <QJsonArray>
#include <QTemporaryDir>

#include <Eigen/Eigenvalues>

#include <cmath>
#include <set>

#include "core/model/model.h"
#include "core/training/hypergradient.h"
#include "io/model_npz.h"
#include "tests/cli_runner.h"

using namespace equilab;

namespace {

constexpr int kRows = 40;

// A CSV of kRows points (x1, x2, label), and the same as X and labels.
QString writeCsv(const QString& dir, Matrix* X, IndexVector* labels) {
    *X = randomGaussian(2, kRows, 1.0, 5);
    labels->resize(kRows);
    QString text = QStringLiteral("x1,x2,label\n");
    for (int i = 0; i < kRows; ++i) {
        (*labels)(i) = (*X)(0, i) + 0.5 * (*X)(1, i) > 0 ? 1 : 0;
        text += QStringLiteral("%1,%2,%3\n")
                    .arg((*X)(0, i), 0, 'g', 17)
                    .arg((*X)(1, i), 0, 'g', 17)
                    .arg((*labels)(i));
    }
    const QString path = dir + "/points.csv";
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(text.toUtf8());
    return path;
}

// The fixed point of w = tanh(A w + B x + c) by the test's own Picard loop.
Vector fixedPoint(const ModelParams<double>& p, const Vector& x) {
    Vector w = Vector::Zero(p.A.rows());
    for (int k = 0; k < 3000; ++k) w = (p.A * w + p.B * x + p.c).array().tanh().matrix();
    return w;
}

// A 3-hidden model in row layout (the file's A, B, W_out are the model's transposed).
QString writeRowModel(const QString& dir, ModelParams<double>* model) {
    ModelFile file;
    file.params.A = randomMatrixWithNorm(3, 0.7, 7);
    file.params.B = randomGaussian(2, 3, 0.8, 8);
    file.params.c = randomGaussian(3, 1, 0.3, 9);
    file.params.Wout = randomGaussian(3, 2, 1.0, 10);
    file.params.bout = randomGaussian(2, 1, 0.2, 11);
    *model = {file.params.A.transpose(), file.params.B.transpose(), file.params.c,
              file.params.Wout.transpose(), file.params.bout};
    const QString path = dir + "/row.npz";
    QFile f(path);
    f.open(QIODevice::WriteOnly);
    f.write(serializeModelNpz(file));
    return path;
}

Matrix fromJson(const QJsonArray& rows) {
    Matrix M(rows.size(), rows.isEmpty() ? 0 : rows[0].toArray().size());
    for (int i = 0; i < rows.size(); ++i)
        for (int j = 0; j < M.cols(); ++j) M(i, j) = rows[i].toArray()[j].toDouble();
    return M;
}

}  // namespace

class TestCliDeq : public QObject {
    Q_OBJECT
  private slots:
    void hypergradModelMatchesFiniteDifferencesInRowLayout();
    void evaluateAllCarriesRowIndices();
    void trainReportsBackwardStatistics();
    void gradientBiasMapsJfbAboveAid();
    void gradientBiasOfAModelFile();
    void gradientBiasFigure();
    void hutchinsonAgainstExactOfAModelFile();
    void spectrumNamesTheParametrizationCertificate();
};

void TestCliDeq::hypergradModelMatchesFiniteDifferencesInRowLayout() {
    QTemporaryDir dir;
    Matrix X;
    IndexVector labels;
    const QString csv = writeCsv(dir.path(), &X, &labels);
    // The file's arrays, read as row layout: the model is A = A_fileᵀ, B = B_fileᵀ,
    // W_out = W_fileᵀ (W_{t+1} = tanh(W_t A_file + X B_file + c)).
    ModelFile file;
    file.params.A = randomMatrixWithNorm(3, 0.7, 7);
    file.params.B = randomGaussian(2, 3, 0.8, 8);  // d×n in row layout
    file.params.c = randomGaussian(3, 1, 0.3, 9);
    file.params.Wout = randomGaussian(3, 2, 1.0, 10);  // n×k in row layout
    file.params.bout = randomGaussian(2, 1, 0.2, 11);
    const QString path = dir.path() + "/m.npz";
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(serializeModelNpz(file));
    f.close();
    const Run r = cli({"hypergrad", "--model", path, "--layout", "row", "--dataset", "csv:" + csv,
                       "--split", "all", "--method", "exact", "--gradients", "--json"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject j = r.json();
    QCOMPARE(j["layout"].toString(), QStringLiteral("row"));
    QCOMPARE(j["samples"].toInt(), kRows);
    const QJsonObject g = j["methods"].toArray()[0].toObject()["gradients"].toObject();
    const Matrix gA = fromJson(g["A"].toArray()), gB = fromJson(g["B"].toArray());
    QCOMPARE(gA.rows(), 3);
    QCOMPARE(gB.rows(), 2);  // the file's shape (d×n), not the column convention's
    // The loss of the file's arrays, by the exact forward solve.
    Targets<double> t;
    t.labels = labels;
    auto loss = [&](const ModelParams<double>& fileParams) {
        ModelParams<double> m{fileParams.A.transpose(), fileParams.B.transpose(), fileParams.c,
                              fileParams.Wout.transpose(), fileParams.bout};
        HypergradOptions o;
        o.method = HypergradMethod::Exact;
        return hypergradient(m, X, t, o).loss;
    };
    QVERIFY(std::abs(j["loss"].toDouble() - loss(file.params)) < 1e-12);
    const double h = 1e-5;
    for (int i = 0; i < 3; ++i)
        for (int k = 0; k < 3; ++k) {
            ModelParams<double> plus = file.params, minus = file.params;
            plus.A(i, k) += h;
            minus.A(i, k) -= h;
            const double fd = (loss(plus) - loss(minus)) / (2 * h);
            QVERIFY2(std::abs(fd - gA(i, k)) < 1e-8,
                     qPrintable(QString("A(%1,%2): %3 vs %4").arg(i).arg(k).arg(fd).arg(gA(i, k))));
        }
    ModelParams<double> plus = file.params, minus = file.params;
    plus.B(1, 2) += h;
    minus.B(1, 2) -= h;
    QVERIFY(std::abs((loss(plus) - loss(minus)) / (2 * h) - gB(1, 2)) < 1e-8);
}

void TestCliDeq::evaluateAllCarriesRowIndices() {
    QTemporaryDir dir;
    Matrix X;
    IndexVector labels;
    const QString csv = writeCsv(dir.path(), &X, &labels);
    ModelFile file;
    file.params = {randomMatrixWithNorm(3, 0.5, 1), randomGaussian(3, 2, 0.5, 2),
                   randomGaussian(3, 1, 0.1, 3), randomGaussian(2, 3, 1.0, 4), Vector::Zero(2)};
    const QString path = dir.path() + "/m.npz";
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(serializeModelNpz(file));
    f.close();
    const Run all = cli({"evaluate", "--model", path, "--dataset", "csv:" + csv, "--split", "all",
                         "--per-sample", "--json"});
    QVERIFY2(all.code == 0, all.err.constData());
    const QJsonArray rows = all.json()["per_sample"].toObject()["row"].toArray();
    QCOMPARE(rows.size(), kRows);
    for (int i = 0; i < kRows; ++i) QCOMPARE(rows[i].toInt(), i + 1);  // the whole file, in order
    // Its predictions, computed here at the fixed point, row by row.
    const QJsonArray pred = all.json()["per_sample"].toObject()["predicted"].toArray();
    for (int i = 0; i < kRows; ++i) {
        Vector w = Vector::Zero(3);
        for (int k = 0; k < 2000; ++k)
            w = (file.params.A * w + file.params.B * X.col(i) + file.params.c).array().tanh();
        Index best = 0;
        (file.params.Wout * w + file.params.bout).maxCoeff(&best);
        QCOMPARE(pred[i].toInt(), int(best));
    }
    const Run test = cli({"evaluate", "--model", path, "--dataset", "csv:" + csv, "--split", "test",
                          "--per-sample", "--json"});
    QVERIFY(test.code == 0);
    std::set<int> seen;
    for (const QJsonValue& v : test.json()["per_sample"].toObject()["row"].toArray()) {
        QVERIFY(v.toInt() >= 1 && v.toInt() <= kRows);
        seen.insert(v.toInt());
    }
    QCOMPARE(int(seen.size()), test.json()["samples"].toInt());  // distinct rows
    QVERIFY(seen.size() < size_t(kRows));
}

void TestCliDeq::trainReportsBackwardStatistics() {
    // aid-fp with K = 2 misses the 1e-3 tolerance: every step flagged, never a silent zero.
    const Run r =
        cli({"train", "--method", "aid-fp", "--K", "2", "--steps", "3", "--quiet", "--json"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject j = r.json();
    QCOMPARE(j["backward_converged"].toBool(true), false);
    QCOMPARE(j["backward_unconverged_steps"].toInt(), 3);
    for (const QJsonValue& v : j["steps"].toArray()) {
        const QJsonObject s = v.toObject();
        QCOMPARE(s["backward_converged"].toBool(true), false);
        QVERIFY(s["backward_residual"].toDouble() > 1e-3);
        QCOMPARE(s["backward_iterations"].toInt(), 2);
        QVERIFY(s["grad_norm"].toDouble() > 0);
        QVERIFY(s["rho_estimate"].toDouble() >= 0 && s["rho_estimate"].toDouble() < 1);
    }
    const Run strict =
        cli({"train", "--method", "aid-fp", "--K", "2", "--steps", "3", "--quiet", "--strict"});
    QCOMPARE(strict.code, 3);
    QVERIFY(strict.err.contains("--strict"));
    // jfb solves nothing: no residual, nothing flagged.
    const Run jfb = cli({"train", "--method", "jfb", "--steps", "2", "--quiet", "--json"});
    QVERIFY(jfb.code == 0);
    const QJsonObject s = jfb.json()["steps"].toArray()[0].toObject();
    QVERIFY(s["backward_residual"].isNull());
    QVERIFY(s["backward_converged"].toBool());
}

void TestCliDeq::gradientBiasMapsJfbAboveAid() {
    const Run r = cli({"gradient-bias", "--rho", "0.3,0.6", "--max-samples", "10", "--json"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonArray points = r.json()["points"].toArray();
    QCOMPARE(points.size(), 2);
    for (const QJsonValue& v : points) {
        const QJsonObject p = v.toObject();
        QVERIFY(p["reached"].toBool());
        QVERIFY(std::abs(p["rho_J"].toDouble() - p["target_rho"].toDouble()) <= 1e-3);
        const QJsonObject rel = p["relative_error"].toObject(), cos = p["cosine"].toObject();
        QVERIFY(rel["jfb"].toDouble() > 10 * rel["aid-fp"].toDouble());
        for (const QString& k : cos.keys())
            QVERIFY(cos[k].toDouble() <= 1 + 1e-12 && cos[k].toDouble() >= -1 - 1e-12);
    }
}

void TestCliDeq::gradientBiasOfAModelFile() {
    QTemporaryDir dir;
    Matrix X;
    IndexVector labels;
    const QString csv = writeCsv(dir.path(), &X, &labels);
    ModelParams<double> model;
    const QString path = writeRowModel(dir.path(), &model);
    // Per input: each input's ρ(J*) is ρ(diag(1 − w*²) A) of the model read in row layout, with
    // w* and the eigenvalues computed here.
    const Run in =
        cli({"gradient-bias", "--model", path, "--layout", "row", "--dataset", "csv:" + csv,
             "--split", "all", "--per", "input", "--max-samples", "5", "--json"});
    QVERIFY2(in.code == 0, in.err.constData());
    const QJsonArray inputs = in.json()["inputs"].toArray();
    QCOMPARE(inputs.size(), 5);
    QCOMPARE(in.json()["hidden"].toInt(), 3);
    for (int i = 0; i < 5; ++i) {
        const Vector w = fixedPoint(model, X.col(i));
        const Matrix J = (1.0 - w.array().square()).matrix().asDiagonal() * model.A;
        const double rho = Eigen::EigenSolver<Matrix>(J).eigenvalues().cwiseAbs().maxCoeff();
        const QJsonObject row = inputs[i].toObject();
        QCOMPARE(row["index"].toInt(), i + 1);  // inputs count from 1, as everywhere in the CLI
        QVERIFY2(std::abs(row["rho_J"].toDouble() - rho) < 1e-9,
                 qPrintable(QString("%1 vs %2").arg(row["rho_J"].toDouble()).arg(rho)));
        QVERIFY(row["relative_error"].toObject()["itd"].toDouble() < 1e-3);
    }
    // Across the scale: every target reached, JFB's error above AID-FP's.
    const Run sc = cli({"gradient-bias", "--model", path, "--layout", "row", "--dataset",
                        "csv:" + csv, "--split", "all", "--rho", "0.5,0.9", "--json"});
    QVERIFY2(sc.code == 0, sc.err.constData());
    const QJsonArray points = sc.json()["points"].toArray();
    QCOMPARE(points.size(), 2);
    for (const QJsonValue& v : points) {
        const QJsonObject p = v.toObject();
        QVERIFY(p["reached"].toBool() && p["reference_converged"].toBool());
        const QJsonObject rel = p["relative_error"].toObject();
        QVERIFY(rel["jfb"].toDouble() > 10 * rel["aid-fp"].toDouble());
    }
    // A file without a readout is refused (no loss).
    ModelFile bare;
    bare.params = {model.A, model.B, model.c, Matrix(), Vector()};
    QFile f(dir.path() + "/bare.npz");
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(serializeModelNpz(bare));
    f.close();
    const Run no = cli({"gradient-bias", "--model", dir.path() + "/bare.npz", "--dataset",
                        "csv:" + csv, "--json"});
    QCOMPARE(no.code, 2);
    QVERIFY(no.err.contains("readout"));
}

void TestCliDeq::gradientBiasFigure() {
    QTemporaryDir dir;
    const Run r = cli({"gradient-bias", "--rho", "0.3,0.6", "--max-samples", "10", "--figure",
                       dir.path(), "--preset", "slide"});
    QVERIFY2(r.code == 0, r.err.constData());
    // Two presets: one map, a folder each.
    const Run two = cli({"gradient-bias", "--rho", "0.3", "--max-samples", "5", "--figure",
                         dir.path(), "--preset", "paper-single,slide", "--format", "svg"});
    QVERIFY2(two.code == 0, two.err.constData());
    QVERIFY(QFile::exists(dir.path() + "/paper-single/gradient_bias.svg"));
    QVERIFY(QFile::exists(dir.path() + "/slide/gradient_bias.svg"));
    // A PNG (its signature) whose IHDR size is the slide preset's (wider than tall, >= 600 px).
    QFile png(dir.path() + "/gradient_bias.png");
    QVERIFY(png.open(QIODevice::ReadOnly));
    const QByteArray head = png.read(24);
    QVERIFY(head.startsWith("\x89PNG\r\n\x1a\n") && head.mid(12, 4) == "IHDR");
    auto be32 = [&head](int at) {
        return (uint(uchar(head[at])) << 24) | (uint(uchar(head[at + 1])) << 16) |
               (uint(uchar(head[at + 2])) << 8) | uint(uchar(head[at + 3]));
    };
    QVERIFY(be32(16) >= 600 && be32(16) > be32(20));
    // Refused before any work: a figure per input, a preset without a figure.
    QCOMPARE(cli({"gradient-bias", "--per", "input", "--figure", dir.path()}).code, 2);
    QCOMPARE(cli({"gradient-bias", "--preset", "slide"}).code, 2);
}

void TestCliDeq::hutchinsonAgainstExactOfAModelFile() {
    QTemporaryDir dir;
    Matrix X;
    IndexVector labels;
    const QString csv = writeCsv(dir.path(), &X, &labels);
    ModelParams<double> model;
    const QString path = writeRowModel(dir.path(), &model);
    const Run r = cli({"hypergrad", "--model", path, "--layout", "row", "--dataset", "csv:" + csv,
                       "--split", "all", "--hutchinson", "2000", "--json"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject f = r.json()["jacobian_frobenius_squared"].toObject();
    // The exact mean of Σ_jk (1 − w_j²)² A_jk² over the 40 inputs, from fixed points found here.
    double exact = 0;
    for (Index i = 0; i < X.cols(); ++i) {
        const Vector w = fixedPoint(model, X.col(i));
        const Matrix J = (1.0 - w.array().square()).matrix().asDiagonal() * model.A;
        exact += J.squaredNorm() / X.cols();
    }
    QVERIFY2(std::abs(f["exact"].toDouble() - exact) < 1e-12 * exact,
             qPrintable(QString("%1 vs %2").arg(f["exact"].toDouble()).arg(exact)));
    // Hutchinson (seed 1, fixed): within 3 standard errors, and the error honest (> 0, small).
    const double se = f["standard_error"].toDouble();
    QVERIFY(se > 0 && se < 0.05 * exact);
    QVERIFY2(std::abs(f["hutchinson_mean"].toDouble() - exact) < 3 * se,
             qPrintable(QString("z = %1").arg(f["z"].toDouble())));
    QCOMPARE(f["probes"].toInt(), 2000);
}

void TestCliDeq::spectrumNamesTheParametrizationCertificate() {
    QTemporaryDir dir;
    const QString path = dir.path() + "/monotone.json";
    // monotone at m = 0.3 with ‖A‖₂ > 1 before and after the parametrization.
    QCOMPARE(cli({"generate", "--hidden", "5", "--norm", "1.6", "--parametrization", "monotone",
                  "--radius", "0.3", "--out", path})
                 .code,
             0);
    const Run r = cli({"spectrum", "--scenario", path, "--json"});
    QVERIFY2(r.code == 0 || r.code == 1, r.err.constData());
    const QJsonObject c = r.json()["parametrization_certificate"].toObject();
    QCOMPARE(c["parametrization"].toString(), QString("monotone"));
    QCOMPARE(c["condition"].toString(), QString("I − A ⪰ m·I (symmetric part)"));
    QCOMPARE(c["bound_kind"].toString(), QString("lower"));
    QVERIFY(c["holds"].toBool() && c["meets_parameter"].toBool());
    QVERIFY(c["bound"].toDouble() <= 0.3 && c["bound"].toDouble() > 0.3 - 1e-12);
    const Run text = cli({"spectrum", "--scenario", path});
    QVERIFY(text.out.contains("parametrization monotone: I − A ⪰ m·I"));
    QVERIFY(text.out.contains("Winston & Kolter"));
    // inf_ball names ‖A‖∞ ≤ κ from the norm_inf check; free has none (null).
    const QString inf = dir.path() + "/inf.json";
    QCOMPARE(cli({"generate", "--hidden", "5", "--norm", "1.6", "--parametrization", "inf_ball",
                  "--radius", "0.7", "--out", inf})
                 .code,
             0);
    const QJsonObject i = cli({"spectrum", "--scenario", inf, "--json"})
                              .json()["parametrization_certificate"]
                              .toObject();
    QCOMPARE(i["condition"].toString(), QString("‖A‖∞ ≤ κ"));
    QVERIFY(i["holds"].toBool() && i["bound"].toDouble() <= 0.7 + 1e-12);
    QVERIFY(cli({"spectrum", "--json"}).json()["parametrization_certificate"].isNull());
}

QTEST_GUILESS_MAIN(TestCliDeq)
#include "tst_cli_deq.moc"
