// Figure checks, from the geometry of what is drawn (PlotView::figureGeometry: legend rect,
// text boxes, axis rect, plotted points in pixels), for every explorer view of the lessons at
// every export preset (and the Bifurcation view of the test maps and lesson (i), and the
// hypergradient-error and gradient-bias views of a study in both themes) and for the window at
// 1366×768 in the light and the dark theme:
//  - the legend covers at most 2 % of the plotted points and no annotation or marker, or it is
//    outside the axes (and inside the figure);
//  - no text lies outside the figure or overlaps another text;
//  - every text colour has ≥ 4.5:1 against its background and every line and marker ≥ 3:1
//    (WCAG 2 AA), computed with the WCAG formula from the colours drawn.
// The totals are printed at the end (figures checked, overlaps, clipped texts, worst ratios).
#include <QtTest>

#include <qcustomplot.h>

#include <QLabel>
#include <QTabWidget>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/data/data_spec.h"
#include "io/scenario_json.h"
#include "tests/test_support.h"
#include "ui/document/document.h"
#include "ui/training/gradient_bias_view.h"
#include "ui/training/hypergrad_view.h"
#include "ui/views/appearance.h"
#include "ui/views/bifurcation_view.h"
#include "ui/views/export_presets.h"
#include "ui/views/orbit_view.h"
#include "ui/views/plot_view.h"
#include "ui/window/main_window.h"
#include "ui/window/view_set.h"
#include "ui/workers/gui_thread_guard.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

