// Plots that show the data: in the built-in scenarios and lessons each legend covers no more
// data points than the best corner, or at most 2 % of them, or sits outside the axes (counted
// here independently, vertices and lines), it can be
// dragged and put in a corner from the menu, the axes include every series and marker with a
// margin, index axes tick at integers, the basins colour bar stays sane when nothing converges,
// and labels use Unicode sub- and superscripts rather than TeX.
#include <QtTest>

#include "tests/test_support.h"

#include <qcustomplot.h>

#include "ui/document/document.h"
#include "ui/views/basins_view.h"
#include "ui/views/convergence_view.h"
#include "ui/views/phase_view.h"
#include "ui/views/spectra_view.h"
#include "ui/views/sweep_view.h"
#include "ui/views/trajectory_view.h"
#include "ui/window/main_window.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

namespace {

// Pixels of every vertex and of every line drawn between vertices (every 2 px).
QList<QPointF> drawnPixels(QCustomPlot* p) {
    QList<QPointF> out;
    auto addLine = [&out](QPointF a, QPointF b) {
        const int n = std::max(1, int(QLineF(a, b).length() / 2));
        for (int s = 0; s <= n && n < 5000; ++s) out << a + (b - a) * (double(s) / n);
    };
    for (int i = 0; i < p->plottableCount(); ++i) {
        auto* pl = p->plottable(i);
        QList<QPointF> v;
        bool lines = true;
        if (auto* g = qobject_cast<QCPGraph*>(pl)) {
            lines = g->lineStyle() != QCPGraph::lsNone;
            for (auto it = g->data()->constBegin(); it != g->data()->constEnd(); ++it)
                if (std::isfinite(it->value))
                    v << QPointF(g->keyAxis()->coordToPixel(it->key),
                                 g->valueAxis()->coordToPixel(it->value));
        } else if (auto* c = qobject_cast<QCPCurve*>(pl)) {
            for (auto it = c->data()->constBegin(); it != c->data()->constEnd(); ++it)
                v << QPointF(c->keyAxis()->coordToPixel(it->key),
                             c->valueAxis()->coordToPixel(it->value));
        } else {
            continue;
        }
        for (int k = 0; k < v.size(); ++k) {
            if (lines && k > 0)
                addLine(v[k - 1], v[k]);
            else
                out << v[k];
        }
    }
    return out;
}

int covered(const QList<QPointF>& pts, const QRectF& r) {
    return static_cast<int>(
        std::count_if(pts.begin(), pts.end(), [&r](const QPointF& p) { return r.contains(p); }));
}

void waitForAll(MainWindow& w) {
    QTRY_VERIFY_WITH_TIMEOUT(
        !w.solveController()->isBusy() && w.solveController()->lastAnalysis().generation > 0,
        60000);
}

QList<PlotView*> explorerPlots(MainWindow& w) {
    return {w.trajectoryView(),
            w.phaseView(),
            w.convergenceView(),
            w.spectraView()->eigenvaluePlot(),
            w.spectraView()->singularValuePlot(),
            w.sweepView()};
}

}  // namespace

class TestPlots : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void legendCoversLeastData_data();
    void legendCoversLeastData();
    void legendDragsAndDocks();
    void axesIncludeEverySeries();
    void basinsColourBarWhenNothingConverges();
    void labelsHaveNoTeX();
};

void TestPlots::legendCoversLeastData_data() {
    QTest::addColumn<QString>("lesson");
    for (const char* l : {"", "a-contraction", "b-near-one", "c-locally-convergent",
                          "d-oscillation", "e-acceleration"})
        QTest::newRow(*l ? l : "default") << QString(l);
}

void TestPlots::legendCoversLeastData() {
    QFETCH(QString, lesson);
    MainWindow w;
    w.resize(1366, 740);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    if (!lesson.isEmpty()) QVERIFY(w.openLesson(lesson));
    waitForAll(w);
    for (PlotView* v : explorerPlots(w)) {
        QCustomPlot* p = v->plot();
        p->resize(800, 500);
        p->replot();
        p->replot();  // the placement follows the layout of the first
        if (!p->legend->visible() || p->legend->itemCount() == 0) continue;
        const QList<QPointF> pts = drawnPixels(p);
        const int chosen = covered(pts, p->legend->outerRect());
        // Where the legend lands when put in each corner, and what it covers there.
        int best = chosen;
        using L = PlotView::LegendPlacement;
        for (L corner : {L::TopLeft, L::TopRight, L::BottomLeft, L::BottomRight}) {
            v->setLegendPlacement(corner);
            best = std::min(best, covered(pts, p->legend->outerRect()));
        }
        qInfo("%s %s: legend covers %d of %d drawn pixels (best corner %d)", qPrintable(lesson),
              qPrintable(v->exportName()), chosen, int(pts.size()), best);
        // The layout engine's rule: no worse than the best corner, or at most 2 % of what is
        // drawn (it also weighs markers and labels), or outside the axes.
        v->setLegendPlacement(L::Automatic);
        p->replot();
        QVERIFY2(chosen <= best + 3 || chosen <= 0.02 * pts.size() ||
                     v->legendSide() != PlotView::LegendSide::Inside,
                 qPrintable(v->exportName() + QStringLiteral(": %1 > %2").arg(chosen).arg(best)));
    }
}

