// The Bifurcation view: registered once in the ViewSet (both plots built together), the flip of
// tanh(−s w + 0.3) labelled at the s found here by bisection, points arriving in several
// updates, a newer request cancelling the older one, and a double-click on a branch loading its
// parameter value into the document as one undo step (undo restores the scenario). Its marks'
// labels (shared with the Orbit view): placed on scenes drawn here, and wrapped.
#include <QSignalSpy>
#include <QtTest>

#include <QLabel>

#include <qcustomplot.h>

#include <cmath>

#include "io/scenario_json.h"
#include "ui/document/document.h"
#include "ui/views/bifurcation_view.h"
#include "ui/views/parameter_marks.h"
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
    void labelPlacement_data();
    void labelPlacement();
    void labelWrapping();
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
    QVERIFY(!v->controller()->isBusy());  // hidden: computed on demand only
    v->ensureComputed();
    QTRY_VERIFY_WITH_TIMEOUT(v->isComplete(), 30000);
    QVERIFY(updates.count() >= 2);  // the request (empty diagram), then the results
    const BifurcationDiagram& d = v->controller()->diagram();
    QCOMPARE(int(d.specials.size()), 1);
    const double expected = flipScale(0.3);
    QVERIFY(std::abs(d.specials[0].p - expected) < 1e-8);
    QCOMPARE(v->specialLabels(), QStringList{QStringLiteral("PD s = %1").arg(expected, 0, 'g', 4)});
    // The status line: the diagram's point count and its time, in ms below a second.
    auto* status = v->findChild<QLabel*>("bifurcationStatus");
    QVERIFY(status);
    const double ms = 1000 * d.continuationSeconds;
    QTRY_VERIFY2(status->text().startsWith(
                     QStringLiteral("%1 points in %2 (")
                         .arg(d.points.size())
                         .arg(ms < 1000 ? QStringLiteral("%1 ms").arg(ms, 0, 'g', 3)
                                        : QStringLiteral("%1 s").arg(ms / 1000, 0, 'f', 2))),
                 qPrintable(status->text()));
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
    v->ensureComputed();  // a request under way …
    QVERIFY(v->controller()->isBusy());
    QVERIFY(v->setParameter(OrbitParameter::ScaleA, 0, 0.2, 4, 0));  // … cancelled by an edit
    QVERIFY(!v->controller()->isBusy());
    v->ensureComputed();
    QVERIFY(v->setParameter(OrbitParameter::ScaleA, 0, 0.2, 3, 0));
    v->ensureComputed();
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
    v->ensureComputed();  // its parent, the set's own host widget, is hidden
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

// placeLineLabels on scenes drawn here (area 400 × 200 px, line height 10: a gap of 3 px to the
// line, 2.5 px from the edges, rows 11.5 px apart), the expected places worked out by hand from
// the rules: the cheapest candidate, ties to row 0 top right, top left, bottom right, bottom left.
void TestBifurcationView::labelPlacement_data() {
    QTest::addColumn<QList<double>>("lines");      // the labels' lines, pixel x
    QTest::addColumn<QList<QSizeF>>("sizes");      // each label's one-line size
    QTest::addColumn<QList<QPointF>>("points");    // plotted points
    QTest::addColumn<QList<QRectF>>("boxes");      // markers (first) or an obstacle (second)
    QTest::addColumn<bool>("obstacle");            // boxes are obstacles, not markers
    QTest::addColumn<QList<QPointF>>("expected");  // each label's top left
    const QSizeF label(60, 10);
    auto row = [](double y0, double y1, double x0, double x1, bool vertical = false) {
        QList<QPointF> out;
        for (double t = vertical ? y0 : x0; t <= (vertical ? y1 : x1); t += 2)
            out << (vertical ? QPointF(x0, t) : QPointF(t, y0));
        return out;
    };
    QTest::newRow("nothing drawn: top right")
        << QList<double>{100} << QList<QSizeF>{label} << QList<QPointF>{} << QList<QRectF>{}
        << false << QList<QPointF>{{103, 2.5}};
    QTest::newRow("a curve right of it at the top: top left")
        << QList<double>{100} << QList<QSizeF>{label} << row(5, 5, 100, 200) << QList<QRectF>{}
        << false << QList<QPointF>{{37, 2.5}};
    QTest::newRow("a curve along the top: bottom right")
        << QList<double>{100} << QList<QSizeF>{label} << row(5, 5, 0, 400) << QList<QRectF>{}
        << false << QList<QPointF>{{103, 187.5}};
    QTest::newRow("a curve along the top and the bottom: row 1 top right")
        << QList<double>{100} << QList<QSizeF>{label} << row(5, 5, 0, 400) + row(195, 195, 0, 400)
        << QList<QRectF>{} << false << QList<QPointF>{{103, 14}};
    QTest::newRow("at the right edge: left of it")
        << QList<double>{380} << QList<QSizeF>{label} << QList<QPointF>{} << QList<QRectF>{}
        << false << QList<QPointF>{{317, 2.5}};
    QTest::newRow("a marker at the top right: top left")
        << QList<double>{100} << QList<QSizeF>{label} << QList<QPointF>{}
        << QList<QRectF>{{105, 3, 8, 8}} << false << QList<QPointF>{{37, 2.5}};
    QTest::newRow("a pinned legend over the top: bottom right")
        << QList<double>{100} << QList<QSizeF>{label} << QList<QPointF>{}
        << QList<QRectF>{{0, 0, 400, 30}} << true << QList<QPointF>{{103, 187.5}};
    // Each label on the outer side: right of the first would cross the second's line.
    QTest::newRow("two lines 5 px apart")
        << QList<double>{100, 105} << QList<QSizeF>{label, label} << QList<QPointF>{}
        << QList<QRectF>{} << false << QList<QPointF>{{37, 2.5}, {108, 2.5}};
    // Three: the middle one crosses a line wherever it goes (the first such place: top right),
    // the third goes below it.
    QTest::newRow("three lines 5 px apart")
        << QList<double>{100, 105, 110} << QList<QSizeF>{label, label, label} << QList<QPointF>{}
        << QList<QRectF>{} << false << QList<QPointF>{{37, 2.5}, {108, 2.5}, {113, 187.5}};
    // On one line (200 px) it crosses the column of points at x = 250 on the right and its own
    // line once moved in from the left edge; on two lines (110 px) it is clear on the right.
    QTest::newRow("wrapped clear of a column")
        << QList<double>{100} << QList<QSizeF>{QSizeF(200, 10)} << row(0, 200, 250, 250, true)
        << QList<QRectF>{} << false << QList<QPointF>{{103, 2.5}};
    QTest::newRow("wider than the axes: top left of them")
        << QList<double>{100} << QList<QSizeF>{QSizeF(800, 10)} << QList<QPointF>{}
        << QList<QRectF>{} << false << QList<QPointF>{{0, 0}};
}

