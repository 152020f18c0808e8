// The Bifurcation view: registered once in the ViewSet (both plots built together), the flip of
// tanh(−s w + 0.3) labelled at the s found here by bisection, points arriving in several
// updates, a newer request cancelling the older one, and a double-click on a branch loading its
// parameter value into the document as one undo step (undo restores the scenario).
#include <QSignalSpy>
#include <QtTest>

#include <qcustomplot.h>

#include <cmath>

#include "io/scenario_json.h"
#include "ui/document/document.h"
#include "ui/views/bifurcation_view.h"
#include "ui/window/view_set.h"
#include "ui/workers/bifurcation_worker.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

namespace {

const QString kData = QStringLiteral(EQUILAB_TEST_DATA_DIR);

double flipScale(double b) {
    auto fixed = [b](double s) {
        double lo = -1, hi = 1;
        for (int i = 0; i < 200; ++i) {
            const double mid = 0.5 * (lo + hi);
            (mid - std::tanh(-s * mid + b) < 0 ? lo : hi) = mid;
        }
        return 0.5 * (lo + hi);
    };
    double lo = 0.5, hi = 6;
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        const double w = fixed(mid);
        (mid * (1 - w * w) - 1 < 0 ? lo : hi) = mid;
    }
    return 0.5 * (lo + hi);
}

struct Setup {
    Document doc;
    SolveController solver;
    ViewSet views{&doc, &solver};
    explicit Setup(const QString& file) {
        ScenarioFile f;
        QString error;
        if (!loadScenarioFile(kData + "/" + file, &f, &error)) qFatal("%s", qPrintable(error));
        doc.reset(f, QString());
    }
};

}  // namespace

class TestBifurcationView : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void registered();
    void flipLabelledAndProgressive();
    void newerRequestCancels();
    void doubleClickLoadsOneUndoStep_data();
    void doubleClickLoadsOneUndoStep();
};

void TestBifurcationView::registered() {
    QVERIFY(ViewSet::names().contains("bifurcation"));
    QVERIFY(ViewSet::names().contains("bifurcation_lyapunov"));
    Setup s("bifurcation-flip.json");
    PlotView* branches = s.views.view("bifurcation");
    QVERIFY(branches);
    QCOMPARE(int(s.views.built().size()), 2);  // the group: both plots, nothing else
    QCOMPARE(s.views.view("bifurcation_lyapunov"), s.views.bifurcation()->lyapunovPlot());
    QCOMPARE(branches, s.views.bifurcation()->branchPlot());
}

void TestBifurcationView::flipLabelledAndProgressive() {
    Setup s("bifurcation-flip.json");
    BifurcationView* v = s.views.bifurcation();
    QSignalSpy updates(v->controller(), &BifurcationController::updated);
    QVERIFY(v->setParameter(OrbitParameter::ScaleA, 0, 0.2, 4, 0));
    QTRY_VERIFY_WITH_TIMEOUT(v->isComplete(), 30000);
    QVERIFY(updates.count() >= 2);  // the request (empty diagram), then the results
    const BifurcationDiagram& d = v->controller()->diagram();
    QCOMPARE(int(d.specials.size()), 1);
    const double expected = flipScale(0.3);
    QVERIFY(std::abs(d.specials[0].p - expected) < 1e-8);
    QCOMPARE(v->specialLabels(), QStringList{QStringLiteral("PD s = %1").arg(expected, 0, 'g', 4)});
    // Period-2 points carry both points of the cycle, and they are a 2-cycle of the map.
    int two = 0;
    for (const BifurcationPoint& p : d.points)
        if (p.period == 2) {
            QCOMPARE(int(p.values.size()), 2);
            QVERIFY(std::abs(std::tanh(-p.p * p.values[0] + 0.3) - p.values[1]) < 1e-9);
            ++two;
        }
    QVERIFY(two > 10);
    // The Lyapunov panel: 120 columns, λ₁ < 0 before the flip (a stable fixed point).
    QCOMPARE(int(d.lyapunov.size()), 120);
    for (const LyapunovColumn& c : d.lyapunov)
        if (c.p < 0.9 * expected) QVERIFY(c.spectrum.exponents[0] < 0);
    // Stable solid, unstable dashed.
    bool solid = false, dashed = false;
    QCustomPlot* plot = v->branchPlot()->plot();
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (auto* c = qobject_cast<QCPCurve*>(plot->plottable(i))) {
            const bool stable = c->name().endsWith(QLatin1String(", stable"));
            QCOMPARE(c->pen().style(), stable ? Qt::SolidLine : Qt::DashLine);
            (stable ? solid : dashed) = true;
        }
    QVERIFY(solid && dashed);
}

