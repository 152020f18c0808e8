// Recorded animations (media/, ui/record/): the frames come out as many and as large as asked,
// decoded here independently of the encoders (giflib's decoder for GIF, libavformat/libavcodec
// for MP4); the first and last frames are the static PNG exports of the first and last iterate
// (exactly for a GIF whose frames have ≤ 256 colours, within a stated PSNR for MP4's lossy
// 4:2:0 YUV); the MP4 is H.264 yuv420p with `moov` before `mdat`; Cancel leaves no file; a
// failed write leaves the old file as it was; the palette maps every colour to its nearest
// entry; the command line records the same.
#include <QtTest>

#include "tests/test_support.h"

#include <QProgressDialog>
#include <QPushButton>
#include <QStatusBar>
#include <QTemporaryDir>

#include <cerrno>
#include <cmath>
#include <random>

#include "core/internal/safe_write.h"
#include "core/model/scenario.h"
#include "io/safe_file.h"
#include "io/scenario_json.h"
#include "media/animation_encoder.h"
#include "media/gif_palette.h"
#include "tests/cli_runner.h"
#include "tests/media_decode.h"
#include "ui/document/document.h"
#include "ui/record/animation_source.h"
#include "ui/record/record_dialog.h"
#include "ui/record/recorder.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_workspace.h"
#include "ui/views/export_presets.h"
#include "ui/views/orbit_view.h"
#include "ui/views/phase_view.h"
#include "ui/views/playback.h"
#include "ui/views/plot_view.h"
#include "ui/window/main_window.h"
#include "ui/window/view_set.h"
#include "ui/workers/solve_worker.h"

using namespace equilab;

namespace {

// The slide preset at 36 dpi: 480 × 270 pixels, 10 frames per second, 0.6 s = 6 frames.
ExportPreset smallSlide() {
    ExportPreset p;
    findExportPreset("slide", &p);
    p.dpi = 36;
    p.fps = 10;
    p.duration_s = 0.6;
    return p;
}

// Records with a Recorder until it finishes; *message its last word.
bool record(std::unique_ptr<AnimationSource> source, const ExportPreset& preset,
            AnimationFormat format, const QString& path, QString* message) {
    Recorder recorder;
    QSignalSpy done(&recorder, &Recorder::finished);
    QString error;
    if (!recorder.start(std::move(source), preset, format, path, &error)) {
        *message = error;
        return false;
    }
    if (!QTest::qWaitFor([&] { return done.count() > 0; }, 60000)) {
        *message = "timed out";
        return false;
    }
    *message = done.first().at(1).toString();
    return done.first().at(0).toBool();
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

}  // namespace

class TestRecord : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase();
    void paletteIsNearest();
    void playback_data();
    void playback();
    void mp4IsFaststartH264();
    void cancelLeavesNoFile_data();
    void cancelLeavesNoFile();
    void failedWriteKeepsTheOldFile_data();
    void failedWriteKeepsTheOldFile();
    void exportsDoNotDrift();
    void orbitSweep();
    void trainingRun();
    void commandLine();
    void recordDialog();
    void windowRecordsAndCancels();
    void cleanupTestCase();

  private:
    std::unique_ptr<Document> doc_;
    std::unique_ptr<SolveController> solver_;
    std::unique_ptr<ViewSet> views_;
    QTemporaryDir dir_;
};

void TestRecord::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    doc_ = std::make_unique<Document>();
    solver_ = std::make_unique<SolveController>();
    views_ = std::make_unique<ViewSet>(doc_.get(), solver_.get());
    for (const char* v : {"trajectories", "phase", "convergence"}) views_->view(v);
    ScenarioFile f;
    f.scenario = randomScenario(2, 2, 7);
    doc_->reset(f, QString());
    QTRY_VERIFY(solver_->lastAnalysis().generation > 0 && !solver_->isBusy());
    QVERIFY(solver_->lastTrajectory().summary.iterations > 5);
}

void TestRecord::cleanupTestCase() {
    views_.reset();
    solver_.reset();
    doc_.reset();
}