void TestBifurcationView::labelPlacement() {
    QFETCH(QList<double>, lines);
    QFETCH(QList<QSizeF>, sizes);
    QFETCH(QList<QPointF>, points);
    QFETCH(QList<QRectF>, boxes);
    QFETCH(bool, obstacle);
    QFETCH(QList<QPointF>, expected);
    const QRectF area(0, 0, 400, 200);
    std::vector<LineLabel> labels;
    for (int i = 0; i < lines.size(); ++i) {
        LineLabel l{lines[i], {sizes[i]}};
        // A second variant: on two lines, a little over half as wide.
        l.sizes.push_back(QSizeF(std::ceil(0.55 * sizes[i].width()), 2 * sizes[i].height() + 1));
        labels.push_back(l);
    }
    const std::vector<QRectF> list(boxes.begin(), boxes.end());
    const std::vector<LabelPlace> placed = placeLineLabels(
        area, labels, std::vector<QPointF>(points.begin(), points.end()),
        obstacle ? std::vector<QRectF>{} : list, obstacle ? list : std::vector<QRectF>{}, 10);
    QCOMPARE(placed.size(), size_t(expected.size()));
    for (int i = 0; i < expected.size(); ++i) {
        QCOMPARE(placed[size_t(i)].rect.topLeft(), expected[i]);
        // One line wherever one line is clear; two in the wrapped row only.
        const bool wrapped = QTest::currentDataTag() == QByteArray("wrapped clear of a column");
        QCOMPARE(placed[size_t(i)].lines, wrapped ? 2 : 1);
        QCOMPARE(placed[size_t(i)].rect.size(), labels[size_t(i)].sizes[wrapped ? 1 : 0]);
    }
}

// A label wraps before a "(" that opens words and after "→", into the narrowest lines.
void TestBifurcationView::labelWrapping() {
    const QFont font;
    const QFontMetricsF fm(font);
    const QString orbit = QStringLiteral("quasi-periodic → periodic (2) (scale ≈ 0.872)");
    QCOMPARE(wrapLabel(orbit, 1, font), orbit);
    QCOMPARE(wrapLabel(orbit, 3, font),
             QStringLiteral("quasi-periodic →\nperiodic (2)\n(scale ≈ 0.872)"));
    // Two lines: of the two places, the one whose wider line is narrower.
    const QString a = QStringLiteral("quasi-periodic →\nperiodic (2) (scale ≈ 0.872)");
    const QString b = QStringLiteral("quasi-periodic → periodic (2)\n(scale ≈ 0.872)");
    auto widest = [&](const QString& t) {
        double w = 0;
        for (const QString& line : t.split('\n')) w = std::max(w, fm.horizontalAdvance(line));
        return w;
    };
    QCOMPARE(wrapLabel(orbit, 2, font), widest(a) <= widest(b) ? a : b);
    QCOMPARE(wrapLabel(QStringLiteral("PD (period 2) s = 1.262"), 2, font),
             QStringLiteral("PD\n(period 2) s = 1.262"));
    // No place to break: the text as it is.
    QCOMPARE(wrapLabel(QStringLiteral("F c1 = -0.5328"), 2, font),
             QStringLiteral("F c1 = -0.5328"));
}

QTEST_MAIN(TestBifurcationView)
#include "tst_bifurcation_view.moc"