namespace {

struct Totals {
    int figures = 0, texts = 0, legends = 0, legendsOutside = 0;
    int overlaps = 0, clipped = 0, legendOverlaps = 0;
    double worstText = 21, worstGraphic = 21;
    QString worstTextWhat, worstGraphicWhat;
};
Totals totals;

// Curves drawn solid on a logarithmic y axis whose every point lies within 1.5 px (at the
// figure's size) of an earlier curve's point at the same x: one of the two hides the other.
QStringList hiddenCurves(const QCustomPlot* plot, const PlotView::FigureGeometry& g) {
    QStringList hidden;
    const QCPRange r = plot->yAxis->range();
    if (r.lower <= 0 || r.upper <= r.lower || g.axisRect.height() <= 0) return hidden;
    const double decadesPerPixel = std::log10(r.upper / r.lower) / g.axisRect.height();
    for (int k = 1; k < plot->graphCount(); ++k) {
        const QCPGraph* top = plot->graph(k);
        if (top->pen().style() != Qt::SolidLine || top->dataCount() == 0) continue;
        for (int j = 0; j < k; ++j) {
            const QCPGraph* under = plot->graph(j);
            bool onIt = true;
            for (auto it = top->data()->constBegin(); onIt && it != top->data()->constEnd(); ++it) {
                auto at = under->data()->findBegin(it->key, false);
                onIt = at != under->data()->constEnd() && at->key == it->key && at->value > 0 &&
                       std::abs(std::log10(it->value / at->value)) <= 1.5 * decadesPerPixel;
            }
            if (onIt) {
                hidden << QStringLiteral("%1 drawn solid on %2").arg(top->name(), under->name());
                break;
            }
        }
    }
    return hidden;
}

// Problems of one figure, each one line; empty when it is clean.
QStringList checkFigure(const PlotView& view, const PlotView::FigureGeometry& g) {
    QStringList problems;
    ++totals.figures;
    const QRectF fig = g.figure.adjusted(-0.5, -0.5, 0.5, 0.5);
    for (const PlotView::TextBox& t : g.texts) {
        ++totals.texts;
        if (!fig.contains(t.rect)) {
            ++totals.clipped;
            problems << QStringLiteral("%1 \"%2\" outside the figure (%3,%4 %5×%6 in %7×%8)")
                            .arg(t.role, t.text.left(40))
                            .arg(t.rect.x(), 0, 'f', 1)
                            .arg(t.rect.y(), 0, 'f', 1)
                            .arg(t.rect.width(), 0, 'f', 1)
                            .arg(t.rect.height(), 0, 'f', 1)
                            .arg(g.figure.width())
                            .arg(g.figure.height());
        }
    }
    // Overlaps: boxes shrunk by a pixel (touching is not overlapping; tick labels are estimated).
    for (size_t i = 0; i < g.texts.size(); ++i)
        for (size_t j = i + 1; j < g.texts.size(); ++j) {
            // Line boxes include the leading: the ink is ~15 % shorter at each end.
            auto ink = [](const QRectF& r) {
                const double v = std::max(1.0, 0.15 * std::min(r.height(), r.width()));
                return r.adjusted(1, v, -1, -v);
            };
            const QRectF a = ink(g.texts[i].rect), b = ink(g.texts[j].rect);
            if (!a.intersects(b)) continue;
            ++totals.overlaps;
            problems << QStringLiteral("%1 \"%2\" overlaps %3 \"%4\"")
                            .arg(g.texts[i].role, g.texts[i].text.left(30), g.texts[j].role,
                                 g.texts[j].text.left(30));
        }
    if (!g.legend.isEmpty()) {
        ++totals.legends;
        if (!fig.contains(g.legend)) problems << QStringLiteral("the legend leaves the figure");
        if (g.legendOutside) {
            ++totals.legendsOutside;
        } else {
            int texts = 0, markers = 0;
            const double covered = view.legendOverlap(g, &texts, &markers);
            if (covered > 0.02 || texts > 0 || markers > 0) {
                ++totals.legendOverlaps;
                problems << QStringLiteral(
                                "the legend covers %1 % of %2 points, %3 labels, %4 "
                                "markers")
                                .arg(100 * covered, 0, 'f', 1)
                                .arg(g.points.size())
                                .arg(texts)
                                .arg(markers);
            }
        }
    }
    return problems;
}

void noteContrast(double ratio, bool text, const QString& what) {
    double& worst = text ? totals.worstText : totals.worstGraphic;
    if (ratio < worst) {
        worst = ratio;
        (text ? totals.worstTextWhat : totals.worstGraphicWhat) = what;
    }
}

// Every colour the plot draws against its background: series pens and markers ≥ 3, texts ≥ 4.5.
QStringList checkColors(QCustomPlot* p, const QString& name) {
    QStringList problems;
    const QColor bg = Appearance::instance().colors().plotBackground;  // what stylePlot sets
    auto graphic = [&](const QColor& c, const QString& what) {
        if (c.alpha() == 0) return;
        const double r = contrastRatio(c, bg);
        noteContrast(r, false, name + ": " + what);
        if (r < 3) problems << QStringLiteral("%1 %2: %3:1").arg(what, c.name()).arg(r, 0, 'f', 2);
    };
    auto text = [&](const QColor& c, const QColor& on, const QString& what) {
        const double r = contrastRatio(c, on);
        noteContrast(r, true, name + ": " + what);
        if (r < 4.5)
            problems << QStringLiteral("%1 %2 on %3: %4:1").arg(what, c.name(), on.name()).arg(r);
    };
    for (int i = 0; i < p->plottableCount(); ++i) {
        QCPAbstractPlottable* pl = p->plottable(i);
        if (!pl->visible() || qobject_cast<QCPColorMap*>(pl) ||
            pl->property("equilabOverColorMap").toBool())
            continue;
        if (pl->pen().style() != Qt::NoPen) graphic(pl->pen().color(), pl->name());
        if (auto* g = qobject_cast<QCPGraph*>(pl))
            if (!g->scatterStyle().isNone() && g->scatterStyle().pen().style() != Qt::NoPen)
                graphic(g->scatterStyle().pen().color(), pl->name() + " marker");
    }
    for (int i = 0; i < p->itemCount(); ++i)
        if (auto* t = qobject_cast<QCPItemText*>(p->item(i)))
            if (t->visible() && !t->text().isEmpty())
                text(t->color(),
                     t->brush().style() != Qt::NoBrush && t->brush().color().alpha() > 200
                         ? t->brush().color()
                         : bg,
                     t->text().left(30));
    text(p->xAxis->tickLabelColor(), bg, QStringLiteral("tick labels"));
    text(p->xAxis->labelColor(), bg, QStringLiteral("axis label"));
    if (p->legend->visible() && p->legend->itemCount() > 0)
        text(p->legend->textColor(), p->legend->brush().color(), QStringLiteral("legend"));
    return problems;
}

const QStringList kExplorer{"trajectories",    "phase",  "convergence", "eigenvalues",
                            "singular_values", "basins", "sweep"};

}  // namespace

