// The window fits the screen: on first launch its geometry comes from the screen's available
// area, and at 1280×720, 1366×768 and 1920×1080 the window, every dock and the views lie inside
// that area without overlapping; nothing resizes the window by itself (dark theme, MNIST chosen,
// larger type); presentation mode fills the screen and leaving it restores the exact layout. The
// status bar's certificate keeps its place through autosave messages and playback. Every
// lesson's verdict is whole on screen, in the window and in presentation mode.
#include <QtTest>

#include "tests/test_support.h"

#include <QComboBox>
#include <QDockWidget>
#include <QMenuBar>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextLayout>

#include "io/scenario_json.h"
#include "ui/document/autosave.h"
#include "ui/document/document.h"
#include "ui/panels/elided_label.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_workspace.h"
#include "ui/views/appearance.h"
#include "ui/views/playback.h"
#include "ui/window/main_window.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

namespace {

// Every visible dock and the central widget, in window coordinates.
QList<QPair<QString, QRect>> parts(MainWindow& w) {
    QList<QPair<QString, QRect>> out;
    for (QDockWidget* d : w.findChildren<QDockWidget*>())
        if (d->isVisible() && !d->visibleRegion().isEmpty())
            out.append({d->objectName(), QRect(d->mapTo(&w, QPoint(0, 0)), d->size())});
    QWidget* c = w.centralWidget();
    out.append({QStringLiteral("views"), QRect(c->mapTo(&w, QPoint(0, 0)), c->size())});
    out.append({QStringLiteral("status bar"),
                QRect(w.statusBar()->mapTo(&w, QPoint(0, 0)), w.statusBar()->size())});
    return out;
}

void settle() {
    for (int k = 0; k < 10; ++k) QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
}

}  // namespace

class TestLayout : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();  // fresh settings: a first launch
    }
    void fitsScreen_data();
    void fitsScreen();
    void nothingResizesTheWindow();
    void presentationModeRestoresLayout();
    void certificatePersists();
    void verdictFits();
};

void TestLayout::fitsScreen_data() {
    QTest::addColumn<QSize>("screen");
    QTest::newRow("1280x720") << QSize(1280, 720);
    QTest::newRow("1366x768") << QSize(1366, 768);
    QTest::newRow("1920x1080") << QSize(1920, 1080);
}

void TestLayout::fitsScreen() {
    QFETCH(QSize, screen);
    // The available area leaves room for a panel, as desktops do.
    const QRect available(0, 0, screen.width(), screen.height() - 32);
    MainWindow w;
    w.fitToScreen(available);
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    settle();
    for (const auto& [name, r] : parts(w))
        qInfo("%s: %d×%d at (%d, %d); minimum %d×%d", qPrintable(name), r.width(), r.height(),
              r.x(), r.y(), w.minimumSizeHint().width(), w.minimumSizeHint().height());
    // The window (a title bar of up to 30 px above it) is inside the available area …
    const QRect frame(w.geometry().adjusted(0, -30, 0, 0));
    QVERIFY2(available.contains(frame), qPrintable(QStringLiteral("window %1×%2 at (%3, %4)")
                                                       .arg(w.width())
                                                       .arg(w.height())
                                                       .arg(w.x())
                                                       .arg(w.y())));
    // At its initial size, or taller by what the verdict's info line adds to the minimum (its
    // two lines above the views, at 1280×720); never wider.
    const QSize initial = MainWindow::initialGeometry(available).size() - QSize(0, 30);
    QCOMPARE(w.width(), initial.width());
    QVERIFY2(w.height() == initial.height() ||
                 (w.height() > initial.height() && w.height() <= w.minimumSizeHint().height() + 30),
             qPrintable(QStringLiteral("%1 for %2").arg(w.height()).arg(initial.height())));
    // … and so are its docks and views, none overlapping another.
    const QList<QPair<QString, QRect>> ps = parts(w);
    for (const auto& [name, r] : ps) {
        QVERIFY2(w.rect().contains(r), qPrintable(name + " is outside the window"));
        QVERIFY2(r.width() >= 100 && r.height() >= 20, qPrintable(name + " is squeezed"));
    }
    for (int i = 0; i < ps.size(); ++i)
        for (int j = i + 1; j < ps.size(); ++j)
            QVERIFY2(!ps[i].second.intersects(ps[j].second),
                     qPrintable(ps[i].first + " overlaps " + ps[j].first));
}