// ≤ 256 colours: exactly those. More: 256 entries, each pixel at its nearest entry (checked by
// brute force here), and the most frequent colour (the background) kept exactly.
void TestRecord::paletteIsNearest() {
    std::mt19937 rng(3);
    std::vector<QRgb> few;
    for (int i = 0; i < 200; ++i) few.push_back(qRgb(rng() % 256, rng() % 256, rng() % 256));
    std::vector<QRgb> palette;
    std::vector<uint8_t> idx;
    quantizeColors(few.data(), few.size(), &palette, &idx);
    QVERIFY(palette.size() <= 256);
    for (size_t i = 0; i < few.size(); ++i) QCOMPARE(palette[idx[i]], few[i] | 0xff000000u);

    std::vector<QRgb> many(20000, qRgb(255, 255, 255));
    for (size_t i = 0; i < 8000; ++i) many[i] = qRgb(rng() % 256, rng() % 256, rng() % 256);
    quantizeColors(many.data(), many.size(), &palette, &idx);
    QCOMPARE(int(palette.size()), 256);
    QCOMPARE(palette[idx.back()], qRgb(255, 255, 255));
    for (size_t i = 0; i < many.size(); i += 7) {
        auto d2 = [](QRgb a, QRgb b) {
            const int r = qRed(a) - qRed(b), g = qGreen(a) - qGreen(b), bl = qBlue(a) - qBlue(b);
            return r * r + g * g + bl * bl;
        };
        int best = d2(many[i], palette[0]);
        for (QRgb p : palette) best = std::min(best, d2(many[i], p));
        QCOMPARE(d2(many[i], palette[idx[i]]), best);
    }
}

void TestRecord::playback_data() {
    QTest::addColumn<QString>("view");
    QTest::addColumn<QString>("format");
    for (const char* v : {"trajectories", "phase", "convergence"})
        for (const char* f : {"gif", "mp4"})
            QTest::newRow(qPrintable(QString("%1 %2").arg(v, f))) << v << f;
}

// 6 frames of 480 × 270; frame 0 is the static export at cursor 0 (w₀ only), the last frame the
// static export at the last iterate.
void TestRecord::playback() {
    QFETCH(QString, view);
    QFETCH(QString, format);
    AnimationFormat fmt;
    QVERIFY(animationFormatFromText(format, &fmt));
    const ExportPreset preset = smallSlide();
    QCOMPARE(preset.frameCount(), 6);
    PlotView* v = views_->view(view);
    const int last = solver_->lastTrajectory().summary.iterations;
    const QString path = dir_.filePath(view + "." + format);
    QString message;
    QVERIFY2(record(makePlaybackSource(v, last, -1), preset, fmt, path, &message),
             qPrintable(message));
    QVERIFY2(message.startsWith("Saved " + path + " (6 frames, 480 × 270"), qPrintable(message));

    // The static exports of the first and the last iterate, as File → Export writes them.
    QImage first, lastImage;
    for (int k : {0, last}) {
        auto* source = makePlaybackSource(v, last, -1).release();
        source->showFrame(k == 0 ? 0 : 1, 2);
        QString error;
        const QString png = dir_.filePath(QString("%1-%2.png").arg(view).arg(k));
        QVERIFY2(v->exportFigure(png, preset, &error), qPrintable(error));
        source->restore();
        delete source;
        (k == 0 ? first : lastImage) = QImage(png);
    }
    QCOMPARE(first.size(), QSize(480, 270));
    QVERIFY(first != lastImage);  // the animation shows something moving

    const Decoded d = format == "gif" ? decodeGif(path) : decodeMp4(path);
    QCOMPARE(d.frames.size(), 6);
    QCOMPARE(QSize(d.width, d.height), QSize(480, 270));
    for (const QImage& f : d.frames) QCOMPARE(f.size(), QSize(480, 270));
    if (format == "gif") {
        QCOMPARE(d.delays, (QList<int>{10, 10, 10, 10, 10, 10}));  // 1/10 s each
        for (const QImage* ref : {&first, &lastImage}) {
            const QImage& got = ref == &first ? d.frames.front() : d.frames.back();
            if (distinctColors(*ref) <= 256) {
                QCOMPARE(maxDifference(got, *ref), 0);
            } else {
                // Median cut of an anti-aliased plot: every pixel within 48 levels, 40 dB.
                QVERIFY2(maxDifference(got, *ref) <= 48,
                         qPrintable(QString::number(maxDifference(got, *ref))));
                QVERIFY2(psnr(got, *ref) >= 40, qPrintable(QString::number(psnr(got, *ref))));
            }
        }
    } else {
        // H.264 at crf 20 in 4:2:0: thin coloured lines lose some chroma; 30 dB is clean.
        const double p0 = psnr(d.frames.front(), first), p1 = psnr(d.frames.back(), lastImage);
        QVERIFY2(p0 >= 30 && p1 >= 30, qPrintable(QString("PSNR %1, %2 dB").arg(p0).arg(p1)));
        // And the frames are not interchangeable: the last is nearer the last export.
        QVERIFY(psnr(d.frames.back(), first) < p1);
    }
}