class TestFigures : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        Appearance::instance().setDark(false);
    }
    void presets_data();
    void presets();
    void bifurcation_data();
    void bifurcation();
    void labelsClear_data();
    void labelsClear();
    void hypergradients_data();
    void hypergradients();
    void coincidingCurvesStayVisible();
    void window_data();
    void window();
    void themeContrast_data();
    void themeContrast();
    void contrastFormula();
    void cleanupTestCase();
};

void TestFigures::presets_data() {
    QTest::addColumn<QString>("lesson");
    for (const char* id :
         {"a-contraction", "b-near-one", "c-locally-convergent", "d-oscillation", "e-acceleration"})
        QTest::newRow(id) << QString(id);
}

// Every explorer view of a lesson at every preset, as `equilab-cli export --preset` draws it.
void TestFigures::presets() {
    QFETCH(QString, lesson);
    // Lesson (e) (n = 50, its scale sweep) takes ~10 s in Release: not under the sanitizers.
    if (EQUILAB_TEST_SLOWDOWN > 1 && lesson == QLatin1String("e-acceleration"))
        QSKIP("n = 50 is checked in the release build");
    ScenarioFile f;
    QString error;
    QVERIFY2(loadScenarioFile(":/lessons/" + lesson + ".json", &f, &error), qPrintable(error));
    Document doc;
    SolveController solver;
    ViewSet views(&doc, &solver);
    QList<PlotView*> plots;
    for (const QString& n : kExplorer) plots << views.view(n);
    doc.reset(f, QString());
    solver.request(doc.scenario(), doc.viewSettings());
    QTRY_VERIFY_WITH_TIMEOUT(solver.lastAnalysis().generation > 0 && !solver.isBusy(), 60000);
    QStringList problems;
    int checked = 0;
    for (const ExportPreset& preset : exportPresets())
        for (PlotView* v : plots) {
            if (!v->hasData()) continue;  // not exported either
            PlotView::FigureGeometry g;
            const QImage image = v->figureImage(preset, &g);
            QCOMPARE(image.size(), QSize(preset.pixelWidth(), preset.pixelHeight()));
            QVERIFY2(!g.points.empty(), qPrintable(v->exportName()));
            ++checked;
            for (const QString& p : checkFigure(*v, g) + checkColors(v->plot(), v->exportName()))
                problems << QStringLiteral("%1 %2: %3").arg(v->exportName(), preset.name, p);
        }
    QVERIFY(checked >= 3 * 5);
    // Every CSV series named (no QCustomPlot default "Graph N"); the phase CSV has the field.
    const QRegularExpression unnamed(QStringLiteral("^\"(Graph \\d+)?\","));
    for (PlotView* v : plots) {
        const QStringList rows = v->csv().split('\n', Qt::SkipEmptyParts).mid(1);
        for (const QString& row : rows)
            QVERIFY2(!unnamed.match(row).hasMatch(),
                     qPrintable(v->exportName() + QStringLiteral(": ") + row));
        if (v->exportName() == QLatin1String("phase") && doc.scenario().hiddenDim() == 2)
            QVERIFY2(v->csv().contains(QStringLiteral("\"field φ(w) − w\"")),
                     "the phase CSV has no field arrows");
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
}

void TestFigures::bifurcation_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("parameter");
    QTest::addColumn<double>("from");
    QTest::addColumn<double>("to");
    QTest::addColumn<int>("component");
    const QString data = QStringLiteral(EQUILAB_TEST_DATA_DIR "/");
    QTest::newRow("flip") << data + "bifurcation-flip.json" << int(OrbitParameter::ScaleA) << 0.2
                          << 4.0 << 0;
    QTest::newRow("fold") << data + "bifurcation-fold.json" << int(OrbitParameter::EntryC) << -2.0
                          << 2.0 << 0;
    QTest::newRow("Neimark–Sacker")
        << data + "bifurcation-ns.json" << int(OrbitParameter::ScaleA) << 0.3 << 1.7 << 0;
    QTest::newRow("lesson (i), w2")
        << ":/lessons/i-bifurcations.json" << int(OrbitParameter::ScaleA) << 0.05 << 2.5 << 1;
}

