// The phase portrait you can touch: clicks through QTest mouse events (undoable), the field's
// arrows against φ(w) − w computed here, equal aspect, and the fixed points of lessons (c) and
// (d) against a Newton iteration written in this test from independent random starts.
#include <QContextMenuEvent>
#include <QTabWidget>
#include <QtTest>

#include <qcustomplot.h>

#include <random>

#include "core/analysis/phase_field.h"
#include "io/scenario_json.h"
#include "ui/document/document.h"
#include "ui/views/convergence_view.h"
#include "ui/views/phase_interaction.h"
#include "ui/views/phase_view.h"
#include "ui/views/playback.h"
#include "ui/views/trajectory_view.h"
#include "ui/window/main_window.h"

using namespace equilab;

namespace {

Vector phi(const Scenario& s, const Vector& w) {
    return (s.model.A * w + s.model.B * s.x + s.model.c).array().tanh().matrix();
}

// Plain Newton on F(w) = φ(w) − w for n = 2: (J − I) δ = −F with J = diag(1 − φ²) A.
bool newton2(const Scenario& s, Vector w, Vector* out) {
    for (int it = 0; it < 100; ++it) {
        const Vector f = phi(s, w);
        const Vector F = f - w;
        if (F.norm() < 1e-13) {
            *out = w;
            return true;
        }
        Matrix J = (Vector::Ones(2) - f.cwiseProduct(f)).asDiagonal() * s.model.A;
        J -= Matrix::Identity(2, 2);
        const double det = J(0, 0) * J(1, 1) - J(0, 1) * J(1, 0);
        if (std::abs(det) < 1e-14) return false;
        Vector d(2);  // Cramer's rule
        d(0) = (-F(0) * J(1, 1) + F(1) * J(0, 1)) / det;
        d(1) = (-J(0, 0) * F(1) + J(1, 0) * F(0)) / det;
        w += d;
        if (!w.allFinite()) return false;
    }
    return false;
}

// ρ of a 2×2 matrix from its trace and determinant.
double rho2(const Matrix& J) {
    const double t = J.trace(), d = J(0, 0) * J(1, 1) - J(0, 1) * J(1, 0), disc = t * t / 4 - d;
    if (disc >= 0)
        return std::max(std::abs(t / 2 + std::sqrt(disc)), std::abs(t / 2 - std::sqrt(disc)));
    return std::sqrt(d);  // complex pair: |λ|² = det
}

Scenario lesson(const QString& id) {
    ScenarioFile f;
    QString error;
    if (!loadScenarioFile(QStringLiteral(EQUILAB_LESSONS_DIR "/") + id + ".json", &f, &error))
        qFatal("%s", qPrintable(error));
    return f.scenario;
}

PhaseInteraction* openPhase(MainWindow& w) {
    w.resize(1200, 850);
    w.show();
    if (!QTest::qWaitForWindowExposed(&w)) return nullptr;
    auto* tabs = w.findChild<QTabWidget*>("viewTabs");
    tabs->setCurrentWidget(w.findChild<PhaseView*>());
    return w.findChild<PhaseView*>()->findChild<PhaseInteraction*>();
}

}  // namespace

class TestPhaseTouch : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void fieldIsTheDisplacement_data();
    void fieldIsTheDisplacement();
    void fixedPointsOfLessons_data();
    void fixedPointsOfLessons();
    void clickSetsW0AndShiftClickAddsStarts();
    void windowShowsFieldWithEqualAspect();
    void playbackMarksTheCurrentIterate();
};

void TestPhaseTouch::fieldIsTheDisplacement_data() {
    QTest::addColumn<int>("n");
    QTest::newRow("n = 2, the plane itself") << 2;
    QTest::newRow("n = 4, plane of w1, w3 through w*") << 4;
}