// H.264 High profile in yuv420p, moov (the index) before mdat (the data): plays while loading
// in browsers, PowerPoint and Impress. An odd size is padded to even.
void TestRecord::mp4IsFaststartH264() {
    AnimationOptions o;
    o.format = AnimationFormat::Mp4;
    o.width = 101;
    o.height = 61;
    o.fps = 12;
    QString error;
    auto e = makeAnimationEncoder(o, &error);
    QVERIFY2(e, qPrintable(error));
    for (int i = 0; i < 12; ++i) {
        QImage f(101, 61, QImage::Format_RGB32);
        f.fill(QColor::fromHsv(i * 30, 200, 220));
        QVERIFY2(e->addFrame(f, &error), qPrintable(error));
    }
    const QString path = dir_.filePath("odd.mp4");
    QVERIFY2(e->finish(path, &error), qPrintable(error));
    const QByteArray bytes = readAll(path);
    const int moov = bytes.indexOf("moov"), mdat = bytes.indexOf("mdat");
    QVERIFY(moov > 0 && mdat > 0);
    QVERIFY2(moov < mdat, "moov after mdat: not faststart");
    const Decoded d = decodeMp4(path);
    QCOMPARE(d.codec, QString("h264"));
    QCOMPARE(d.pixelFormat, QString("yuv420p"));
    QCOMPARE(QSize(d.width, d.height), QSize(102, 62));
    QCOMPARE(d.frames.size(), 12);
    // Flat colours survive: the middle pixel of frame 5 within 6 levels of what was given.
    const QColor want = QColor::fromHsv(150, 200, 220), got = d.frames[5].pixelColor(50, 30);
    QVERIFY2(std::abs(want.red() - got.red()) <= 6 && std::abs(want.green() - got.green()) <= 6 &&
                 std::abs(want.blue() - got.blue()) <= 6,
             qPrintable(got.name() + " vs " + want.name()));
}

void TestRecord::cancelLeavesNoFile_data() {
    QTest::addColumn<QString>("format");
    QTest::newRow("gif") << "gif";
    QTest::newRow("mp4") << "mp4";
}

// Cancel after the first frame: no file, no temporary file, an old file untouched.
void TestRecord::cancelLeavesNoFile() {
    QFETCH(QString, format);
    AnimationFormat fmt;
    animationFormatFromText(format, &fmt);
    QTemporaryDir folder;
    const QString path = folder.filePath("phase." + format);
    ExportPreset preset = smallSlide();
    preset.duration_s = 3;  // 30 frames: still recording when cancelled
    for (bool old : {false, true}) {
        if (old) QVERIFY(saveBytesAtomically(path, "old bytes", nullptr));
        Recorder recorder;
        QSignalSpy done(&recorder, &Recorder::finished);
        QSignalSpy progress(&recorder, &Recorder::progress);
        QString error;
        QVERIFY(recorder.start(
            makePlaybackSource(views_->phase(), solver_->lastTrajectory().summary.iterations, -1),
            preset, fmt, path, &error));
        QTRY_VERIFY(recorder.framesRendered() >= 2);
        recorder.cancel();
        QCOMPARE(done.count(), 1);
        QCOMPARE(done.first().at(0).toBool(), false);
        QVERIFY(done.first().at(1).toString().contains("cancelled"));
        QVERIFY(!recorder.isRecording());
        QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden),
                 old ? QStringList{"phase." + format} : QStringList{});
        if (old) QCOMPARE(readAll(path), QByteArray("old bytes"));
        QCOMPARE(views_->phase()->cursor(), -1);  // the view shows everything again
    }
}

void TestRecord::failedWriteKeepsTheOldFile_data() {
    QTest::addColumn<QString>("format");
    QTest::addColumn<int>("step");
    for (const char* f : {"gif", "mp4"})
        for (WriteStep s : {WriteStep::Open, WriteStep::Flush, WriteStep::Fsync, WriteStep::Rename})
            QTest::newRow(qPrintable(QString("%1 %2").arg(f, toString(s)))) << f << int(s);
}