void TestBifurcationView::newerRequestCancels() {
    Setup s("bifurcation-flip.json");
    BifurcationView* v = s.views.bifurcation();
    QVERIFY(v->setParameter(OrbitParameter::ScaleA, 0, 0.2, 4, 0));
    QVERIFY(v->setParameter(OrbitParameter::ScaleA, 0, 0.2, 3, 0));
    QTRY_VERIFY_WITH_TIMEOUT(v->isComplete(), 30000);
    const BifurcationDiagram& d = v->controller()->diagram();
    QCOMPARE(d.request.p_max, 3.0);
    QCOMPARE(d.lyapunov.back().p, 3.0);  // the first request's columns never arrived
    for (const BifurcationPoint& p : d.points) QVERIFY(p.p <= 3.0 + 0.2);
    QString error;
    QVERIFY(!v->setParameter(OrbitParameter::EntryC, 5, -1, 1, 0, &error));  // n = 1
    QVERIFY(!error.isEmpty());
    QVERIFY(!v->setParameter(OrbitParameter::ScaleA, 0, 2, 1, 0, &error));
}

void TestBifurcationView::doubleClickLoadsOneUndoStep_data() {
    QTest::addColumn<int>("parameter");
    QTest::newRow("c1 of the fold map") << int(OrbitParameter::EntryC);
    QTest::newRow("scale of the fold map") << int(OrbitParameter::ScaleA);
}

void TestBifurcationView::doubleClickLoadsOneUndoStep() {
    QFETCH(int, parameter);
    const auto kind = static_cast<OrbitParameter>(parameter);
    Setup s("bifurcation-fold.json");
    BifurcationView* v = s.views.bifurcation();
    v->resize(900, 700);
    v->show();
    QVERIFY(v->setParameter(kind, 0, kind == OrbitParameter::ScaleA ? 0.2 : -2, 2, 0));
    QTRY_VERIFY_WITH_TIMEOUT(v->isComplete(), 30000);
    QCustomPlot* plot = v->branchPlot()->plot();
    plot->replot();
    // A point of a branch, where it is drawn.
    // A copy: the double-click changes the scenario, and the diagram is computed again.
    const BifurcationPoint target = v->controller()->diagram().points.at(5);
    const QPoint at(qRound(plot->xAxis->coordToPixel(target.p)),
                    qRound(plot->yAxis->coordToPixel(target.values[0])));
    const Scenario before = s.doc.scenario();
    const int steps = s.doc.undoStack()->count();
    QTest::mouseDClick(plot, Qt::LeftButton, Qt::NoModifier, at);
    QCOMPARE(s.doc.undoStack()->count(), steps + 1);
    const Scenario after = s.doc.scenario();
    if (kind == OrbitParameter::EntryC) {
        QCOMPARE(after.model.c(0), target.p);
        QCOMPARE(after.model.A, before.model.A);
    } else {
        QCOMPARE(after.model.A, Matrix(target.p * before.model.A));
        QCOMPARE(after.model.c, before.model.c);
    }
    s.doc.undoStack()->undo();
    QCOMPARE(s.doc.scenario().model.A, before.model.A);
    QCOMPARE(s.doc.scenario().model.c, before.model.c);
}

QTEST_MAIN(TestBifurcationView)
#include "tst_bifurcation_view.moc"