void TestPhaseTouch::fieldIsTheDisplacement() {
    QFETCH(int, n);
    const Scenario s = randomScenario(n, 2, 3, 1.3);
    Matrix D = Matrix::Zero(n, 2);
    D(0, 0) = 1;
    D(n == 2 ? 1 : 2, 1) = 1;
    Vector base = Vector::LinSpaced(n, -0.3, 0.4);
    const PlaneWindow win{-1.2, 0.8, -0.5, 1.5};
    const auto arrows = displacementField(s.model, s.x, base, D, win, 7);
    QCOMPARE(arrows.size(), size_t(49));
    for (const FieldArrow& a : arrows) {
        Vector w = base;
        w(0) = a.x;
        w(n == 2 ? 1 : 2) = a.y;
        const Vector d = phi(s, w) - w;
        QVERIFY(std::abs(a.dx - d(0)) < 1e-14);
        QVERIFY(std::abs(a.dy - d(n == 2 ? 1 : 2)) < 1e-14);
        QVERIFY(a.x > win.x_lo && a.x < win.x_hi && a.y > win.y_lo && a.y < win.y_hi);
    }
    // Nullcline segments lie on φ_k(w) = w_k up to the grid's interpolation error.
    for (int k = 0; k < 2; ++k) {
        const auto segs = nullcline(s.model, s.x, base, D, k, win, 80);
        for (const PlaneSegment& g : segs) {
            Vector w = base;
            w(0) = 0.5 * (g.x0 + g.x1);
            w(n == 2 ? 1 : 2) = 0.5 * (g.y0 + g.y1);
            const int c = k == 0 ? 0 : (n == 2 ? 1 : 2);
            QVERIFY(std::abs(phi(s, w)(c) - w(c)) < 5e-3);
        }
    }
}

void TestPhaseTouch::fixedPointsOfLessons_data() {
    QTest::addColumn<QString>("id");
    QTest::newRow("lesson c") << "c-locally-convergent";
    QTest::newRow("lesson d") << "d-oscillation";
}

void TestPhaseTouch::fixedPointsOfLessons() {
    QFETCH(QString, id);
    const Scenario s = lesson(id);
    QCOMPARE(int(s.hiddenDim()), 2);
    const auto found =
        planeFixedPoints(s.model, s.x, Vector::Zero(2), Matrix::Identity(2, 2), PlaneWindow{}, 9);
    QVERIFY(!found.empty());
    // Independent: our Newton from 400 random starts in (−1, 1)², where every fixed point of tanh
    // lies.
    std::mt19937 gen(42);
    std::uniform_real_distribution<double> u(-1, 1);
    std::vector<Vector> mine;
    for (int t = 0; t < 400; ++t) {
        Vector w;
        if (!newton2(s, Vector{{u(gen), u(gen)}}, &w)) continue;
        bool known = false;
        for (const Vector& m : mine) known |= (m - w).norm() < 1e-7;
        if (!known) mine.push_back(w);
    }
    QCOMPARE(found.size(), mine.size());
    for (const PlaneFixedPoint& f : found) {
        QVERIFY((phi(s, f.w) - f.w).norm() < 1e-10);
        bool matched = false;
        for (const Vector& m : mine)
            if ((m - f.w).norm() < 1e-8) {
                matched = true;
                const Vector fm = phi(s, m);
                const double rho =
                    rho2((Vector::Ones(2) - fm.cwiseProduct(fm)).asDiagonal() * s.model.A);
                QVERIFY(std::abs(f.rho - rho) < 1e-9);
                QCOMPARE(f.stable(), rho < 1);
            }
        QVERIFY(matched);
    }
    if (id.startsWith('d')) {  // w* = 0 with J = A, |λ| = √(1.6² + 0.2²) > 1
        QCOMPARE(found.size(), size_t(1));
        QVERIFY(!found[0].stable());
    }
}

