// The orbit diagram in the window: lesson (d)'s loss of stability at s = 1/ρ(A) (computed here
// from A's eigenvalues), progressive stages and cancellation on the worker, controls that
// validate, and export.
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <qcustomplot.h>

#include "tests/reference_linalg.h"
#include "ui/document/document.h"
#include "ui/views/orbit_view.h"
#include "ui/window/main_window.h"
#include "ui/workers/orbit_worker.h"

using namespace equilab;

class TestOrbitView : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void lessonDShowsLossOfStability();
    void followsTheDocumentAndCancels();
    void controlsRejectBadRanges();
    void stagesArriveCoarseToFine();
};

// The Orbit tab current in a shown window, as a user looking at it (a hidden view computes
// nothing: it is computed when shown or on demand).
void showOrbitTab(MainWindow* w) {
    w->viewTabs()->setCurrentWidget(w->orbitView());
    w->show();
    QVERIFY(QTest::qWaitForWindowExposed(w));
    QVERIFY(w->orbitView()->isVisible());
}

void TestOrbitView::lessonDShowsLossOfStability() {
    MainWindow w;
    QVERIFY(w.openLesson("d-oscillation"));
    showOrbitTab(&w);
    OrbitView* v = w.orbitView();
    QTRY_VERIFY_WITH_TIMEOUT(v->isComplete(), 20000);
    // w* = 0 (B x + c = 0), J = s A there: stability is lost where s ρ(A) = 1.
    const Matrix A = w.document()->scenario().effectiveModel().A;
    const double rho = testing::spectralRadiusDense(A);
    const double sStar = 1 / rho;
    const auto t = v->controller()->diagram().transitions();
    QVERIFY(!t.empty());
    QCOMPARE(t[0].from, 1);
    const double at = 0.5 * (t[0].p_left + t[0].p_right);
    QVERIFY2(std::abs(at - sStar) < 0.04,
             qPrintable(QString("at %1, 1/ρ(A) = %2").arg(at).arg(sStar)));
    // The marks are the classifier's verdict changes: the first leaves "converged" near 1/ρ(A)
    // (a "slow" band may come first, where the rate s ρ(A) is near 1).
    const auto v_ = v->controller()->diagram().verdictChanges();
    QVERIFY(!v_.empty());
    QVERIFY(reachedFixedPoint(v_[0].from));
    QVERIFY2(std::abs(0.5 * (v_[0].p_left + v_[0].p_right) - sStar) < 0.08,
             qPrintable(
                 QString("first verdict change at %1, 1/ρ(A) = %2").arg(v_[0].p_left).arg(sStar)));
    QVERIFY(v->transitionLabels().first().startsWith("converged →"));
    // Every kept iterate is drawn: columns × M points.
    const OrbitDiagram& d = v->controller()->diagram();
    QCOMPARE(v->plot()->graph(0)->dataCount(), int(d.options.count * d.options.keep));
}

void TestOrbitView::followsTheDocumentAndCancels() {
    MainWindow w;
    OrbitView* v = w.orbitView();
    QVERIFY(!v->controller()->isBusy());  // hidden: an edit costs nothing
    showOrbitTab(&w);
    QTRY_VERIFY_WITH_TIMEOUT(v->isComplete(), 20000);
    // Two edits in a row: only the last one's diagram arrives.
    Scenario s = w.document()->scenario();
    s.model.A *= 2;
    w.document()->setScenario(s, "double A");
    s.model.A *= 0.25;
    w.document()->setScenario(s, "halve A");
    QTRY_VERIFY_WITH_TIMEOUT(v->isComplete(), 20000);
    const OrbitDiagram& d = v->controller()->diagram();
    OrbitColumn expect =
        computeOrbitColumn(s.effectiveModel(), s.x, s.startingPoint(), d.options, 17);
    QCOMPARE(d.columns[17].values, expect.values);
    // Undo goes back and the diagram follows.
    w.document()->undoStack()->undo();
    QTRY_VERIFY_WITH_TIMEOUT(v->isComplete(), 20000);
    const Scenario back = w.document()->scenario();
    expect = computeOrbitColumn(back.effectiveModel(), back.x, back.startingPoint(), d.options, 17);
    QCOMPARE(v->controller()->diagram().columns[17].values, expect.values);
}

void TestOrbitView::controlsRejectBadRanges() {
    MainWindow w;
    showOrbitTab(&w);
    OrbitView* v = w.orbitView();
    QTRY_VERIFY_WITH_TIMEOUT(v->isComplete(), 20000);
    const OrbitOptions before = v->options();
    auto* to = v->findChild<QDoubleSpinBox*>("orbitTo");
    auto* status = v->findChild<QLabel*>("orbitStatus");
    to->setValue(before.p_min - 1);  // empty range
    QCOMPARE(v->options().p_max, before.p_max);
    QVERIFY(status->text().contains("range"));
    to->setValue(1.25);
    QCOMPARE(v->options().p_max, 1.25);
    QTRY_VERIFY_WITH_TIMEOUT(v->isComplete(), 20000);
    QCOMPARE(v->controller()->diagram().columns.back().p, 1.25);
    // Choosing c1 sweeps it over a range that suits an entry.
    auto* param = v->findChild<QComboBox*>("orbitParameter");
    const int c1 = param->findText("c1");
    QVERIFY(c1 >= 0);
    param->setCurrentIndex(c1);
    emit param->activated(c1);
    QCOMPARE(int(v->options().parameter), int(OrbitParameter::EntryC));
    QCOMPARE(v->options().p_min, -3.0);
    QTRY_VERIFY_WITH_TIMEOUT(v->isComplete(), 20000);
    QString error;
    OrbitOptions bad = v->options();
    bad.component = 5;  // n = 2
    QVERIFY(!v->setOptions(bad, &error));
    QVERIFY(error.contains("component"));
}

void TestOrbitView::stagesArriveCoarseToFine() {
    // A slow request (n = 200): the first update holds every 8th column (and the last), later
    // ones fill in, and the diagram ends with all columns.
    OrbitController c;
    Scenario s = randomScenario(200, 3, 5, 1.8);
    OrbitOptions o;
    o.count = 64;
    QSignalSpy spy(&c, &OrbitController::updated);
    QVERIFY(c.request(s.model, s.x, s.startingPoint(), o));
    QList<int> sizes;
    connect(&c, &OrbitController::updated, this,
            [&] { sizes.append(int(c.diagram().columns.size())); });
    QTRY_VERIFY_WITH_TIMEOUT(c.diagram().complete, 60000);
    QVERIFY2(sizes.size() >= 2, "the diagram arrived in one piece");
    QCOMPARE(sizes.first(), 9);  // 0, 8, …, 56 and 63
    QCOMPARE(sizes.last(), 64);
    for (int k = 0; k < 64; ++k) QCOMPARE(c.diagram().columns[k].index, k);
    // Cancel mid-way: nothing further arrives.
    QVERIFY(c.request(s.model, s.x, s.startingPoint(), o));
    c.cancel();
    QVERIFY(!c.isBusy());
    QTest::qWait(300);
    QVERIFY(!c.diagram().complete);
}

QTEST_MAIN(TestOrbitView)
#include "tst_orbit_view.moc"