// The disk fills (ENOSPC) at each step of the final write: the old file stays, byte for byte,
// and no temporary file is left beside it.
void TestRecord::failedWriteKeepsTheOldFile() {
    QFETCH(QString, format);
    QFETCH(int, step);
    AnimationFormat fmt;
    animationFormatFromText(format, &fmt);
    QTemporaryDir folder;
    const QString path = folder.filePath("old." + format);
    QVERIFY(saveBytesAtomically(path, "the old animation", nullptr));
    WriteFault fault;
    fault.step = WriteStep(step);
    fault.error = ENOSPC;
    setWriteFault(fault);
    ExportPreset preset = smallSlide();
    preset.duration_s = 0.3;
    QString message;
    const bool ok = record(
        makePlaybackSource(views_->phase(), solver_->lastTrajectory().summary.iterations, -1),
        preset, fmt, path, &message);
    clearWriteFault();
    QVERIFY(!ok);
    QVERIFY2(message.contains("No space left on device"), qPrintable(message));
    QCOMPARE(readAll(path), QByteArray("the old animation"));
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden),
             QStringList{"old." + format});
}

// A figure export leaves the view as it was: exported again after the window replotted at its
// own size, the phase plane (equal aspect) and the orbit diagram (wrapped axis label) come out
// the same, so frame after frame of a recording does too.
void TestRecord::exportsDoNotDrift() {
    const ExportPreset preset = smallSlide();
    for (PlotView* v : {static_cast<PlotView*>(views_->phase()), views_->view("orbit")}) {
        if (auto* o = qobject_cast<OrbitView*>(v)) {
            o->ensureComputed();
            QTRY_VERIFY(o->isComplete());
        }
        const QImage a = v->figureImage(preset, nullptr);
        v->plot()->replot();  // at the view's own (screen) size
        QTest::qWait(20);
        const QImage b = v->figureImage(preset, nullptr);
        QString error;
        const QString png = dir_.filePath(v->exportName() + "-again.png");
        QVERIFY2(v->exportFigure(png, preset, &error), qPrintable(error));
        QVERIFY2(a == b, qPrintable(v->exportName()));
        QVERIFY2(QImage(png).convertToFormat(a.format()) == a, qPrintable(v->exportName()));
    }
}

// The orbit diagram swept from p_min to p_max: the first frame shows the first column only,
// the last is the static export of the whole diagram.
void TestRecord::orbitSweep() {
    OrbitView* o = views_->orbit();
    o->ensureComputed();
    QTRY_VERIFY(o->isComplete());
    const ExportPreset preset = smallSlide();
    const QString path = dir_.filePath("orbit.gif");
    QString message, error;
    QVERIFY2(record(makeOrbitSource(o), preset, AnimationFormat::Gif, path, &message),
             qPrintable(message));
    // Restored: the static export of the whole diagram, made afterwards.
    const QString whole = dir_.filePath("orbit.png");
    QVERIFY2(o->exportFigure(whole, preset, &error), qPrintable(error));
    const Decoded d = decodeGif(path);
    QCOMPARE(d.frames.size(), 6);
    const QImage ref(whole);
    const double first = psnr(d.frames.front(), ref), last = psnr(d.frames.back(), ref);
    QVERIFY2(last >= 40, qPrintable(QString::number(last)));
    QVERIFY2(first < 30, qPrintable(QString::number(first)));  // one column of many
}

// A fresh run of 12 steps on 100 samples, paused for each frame: 6 frames after steps 1, 3, 5, 8,
// 10, 12 (1 + round(i · 11 / 5));
// the last frame is the static export once the run has finished.
void TestRecord::trainingRun() {
    TrainingWorkspace* w = views_->training();
    TrainingConfig config = doc_->trainingConfig();
    config.trainer.steps = 12;
    config.data.samples = 100;  // a fast test: 12 full-batch steps of a small set
    PlotView* loss = views_->view("training_loss");
    QString error;
    auto source = makeTrainingSource(loss, w->controller(), config, &error);
    QVERIFY2(source, qPrintable(error));
    const QString path = dir_.filePath("training.gif");
    QString message;
    QVERIFY2(record(std::move(source), smallSlide(), AnimationFormat::Gif, path, &message),
             qPrintable(message));
    QTRY_VERIFY(!w->controller()->isRunning());
    const TrainingRun& run = w->controller()->runs().back();
    QCOMPARE(int(run.records.size()), 12);  // every step, none skipped or repeated
    QCOMPARE(run.records.back().step, 12);
    QTest::qWait(50);
    const QString png = dir_.filePath("training.png");
    QVERIFY2(loss->exportFigure(png, smallSlide(), &error), qPrintable(error));
    const Decoded d = decodeGif(path);
    QCOMPARE(d.frames.size(), 6);
    const QImage ref(png);
    QVERIFY2(psnr(d.frames.back(), ref) >= 40,
             qPrintable(QString::number(psnr(d.frames.back(), ref))));
    QVERIFY(psnr(d.frames.front(), ref) < psnr(d.frames.back(), ref));
}