void TestPhaseTouch::clickSetsW0AndShiftClickAddsStarts() {
    MainWindow w;
    PhaseInteraction* touch = openPhase(w);
    QVERIFY(touch);
    QCustomPlot* plot = w.findChild<PhaseView*>()->plot();
    QTRY_VERIFY_WITH_TIMEOUT(!w.findChild<PhaseView*>()->result().summary.iterates.empty(), 10000);
    plot->replot();
    QTest::qWait(100);
    Document* doc = w.document();
    const Vector before = doc->scenario().startingPoint();
    const int steps = doc->undoStack()->count();
    // Click: w0 = the point under the cursor (to a pixel).
    const QCPRange xr = plot->xAxis->range(), yr = plot->yAxis->range();
    const double ax = xr.lower + 0.3 * xr.size(), ay = yr.lower + 0.7 * yr.size();
    const QPoint at = touch->toPixel(ax, ay);
    QTest::mouseClick(plot, Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(doc->undoStack()->count(), steps + 1);
    const Vector w0 = doc->scenario().startingPoint();
    const double pixel = plot->xAxis->range().size() / plot->axisRect()->width();
    QVERIFY2(std::abs(w0(0) - ax) <= 1.5 * pixel && std::abs(w0(1) - ay) <= 1.5 * pixel,
             qPrintable(QString("w0 = (%1, %2)").arg(w0(0)).arg(w0(1))));
    doc->undoStack()->undo();
    QCOMPARE(doc->scenario().startingPoint(), before);
    // A drag pans and changes nothing.
    QTest::mousePress(plot, Qt::LeftButton, Qt::NoModifier, at);
    QTest::mouseMove(plot, at + QPoint(40, 30));
    QTest::mouseRelease(plot, Qt::LeftButton, Qt::NoModifier, at + QPoint(40, 30));
    QCOMPARE(doc->scenario().startingPoint(), before);
    plot->replot();
    // Shift-click twice: two starts, kept as view state (no undo step).
    const int base = doc->undoStack()->index();
    QTest::mouseClick(plot, Qt::LeftButton, Qt::ShiftModifier,
                      touch->toPixel(xr.lower + 0.6 * xr.size(), ay));
    // The new start's legend entry may move the legend and refit the equal-aspect axes: the
    // second click aims at a point of the axes as they are now.
    const QCPRange xNow = plot->xAxis->range(), yNow = plot->yAxis->range();
    QTest::mouseClick(
        plot, Qt::LeftButton, Qt::ShiftModifier,
        touch->toPixel(xNow.lower + 0.8 * xNow.size(), yNow.lower + 0.5 * yNow.size()));
    QCOMPARE(int(touch->starts().size()), 2);
    QCOMPARE(doc->undoStack()->index(), base);
    QVERIFY(std::abs(touch->starts()[0](0) - (xr.lower + 0.6 * xr.size())) <= 1.5 * pixel);
    QCOMPARE(doc->scenario().startingPoint(), before);  // w0 untouched
    // Their Picard paths arrive with the worker's result: each begins at its start and each step
    // is w ← tanh(A w + B x + c), computed here.
    auto* view = w.findChild<PhaseView*>();
    QTRY_COMPARE_WITH_TIMEOUT(int(view->result().startPaths.size()), 2, 10000);
    const std::vector<Vector> starts = touch->starts();
    for (size_t i = 0; i < 2; ++i) {
        const std::vector<Vector>& path = view->result().startPaths[i];
        const Model& m = view->result().scenario.model;
        const Vector drive = m.B * view->result().scenario.x + m.c;
        QVERIFY(path.size() >= 2);
        QCOMPARE(path[0], starts[i]);
        for (size_t k = 0; k + 1 < path.size() && k < 5; ++k)
            QVERIFY((path[k + 1] - (m.A * path[k] + drive).array().tanh().matrix()).norm() < 1e-12);
    }
    // They survive an edit and its undo.
    QVERIFY(doc->setEntry(Block::c, 0, 0, 0.125, nullptr));
    doc->undoStack()->undo();
    QCOMPARE(int(touch->starts().size()), 2);
    // Right-click clears them (no menu).
    QContextMenuEvent menu(QContextMenuEvent::Mouse, at, plot->mapToGlobal(at));
    QApplication::sendEvent(plot, &menu);
    QVERIFY(menu.isAccepted());
    QCOMPARE(int(touch->starts().size()), 0);
    QTRY_COMPARE_WITH_TIMEOUT(int(view->result().startPaths.size()), 0, 10000);
}

void TestPhaseTouch::windowShowsFieldWithEqualAspect() {
    MainWindow w;
    PhaseInteraction* touch = openPhase(w);
    QVERIFY(touch);
    QVERIFY(w.openLesson("c-locally-convergent"));
    auto* view = w.findChild<PhaseView*>();
    QTRY_VERIFY_WITH_TIMEOUT(
        view->result().scenario.model.A.rows() == 2 && view->result().scenario.model.A(0, 0) == 1.5,
        10000);  // (no result yet: A is empty)
    QCustomPlot* plot = view->plot();
    plot->replot();
    // Equal aspect: one unit spans as many pixels on both axes (once the analysis stage and the
    // corrective replot after the layout pass are in).
    auto unitX = [plot] { return plot->xAxis->coordToPixel(1) - plot->xAxis->coordToPixel(0); };
    auto unitY = [plot] { return plot->yAxis->coordToPixel(0) - plot->yAxis->coordToPixel(1); };
    QTRY_VERIFY2_WITH_TIMEOUT(std::abs(unitX() - unitY()) < 1,
                              qPrintable(QString("%1 against %2 pixels").arg(unitX()).arg(unitY())),
                              5000);
    // The arrows drawn are φ(w) − w at their grid points.
    const Scenario s = w.document()->scenario();
    QCOMPARE(int(touch->arrows().size()),
             PhaseInteraction::kFieldGrid * PhaseInteraction::kFieldGrid);
    for (const FieldArrow& a : touch->arrows()) {
        const Vector p{{a.x, a.y}};
        const Vector d = phi(s, p) - p;
        QVERIFY(std::abs(a.dx - d(0)) < 1e-13 && std::abs(a.dy - d(1)) < 1e-13);
    }
    QVERIFY(touch->nullclineSegments(0) > 10);
    QVERIFY(touch->nullclineSegments(1) > 10);
    QVERIFY(!touch->fixedPoints().empty());
}

void TestPhaseTouch::playbackMarksTheCurrentIterate() {
    // Every view that shows iterates marks w_k during playback: the phase plane with a ring at
    // the projected iterate, trajectories and convergence with a line at k.
    MainWindow w;
    PhaseInteraction* touch = openPhase(w);
    QVERIFY(touch);
    QVERIFY(w.openLesson("c-locally-convergent"));
    auto* view = w.findChild<PhaseView*>();
    QTRY_VERIFY_WITH_TIMEOUT(
        view->result().scenario.model.A.rows() == 2 && view->result().scenario.model.A(0, 0) == 1.5,
        10000);  // (no result yet: A is empty)
    QVERIFY(!w.trajectoryView()->cursorMarker()->visible());
    w.playback()->reset();
    for (int k = 0; k < 3; ++k) w.playback()->step();
    const int k = w.playback()->cursor();
    QCOMPARE(k, 3);
    for (const QCPItemStraightLine* line :
         {w.trajectoryView()->cursorMarker(), w.convergenceView()->cursorMarker()}) {
        QVERIFY(line->visible());
        QCOMPARE(line->point1->coords().x(), double(k));
        QCOMPARE(line->point2->coords().x(), double(k));
    }
    view->plot()->replot();
    QTest::qWait(50);  // the overlay is rebuilt after the layout pass
    QCPGraph* ring = nullptr;
    for (int i = 0; i < view->plot()->graphCount(); ++i)
        if (view->plot()->graph(i)->name() == QString("current iterate w_%1").arg(k))
            ring = view->plot()->graph(i);
    QVERIFY(ring);
    QCOMPARE(ring->dataCount(), 1);
    // n = 2 without principal components: the plane is (w1, w2) itself.
    const Vector wk = view->result().summary.iterates[static_cast<size_t>(k)];
    QVERIFY(std::abs(ring->data()->at(0)->key - wk(0)) < 1e-12);
    QVERIFY(std::abs(ring->data()->at(0)->value - wk(1)) < 1e-12);
}

QTEST_MAIN(TestPhaseTouch)
#include "tst_phase_touch.moc"
