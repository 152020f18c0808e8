// Figures for papers and slides: the presets give the physical size, the resolution, the type
// size and the line width; PNG, PDF and SVG come out at that size (checked in the files
// themselves), the window's plots look as before afterwards, Export All skips views with nothing
// to show and names them, and `equilab-cli export --preset NAME` writes the same figures. The
// views the CLI builds without a window (ViewSet) export what the window's views export.
#include <QtTest>

#include "tests/test_support.h"

#include <qcustomplot.h>
#include <QBuffer>
#include <QDomDocument>
#include <QImageReader>
#include <QProcess>
#include <QSvgGenerator>
#include <QSvgRenderer>
#include <QTemporaryDir>

#include "io/scenario_json.h"
#include "ui/document/document.h"
#include "ui/views/convergence_view.h"
#include "ui/views/export_presets.h"
#include "ui/views/outline_text.h"
#include "ui/views/plot_export.h"
#include "ui/window/main_window.h"
#include "ui/window/view_set.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

class TestExport : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void presets();
    void figureSizes_data();
    void figureSizes();
    void typeAndLinesFollowThePreset();
    void vectorTextEmbedded();
    void exportAllSkipsEmptyViews();
    void cliPreset();
    void viewSetExportsAsTheWindow();
};

void TestExport::presets() {
    QCOMPARE(exportPresetNames(), (QStringList{"paper-single", "paper-double", "slide"}));
    ExportPreset p;
    QVERIFY(findExportPreset("paper-single", &p));
    QCOMPARE(p.width_in, 3.5);
    QVERIFY(findExportPreset("paper-double", &p));
    QCOMPARE(p.width_in, 7.0);
    QVERIFY(findExportPreset("slide", &p));
    QCOMPARE(p.pixelWidth(), 1920);  // 16:9 at 144 dpi
    QCOMPARE(p.pixelHeight(), 1080);
    QString error;
    QVERIFY(!presetFromText("poster", "", "", "", &p, &error));
    QVERIFY(error.contains("unknown preset"));
    QVERIFY(!presetFromText("slide", "5", "", "", &p, &error));
    QVERIFY(error.contains("dpi"));
    QVERIFY(presetFromText("paper-single", "600", "7", "1.5", &p, &error));
    QCOMPARE(p.dpi, 600);
    QCOMPARE(p.font_pt, 7.0);
    QCOMPARE(p.line_width, 1.5);
}

void TestExport::figureSizes_data() {
    QTest::addColumn<QString>("preset");
    for (const QString& n : exportPresetNames()) QTest::newRow(qPrintable(n)) << n;
}