// The Bifurcation view's two plots of the test maps and lesson (i) at every preset.
void TestFigures::bifurcation() {
    QFETCH(QString, file);
    QFETCH(int, parameter);
    QFETCH(double, from);
    QFETCH(double, to);
    QFETCH(int, component);
    ScenarioFile f;
    QString error;
    QVERIFY2(loadScenarioFile(file, &f, &error), qPrintable(error));
    Document doc;
    SolveController solver;
    ViewSet views(&doc, &solver);
    BifurcationView* b = views.bifurcation();
    doc.reset(f, QString());
    QVERIFY(b->setParameter(static_cast<OrbitParameter>(parameter), 0, from, to, component));
    b->ensureComputed();  // computed on demand (the view is not shown)
    QTRY_VERIFY_WITH_TIMEOUT(b->isComplete(), 60000);
    QStringList problems;
    for (const ExportPreset& preset : exportPresets())
        for (PlotView* v : {b->branchPlot(), b->lyapunovPlot()}) {
            PlotView::FigureGeometry g;
            const QImage image = v->figureImage(preset, &g);
            QCOMPARE(image.size(), QSize(preset.pixelWidth(), preset.pixelHeight()));
            QVERIFY2(!g.points.empty(), qPrintable(v->exportName()));
            for (const QString& p : checkFigure(*v, g) + checkColors(v->plot(), v->exportName()))
                problems << QStringLiteral("%1 %2: %3").arg(v->exportName(), preset.name, p);
        }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
}

namespace {

// The labels of the special points and verdict changes, from the drawn geometry alone (not from
// the placement's scoring): no annotation's box (its white background hides what is under it)
// covers a plotted point or a marker, leaves the axes or meets the legend, and no two overlap.
// The marks' guides are no data: a vertical run of samples at one x from the top edge of the
// axes to the bottom one, no more than 3 px apart (a straight line sampled every 2 px).
struct LabelCounts {
    int figures = 0, labels = 0, onData = 0, pointsCovered = 0, onMarkers = 0, overlapping = 0;
    int guidesCrossed = 0;
};

QStringList checkLabelsClear(const PlotView::FigureGeometry& g, LabelCounts* counts) {
    ++counts->figures;
    std::map<double, std::vector<double>> columns;  // x → the samples' y there
    for (const QPointF& p : g.points) columns[p.x()].push_back(p.y());
    std::set<double> guides;
    for (auto& [x, ys] : columns) {
        std::sort(ys.begin(), ys.end());
        bool joined =
            ys.front() <= g.axisRect.top() + 2.5 && ys.back() >= g.axisRect.bottom() - 2.5;
        for (size_t i = 1; joined && i < ys.size(); ++i) joined = ys[i] - ys[i - 1] <= 3;
        if (joined) guides.insert(x);
    }
    std::vector<QPointF> data;
    for (const QPointF& p : g.points)
        if (!guides.count(p.x())) data.push_back(p);
    std::vector<const PlotView::TextBox*> labels;
    for (const PlotView::TextBox& t : g.texts)
        if (t.role == QLatin1String("annotation")) labels.push_back(&t);
    QStringList problems;
    for (const PlotView::TextBox* t : labels) {
        ++counts->labels;
        const QString name = t->text.simplified();
        int on = 0, markers = 0;
        for (const QPointF& p : data) on += t->rect.contains(p);
        for (const QRectF& m : g.markers) markers += m.intersects(t->rect);
        for (double x : guides) counts->guidesCrossed += x > t->rect.left() && x < t->rect.right();
        counts->onData += on > 0;
        counts->pointsCovered += on;
        counts->onMarkers += markers > 0;
        if (on > 0 || markers > 0)
            problems << QStringLiteral("\"%1\" covers %2 plotted points and %3 markers")
                            .arg(name)
                            .arg(on)
                            .arg(markers);
        if (!g.axisRect.adjusted(-0.5, -0.5, 0.5, 0.5).contains(t->rect))
            problems << QStringLiteral("\"%1\" leaves the axes").arg(name);
        if (!g.legend.isEmpty() && g.legend.intersects(t->rect))
            problems << QStringLiteral("\"%1\" meets the legend").arg(name);
    }
    for (size_t i = 0; i < labels.size(); ++i)
        for (size_t j = i + 1; j < labels.size(); ++j)
            if (labels[i]->rect.intersects(labels[j]->rect)) {
                ++counts->overlapping;
                problems << QStringLiteral("\"%1\" overlaps \"%2\"")
                                .arg(labels[i]->text.simplified(), labels[j]->text.simplified());
            }
    return problems;
}

QList<QRectF> annotationBoxes(const PlotView::FigureGeometry& g) {
    QList<QRectF> out;
    for (const PlotView::TextBox& t : g.texts)
        if (t.role == QLatin1String("annotation")) out << t.rect;
    return out;
}

// Every figure's labels of a view at every preset: the problems, each one line; *labels, how
// many labels each figure showed. Then the first preset once more: the labels where they were.
QStringList labelsAtEveryPreset(PlotView* v, const QString& row, QList<int>* labels) {
    QStringList problems;
    QList<QRectF> first;
    for (const ExportPreset& preset : exportPresets()) {
        PlotView::FigureGeometry g;
        v->figureImage(preset, &g);
        if (first.isEmpty()) first = annotationBoxes(g);
        LabelCounts c;
        for (const QString& p : checkLabelsClear(g, &c))
            problems << QStringLiteral("%1 %2: %3").arg(row, preset.name, p);
        qInfo(
            "%s %s: %d labels, %d on the data (%d points), %d on markers, %d overlapping, "
            "%d guides crossed",
            qPrintable(row), qPrintable(preset.name), c.labels, c.onData, c.pointsCovered,
            c.onMarkers, c.overlapping, c.guidesCrossed);
        labels->append(c.labels);
    }
    PlotView::FigureGeometry again;
    v->figureImage(exportPresets().first(), &again);
    if (annotationBoxes(again) != first)
        problems
            << QStringLiteral("%1: the labels moved between two exports of one figure").arg(row);
    return problems;
}

}  // namespace