void TestLayout::nothingResizesTheWindow() {
    MainWindow w;
    w.fitToScreen(QRect(0, 0, 1280, 720));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    settle();
    const QSize before = w.size();
    Appearance::instance().setDark(true);
    settle();
    QCOMPARE(w.size(), before);
    Appearance::instance().setDark(false);
    // MNIST (even without its files the panel grows a help button) and a longer form.
    QComboBox* data = w.training()->panel()->datasetCombo();
    data->setCurrentIndex(data->findText("mnist", Qt::MatchContains));
    settle();
    QCOMPARE(w.size(), before);
}

void TestLayout::presentationModeRestoresLayout() {
    MainWindow w;
    w.fitToScreen(QRect(0, 0, 1366, 736));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    settle();
    // The verdict's info line is as tall as its text: the text final before the layout is kept.
    QTRY_VERIFY(!w.solveController()->isBusy() &&
                w.solveController()->lastAnalysis().generation > 0);
    QDockWidget* lessons = w.findChild<QDockWidget*>("lessonDock");
    lessons->show();
    settle();
    QDockWidget* matrices = w.findChild<QDockWidget*>("matricesDock");
    QVERIFY(matrices->isVisible());
    const QRect geometry = w.geometry();
    const QByteArray withLessons = w.saveState();
    QWidget* view = w.viewTabs()->currentWidget();
    const int font = QApplication::font().pointSize();
    w.setPresentationMode(true);
    settle();
    QVERIFY(w.isFullScreen() || w.geometry() == w.screen()->geometry());
    QVERIFY(!matrices->isVisible());
    QVERIFY(lessons->isVisible());
    QCOMPARE(w.viewTabs()->currentWidget(), view);
    QVERIFY(QApplication::font().pointSize() > font);
    w.setPresentationMode(false);
    settle();
    QCOMPARE(QApplication::font().pointSize(), font);
    QVERIFY(matrices->isVisible());
    QCOMPARE(w.saveState(), withLessons);
    QCOMPARE(w.geometry(), geometry);
}

void TestLayout::certificatePersists() {
    MainWindow w;
    w.show();
    QTRY_VERIFY(!w.solveController()->isBusy());
    const QString certificate = w.certificateText();
    QVERIFY2(certificate.contains("converged"), qPrintable(certificate));
    // An autosave message goes to the message area; the certificate stays.
    w.document()->setEntry(Block::c, 0, 0, 0.01, nullptr);
    QTRY_VERIFY(!w.solveController()->isBusy());
    const QString edited = w.certificateText();
    QVERIFY(!edited.isEmpty());
    emit w.autosave()->autosaved(QString());
    QCOMPARE(w.statusBar()->currentMessage(), QStringLiteral("Unsaved changes autosaved"));
    QCOMPARE(w.certificateText(), edited);
    // During playback too.
    w.playback()->setSpeed(200);
    w.playback()->play();
    QTRY_VERIFY(w.playback()->cursor() > 2);
    QCOMPARE(w.certificateText(), edited);
    QTRY_VERIFY(!w.playback()->isPlaying());
    QCOMPARE(w.certificateText(), edited);
    auto* label = w.statusBar()->findChild<QWidget*>("certificateLabel");
    QVERIFY(label && label->isVisible());
}