void TestExport::figureSizes() {
    QFETCH(QString, preset);
    ExportPreset p;
    QVERIFY(findExportPreset(preset, &p));
    MainWindow w;
    QTRY_VERIFY(!w.solveController()->isBusy());
    QTemporaryDir dir;
    QString error;
    PlotView* v = w.convergenceView();
    // PNG: inches × dpi pixels, the resolution recorded in the file.
    QVERIFY2(v->exportFigure(dir.filePath("c.png"), p, &error), qPrintable(error));
    QImage image(dir.filePath("c.png"));
    QVERIFY(std::abs(image.width() - p.width_in * p.dpi) <= 1);
    QVERIFY(std::abs(image.height() - p.height_in * p.dpi) <= 1);
    QCOMPARE(int(std::lround(image.dotsPerMeterX() * 0.0254)), p.dpi);
    // PDF: a page of inches × 72 points.
    QVERIFY2(v->exportFigure(dir.filePath("c.pdf"), p, &error), qPrintable(error));
    QFile pdf(dir.filePath("c.pdf"));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    const QByteArray bytes = pdf.readAll();
    const QRegularExpression box("/MediaBox \\[0 0 ([0-9.]+) ([0-9.]+)\\]");
    const auto m = box.match(QString::fromLatin1(bytes));
    QVERIFY2(m.hasMatch(), "no MediaBox");
    QVERIFY(std::abs(m.captured(1).toDouble() - p.width_in * 72) <= 1);
    QVERIFY(std::abs(m.captured(2).toDouble() - p.height_in * 72) <= 1);
    // SVG: the same size in points.
    QVERIFY2(v->exportFigure(dir.filePath("c.svg"), p, &error), qPrintable(error));
    QFile svg(dir.filePath("c.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QDomDocument dom;
    QVERIFY(dom.setContent(svg.readAll()));
    QCOMPARE(dom.documentElement().attribute("viewBox"),
             QStringLiteral("0 0 %1 %2").arg(p.canvasWidth()).arg(p.canvasHeight()));
}

void TestExport::typeAndLinesFollowThePreset() {
    MainWindow w;
    QTRY_VERIFY(!w.solveController()->isBusy());
    PlotView* v = w.convergenceView();
    const QFont before = v->plot()->xAxis->tickLabelFont();
    const double pen = v->plot()->graph(0)->pen().widthF();
    ExportPreset p;
    QVERIFY(findExportPreset("paper-single", &p));
    // Ink per row of the figure: thicker lines and larger type ink more of the same canvas.
    auto ink = [&](double font, double line) {
        ExportPreset q = p;
        q.font_pt = font;
        q.line_width = line;
        QTemporaryDir dir;
        QString error;
        if (!v->exportFigure(dir.filePath("f.png"), q, &error)) return -1.0;
        const QImage img = QImage(dir.filePath("f.png")).convertToFormat(QImage::Format_Grayscale8);
        double dark = 0;
        for (int y = 0; y < img.height(); ++y)
            for (int x = 0; x < img.width(); ++x) dark += img.pixelColor(x, y).lightness() < 128;
        return dark;
    };
    const double thin = ink(8, 1), thick = ink(8, 3), big = ink(16, 1);
    QVERIFY2(thick > thin * 1.3, qPrintable(QStringLiteral("%1 %2").arg(thin).arg(thick)));
    QVERIFY2(big > thin * 1.3, qPrintable(QStringLiteral("%1 %2").arg(thin).arg(big)));
    // The window's plot is as it was.
    QCOMPARE(v->plot()->xAxis->tickLabelFont(), before);
    QCOMPARE(v->plot()->graph(0)->pen().widthF(), pen);
}

// An SVG figure carries its letters as outlines (no <text>: shown alike without the font), the
// rotated y label included: its ink, rendered from the SVG, is where the PNG's font engine puts
// it (a label drawn glyph by glyph upright would overlap its rect by a fraction). A PDF embeds
// its fonts.
void TestExport::vectorTextEmbedded() {
    MainWindow w;
    QTRY_VERIFY(!w.solveController()->isBusy());
    PlotView* v = w.convergenceView();
    ExportPreset p;
    QVERIFY(findExportPreset("paper-single", &p));
    QTemporaryDir dir;
    QString error;
    QVERIFY2(v->exportFigure(dir.filePath("c.svg"), p, &error), qPrintable(error));
    QFile svg(dir.filePath("c.svg"));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    const QByteArray svgBytes = svg.readAll();
    QDomDocument dom;
    QVERIFY(dom.setContent(svgBytes));
    QCOMPARE(dom.elementsByTagName("text").count(), 0);
    QVERIFY(dom.elementsByTagName("path").count() > 20);  // the glyphs

    PlotView::FigureGeometry g;
    const QImage png = v->figureImage(p, &g).convertToFormat(QImage::Format_RGB32);
    QRectF label;  // the y axis label: left of the axes, taller than wide
    for (const PlotView::TextBox& t : g.texts)
        if (t.role == QLatin1String("axis label") && t.rect.right() <= g.axisRect.left())
            label = t.rect;
    QVERIFY2(!label.isEmpty(), "no y axis label");
    QVERIFY2(label.height() > 3 * label.width(),
             qPrintable(QStringLiteral("%1×%2").arg(label.width()).arg(label.height())));
    QImage drawn(png.size(), QImage::Format_RGB32);
    drawn.fill(Qt::white);
    {
        QPainter painter(&drawn);
        QSvgRenderer renderer(svgBytes);
        QVERIFY(renderer.isValid());
        renderer.render(&painter, QRectF(QPointF(0, 0), QSizeF(png.size())));
    }
    const double s = png.width() / g.figure.width();
    const QRect r =
        QRectF(label.topLeft() * s, label.size() * s).toAlignedRect().adjusted(-2, -2, 2, 2) &
        png.rect();
    int both = 0, either = 0, inkTop = r.bottom(), inkBottom = r.top(), inkLeft = r.right(),
        inkRight = r.left();
    for (int y = r.top(); y <= r.bottom(); ++y)
        for (int x = r.left(); x <= r.right(); ++x) {
            const bool a = QColor(png.pixel(x, y)).lightness() < 160;
            const bool b = QColor(drawn.pixel(x, y)).lightness() < 160;
            both += a && b;
            either += a || b;
            if (b) {
                inkTop = std::min(inkTop, y);
                inkBottom = std::max(inkBottom, y);
                inkLeft = std::min(inkLeft, x);
                inkRight = std::max(inkRight, x);
            }
        }
    QVERIFY2(either > 50, "no ink at the y label");
    // The outline's ink is a rotated line of text: taller than wide …
    QVERIFY2(
        inkBottom - inkTop > 3 * (inkRight - inkLeft),
        qPrintable(QStringLiteral("ink %1×%2").arg(inkRight - inkLeft).arg(inkBottom - inkTop)));
    // … on the font engine's glyphs (hinting and antialiasing differ a little).
    const double overlap = double(both) / either;
    QVERIFY2(overlap > 0.6, qPrintable(QStringLiteral("ink overlap %1").arg(overlap)));
    // QSvgGenerator ignores clipping; QCustomPlot draws each legend icon's line 5 px past its box
    // and clips it: the outline device clips lines itself (else they ran into the names).
    QBuffer buffer;
    QVERIFY(buffer.open(QIODevice::WriteOnly));
    {
        QSvgGenerator gen;
        gen.setOutputDevice(&buffer);
        gen.setSize(QSize(100, 100));
        gen.setViewBox(QRect(0, 0, 100, 100));
        QPainter target(&gen);
        OutlineTextDevice outlines(&target);
        QPainter painter(&outlines);
        painter.setClipRect(QRect(10, 10, 20, 20));
        painter.drawLine(QPointF(0, 15), QPointF(50, 15));
        painter.drawPolyline(QPolygonF{{0, 0}, {20, 20}, {20, 60}});
    }
    QDomDocument clipped;
    QVERIFY(clipped.setContent(buffer.data()));
    QList<QPointF> drawnPoints;
    const QDomNodeList lines = clipped.elementsByTagName("polyline");
    for (int i = 0; i < lines.size(); ++i)
        for (const QString& pair :
             lines.at(i).toElement().attribute("points").split(' ', Qt::SkipEmptyParts)) {
            const QStringList xy = pair.split(',');
            drawnPoints << QPointF(xy.value(0).toDouble(), xy.value(1).toDouble());
        }
    QVERIFY(drawnPoints.size() >= 4);  // both lines, each in the clip
    for (const QPointF& q : drawnPoints)
        QVERIFY2(QRectF(9.9, 9.9, 20.2, 20.2).contains(q),
                 qPrintable(QStringLiteral("(%1, %2) outside the clip").arg(q.x()).arg(q.y())));

    QVERIFY2(v->exportFigure(dir.filePath("c.pdf"), p, &error), qPrintable(error));
    QFile pdf(dir.filePath("c.pdf"));
    QVERIFY(pdf.open(QIODevice::ReadOnly));
    const QByteArray pdfBytes = pdf.readAll();
    QVERIFY2(pdfBytes.contains("/FontFile"), "the PDF does not embed its fonts");
}

void TestExport::exportAllSkipsEmptyViews() {
    MainWindow w;
    QTRY_VERIFY(!w.solveController()->isBusy());
    QTemporaryDir dir;
    QStringList skipped, errors;
    ExportPreset p;
    QVERIFY(findExportPreset("slide", &p));
    const QStringList written =
        exportFigures(w.allPlots(), dir.path(), {"png", "csv"}, &p, 0, 0, &skipped, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join("; ")));
    // No training run yet: its curves and its decision boundary have nothing to show.
    for (const QString name : {"training_loss", "training_accuracy", "decision_boundary"}) {
        QVERIFY2(skipped.contains(name), qPrintable(skipped.join(", ")));
        QVERIFY(!QFile::exists(dir.filePath(name + ".png")));
    }
    for (const QString name : {"trajectories", "convergence", "phase", "basins"}) {
        QVERIFY2(!skipped.contains(name), qPrintable(name));
        QVERIFY(written.contains(dir.filePath(name + ".png")));
        QVERIFY(written.contains(dir.filePath(name + ".csv")));
    }
    QCOMPARE(written.size() + 2 * skipped.size(), 2 * w.allPlots().size());
}

void TestExport::cliPreset() {
    QTemporaryDir dir;
    // n = 3: the basins view has nothing to show.
    ScenarioFile f;
    f.scenario = randomScenario(3, 2, 5);
    QString error;
    QVERIFY(saveScenarioFile(dir.filePath("n3.json"), f, &error));
    QProcess p;
    p.start(
        QStringLiteral(EQUILAB_CLI_PATH),
        {"export", "--scenario", dir.filePath("n3.json"), "--views", "convergence,basins",
         "--format", "png,pdf", "--preset", "paper-double", "--dpi", "150", "--out", dir.path()});
    QVERIFY(p.waitForFinished(120000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY2(p.readAllStandardError().contains("skipped (nothing to show): basins"),
             "no skipped message");
    QImageReader reader(dir.filePath("convergence.png"));
    QCOMPARE(reader.size(), QSize(1050, 525));  // 7 × 3.5 in at 150 dpi
    QVERIFY(!QFile::exists(dir.filePath("basins.png")));
    QProcess bad;
    bad.start(QStringLiteral(EQUILAB_CLI_PATH),
              {"export", "--preset", "poster", "--out", dir.path()});
    QVERIFY(bad.waitForFinished(60000));
    QCOMPARE(bad.exitCode(), 2);
    const QByteArray err = bad.readAllStandardError();
    QVERIFY2(err.contains("equilab-cli: --preset: unknown preset \"poster\"") &&
                 err.count("equilab-cli:") == 1,
             err.constData());
}

// equilab-cli export builds only the views it renders (ViewSet), fed by a solve controller as the
// window feeds its tabs. The same scenario through both: the same data (CSV byte for byte) and
// images of the same size, every view non-empty; and the ViewSet made no window.
void TestExport::viewSetExportsAsTheWindow() {
    ScenarioFile f;
    f.scenario = randomScenario(2, 2, 7);  // n = 2: the phase plane and the basins have content
    const QStringList explorer{"trajectories",    "phase",  "convergence", "eigenvalues",
                               "singular_values", "basins", "sweep"};
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkdir("set") && QDir(dir.path()).mkdir("window"));
    QStringList errors;
    {
        Document doc;
        SolveController solver;
        ViewSet views(&doc, &solver);
        QVERIFY(views.view("nonsense") == nullptr);
        PlotView* trajectories = views.view("trajectories");
        QVERIFY(views.view("basins") != nullptr);
        QCOMPARE(int(views.built().size()), 2);              // only what was asked for
        QCOMPARE(views.view("trajectories"), trajectories);  // built once
        QList<PlotView*> plots;
        for (const QString& n : explorer) plots << views.view(n);
        QCOMPARE(int(views.built().size()), explorer.size());
        doc.reset(f, QString());  // the ViewSet requests the solve, as it does in the window
        QTRY_VERIFY(solver.lastAnalysis().generation > 0 && !solver.isBusy());
        exportPlots(plots, dir.filePath("set"), {"csv", "png"}, 640, 400, &errors);
        for (QWidget* top : QApplication::topLevelWidgets())
            QVERIFY2(!qobject_cast<MainWindow*>(top), "a ViewSet made a window");
    }
    MainWindow w;
    QStringList windowNames;
    for (PlotView* p : w.allPlots()) windowNames << p->exportName();
    QCOMPARE(ViewSet::names(), windowNames);
    w.document()->reset(f, QString());
    QTRY_VERIFY(w.solveController()->lastAnalysis().generation > 0 &&
                !w.solveController()->isBusy());
    QList<PlotView*> plots;
    for (PlotView* p : w.allPlots())
        if (explorer.contains(p->exportName())) plots << p;
    exportPlots(plots, dir.filePath("window"), {"csv", "png"}, 640, 400, &errors);
    QVERIFY2(errors.isEmpty(), qPrintable(errors.join("; ")));
    for (const QString& n : explorer) {
        QFile a(dir.filePath("set/" + n + ".csv")), b(dir.filePath("window/" + n + ".csv"));
        QVERIFY2(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly), qPrintable(n));
        const QByteArray csv = a.readAll();
        QVERIFY2(csv.count('\n') > 2, qPrintable(n));  // a header and data
        QVERIFY2(csv == b.readAll(), qPrintable(n));
        const QImage set(dir.filePath("set/" + n + ".png")),
            win(dir.filePath("window/" + n + ".png"));
        QCOMPARE(set.size(), QSize(640, 400));
        QCOMPARE(win.size(), set.size());
        int inked = 0;  // pixels unlike the background: axes, text and data
        for (int y = 0; y < set.height(); ++y)
            for (int x = 0; x < set.width(); ++x) inked += set.pixel(x, y) != set.pixel(0, 0);
        QVERIFY2(inked > 2000, qPrintable(QStringLiteral("%1: %2 pixels").arg(n).arg(inked)));
        QVERIFY2(set == win, qPrintable(n));
    }
}

QTEST_MAIN(TestExport)
#include "tst_export.moc"
