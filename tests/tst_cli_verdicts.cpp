// equilab-cli's verdicts and exit codes on the scenario files of tests/data: 0 only for a
// converged fixed point, 3 (with the JSON still printed) for a cap, a cycle, chaos or an
// undetermined run, and `hypergrad` says when its exact reference did not converge.
#include <QtTest>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>

#include <cmath>
#include <cstdint>
#include "tests/cli_runner.h"

using namespace Qt::StringLiterals;

namespace {

const QString kData = QStringLiteral(EQUILAB_TEST_DATA_DIR);

}  // namespace

class TestCliVerdicts : public QObject {
    Q_OBJECT
  private slots:
    void solveAndSpectrum_data();
    void solveAndSpectrum();
    void slowRunConvergesWithTheSuggestedCap();
    void spectrumListsEveryCertificate();
    void marginalCases_data();
    void marginalCases();
    void triangularAboveTheDenseLimit();
    void hypergradReference_data();
    void hypergradReference();
};

void TestCliVerdicts::solveAndSpectrum_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("classification");
    QTest::addColumn<QString>("verdict");
    QTest::addColumn<int>("code");
    QTest::newRow("converged") << "verdict-converged.json"
                               << "converged"
                               << "contractive" << 0;
    QTest::newRow("escaped n=2") << "verdict-escaped.json"
                                 << "escaped-then-converged"
                                 << "locally_convergent" << 0;
    QTest::newRow("escaped n=1") << "verdict-escaped-scalar.json"
                                 << "escaped-then-converged"
                                 << "locally_convergent" << 0;
    QTest::newRow("slow") << "verdict-slow.json"
                          << "slow"
                          << "locally_convergent" << 3;
    QTest::newRow("periodic") << "verdict-periodic.json"
                              << "periodic"
                              << "unstable_fixed_point" << 3;
    QTest::newRow("quasi-periodic") << "verdict-quasi-periodic.json"
                                    << "quasi-periodic"
                                    << "unstable_fixed_point" << 3;
    QTest::newRow("chaotic") << "verdict-chaotic.json"
                             << "chaotic"
                             << "unstable_fixed_point" << 3;
}

void TestCliVerdicts::solveAndSpectrum() {
    QFETCH(QString, file);
    QFETCH(QString, classification);
    QFETCH(QString, verdict);
    QFETCH(int, code);
    const Run solve = cli({"solve", "--scenario", kData + "/" + file, "--json"});
    QCOMPARE(solve.code, code);
    const QJsonObject o = solve.json();
    QCOMPARE(o["classification"].toString(), classification);
    QCOMPARE(o["converged"].toBool(), code == 0);
    // fixed_point only for a converged run; the last iterate always (the same point when it is).
    QCOMPARE(o.contains("fixed_point"), code == 0);
    QVERIFY(o["last_iterate"].isArray());
    if (code == 0) QCOMPARE(o["fixed_point"].toArray(), o["last_iterate"].toArray());
    if (code != 0) {
        QCOMPARE(QString::fromUtf8(solve.err).count('\n'), 1);  // one line on stderr
        QVERIFY(o["true_fixed_point"].toObject()["found"].toBool());
    }
    const Run spectrum = cli({"spectrum", "--scenario", kData + "/" + file, "--json"});
    QCOMPARE(spectrum.code, code);
    const QJsonObject s = spectrum.json();
    QCOMPARE(s["classification"].toString(), classification);
    QCOMPARE(s["verdict"].toString(), verdict);
    // The text form starts with the same verdict and exits the same way.
    const Run text = cli({"solve", "--scenario", kData + "/" + file});
    QCOMPARE(text.code, code);
    QVERIFY(
        QString::fromUtf8(text.out).contains("verdict: " + o["classification_text"].toString()));
}

void TestCliVerdicts::slowRunConvergesWithTheSuggestedCap() {
    const QString file = kData + "/verdict-slow.json";
    const QJsonObject o = cli({"solve", "--scenario", file, "--json"}).json();
    const int cap = o["suggested_max_iterations"].toInt();
    QVERIFY(cap > 500);
    // The suggestion is an estimate from the observed rate: 2 % more is enough, 10 % less not.
    const Run more = cli({"solve", "--scenario", file, "--max-iterations",
                          QString::number(cap * 102 / 100), "--json"});
    QCOMPARE(more.code, 0);
    QCOMPARE(more.json()["classification"].toString(), u"converged"_s);
    QCOMPARE(cli({"solve", "--scenario", file, "--max-iterations", QString::number(cap * 90 / 100)})
                 .code,
             3);
}