void TestPlots::legendDragsAndDocks() {
    MainWindow w;
    w.resize(1366, 740);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    waitForAll(w);
    w.viewTabs()->setCurrentWidget(w.convergenceView());
    QCustomPlot* p = w.convergenceView()->plot();
    p->replot();
    const QCPRange x = p->xAxis->range(), y = p->yAxis->range();
    const QRect before = p->legend->outerRect();
    const QPoint from = before.center();
    const QPoint to = from + QPoint(-150, 60);
    QTest::mousePress(p, Qt::LeftButton, Qt::NoModifier, from);
    QMouseEvent move(QEvent::MouseMove, to, p->mapToGlobal(to), Qt::NoButton, Qt::LeftButton,
                     Qt::NoModifier);
    QCoreApplication::sendEvent(p, &move);
    QTest::mouseRelease(p, Qt::LeftButton, Qt::NoModifier, to);
    p->replot();
    QCOMPARE(w.convergenceView()->legendPlacement(), PlotView::LegendPlacement::Free);
    QVERIFY2(
        QLineF(p->legend->outerRect().center(), before.center() + QPoint(-150, 60)).length() < 10,
        qPrintable(QStringLiteral("moved to %1,%2")
                       .arg(p->legend->outerRect().center().x())
                       .arg(p->legend->outerRect().center().y())));
    QCOMPARE(p->xAxis->range(), x);  // the drag moved the legend, not the axes
    QCOMPARE(p->yAxis->range(), y);
    // A corner from the menu's choices.
    w.convergenceView()->setLegendPlacement(PlotView::LegendPlacement::BottomLeft);
    p->replot();
    const QRect area = p->axisRect()->rect();
    QVERIFY(std::abs(p->legend->outerRect().left() - area.left()) < 20);
    QVERIFY(std::abs(p->legend->outerRect().bottom() - area.bottom()) < 20);
    w.convergenceView()->setLegendPlacement(PlotView::LegendPlacement::Hidden);
    QVERIFY(!p->legend->visible());
}

void TestPlots::axesIncludeEverySeries() {
    for (const char* lesson : {"a-contraction", "c-locally-convergent", "e-acceleration"}) {
        MainWindow w;
        QVERIFY(w.openLesson(lesson));
        waitForAll(w);
        for (PlotView* v :
             {static_cast<PlotView*>(w.trajectoryView()), static_cast<PlotView*>(w.phaseView()),
              static_cast<PlotView*>(w.convergenceView())}) {
            QCustomPlot* p = v->plot();
            for (int i = 0; i < p->plottableCount(); ++i) {
                // Nullclines are traced over the visible window: they follow the axes.
                if (p->plottable(i)->property("equilab.clippedToView").toBool()) continue;
                bool found = false;
                const QCPRange keys = p->plottable(i)->getKeyRange(found);
                if (!found) continue;
                const QCPRange values = p->plottable(i)->getValueRange(found);
                // Strictly inside, with room for the markers drawn around the end points.
                QVERIFY2(
                    p->xAxis->range().lower < keys.lower && p->xAxis->range().upper > keys.upper,
                    qPrintable(QStringLiteral("%1 %2: %3")
                                   .arg(lesson, v->exportName(), p->plottable(i)->name())));
                QVERIFY2(p->yAxis->range().lower < values.lower &&
                             p->yAxis->range().upper > values.upper,
                         qPrintable(QStringLiteral("%1 %2: %3")
                                        .arg(lesson, v->exportName(), p->plottable(i)->name())));
            }
        }
        // Index axes tick at integers only.
        auto* ticker = dynamic_cast<QCPAxisTickerFixed*>(
            w.spectraView()->singularValuePlot()->plot()->xAxis->ticker().data());
        QVERIFY(ticker && ticker->tickStep() == 1);
    }
}

void TestPlots::basinsColourBarWhenNothingConverges() {
    MainWindow w;
    QVERIFY(w.openLesson("d-oscillation"));
    // A small bias moves the unstable fixed point off the grid: a 2-cycle from every start.
    Scenario s = w.document()->scenario();
    s.model.c << 0.1, -0.1;
    w.document()->setScenario(s, "bias");
    waitForAll(w);
    const auto& it = w.solveController()->lastAnalysis().basins.iterations;
    QVERIFY(!it.empty());
    QVERIFY(std::all_of(it.begin(), it.end(), [](int i) { return i < 0; }));
    const QCPRange r = w.basinsView()->colorMap()->dataRange();
    QCOMPARE(r.lower, 0.0);
    QCOMPARE(r.upper, 1.0);
    QVERIFY(w.basinsView()->colorMap()->colorScale()->label().contains("no start converges"));
}

void TestPlots::labelsHaveNoTeX() {
    MainWindow w;
    waitForAll(w);
    for (PlotView* v : w.allPlots())
        for (QCPAxis* a : v->plot()->axisRect()->axes())
            QVERIFY2(!a->label().contains('_') && !a->label().contains('{'),
                     qPrintable(v->exportName() + ": " + a->label()));
}

QTEST_MAIN(TestPlots)
#include "tst_plots.moc"