void TestFigures::labelsClear_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("view");
    QTest::addColumn<int>("parameter");
    QTest::addColumn<double>("from");
    QTest::addColumn<double>("to");
    QTest::addColumn<int>("component");
    const QString data = QStringLiteral(EQUILAB_TEST_DATA_DIR "/");
    const int scale = int(OrbitParameter::ScaleA);
    QTest::newRow("flip") << data + "bifurcation-flip.json"
                          << "bifurcation" << scale << 0.2 << 4.0 << 0;
    QTest::newRow("fold") << data + "bifurcation-fold.json"
                          << "bifurcation" << int(OrbitParameter::EntryC) << -2.0 << 2.0 << 0;
    QTest::newRow("Neimark–Sacker") << data + "bifurcation-ns.json"
                                    << "bifurcation" << scale << 0.3 << 1.7 << 0;
    QTest::newRow("branch point") << data + "bifurcation-bp.json"
                                  << "bifurcation" << scale << 0.5 << 1.5 << 0;
    QTest::newRow("chaos") << data + "bifurcation-chaos.json"
                           << "bifurcation" << scale << 0.2 << 1.5 << 0;
    QTest::newRow("lesson (i)") << ":/lessons/i-bifurcations.json"
                                << "bifurcation" << scale << 0.05 << 2.5 << 0;
    QTest::newRow("lesson (i), w2") << ":/lessons/i-bifurcations.json"
                                    << "bifurcation" << scale << 0.05 << 2.5 << 1;
    QTest::newRow("orbit, lesson (d)") << ":/lessons/d-oscillation.json"
                                       << "orbit" << scale << 0.2 << 1.6 << 0;
}

