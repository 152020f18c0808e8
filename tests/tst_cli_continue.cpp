// `equilab-cli continue` and `equilab-cli lyapunov` on the test maps of tests/data/bifurcation-*:
// special points against closed forms computed here (the flip of tanh(−s w + 0.3) by bisection,
// the folds of tanh(2w + b), Neimark–Sacker of s·R(1.2), the branch point of s·I), exponents
// against a loop here, and the refusals (index 0, out of range, empty range) with exit code 2.
#include <QJsonArray>
#include <QtTest>

#include <cmath>

#include "tests/cli_runner.h"

namespace {

const QString kData = QStringLiteral(EQUILAB_TEST_DATA_DIR);

double fixedPoint1d(double s, double b) {
    double lo = -1, hi = 1;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        (mid - std::tanh(-s * mid + b) < 0 ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

double flipScale(double b) {
    double lo = 0.5, hi = 6;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        const double w = fixedPoint1d(mid, b);
        (mid * (1 - w * w) - 1 < 0 ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

QJsonArray specials(const QJsonObject& o, const QString& type) {
    QJsonArray out;
    for (const QJsonValue& v : o["special_points"].toArray())
        if (v.toObject()["type"].toString() == type) out.append(v);
    return out;
}

}  // namespace

class TestCliContinue : public QObject {
    Q_OBJECT
  private slots:
    void specialPoints_data();
    void specialPoints();
    void periodTwoBranch();
    void textOutput();
    void refusals_data();
    void refusals();
    void lyapunovAtScenario();
    void lyapunovSweep();
};

void TestCliContinue::specialPoints_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QStringList>("range");
    QTest::addColumn<QString>("type");
    QTest::addColumn<QList<double>>("expected");  // parameter values, ascending
    QTest::addColumn<double>("angle");            // of the critical multiplier
    const double wF = std::sqrt(0.5), bF = std::atanh(wF) - 2 * wF;
    QTest::newRow("flip of tanh(−s w + 0.3)")
        << "bifurcation-flip.json" << QStringList{"--param", "scale", "--from", "0.2", "--to", "4"}
        << "PD" << QList<double>{flipScale(0.3)} << M_PI;
    QTest::newRow("folds of tanh(2w + b)")
        << "bifurcation-fold.json" << QStringList{"--param", "c[1]", "--from", "-2", "--to", "2"}
        << "F" << QList<double>{bF, -bF} << 0.0;
    QTest::newRow("Neimark–Sacker of s·R(1.2)")
        << "bifurcation-ns.json" << QStringList{"--from", "0.3", "--to", "1.7"} << "NS"
        << QList<double>{1.0} << 1.2;
    QTest::newRow("branch point of s·I")
        << "bifurcation-bp.json" << QStringList{"--from", "0.5", "--to", "1.5"} << "BP"
        << QList<double>{1.0} << 0.0;
}

void TestCliContinue::specialPoints() {
    QFETCH(QString, file);
    QFETCH(QStringList, range);
    QFETCH(QString, type);
    QFETCH(QList<double>, expected);
    QFETCH(double, angle);
    const Run r = cli(QStringList{"continue", "--scenario", kData + "/" + file, "--json"} + range);
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonObject o = r.json();
    const QJsonArray found = specials(o, type);
    QCOMPARE(found.size(), expected.size());
    QList<double> ps;
    for (const QJsonValue& v : found) {
        ps.append(v.toObject()["p"].toDouble());
        const QJsonArray c = v.toObject()["critical"].toArray();
        QVERIFY(std::abs(std::hypot(c[0].toDouble(), c[1].toDouble()) - 1) < 1e-8);
        QVERIFY(std::abs(v.toObject()["critical_angle"].toDouble() - angle) < 1e-8);
    }
    std::sort(ps.begin(), ps.end());
    for (int i = 0; i < ps.size(); ++i)
        QVERIFY2(
            std::abs(ps[i] - expected[i]) < 1e-8,
            qPrintable(QString("%1 vs %2").arg(ps[i], 0, 'g', 15).arg(expected[i], 0, 'g', 15)));
    // Every point carries its stability, consistent with its radius.
    int points = 0;
    for (const QJsonValue& b : o["branches"].toArray())
        for (const QJsonValue& v : b.toObject()["points"].toArray()) {
            const QJsonObject pt = v.toObject();
            const double radius = pt["radius"].toDouble();
            const QString st = pt["stability"].toString();
            QCOMPARE(st, std::abs(radius - 1) <= 1e-9 ? QString("marginal")
                         : radius < 1                 ? QString("stable")
                                                      : QString("unstable"));
            ++points;
        }
    QCOMPARE(points, o["points"].toInt());
}

// The flip's period-2 branch: every point is a 2-cycle, checked here by iterating the map.
void TestCliContinue::periodTwoBranch() {
    const Run r = cli({"continue", "--scenario", kData + "/bifurcation-flip.json", "--from", "0.2",
                       "--to", "4", "--json"});
    QCOMPARE(r.code, 0);
    int twoPoints = 0;
    for (const QJsonValue& b : r.json()["branches"].toArray()) {
        if (b.toObject()["period"].toInt() != 2) continue;
        for (const QJsonValue& v : b.toObject()["points"].toArray()) {
            const double s = v.toObject()["p"].toDouble();
            const double w = v.toObject()["w"].toArray()[0].toDouble();
            const double w1 = std::tanh(-s * w + 0.3), w2 = std::tanh(-s * w1 + 0.3);
            QVERIFY(std::abs(w2 - w) < 1e-9);
            // Its multiplier is the product of the two derivatives.
            const double mu = s * (1 - w1 * w1) * s * (1 - w2 * w2);
            QVERIFY(std::abs(v.toObject()["radius"].toDouble() - std::abs(mu)) < 1e-9);
            ++twoPoints;
        }
    }
    QVERIFY(twoPoints > 10);
    const Run off = cli({"continue", "--scenario", kData + "/bifurcation-flip.json", "--from",
                         "0.2", "--to", "4", "--json", "--no-period-doubling"});
    for (const QJsonValue& b : off.json()["branches"].toArray())
        QCOMPARE(b.toObject()["period"].toInt(), 1);
}

void TestCliContinue::textOutput() {
    const Run r = cli({"continue", "--scenario", kData + "/bifurcation-fold.json", "--param",
                       "c[1]", "--from", "-2", "--to", "2"});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains("special points: 2"));
    QVERIFY(r.out.contains("F  (fold, period 1"));
    QVERIFY(r.out.contains("unstable"));
}

void TestCliContinue::refusals_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    QTest::newRow("c[0]") << QStringList{"continue", "--param", "c[0]"} << "count from 1";
    QTest::newRow("x[0] in lyapunov")
        << QStringList{"lyapunov", "--param", "x[0]"} << "count from 1";
    QTest::newRow("c[3] of n = 2") << QStringList{"continue", "--param", "c[3]"} << "1 to 2";
    QTest::newRow("unknown") << QStringList{"continue", "--param", "gain"} << "unknown parameter";
    QTest::newRow("empty range") << QStringList{"continue", "--from", "2", "--to", "1"}
                                 << "from < to";
    QTest::newRow("one point") << QStringList{"continue", "--max-points", "1"} << "out of range";
}

void TestCliContinue::refusals() {
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const Run r = cli(args);
    QCOMPARE(r.code, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(r.out.isEmpty());
}

// The chaotic map's λ₁ against a loop here (one renormalised vector; the orbits part, so they
// agree within the statistical error), and λ₁ + λ₂ against the mean log |det J| of that loop.
void TestCliContinue::lyapunovAtScenario() {
    const Run r = cli({"lyapunov", "--scenario", kData + "/bifurcation-chaos.json", "--transient",
                       "500", "--iterations", "20000", "--json"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonArray e = r.json()["exponents"].toArray(), err = r.json()["errors"].toArray();
    QCOMPARE(e.size(), 2);
    double w1 = 0.1, w2 = -0.2, v1 = 1, v2 = 0, sum = 0, logDet = 0;
    const int m = 20000;
    for (int k = 0; k < 500 + m; ++k) {
        const double n1 = std::tanh(-2 * w1 + 2 * w2 + 1), n2 = std::tanh(-8 * w1 + 6 * w2 + 0.3);
        const double d1 = 1 - n1 * n1, d2 = 1 - n2 * n2;
        const double a = d1 * (-2 * v1 + 2 * v2), b = d2 * (-8 * v1 + 6 * v2);
        const double g = std::hypot(a, b);
        v1 = a / g;
        v2 = b / g;
        if (k >= 500) {
            sum += std::log(g);
            logDet += std::log(std::abs(d1 * d2 * 4.0));  // det A = −12 + 16 = 4
        }
        w1 = n1;
        w2 = n2;
    }
    QVERIFY(sum / m > 0.3);
    QVERIFY(std::abs(e[0].toDouble() - sum / m) < 5 * err[0].toDouble() + 1e-3);
    QVERIFY(std::abs(e[0].toDouble() + e[1].toDouble() - logDet / m) <
            5 * (err[0].toDouble() + err[1].toDouble()) + 1e-3);
}

// Before the flip the attractor is w*: λ₁(s) = log(s(1 − w*²)) at each value of the sweep.
void TestCliContinue::lyapunovSweep() {
    const Run r = cli({"lyapunov", "--scenario", kData + "/bifurcation-flip.json", "--param",
                       "scale", "--from", "0.4", "--to", "1.8", "--steps", "8", "--json"});
    QVERIFY2(r.code == 0, r.err.constData());
    const QJsonArray columns = r.json()["columns"].toArray();
    QCOMPARE(columns.size(), 8);
    const double flip = flipScale(0.3);
    int before = 0;
    for (const QJsonValue& v : columns) {
        const double s = v.toObject()["p"].toDouble();
        const double l = v.toObject()["exponents"].toArray()[0].toDouble();
        if (s < 0.95 * flip) {
            const double w = fixedPoint1d(s, 0.3);
            QVERIFY2(std::abs(l - std::log(s * (1 - w * w))) < 1e-9,
                     qPrintable(QString::number(l)));
            ++before;
        }
    }
    QVERIFY(before >= 3);
}

QTEST_APPLESS_MAIN(TestCliContinue)
#include "tst_cli_continue.moc"
