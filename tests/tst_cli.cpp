// equilab-cli as a user runs it: output parses, agrees with the core, bad input exits 2.
#include <QtTest>

#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include "core/analysis/spectra.h"
#include "core/data/data_spec.h"
#include "core/training/hypergradient.h"
#include "io/scenario_json.h"
#include "tests/cli_runner.h"

using namespace equilab;

class TestCli : public QObject {
    Q_OBJECT
  private slots:
    void solveDefaultAgreesWithCore();
    void solveScenarioFile_data();
    void solveScenarioFile();
    void spectrumAgreesWithCore();
    void badInputExits2_data();
    void badInputExits2();
    void nonFiniteIsNumericalFailure();
    void hypergradAgreesWithCore();
    void hypergradSweepFalls();
    void trainReportsEveryStep();
    void generateWritesScenario();
    void exportIsDeterministic();
    void exportPngHasRequestedSize();
    void exportComputesOnlyWhatViewsNeed();
};

void TestCli::solveDefaultAgreesWithCore() {
    const Run r = cli({"solve", "--json"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    for (const char* key : {"converged", "termination", "iterations", "residuals", "fixed_point",
                            "message", "solver", "time_ms"})
        QVERIFY2(o.contains(key), key);
    const Scenario s = defaultScenario();
    const SolverSummary ref = solveFixedPoint(s.model, s.x, s.w0, s.solver);
    QCOMPARE(o["converged"].toBool(), true);
    QCOMPARE(o["termination"].toString(), QString("converged"));
    QCOMPARE(o["iterations"].toInt(), ref.iterations);
    QCOMPARE(o["residuals"].toArray().size(), static_cast<int>(ref.residuals.size()));
    const QJsonArray w = o["fixed_point"].toArray();
    QCOMPARE(w.size(), 2);
    for (int i = 0; i < 2; ++i) QCOMPARE(w[i].toDouble(), ref.fixed_point(i));
}

void TestCli::solveScenarioFile_data() {
    QTest::addColumn<QString>("solver");
    for (const char* s : {"picard", "km", "anderson", "broyden", "newton"}) QTest::newRow(s) << s;
}

void TestCli::solveScenarioFile() {
    QFETCH(QString, solver);
    QTemporaryDir dir;
    ScenarioFile f;
    f.scenario = randomScenario(8, 3, 5, 0.95);
    QString error;
    QVERIFY(saveScenarioFile(dir.filePath("s.json"), f, &error));
    const Run r = cli({"solve", "--scenario", dir.filePath("s.json"), "--solver", solver,
                       "--tolerance", "1e-12", "--json"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    QCOMPARE(o["solver"].toString(), solver);
    QVERIFY(o["converged"].toBool());
    SolverOptions opts;
    opts.tolerance = 1e-12;
    const SolverSummary ref = solveFixedPoint(f.scenario.model, f.scenario.x, {}, opts);
    const QJsonArray w = o["fixed_point"].toArray();
    for (int i = 0; i < 8; ++i) QVERIFY(std::abs(w[i].toDouble() - ref.fixed_point(i)) < 1e-10);
}

void TestCli::spectrumAgreesWithCore() {
    const Run r = cli({"spectrum", "--json"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    const Scenario s = defaultScenario();
    const Certificate c = computeCertificate(s.model, s.x, s.w0, s.solver);
    QCOMPARE(o["norm_A"].toDouble(), c.A.norm);
    QCOMPARE(o["spectral_radius_J"].toDouble(), c.J.spectral_radius);
    QCOMPARE(o["predicted_iterations"].toInt(), c.predicted_iterations);
    QCOMPARE(o["observed_iterations"].toInt(), c.observed_iterations);
    QCOMPARE(o["verdict"].toString(), QString("contractive"));
    QCOMPARE(o["eigenvalues_A"].toArray().size(), 2);
    QCOMPARE(o["eigenvalues_A"].toArray()[0].toArray().size(), 2);
    // The default A is 0.9·rotation: eigenvalues 0.9·e^{±0.6i}.
    QVERIFY(std::abs(std::abs(o["eigenvalues_A"].toArray()[0].toArray()[1].toDouble()) -
                     0.9 * std::sin(0.6)) < 1e-12);
}

void TestCli::badInputExits2_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("no command") << QStringList{} << "usage";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command";
    QTest::newRow("missing file") << QStringList{"solve", "--scenario", "/no/such.json"}
                                  << "cannot open";
    QTest::newRow("unknown option") << QStringList{"solve", "--bogus"} << "Unknown option";
    QTest::newRow("missing value") << QStringList{"solve", "--tolerance"} << "Missing value";
    QTest::newRow("bad number") << QStringList{"solve", "--tolerance", "abc"}
                                << "--tolerance: expected a number";
    QTest::newRow("out of range") << QStringList{"solve", "--max-iterations", "0"}
                                  << "--max-iterations: 0 is out of range";
    QTest::newRow("bad solver") << QStringList{"solve", "--solver", "magic"}
                                << "--solver: unknown method";
    QTest::newRow("bad parametrization")
        << QStringList{"spectrum", "--parametrization", "x"} << "--parametrization: unknown kind";
    QTest::newRow("unknown dataset")
        << QStringList{"train", "--dataset", "iris"} << "unknown dataset \"iris\"";
    QTest::newRow("train exact") << QStringList{"train", "--method", "exact"}
                                 << "--method: unknown method";
    QTest::newRow("mnist missing")
        << QStringList{"train", "--dataset", "mnist", "--data-dir", "/no/dir"} << "fetch-mnist";
    QTest::newRow("csv missing") << QStringList{"train", "--dataset", "csv:/no/file.csv"}
                                 << "cannot open";
    QTest::newRow("bad dtype") << QStringList{"train", "--dtype", "int8"} << "--dtype";
    QTest::newRow("hidden zero") << QStringList{"hypergrad", "--hidden", "0"}
                                 << "--hidden: 0 is out of range";
    QTest::newRow("bad method") << QStringList{"hypergrad", "--method", "magic"}
                                << "--method: unknown method";
    QTest::newRow("export bad view")
        << QStringList{"export", "--views", "nonsense", "--out", "/tmp"} << "--views: unknown view";
    QTest::newRow("export bad size")
        << QStringList{"export", "--size", "big", "--out", "/tmp"} << "--size";
    QTest::newRow("export no out") << QStringList{"export"} << "--out: missing";
    QTest::newRow("generate bad kind")
        << QStringList{"generate", "--matrix", "hilbert"} << "--matrix: unknown kind";
}

void TestCli::badInputExits2() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = cli(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
}

void TestCli::nonFiniteIsNumericalFailure() {
    // JSON cannot hold NaN, but a bad file can still be malformed: an entry beyond the limit is
    // bad input (2); a parametrization radius so large that nothing converges is not an error.
    QTemporaryDir dir;
    QFile f(dir.filePath("bad.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(
        R"({"version":1,"hidden_dim":1,"input_dim":1,"A":[[1e400]],"B":[[1]],"c":[0],"x":[1]})");
    f.close();
    const Run r = cli({"solve", "--scenario", dir.filePath("bad.json")});
    QCOMPARE(r.code, 2);
}

void TestCli::hypergradAgreesWithCore() {
    const Run exact = cli({"hypergrad", "--method", "exact", "--json"});
    QCOMPARE(exact.code, 0);
    QVERIFY(exact.json()["relative_error"].toDouble() < 1e-12);
    // The exact method is its own reference above; here it meets one computed in this test:
    // central differences of the outer loss, entry by entry, on the CLI's seeded model and data.
    {
        const Run small = cli({"hypergrad", "--method", "exact", "--hidden", "4", "--samples", "50",
                               "--seed", "3", "--json"});
        QCOMPARE(small.code, 0);
        DataSpec spec;
        spec.samples = 50;
        spec.samples_set = true;
        spec.seed = 3;
        DatasetSplit split;
        std::string why;
        QVERIFY2(loadTrainingData(spec, &split, &why), why.c_str());
        const ModelParams<double> params =
            studyModel(4, 0.9, 3, split.train.features(), split.train.classes);
        Targets<double> targets;
        targets.labels = split.train.labels;
        HypergradOptions o;
        o.method = HypergradMethod::Exact;
        auto loss = [&](const ModelParams<double>& q) {
            return hypergradient(q, split.train.X, targets, o).loss;
        };
        QVERIFY(std::abs(small.json()["loss"].toDouble() - loss(params)) < 1e-12);
        // d/dθ of L by (L(θ + h) − L(θ − h)) / 2h, error O(h²) ≈ 1e-10 at h = 1e-5.
        auto differences = [&](auto member) {
            ModelParams<double> q = params;
            auto& block = q.*member;
            double sum = 0;
            for (Index i = 0; i < block.size(); ++i) {
                const double v = block.data()[i], h = 1e-5;
                block.data()[i] = v + h;
                const double up = loss(q);
                block.data()[i] = v - h;
                const double down = loss(q);
                block.data()[i] = v;
                sum += std::pow((up - down) / (2 * h), 2);
            }
            return std::sqrt(sum);
        };
        const QJsonObject norms = small.json()["gradient_norms"].toObject();
        const double fd[] = {
            differences(&ModelParams<double>::A), differences(&ModelParams<double>::B),
            differences(&ModelParams<double>::c), differences(&ModelParams<double>::Wout),
            differences(&ModelParams<double>::bout)};
        const char* names[] = {"A", "B", "c", "W_out", "b_out"};
        for (int k = 0; k < 5; ++k) {
            const double cliNorm = norms[names[k]].toDouble();
            QVERIFY2(std::abs(cliNorm - fd[k]) <= 1e-6 * std::max(fd[k], 1e-3),
                     qPrintable(QStringLiteral("%1: exact %2, finite differences %3")
                                    .arg(names[k])
                                    .arg(cliNorm, 0, 'g', 12)
                                    .arg(fd[k], 0, 'g', 12)));
        }
    }
    const Run r = cli({"hypergrad", "--method", "aid-fp", "--iterations", "30", "--samples", "100",
                       "--hidden", "8", "--seed", "3", "--json"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    QCOMPARE(o["method"].toString(), QString("aid-fp"));
    QCOMPARE(o["samples"].toInt(), 60);  // the 60 % training split
    QVERIFY(std::abs(o["contraction_bound"].toDouble() - 0.9) < 1e-12);
    // K = 30 at q = 0.9: the error is well below 0.9^30 ≈ 0.04 times a modest constant.
    QVERIFY(o["relative_error"].toDouble() < 0.05);
    for (const char* key : {"A", "B", "c", "W_out", "b_out", "total"})
        QVERIFY(o["gradient_norms"].toObject()[key].toDouble() > 0);
}

void TestCli::hypergradSweepFalls() {
    const Run r = cli({"hypergrad-sweep", "--max-iterations", "25", "--json"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    QCOMPARE(o["iterations"].toArray().size(), 25);
    for (const char* m : {"itd", "aid-fp", "aid-cg"}) {
        const QJsonArray e = o["relative_error"].toObject()[m].toArray();
        QCOMPARE(e.size(), 25);
        QVERIFY2(e[24].toDouble() < e[0].toDouble() / 100, m);
    }
}

void TestCli::trainReportsEveryStep() {
    const Run r =
        cli({"train", "--steps", "30", "--method", "itd", "--eval-every", "10", "--json"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    QCOMPARE(o["status"].toString(), QString("finished"));
    const QJsonArray steps = o["steps"].toArray();
    QCOMPARE(steps.size(), 30);
    for (const char* key :
         {"train_loss", "train_accuracy", "grad_norm", "norm_A", "forward_iterations", "time_ms"})
        QVERIFY2(steps[0].toObject().contains(key), key);
    QVERIFY(steps[9].toObject().contains("val_accuracy"));
    QVERIFY(!steps[8].toObject().contains("val_accuracy"));
    QVERIFY(steps[29].toObject()["norm_A"].toDouble() <= 0.9 + 1e-9);
    QVERIFY(o["test_accuracy"].toDouble() > 0.5);
    QVERIFY(QString::fromUtf8(r.err).contains("step 30/30"));  // progress on stderr
}

void TestCli::generateWritesScenario() {
    QTemporaryDir dir;
    const QString path = dir.filePath("g.json");
    const Run r = cli({"generate", "--hidden", "6", "--input", "3", "--norm", "0.7", "--matrix",
                       "rotation", "--out", path});
    QCOMPARE(r.code, 0);
    ScenarioFile f;
    QString error;
    QVERIFY2(loadScenarioFile(path, &f, &error), qPrintable(error));
    QCOMPARE(f.scenario.hiddenDim(), Index(6));
    QVERIFY(std::abs(computeSpectrum(f.scenario.model.A).norm - 0.7) < 1e-12);
}

void TestCli::exportIsDeterministic() {
    QTemporaryDir a, b;
    for (QTemporaryDir* d : {&a, &b}) {
        const Run r = cli({"export", "--views", "trajectories,convergence,spectra,basins,sweep",
                           "--format", "csv", "--out", d->path()});
        QCOMPARE(r.code, 0);
    }
    for (const char* name :
         {"trajectories.csv", "convergence.csv", "eigenvalues.csv", "basins.csv", "sweep.csv"}) {
        QFile fa(a.filePath(name)), fb(b.filePath(name));
        QVERIFY2(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly), name);
        const QByteArray da = fa.readAll();
        QVERIFY(da.count('\n') > 2);
        QCOMPARE(da, fb.readAll());  // bit for bit
    }
}

void TestCli::exportPngHasRequestedSize() {
    QTemporaryDir d;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove("DISPLAY");
    env.remove("QT_QPA_PLATFORM");
    QProcess p;
    p.setProcessEnvironment(env);  // no display at all: the CLI selects offscreen itself
    p.start(QStringLiteral(EQUILAB_CLI_PATH), {"export", "--views", "phase", "--format", "png,svg",
                                               "--size", "640x360", "--out", d.path()});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    QImage img(d.filePath("phase.png"));
    QCOMPARE(img.size(), QSize(640, 360));
    QVERIFY(QFileInfo(d.filePath("phase.svg")).size() > 1000);
}

void TestCli::exportComputesOnlyWhatViewsNeed() {
    // Trajectories need the primary solve only: no spectra, no solver comparison, no basins or
    // sweep (progress on stderr says what was computed), and the file is the same bit for bit
    // as from an export that computed everything.
    QTemporaryDir only, all;
    const Run r =
        cli({"export", "--views", "trajectories", "--format", "csv", "--out", only.path()});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("export: solving"), r.err.constData());
    for (const char* skipped : {"spectra", "comparing the solvers", "basins"})
        QVERIFY2(!r.err.contains(skipped), r.err.constData());
    const Run full = cli({"export", "--views", "trajectories,convergence,spectra,basins,sweep",
                          "--format", "csv", "--out", all.path()});
    QCOMPARE(full.code, 0);
    QVERIFY2(full.err.contains("basins"), full.err.constData());
    QFile a(only.filePath("trajectories.csv")), b(all.filePath("trajectories.csv"));
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    QCOMPARE(a.readAll(), b.readAll());
}

QTEST_APPLESS_MAIN(TestCli)
#include "tst_cli.moc"