// No label of the Bifurcation view's special points (the test maps, lesson (i)) or of the Orbit
// view's verdict changes (lesson (d)) on the data, at every preset (checkLabelsClear).
void TestFigures::labelsClear() {
    QFETCH(QString, file);
    QFETCH(QString, view);
    QFETCH(int, parameter);
    QFETCH(double, from);
    QFETCH(double, to);
    QFETCH(int, component);
    ScenarioFile f;
    QString error;
    QVERIFY2(loadScenarioFile(file, &f, &error), qPrintable(error));
    Document doc;
    SolveController solver;
    ViewSet views(&doc, &solver);
    PlotView* v = nullptr;
    QStringList shown;
    if (view == QLatin1String("orbit")) {
        // Its columns take seconds under the sanitizers: checked in the release build only.
        if (EQUILAB_TEST_SLOWDOWN > 1) QSKIP("the orbit diagram is checked in the release build");
        OrbitView* o = views.orbit();
        doc.reset(f, QString());
        OrbitOptions options = o->options();
        options.parameter = static_cast<OrbitParameter>(parameter);
        options.p_min = from;
        options.p_max = to;
        options.component = component;
        options.count = 80;  // of 200 in the window (1.6 s): the same three verdict changes
        QVERIFY2(o->setOptions(options, &error), qPrintable(error));
        o->ensureComputed();  // computed on demand (the view is not shown)
        QTRY_VERIFY_WITH_TIMEOUT(o->isComplete(), 60000);
        v = o;
        shown = o->transitionLabels();
    } else {
        BifurcationView* b = views.bifurcation();
        doc.reset(f, QString());
        QVERIFY(b->setParameter(static_cast<OrbitParameter>(parameter), 0, from, to, component));
        b->ensureComputed();  // computed on demand (the view is not shown)
        QTRY_VERIFY_WITH_TIMEOUT(b->isComplete(), 60000);
        v = b->branchPlot();
        shown = b->specialLabels();
    }
    QVERIFY(!shown.isEmpty());
    qInfo("%s: %s", QTest::currentDataTag(), qPrintable(shown.join(QStringLiteral("; "))));
    QList<int> labels;
    const QStringList problems = labelsAtEveryPreset(v, QTest::currentDataTag(), &labels);
    for (int n : labels) QCOMPARE(n, shown.size());  // every label checked
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
}