void TestCliVerdicts::spectrumListsEveryCertificate() {
    // verdict-periodic: A = [[−2]], so every global value is 2, and ρ(J) is taken at the true
    // fixed point w* = tanh(−2 w* + 0.011), J = −2 (1 − w*²), not at a point of the cycle.
    const Run r = cli({"spectrum", "--scenario", kData + "/verdict-periodic.json", "--json"});
    QCOMPARE(r.code, 3);
    const QJsonObject o = r.json();
    const QJsonArray checks = o["certificates"].toArray();
    QCOMPARE(checks.size(), 5);
    QStringList names;
    for (const auto& c : checks) names << c.toObject()["name"].toString();
    QCOMPARE(names,
             (QStringList{"norm_2", "abs_spectral_radius", "norm_inf", "norm_1", "local_rho_J"}));
    // The labels as a reader sees them: subscripts as characters, no TeX underscore.
    QStringList labels;
    for (const auto& c : checks) labels << c.toObject()["label"].toString();
    QCOMPARE(labels, (QStringList{u"‖A‖₂"_s, u"ρ(|A|)"_s, u"‖A‖∞"_s, u"‖A‖₁"_s, u"ρ(J(w*))"_s}));
    const Run text = cli({"spectrum", "--scenario", kData + "/verdict-periodic.json"});
    QVERIFY2(text.out.contains("‖A‖₂ = 2, ρ(|A|) = 2, ‖A‖∞ = 2, ‖A‖₁ = 2 > 1"),
             text.out.constData());
    QVERIFY2(!text.out.contains("‖A‖_") && !text.out.contains("‖_"), text.out.constData());
    for (int k = 0; k < 4; ++k) {
        QVERIFY(std::abs(checks[k].toObject()["value"].toDouble() - 2.0) < 1e-12);
        QVERIFY(!checks[k].toObject()["holds"].toBool());
    }
    double w = 0;  // the fixed point by a few hundred bisection steps
    for (double lo = -0.5, hi = 0.5, k = 0; k < 200; ++k) {
        w = 0.5 * (lo + hi);
        ((w - std::tanh(-2 * w + 0.011)) < 0 ? lo : hi) = w;
    }
    const double rhoJ = 2 * (1 - w * w);
    QVERIFY(std::abs(checks[4].toObject()["value"].toDouble() - rhoJ) < 1e-9);
    QVERIFY(std::abs(o["fixed_point"].toArray()[0].toDouble() - w) < 1e-9);
    QVERIFY(std::abs(o["spectral_radius_J"].toDouble() - rhoJ) < 1e-9);
    QVERIFY(o["strongest_certificate"].isNull());
    QCOMPARE(o["period"].toInt(), 2);
}

void TestCliVerdicts::marginalCases_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<double>("fixedPoint");  // |w*|, checked to 1e-6
    QTest::newRow("A = [[1]], c = 0") << "verdict-marginal-scalar.json" << 0.0;
    QTest::newRow("rotation by 90°") << "verdict-rotation.json" << 0.0;
}

// ρ = 1 exactly: every value is within kMarginalTolerance of 1, so the verdict is "marginal", no
// text says "< 1", "stable" or "unstable", and the exit code follows what Picard did (it is still
// creeping towards 0 at the cap of 5000: 3).
void TestCliVerdicts::marginalCases() {
    QFETCH(QString, file);
    QFETCH(double, fixedPoint);
    const Run r = cli({"spectrum", "--scenario", kData + "/" + file, "--json"});
    QCOMPARE(r.code, 3);
    const QJsonObject o = r.json();
    QCOMPARE(o["verdict"].toString(), u"marginal"_s);
    const QString text = o["text"].toString();
    QVERIFY2(text.startsWith("marginal: ρ(J(w*)) = 1 at w* = "), qPrintable(text));
    QVERIFY2(!text.contains("< 1") && !text.contains("stable"), qPrintable(text));
    for (const auto& c : o["certificates"].toArray()) {
        const QJsonObject k = c.toObject();
        QCOMPARE(k["against_one"].toString(), u"marginal"_s);
        QVERIFY(!k["holds"].toBool());
        if (k["scope"].toString() == u"global"_s)  // proven intervals holding the exact 1
            QVERIFY(k["lower"].toDouble() <= 1 && 1 <= k["upper"].toDouble());
        else  // ρ(J(w*)) at the polished w* ≈ 1e-8: 1 − w*² rounds to 1 within 1e-15
            QVERIFY(std::abs(k["value"].toDouble() - 1) <= 1e-12);
    }
    QVERIFY(o["strongest_certificate"].isNull());
    for (const auto& w : o["fixed_point"].toArray())
        QVERIFY(std::abs(w.toDouble()) <= fixedPoint + 1e-6);
    const QJsonObject search = o["fixed_point_search"].toObject();
    QVERIFY(search["marginal"].toBool());
    QVERIFY(!search["stable"].toBool());
    QVERIFY(!search["message"].toString().contains("stable"));
    // The text form: the same verdict first, the checks marked marginal, the same exit code.
    const Run t = cli({"spectrum", "--scenario", kData + "/" + file});
    QCOMPARE(t.code, 3);
    const QStringList lines = QString::fromUtf8(t.out).split('\n');
    QCOMPARE(lines[0], text);
    QVERIFY(!QString::fromUtf8(t.out).contains("< 1"));
    QVERIFY(QString::fromUtf8(t.out).contains("‖A‖₂ = 1 (marginal)"));
    // `solve` names the fixed point marginal too (Picard did not converge).
    const QJsonObject solve = cli({"solve", "--scenario", kData + "/" + file, "--json"}).json();
    QVERIFY(solve["true_fixed_point"].toObject()["marginal"].toBool());
}