// equilab-cli export --animate: the same recording from the command line.
void TestRecord::commandLine() {
    ScenarioFile f;
    f.scenario = randomScenario(2, 2, 7);
    const QString scenario = dir_.filePath("s.json");
    QString error;
    QVERIFY2(saveScenarioFile(scenario, f, &error), qPrintable(error));
    const QString out = dir_.filePath("cli");
    const Run r =
        cli({"export", "--scenario", scenario, "--views", "phase", "--animate", "--format", "gif",
             "--preset", "slide", "--dpi", "36", "--fps", "10", "--duration", "0.5", "--out", out});
    QVERIFY2(r.code == 0, r.err.constData());
    QCOMPARE(QString::fromUtf8(r.out).trimmed(), out + "/phase.gif");
    const Decoded d = decodeGif(out + "/phase.gif");
    QCOMPARE(d.frames.size(), 5);
    QCOMPARE(QSize(d.width, d.height), QSize(480, 270));
    const Run bad =
        cli({"export", "--scenario", scenario, "--views", "basins", "--animate", "--out", out});
    QCOMPARE(bad.code, 2);
    QVERIFY(bad.err.contains("has no animation"));
}

// The dialog: the view shown is chosen; a preset fills frame rate and length; typed values win.
void TestRecord::recordDialog() {
    QSettings().remove("recordFps");
    QSettings().remove("recordDuration");
    RecordDialog dialog("convergence");
    QCOMPARE(dialog.view(), QString("convergence"));
    dialog.presetBox()->setCurrentIndex(dialog.presetBox()->findData("paper-single"));
    ExportPreset paper;
    findExportPreset("paper-single", &paper);
    QCOMPARE(dialog.fpsBox()->value(), paper.fps);
    QCOMPARE(dialog.durationBox()->value(), paper.duration_s);
    dialog.fpsBox()->setFocus();
    dialog.fpsBox()->selectAll();
    QTest::keyClicks(dialog.fpsBox(), "12");
    QTest::keyClick(dialog.fpsBox(), Qt::Key_Tab);
    QCOMPARE(dialog.preset().fps, 12);
    QCOMPARE(dialog.preset().frameCount(), int(std::lround(12 * paper.duration_s)));
    QCOMPARE(dialog.preset().pixelWidth(), paper.pixelWidth());
    dialog.formatBox()->setCurrentIndex(dialog.formatBox()->findData("mp4"));
    QCOMPARE(int(dialog.format()), int(AnimationFormat::Mp4));
    QVERIFY(RecordDialog::recordableViews().contains("decision_boundary"));
}

// In the window: a progress dialog, "Saved …" in the status bar, the playback's cursor put back;
// Cancel (clicked) leaves no file and says so.
void TestRecord::windowRecordsAndCancels() {
    MainWindow w;
    w.show();
    ScenarioFile f;
    f.scenario = randomScenario(2, 2, 7);
    w.document()->reset(f, QString());
    QTRY_VERIFY(w.solveController()->lastAnalysis().generation > 0 &&
                !w.solveController()->isBusy());
    for (int i = 0; i < 4; ++i) w.playback()->step();
    QCOMPARE(w.playback()->cursor(), 3);
    const QString path = dir_.filePath("window.gif");
    QVERIFY(w.recordAnimationTo("phase", AnimationFormat::Gif, smallSlide(), path));
    auto* progress = w.findChild<QProgressDialog*>("recordProgress");
    QVERIFY(progress && progress->isVisible());
    QTRY_VERIFY(w.statusBar()->currentMessage().startsWith("Saved " + path));
    QCOMPARE(decodeGif(path).frames.size(), 6);
    QCOMPARE(w.playback()->cursor(), 3);
    QCOMPARE(qobject_cast<PhaseView*>(w.views()->view("phase"))->cursor(), 3);

    const QString cancelled = dir_.filePath("cancelled.mp4");
    ExportPreset longer = smallSlide();
    longer.duration_s = 5;
    QVERIFY(w.recordAnimationTo("phase", AnimationFormat::Mp4, longer, cancelled));
    progress = w.findChild<QProgressDialog*>("recordProgress");
    QVERIFY(progress);
    QTRY_VERIFY(progress->value() >= 1);
    auto* cancel = progress->findChild<QPushButton*>();
    QVERIFY(cancel);
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_VERIFY(w.statusBar()->currentMessage().contains("cancelled"));
    QVERIFY(!QFile::exists(cancelled));
}

QTEST_MAIN(TestRecord)
#include "tst_record.moc"