void TestFigures::hypergradients_data() {
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

// The hypergradient-error and gradient-bias views of a small moons study at every preset.
void TestFigures::hypergradients() {
    QFETCH(bool, dark);
    Appearance::instance().setDark(dark);
    DatasetSplit data;
    DataSpec spec;
    spec.dataset = "moons";
    spec.samples = 60;
    std::string why;
    {
        const AllowGuiThreadWork reference;  // the test's own data
        QVERIFY2(loadTrainingData(spec, &data, &why), why.c_str());
    }
    HypergradView hypergrad;
    GradientBiasView bias;
    hypergrad.compute(studyModel(4, 0.8, 1, 2, 2), data.train);
    bias.compute(studyModel(4, 0.8, 1, 2, 2), data.train);
    QTRY_VERIFY_WITH_TIMEOUT(!hypergrad.isComputing() && !bias.isComputing(), 30000);
    QStringList problems;
    for (const ExportPreset& preset : exportPresets())
        for (PlotView* v : {static_cast<PlotView*>(&hypergrad), static_cast<PlotView*>(&bias)}) {
            QVERIFY2(v->hasData(), qPrintable(v->exportName()));
            PlotView::FigureGeometry g;
            const QImage image = v->figureImage(preset, &g);
            QCOMPARE(image.size(), QSize(preset.pixelWidth(), preset.pixelHeight()));
            QVERIFY2(!g.points.empty(), qPrintable(v->exportName()));
            // The y label on two lines at most (it wrapped to three on paper-single).
            for (const PlotView::TextBox& t : g.texts)
                if (t.role == QLatin1String("axis label") && t.rect.right() <= g.axisRect.left())
                    QVERIFY2(t.text.count('\n') <= 1,
                             qPrintable(v->exportName() + " " + preset.name + ": " + t.text));
            for (const QString& p : checkFigure(*v, g) + checkColors(v->plot(), v->exportName()) +
                                        hiddenCurves(v->plot(), g))
                problems << QStringLiteral("%1 %2 (%3): %4")
                                .arg(v->exportName(), preset.name, dark ? "dark" : "light", p);
        }
    Appearance::instance().setDark(false);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
}

// Two methods with the same errors (neumann equals phantom at every K, as it often nearly does;
// AID-FP equals ITD at three of six K): the later curve is drawn over the earlier one, dashed
// and thinner, and the legend names the one it lies on only where it lies on it everywhere.
void TestFigures::coincidingCurvesStayVisible() {
    HypergradSweep s;
    s.complete = true;
    s.contraction_bound = 0.8;
    for (int k = 1; k <= 6; ++k) {
        s.iterations.push_back(k);
        s.itd.push_back(std::pow(0.8, k));
        s.aid_fp.push_back(k % 2 ? std::pow(0.8, k) : 3 * std::pow(0.8, k));
        s.aid_cg.push_back(std::pow(0.5, k));
        s.jfb.push_back(0.6);
        s.phantom.push_back(0.1 * std::pow(0.9, k));
        s.neumann.push_back(0.1 * std::pow(0.9, k));
    }
    HypergradView view;
    view.setSweep(s);
    const QCustomPlot* plot = view.plot();
    QCOMPARE(plot->graphCount(), 7);  // six methods and qᵏ
    QCOMPARE(plot->graph(5)->name(), QString("neumann (≈ phantom)"));
    QCOMPARE(plot->graph(5)->pen().style(), Qt::CustomDashLine);
    QVERIFY(plot->graph(5)->pen().widthF() < plot->graph(4)->pen().widthF());
    QCOMPARE(plot->graph(1)->name(), QString("aid-fp"));  // on itd at half its points only
    QCOMPARE(plot->graph(1)->pen().style(), Qt::CustomDashLine);
    for (int k : {0, 2, 3, 4}) QCOMPARE(plot->graph(k)->pen().style(), Qt::SolidLine);
    QStringList problems;
    for (const ExportPreset& preset : exportPresets()) {
        PlotView::FigureGeometry g;
        view.figureImage(preset, &g);
        for (const QString& p : hiddenCurves(plot, g) + checkFigure(view, g))
            problems << preset.name + ": " + p;
    }
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
}

void TestFigures::window_data() {
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

// The window at 1366×768: every tab's plots, as they are on screen, and the verdict's info line
// showing its whole text.
void TestFigures::window() {
    QFETCH(bool, dark);
    Appearance::instance().setDark(dark);
    MainWindow w;
    w.resize(1366, 768);
    w.show();
    QVERIFY(w.openLesson("d-oscillation"));
    QTRY_VERIFY_WITH_TIMEOUT(
        !w.solveController()->isBusy() && w.solveController()->lastAnalysis().generation > 0,
        60000);
    auto* tabs = w.findChild<QTabWidget*>(QStringLiteral("viewTabs"));
    QVERIFY(tabs);
    QStringList problems;
    int checked = 0;
    for (int t = 0; t < tabs->count(); ++t) {
        // The orbit diagram computes when shown (seconds): checked in the release build only.
        if (EQUILAB_TEST_SLOWDOWN > 1 && tabs->tabText(t).contains(QLatin1String("Orbit")))
            continue;
        tabs->setCurrentIndex(t);
        for (int k = 0; k < 5; ++k) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        QList<PlotView*> shown = tabs->currentWidget()->findChildren<PlotView*>();
        if (auto* self = qobject_cast<PlotView*>(tabs->currentWidget())) shown << self;
        for (PlotView* v : shown) {
            if (!v->isVisible() || !v->hasData() || v->plot()->width() < 50) continue;
            v->plot()->replot();
            PlotView::FigureGeometry g = v->figureGeometry();
            g.figure = QRectF(0, 0, v->plot()->width(), v->plot()->height());
            ++checked;
            for (const QString& p : checkFigure(*v, g) + checkColors(v->plot(), v->exportName()))
                problems << QStringLiteral("%1 (%2): %3")
                                .arg(v->exportName(), dark ? "dark" : "light", p);
        }
    }
    QVERIFY(checked >= 6);
    // The verdict wraps instead of being cut: the info line is as tall as its wrapped text.
    auto* info = w.findChild<QLabel*>(QStringLiteral("infoLine"));
    QVERIFY(info);
    QTRY_VERIFY(!info->text().isEmpty());
    QCOMPARE(info->text(), w.certificateText());
    QVERIFY2(info->height() >= info->heightForWidth(info->width()),
             qPrintable(QStringLiteral("%1 < %2")
                            .arg(info->height())
                            .arg(info->heightForWidth(info->width()))));
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join('\n')));
    Appearance::instance().setDark(false);
}