// A 450×450 upper-triangular A, above the dense limit: ρ(A) and ρ(|A|) are the largest |a_ii|
// (0.59997; the off-diagonal part makes ‖A‖₂ ≈ 10), the ρ(|A|) certificate holds, Picard
// converges: exit 0.
void TestCliVerdicts::triangularAboveTheDenseLimit() {
    const int n = 450;
    QJsonArray A, B, c;
    std::uint64_t state = 12345;
    auto uniform = [&state] {  // a small LCG: the test's own numbers
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return double(state >> 11) / double(1ull << 53);
    };
    for (int i = 0; i < n; ++i) {
        QJsonArray row;
        for (int j = 0; j < n; ++j)
            row.append(j < i    ? 0.0
                       : j == i ? (i == 100 ? -0.59997 : 1.1 * uniform() - 0.55)
                                : 0.2 * (uniform() - 0.5));
        A.append(row);
        B.append(QJsonArray{0.1});
        c.append(0.0);
    }
    QJsonObject scenario{
        {"version", 1},
        {"hidden_dim", n},
        {"input_dim", 1},
        {"A", A},
        {"B", B},
        {"c", c},
        {"x", QJsonArray{1.0}},
        {"solver",
         QJsonObject{{"method", "picard"}, {"tolerance", 1e-10}, {"max_iterations", 500}}}};
    QTemporaryDir dir;
    QFile f(dir.filePath("triangular.json"));
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QJsonDocument(scenario).toJson());
    f.close();
    const Run r = cli({"spectrum", "--scenario", f.fileName(), "--json", "--starts", "1"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = r.json();
    QVERIFY(std::abs(o["spectral_radius_A"].toDouble() - 0.59997) <= 1e-6);
    QCOMPARE(o["verdict"].toString(), u"contractive"_s);
    QCOMPARE(o["strongest_certificate"].toString(), u"abs_spectral_radius"_s);
    const QJsonObject abs = o["certificates"].toArray()[1].toObject();
    QVERIFY(abs["lower"].toDouble() <= 0.59997 && 0.59997 <= abs["upper"].toDouble());
    QVERIFY(abs["upper"].toDouble() - abs["lower"].toDouble() <= 1e-6);
    QVERIFY(!o["spectrum_A"].toObject()["approximate"].toBool());
    QCOMPARE(o["residuals_A"].toArray().size(), o["eigenvalues_A"].toArray().size());
    QVERIFY(o["text"].toString().startsWith("contractive: ρ(|A|) = 0.6 < 1"));
}

void TestCliVerdicts::hypergradReference_data() {
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("radius");
    QTest::addColumn<bool>("converged");
    for (const char* m : {"exact", "itd", "aid-fp", "aid-cg"}) {
        QTest::addRow("%s radius 2", m) << m << "2" << false;
        QTest::addRow("%s radius 0.9", m) << m << "0.9" << true;
    }
}

void TestCliVerdicts::hypergradReference() {
    // Radius 2 lets ‖A‖₂ reach 2: the exact reference solve stops at its cap without converging.
    QFETCH(QString, method);
    QFETCH(QString, radius);
    QFETCH(bool, converged);
    const Run r = cli({"hypergrad", "--method", method, "--dataset", "circles", "--samples", "200",
                       "--hidden", "10", "--radius", radius, "--seed", "1", "--json"});
    QCOMPARE(r.code, converged ? 0 : 3);
    const QJsonObject o = r.json();
    QCOMPARE(o["method"].toString(), method);
    QCOMPARE(o["reference_converged"].toBool(), converged);
    QCOMPARE(o["reference_residual"].toDouble() <= 1e-14, converged);
    if (!converged) QVERIFY(QString::fromUtf8(r.err).contains("reference solve did not converge"));
    if (method != "exact") return;
    // hypergrad-sweep measures every point against the same kind of reference: the same check.
    const Run sweep =
        cli({"hypergrad-sweep", "--dataset", "circles", "--samples", "200", "--hidden", "10",
             "--radius", radius, "--seed", "1", "--max-iterations", "3", "--json"});
    QCOMPARE(sweep.code, converged ? 0 : 3);
    const QJsonObject so = sweep.json();
    QCOMPARE(so["reference_converged"].toBool(), converged);
    QCOMPARE(so["reference_residual"].toDouble() <= 1e-14, converged);
    QCOMPARE(so["relative_error"].toObject()["itd"].toArray().size(), 3);
    if (!converged)
        QVERIFY(QString::fromUtf8(sweep.err).contains("reference solve did not converge"));
}

QTEST_GUILESS_MAIN(TestCliVerdicts)
#include "tst_cli_verdicts.moc"
