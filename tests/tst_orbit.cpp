// The orbit diagram's core: period doubling of w ↦ tanh(−s·w + b) against a value found by
// bisection here, the parameters it sweeps against Newton's fixed point, the period test, the
// stage order, the spec parser, and `equilab-cli export --views orbit`.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <cmath>
#include <set>

#include "core/analysis/dynamics.h"
#include "core/analysis/orbit.h"
#include "core/model/scenario.h"
#include "core/solvers/solver.h"
#include "tests/cli_runner.h"

using namespace equilab;

namespace {

// w* of w = tanh(−s w + b): g(w) = w − tanh(−s w + b) increases in w for s > 0, g(−1) < 0 < g(1).
double fixedPoint1d(double s, double b) {
    double lo = -1, hi = 1;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        (mid - std::tanh(-s * mid + b) < 0 ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

// The s where the fixed point's derivative −s(1 − w*²) reaches −1, by bisection on
// h(s) = s(1 − w*(s)²) − 1 (negative at s = 0.5, positive at s = 5 for small b).
double periodDoublingScale(double b) {
    double lo = 0.5, hi = 5;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        const double w = fixedPoint1d(mid, b);
        (mid * (1 - w * w) - 1 < 0 ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

Model oneDimensional(double b) {
    Model m;
    m.A = Matrix::Constant(1, 1, -1.0);
    m.B = Matrix::Zero(1, 1);
    m.c = Vector::Constant(1, b);
    return m;
}

// Distinct values of a column, merged within tol.
int branches(const std::vector<double>& values, double tol = 1e-5) {
    std::vector<double> v = values;
    std::sort(v.begin(), v.end());
    int count = 0;
    for (size_t i = 0; i < v.size(); ++i)
        if (i == 0 || v[i] - v[i - 1] > tol) ++count;
    return count;
}

}  // namespace

class TestOrbit : public QObject {
    Q_OBJECT
  private slots:
    void periodDoubling_data();
    void periodDoubling();
    void verdictMarksPeriodDoubling_data();
    void verdictMarksPeriodDoubling();
    void parametersMatchNewton_data();
    void parametersMatchNewton();
    void detectPeriodOfKnownSequences();
    void stagesCoverEveryColumnOnce();
    void specParser_data();
    void specParser();
    void rejectsOptionsThatDoNotFit();
    void cliExport();
};

void TestOrbit::periodDoubling_data() {
    QTest::addColumn<double>("b");
    QTest::newRow("b = 0 (s* = 1)") << 0.0;
    QTest::newRow("b = 0.2") << 0.2;
    QTest::newRow("b = -0.35") << -0.35;
}

void TestOrbit::periodDoubling() {
    QFETCH(double, b);
    const double sStar = periodDoublingScale(b);
    const Model m = oneDimensional(b);
    OrbitOptions o;
    o.p_min = 0.4;
    o.p_max = 2.0;
    o.count = 161;
    o.burn_in = 3000;
    o.keep = 64;
    const OrbitDiagram d = computeOrbitDiagram(m, Vector::Zero(1), Vector::Constant(1, 0.1), o);
    QVERIFY(d.complete);
    QCOMPARE(d.columns.size(), size_t(161));
    auto f = [b](double s, double w) { return std::tanh(-s * w + b); };
    for (const OrbitColumn& c : d.columns) {
        QVERIFY2(c.verdict != Dynamics::Chaotic && c.verdict != Dynamics::QuasiPeriodic &&
                     c.verdict != Dynamics::Invalid,
                 qPrintable(QString("p = %1: %2").arg(c.p).arg(toString(c.verdict).c_str())));
        if (c.p < sStar - 0.03) {
            QCOMPARE(branches(c.values), 1);
            QCOMPARE(c.period, 1);
            QVERIFY(std::abs(c.values.back() - fixedPoint1d(c.p, b)) < 1e-8);
        } else if (c.p > sStar + 0.03 && c.p < 2.0) {
            // Two branches, each a point of the 2-cycle of f, not a fixed point.
            QCOMPARE(branches(c.values), 2);
            QCOMPARE(c.period, 2);
            for (double v : c.values) {
                QVERIFY(std::abs(f(c.p, f(c.p, v)) - v) < 1e-7);
                QVERIFY(std::abs(f(c.p, v) - v) > 1e-3);
            }
        }
    }
    // The class changes from fixed point to 2-cycle next to the bisected s* and nowhere else; at
    // s* itself convergence is only algebraic, so a column there may still count as aperiodic.
    const std::vector<OrbitTransition> t = d.transitions();
    QVERIFY(!t.empty() && t.size() <= 2);
    QCOMPARE(t.front().from, 1);
    QCOMPARE(t.back().to, 2);
    if (t.size() == 2) QCOMPARE(t.front().to, kOrbitAperiodic);
    for (const OrbitTransition& x : t)
        QVERIFY2(std::abs(0.5 * (x.p_left + x.p_right) - sStar) < 0.03,
                 qPrintable(QString("transition at %1, s* = %2").arg(x.p_left).arg(sStar)));
}

void TestOrbit::verdictMarksPeriodDoubling_data() {
    periodDoubling_data();
}

void TestOrbit::verdictMarksPeriodDoubling() {
    // The classifier of dynamics.h on each column's burn-in: converged below the bisected s*,
    // periodic with period 2 above it, and every verdict change next to s*. (Right at s* the
    // linear rate is 1, so a column there may be slow, sublinear or undetermined — never chaotic
    // or quasi-periodic: a map of the line w ↦ tanh(a w + b) is monotone.)
    QFETCH(double, b);
    const double sStar = periodDoublingScale(b);
    const Model m = oneDimensional(b);
    OrbitOptions o;
    o.p_min = 0.4;
    o.p_max = 2.0;
    o.count = 81;
    o.burn_in = 3000;
    const Vector w0 = Vector::Constant(1, 0.1);
    const OrbitDiagram d = computeOrbitDiagram(m, Vector::Zero(1), w0, o);
    for (const OrbitColumn& c : d.columns) {
        QVERIFY2(c.verdict != Dynamics::Chaotic && c.verdict != Dynamics::QuasiPeriodic &&
                     c.verdict != Dynamics::Invalid,
                 qPrintable(QString("p = %1: %2").arg(c.p).arg(toString(c.verdict).c_str())));
        if (c.p < sStar - 0.03) {
            QVERIFY2(reachedFixedPoint(c.verdict), toString(c.verdict).c_str());
        } else if (c.p > sStar + 0.03) {
            QCOMPARE(toString(c.verdict), std::string("periodic"));
            QCOMPARE(c.verdict_period, 2);
        }
    }
    const std::vector<OrbitVerdictChange> t = d.verdictChanges();
    QVERIFY(!t.empty());
    QVERIFY(reachedFixedPoint(t.front().from));
    QCOMPARE(int(t.back().to), int(Dynamics::Periodic));
    QCOMPARE(t.back().to_period, 2);
    for (const OrbitVerdictChange& x : t)
        QVERIFY2(x.p_left > sStar - 0.03 && x.p_right < sStar + 0.03,
                 qPrintable(
                     QString("change at %1..%2, s* = %3").arg(x.p_left).arg(x.p_right).arg(sStar)));
    QCOMPARE(orbitVerdictName(t.back().to, t.back().to_period), std::string("periodic (2)"));
    // The verdict is the lessons' classifier on the same Picard run, solved here by hand.
    SolverOptions picard;
    picard.max_iterations = o.burn_in;
    for (int k : {0, 40, 80}) {
        Model mk = m;
        mk.A *= d.columns[k].p;
        QCOMPARE(toString(d.columns[k].verdict),
                 classificationName(mk, Vector::Zero(1), w0, picard));
    }
}

void TestOrbit::parametersMatchNewton_data() {
    QTest::addColumn<int>("parameter");
    QTest::addColumn<int>("index");
    QTest::newRow("scale of A") << int(OrbitParameter::ScaleA) << 0;
    QTest::newRow("drive scale") << int(OrbitParameter::DriveScale) << 0;
    QTest::newRow("c[2]") << int(OrbitParameter::EntryC) << 1;
    QTest::newRow("x[1]") << int(OrbitParameter::EntryX) << 0;
}

void TestOrbit::parametersMatchNewton() {
    // A contraction (‖A‖₂ = 0.5, so ‖s A‖₂ ≤ 0.8 for |s| ≤ 1.6): every column is the fixed point,
    // which Newton finds on a model edited by hand.
    QFETCH(int, parameter);
    QFETCH(int, index);
    Scenario s = randomScenario(3, 2, 11, 0.5);
    OrbitOptions o;
    o.parameter = static_cast<OrbitParameter>(parameter);
    o.index = index;
    o.p_min = -1.5;
    o.p_max = 1.6;
    o.count = 5;
    o.component = 2;
    SolverOptions newton;
    newton.method = SolverMethod::Newton;
    for (int k = 0; k < o.count; ++k) {
        const OrbitColumn c = computeOrbitColumn(s.model, s.x, s.startingPoint(), o, k);
        QCOMPARE(c.p, o.p_min + k * (o.p_max - o.p_min) / 4);
        Model m = s.model;
        Vector x = s.x;
        if (o.parameter == OrbitParameter::ScaleA) m.A *= c.p;
        if (o.parameter == OrbitParameter::DriveScale) {
            m.B *= c.p;
            m.c *= c.p;
        }
        if (o.parameter == OrbitParameter::EntryC) m.c(index) = c.p;
        if (o.parameter == OrbitParameter::EntryX) x(index) = c.p;
        const SolverSummary ns = solveFixedPoint(m, x, Vector::Zero(3), newton);
        QVERIFY(ns.converged());
        QCOMPARE(c.period, 1);
        for (double v : c.values) QVERIFY(std::abs(v - ns.fixed_point(2)) < 1e-9);
    }
}

void TestOrbit::detectPeriodOfKnownSequences() {
    auto seq = [](int period, int length) {
        std::vector<Vector> v;
        for (int j = 0; j < length; ++j)
            v.push_back(Vector::Constant(2, std::sin(1.0 + j % period)));
        return v;
    };
    QCOMPARE(detectPeriod(seq(1, 20), 16, 1e-9), 1);
    QCOMPARE(detectPeriod(seq(3, 20), 16, 1e-9), 3);
    QCOMPARE(detectPeriod(seq(7, 40), 16, 1e-9), 7);
    QCOMPARE(detectPeriod(seq(17, 60), 16, 1e-9), kOrbitAperiodic);
    std::vector<Vector> irrational;  // a rotation by an irrational angle never repeats
    for (int j = 0; j < 64; ++j)
        irrational.push_back(Vector::Constant(1, std::cos(j * std::sqrt(2.0))));
    QCOMPARE(detectPeriod(irrational, 16, 1e-6), kOrbitAperiodic);
}

void TestOrbit::stagesCoverEveryColumnOnce() {
    for (int count : {1, 2, 7, 9, 200, 201}) {
        const auto stages = orbitStages(count, 8);
        std::multiset<int> all;
        for (const auto& s : stages) all.insert(s.begin(), s.end());
        QCOMPARE(int(all.size()), count);
        for (int k = 0; k < count; ++k) QCOMPARE(int(all.count(k)), 1);
        // The first stage spans the range.
        QVERIFY(std::count(stages.front().begin(), stages.front().end(), count - 1) == 1);
        QVERIFY(std::count(stages.front().begin(), stages.front().end(), 0) == 1);
    }
}

void TestOrbit::specParser_data() {
    QTest::addColumn<QString>("spec");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<int>("parameter");
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("component");
    QTest::newRow("scale") << "scale:0.1:2" << true << int(OrbitParameter::ScaleA) << 0 << 0;
    QTest::newRow("c entry, component")
        << "c[3]:-3:3:2" << true << int(OrbitParameter::EntryC) << 2 << 1;
    QTest::newRow("x entry") << "x[1]:-1:1" << true << int(OrbitParameter::EntryX) << 0 << 0;
    // Entries count from 1, as in the window: the 0-based spelling is refused with a hint.
    QTest::newRow("0-based c") << "c[0]:-1:1" << false << 0 << 0 << 0;
    QTest::newRow("0-based x") << "x[0]:-1:1" << false << 0 << 0 << 0;
    QTest::newRow("drive") << "drive:0:4" << true << int(OrbitParameter::DriveScale) << 0 << 0;
    QTest::newRow("unknown parameter") << "b[0]:0:1" << false << 0 << 0 << 0;
    QTest::newRow("reversed range") << "scale:2:1" << false << 0 << 0 << 0;
    QTest::newRow("not a number") << "scale:a:1" << false << 0 << 0 << 0;
    QTest::newRow("component 0") << "scale:0:1:0" << false << 0 << 0 << 0;
    QTest::newRow("too few parts") << "scale:1" << false << 0 << 0 << 0;
    QTest::newRow("negative index") << "c[-1]:0:1" << false << 0 << 0 << 0;
}

void TestOrbit::specParser() {
    QFETCH(QString, spec);
    QFETCH(bool, ok);
    OrbitOptions o;
    o.p_min = 0.25;
    std::string error;
    QCOMPARE(parseOrbitSpec(spec.toStdString(), &o, &error), ok);
    if (!ok) {
        QVERIFY(!error.empty());
        QCOMPARE(o.p_min, 0.25);  // unchanged
        return;
    }
    QFETCH(int, parameter);
    QFETCH(int, index);
    QFETCH(int, component);
    QCOMPARE(int(o.parameter), parameter);
    QCOMPARE(o.index, index);
    QCOMPARE(o.component, component);
}

void TestOrbit::rejectsOptionsThatDoNotFit() {
    const Model m = oneDimensional(0);
    OrbitOptions o;
    std::string error;
    QVERIFY(o.IsValidFor(m, &error));
    o.component = 1;
    QVERIFY(!o.IsValidFor(m, &error));
    QVERIFY(error.find("component") != std::string::npos);
    o.component = 0;
    o.parameter = OrbitParameter::EntryX;
    o.index = 1;
    QVERIFY(!o.IsValidFor(m, &error));
    QVERIFY(error.find("x has 1") != std::string::npos);
    o = OrbitOptions{};
    o.max_period = o.keep;
    QVERIFY(!o.IsValid(&error));
}

void TestOrbit::cliExport() {
    QTemporaryDir dir;
    const QString lesson = QStringLiteral(EQUILAB_LESSONS_DIR "/d-oscillation.json");
    Run r = cli({"export", "--scenario", lesson, "--views", "orbit", "--format", "csv,png",
                 "--orbit", "scale:0.2:1.2:2", "--out", dir.path()});
    QVERIFY2(r.code == 0, r.err.constData());
    QVERIFY(QFile::exists(dir.filePath("orbit.png")));
    QFile f(dir.filePath("orbit.csv"));
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.first(), QString("series,x,y,z"));
    // 200 columns of 64 iterates, on the range asked for, all within (−1, 1).
    QCOMPARE(lines.size() - 1, 200 * 64);
    double lo = 1e9, hi = -1e9;
    for (int i = 1; i < lines.size(); ++i) {
        const QStringList cells = lines[i].split(',');
        const double x = cells.value(1).toDouble(), y = cells.value(2).toDouble();
        lo = std::min(lo, x);
        hi = std::max(hi, x);
        QVERIFY(std::abs(y) < 1);
    }
    QCOMPARE(lo, 0.2);
    QCOMPARE(hi, 1.2);
    // Bad specs: exit 2 with one line naming the option.
    for (const QString bad : {"scale:1:0", "c[5]:0:1", "nonsense", "c[0]:0:1"}) {
        r = cli({"export", "--scenario", lesson, "--views", "orbit", "--orbit", bad, "--out",
                 dir.path()});
        QCOMPARE(r.code, 2);
        QVERIFY2(r.err.startsWith("--orbit") || r.err.contains("--orbit"), r.err.constData());
        // One line from us (the platform may add its own warnings before it).
        QCOMPARE(r.err.count("equilab-cli:"), 1);
        QVERIFY(r.err.trimmed().split('\n').last().startsWith("equilab-cli: --orbit"));
    }
}

QTEST_GUILESS_MAIN(TestOrbit)
#include "tst_orbit.moc"