void TestFigures::themeContrast_data() {
    QTest::addColumn<bool>("dark");
    QTest::newRow("light") << false;
    QTest::newRow("dark") << true;
}

// The theme's own colours: window text, links, plot text and the legend's box.
void TestFigures::themeContrast() {
    QFETCH(bool, dark);
    const ThemeColors c = Appearance::theme(dark);
    auto composite = [](const QColor& over, const QColor& under) {
        const double a = over.alphaF();
        return QColor::fromRgbF(float(a * over.redF() + (1 - a) * under.redF()),
                                float(a * over.greenF() + (1 - a) * under.greenF()),
                                float(a * over.blueF() + (1 - a) * under.blueF()));
    };
    const struct {
        const char* what;
        QColor fg, bg;
    } pairs[] = {
        {"text on window", c.text, c.window},
        {"text on base", c.text, c.base},
        {"link on base", c.link, c.base},
        {"link on window", c.link, c.window},
        {"plot text", c.plotForeground, c.plotBackground},
        {"legend text", c.plotForeground, composite(c.legendBackground, c.plotBackground)}};
    for (const auto& p : pairs) {
        const double r = contrastRatio(p.fg, p.bg);
        noteContrast(r, true, QStringLiteral("%1 theme: %2").arg(dark ? "dark" : "light", p.what));
        QVERIFY2(r >= 4.5, qPrintable(QStringLiteral("%1: %2").arg(p.what).arg(r)));
    }
    // Every palette colour, as the plots draw it (withContrast), ≥ 3:1 as a line.
    for (int i = 0; i < 10; ++i) {
        const QColor shown = withContrast(PlotView::seriesColor(i), c.plotBackground, 3.0);
        QVERIFY(contrastRatio(shown, c.plotBackground) >= 3.0);
    }
}

// The WCAG formula against its published values: black on white 21:1, a colour on itself 1:1,
// #767676 on white 4.54:1 (the lightest grey passing AA), #777777 fails.
void TestFigures::contrastFormula() {
    QCOMPARE(qRound(contrastRatio(Qt::black, Qt::white) * 100), 2100);
    QCOMPARE(contrastRatio(QColor(10, 120, 200), QColor(10, 120, 200)), 1.0);
    QCOMPARE(qRound(contrastRatio(QColor(0x76, 0x76, 0x76), Qt::white) * 100), 454);
    QVERIFY(contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) < 4.5);
    // withContrast keeps a passing colour and fixes a failing one, towards black on white.
    QCOMPARE(withContrast(Qt::black, Qt::white, 4.5), QColor(Qt::black));
    const QColor fixed = withContrast(QColor(255, 200, 0), Qt::white, 3.0);
    QVERIFY(contrastRatio(fixed, Qt::white) >= 3.0);
    QVERIFY(contrastRatio(fixed, Qt::white) < 3.6);  // just enough, not black
}

void TestFigures::cleanupTestCase() {
    qInfo(
        "figure checks: %d figures (views × presets and window tabs × themes), %d texts, "
        "%d legends (%d outside the axes); %d text overlaps, %d clipped texts, %d legends over "
        "the data; worst text contrast %.2f:1 (%s), worst line/marker contrast %.2f:1 (%s)",
        totals.figures, totals.texts, totals.legends, totals.legendsOutside, totals.overlaps,
        totals.clipped, totals.legendOverlaps, totals.worstText, qPrintable(totals.worstTextWhat),
        totals.worstGraphic, qPrintable(totals.worstGraphicWhat));
}

QTEST_MAIN(TestFigures)
#include "tst_figures.moc"