namespace {

// Why the info line does not show all of its text (empty: it does): its rows wrapped at its
// width by a QTextLayout of its font (not QLabel's own height-for-width) against its height, a
// word wider than the line, the line outside the window.
QString verdictProblem(MainWindow& w) {
    auto* info = w.findChild<QLabel*>(QStringLiteral("infoLine"));
    if (!info) return QStringLiteral("no info line");
    if (!info->isVisible()) return QStringLiteral("the info line is hidden");
    if (info->text() != w.certificateText()) return QStringLiteral("not the whole verdict");
    const QRect box(info->mapTo(&w, QPoint(0, 0)), info->size());
    if (!w.rect().contains(box)) return QStringLiteral("the info line is outside the window");
    const QRect cr = info->contentsRect();
    QTextLayout layout(info->text(), info->font());
    QTextOption option;
    option.setWrapMode(QTextOption::WordWrap);
    layout.setTextOption(option);
    qreal height = 0, widest = 0;
    int rows = 0;
    layout.beginLayout();
    for (QTextLine line = layout.createLine(); line.isValid(); line = layout.createLine()) {
        line.setLineWidth(cr.width());
        line.setPosition(QPointF(0, height));
        height += line.height();
        widest = std::max(widest, line.naturalTextWidth());
        ++rows;
    }
    layout.endLayout();
    if (height > cr.height() + 2)
        return QStringLiteral("%1 rows need %2 px, the line has %3 (width %4): \"%5\"")
            .arg(rows)
            .arg(height)
            .arg(cr.height())
            .arg(cr.width())
            .arg(info->text());
    if (widest > cr.width() + 1) return QStringLiteral("a word is wider than the line");
    return QString();
}

}  // namespace

// Each lesson's verdict at 1366×768 and 1280×720 (first launch: the default docks, the lesson
// dock open), in the window and in presentation mode: every row of it on screen. The verdicts
// are the lessons' own: each lesson's scenario solved (the certificate stage, without the
// analysis) and put into words by verdictText, as the window does; each is then shown through
// the status bar's certificate label, as the window shows every verdict.
void TestLayout::verdictFits() {
    const QStringList lessons = {"a-contraction", "b-near-one",     "c-locally-convergent",
                                 "d-oscillation", "e-acceleration", "f-hypergradients",
                                 "g-train-moons", "h-householder",  "i-bifurcations"};
    QStringList verdicts;
    {
        Document doc;
        SolveController solver;
        solver.setWork(/*certificate=*/true, /*analysis=*/false);
        for (const QString& id : lessons) {
            ScenarioFile f;
            QString error;
            QVERIFY2(loadScenarioFile(":/lessons/" + id + ".json", &f, &error), qPrintable(error));
            doc.reset(f, QString());
            solver.request(doc.scenario(), doc.viewSettings());
            QTRY_VERIFY_WITH_TIMEOUT(!solver.isBusy(), 30000);
            verdicts << verdictText(solver.lastResult());
            QVERIFY2(verdicts.back().size() > 20, qPrintable(id));
        }
    }
    MainWindow w;
    w.fitToScreen(QRect(0, 0, 1366, 736));
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(w.openLesson(lessons.front()));  // the lesson dock opens
    QTRY_VERIFY_WITH_TIMEOUT(
        w.solveController()->lastResult().generation == w.solveController()->latestGeneration() &&
            !w.certificateText().isEmpty(),
        30000);
    QCOMPARE(w.certificateText(), verdicts.front());  // the window's own verdict, the same text
    auto* source = w.statusBar()->findChild<ElidedLabel*>(QStringLiteral("certificateLabel"));
    QVERIFY(source);
    for (const bool presenting : {false, true})
        for (const QSize screen : {QSize(1366, 768), QSize(1280, 720)}) {
            if (presenting) {
                w.setPresentationMode(true);
                w.setGeometry(QRect(QPoint(0, 0), screen));  // the projector's screen
            } else {
                w.fitToScreen(QRect(0, 0, screen.width(), screen.height() - 32));
            }
            for (const QString& verdict : verdicts) {
                source->setText(verdict);
                settle();
                const QString problem = verdictProblem(w);
                QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("%1×%2%3: %4")
                                                           .arg(screen.width())
                                                           .arg(screen.height())
                                                           .arg(presenting ? ", presenting" : "")
                                                           .arg(problem)));
            }
            if (presenting) w.setPresentationMode(false);
        }
}

QTEST_MAIN(TestLayout)
#include "tst_layout.moc"
