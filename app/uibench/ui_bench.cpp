#include "app/uibench/ui_bench.h"

#include <QApplication>
#include <QFile>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <vector>

#include "core/model/scenario.h"
#include "ui/document/document.h"
#include "ui/document/matrix_table_model.h"
#include "ui/panels/dimensions_panel.h"
#include "ui/panels/matrix_editor.h"
#include "ui/window/main_window.h"
#include "ui/workers/solve_worker.h"

namespace equilab {

bool UiBenchOptions::IsValid(QString* error) const {
    auto fail = [&](const QString& m) {
        if (error) *error = m;
        return false;
    };
    if (scenario.isEmpty() && (hidden < 2 || hidden > kMaxHiddenDim))
        return fail(
            QStringLiteral("--hidden %1 is out of range (2 to %2)").arg(hidden).arg(kMaxHiddenDim));
    if (scenario.isEmpty() && (input < 1 || input > kMaxInputDim))
        return fail(
            QStringLiteral("--input %1 is out of range (1 to %2)").arg(input).arg(kMaxInputDim));
    if (edits < 1 || edits > 1000)
        return fail(QStringLiteral("--edits %1 is out of range (1 to 1000)").arg(edits));
    if (!scenario.isEmpty() && !QFile::exists(scenario))
        return fail(QStringLiteral("no scenario file \"%1\"").arg(scenario));
    return true;
}

namespace {

double residentMB() {
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly)) return 0;
    const QList<QByteArray> fields = f.readAll().split(' ');
    return fields.size() > 1 ? fields[1].toDouble() * 4096.0 / (1 << 20) : 0;
}

// The longest gap between the ticks of a 1 ms timer on the GUI thread since the last reset.
class StallMonitor : public QObject {
  public:
    StallMonitor() {
        timer_.setTimerType(Qt::PreciseTimer);
        timer_.setInterval(1);
        connect(&timer_, &QTimer::timeout, this, [this] { tick(); });
        clock_.start();
        timer_.start();
    }
    void reset() {
        worst_ = 0;
        last_ = clock_.nsecsElapsed();
    }
    // Gaps are measured up to now as well (a stall that has not ended yet counts).
    double worstMs() {
        tick();
        return worst_ / 1e6;
    }

  private:
    void tick() {
        const qint64 now = clock_.nsecsElapsed();
        worst_ = std::max(worst_, now - last_);
        last_ = now;
    }
    QTimer timer_;
    QElapsedTimer clock_;
    qint64 last_ = 0, worst_ = 0;
};

// When the solve controller shows the trajectory and the spectra of a generation.
class StageClock : public QObject {
  public:
    explicit StageClock(SolveController* c) : controller_(c) {
        connect(c, &SolveController::trajectoryReady, this, [this](const SolveResultPtr& r) {
            if (r->generation == awaited_) trajectory_ = clock_.elapsed();
        });
        connect(c, &SolveController::resultReady, this, [this](const SolveResultPtr& r) {
            if (r->generation == awaited_) spectra_ = clock_.elapsed();
        });
    }
    // Starts waiting for the newest request (call right after the edit).
    void expectLatest(const QElapsedTimer& editStart) {
        awaited_ = controller_->latestGeneration();
        clock_ = editStart;
        trajectory_ = spectra_ = -1;
    }
    bool waitTrajectory(int timeoutMs) {
        return waitFor([this] { return trajectory_ >= 0; }, timeoutMs);
    }
    bool waitSpectra(int timeoutMs) {
        return waitFor([this] { return spectra_ >= 0; }, timeoutMs);
    }
    qint64 trajectoryMs() const { return trajectory_; }
    qint64 spectraMs() const { return spectra_; }

  private:
    bool waitFor(const std::function<bool()>& done, int timeoutMs) {
        QElapsedTimer t;
        t.start();
        while (!done() && t.elapsed() < timeoutMs)
            QApplication::processEvents(QEventLoop::AllEvents, 5);
        return done();
    }
    SolveController* controller_;
    QElapsedTimer clock_;
    quint64 awaited_ = 0;
    qint64 trajectory_ = -1, spectra_ = -1;
};

void pump(int ms) {
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < ms) QApplication::processEvents(QEventLoop::AllEvents, 1);
}

double median(std::vector<double> v) {
    if (v.empty()) return 0;
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

constexpr int kWaitMs = 120000;

// Runs one edit and measures: stall from the edit until the spectra arrive (or the wait ends),
// and the two latencies.
QJsonObject measureEdit(StallMonitor& stall, StageClock& stages,
                        const std::function<void()>& edit) {
    stall.reset();
    QElapsedTimer t;
    t.start();
    edit();
    stages.expectLatest(t);
    const bool traj = stages.waitTrajectory(kWaitMs);
    const double stallTraj = stall.worstMs();
    const bool spec = stages.waitSpectra(kWaitMs);
    QJsonObject o;
    o["stall_ms"] = std::max(stallTraj, stall.worstMs());
    o["trajectory_ms"] = traj ? double(stages.trajectoryMs()) : -1.0;
    o["spectra_ms"] = spec ? double(stages.spectraMs()) : -1.0;
    return o;
}

}  // namespace

QJsonObject runUiBench(const UiBenchOptions& options, const QElapsedTimer& launch) {
    QJsonObject report;
    MainWindow w;
    if (!options.scenario.isEmpty()) {
        w.openFile(options.scenario);
    } else {
        ScenarioFile f;
        f.scenario = randomScenario(options.hidden, options.input, 1, 0.9);
        w.document()->reset(f);
    }
    const Scenario& s = w.document()->scenario();
    report["hidden"] = int(s.hiddenDim());
    report["input"] = int(s.inputDim());
    report["edits"] = options.edits;

    // First paint: the first Paint event delivered to any widget of the window.
    qint64 firstPaint = -1;
    struct PaintSpy : QObject {
        QWidget* window;
        qint64* at;
        const QElapsedTimer* launch;
        bool eventFilter(QObject* o, QEvent* e) override {
            if (*at < 0 && e->type() == QEvent::Paint && o->isWidgetType() &&
                static_cast<QWidget*>(o)->window() == window)
                *at = launch->elapsed();
            return false;
        }
    } paintSpy;
    paintSpy.window = &w;
    paintSpy.at = &firstPaint;
    paintSpy.launch = &launch;
    qApp->installEventFilter(&paintSpy);
    StallMonitor stall;
    StageClock stages(w.solveController());
    QElapsedTimer opened;
    opened.start();
    stall.reset();
    w.show();
    stages.expectLatest(opened);
    {
        QElapsedTimer t;
        t.start();
        while (firstPaint < 0 && t.elapsed() < kWaitMs)
            QApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    qApp->removeEventFilter(&paintSpy);
    report["first_paint_ms"] = double(firstPaint);
    stages.waitTrajectory(kWaitMs);
    stages.waitSpectra(kWaitMs);
    QJsonObject open;
    open["stall_ms"] = stall.worstMs();
    open["trajectory_ms"] = double(stages.trajectoryMs());
    open["spectra_ms"] = double(stages.spectraMs());
    report["open"] = open;
    while (w.solveController()->isBusy()) pump(20);

    // Cell edits of c: each waits for its trajectory; the spectra of the last one are awaited.
    MatrixTableModel* c = w.matrixEditor()->model(Block::c);
    const double rssBefore = residentMB();
    std::vector<double> stalls, trajectories;
    double lastSpectra = -1;
    for (int k = 0; k < options.edits; ++k) {
        stall.reset();
        QElapsedTimer t;
        t.start();
        const int row = k % c->rowCount();
        c->setData(c->index(row, 0), QString::number(0.01 * (k + 1)), Qt::EditRole);
        stages.expectLatest(t);
        stages.waitTrajectory(kWaitMs);
        stalls.push_back(stall.worstMs());
        trajectories.push_back(double(stages.trajectoryMs()));
        if (k + 1 == options.edits) {
            stages.waitSpectra(kWaitMs);
            lastSpectra = double(stages.spectraMs());
            stalls.back() = std::max(stalls.back(), stall.worstMs());
        }
    }
    while (w.solveController()->isBusy()) pump(20);
    QJsonObject cells;
    cells["stall_max_ms"] = *std::max_element(stalls.begin(), stalls.end());
    cells["stall_median_ms"] = median(stalls);
    cells["trajectory_median_ms"] = median(trajectories);
    cells["trajectory_max_ms"] = *std::max_element(trajectories.begin(), trajectories.end());
    cells["spectra_ms"] = lastSpectra;
    cells["rss_growth_mb"] = residentMB() - rssBefore;
    report["cell_edits"] = cells;

    // A slider drag: positions 16 ms apart, as a mouse drag delivers them.
    auto* slider = w.dimensionsPanel()->findChild<QSlider*>(QStringLiteral("scaleSlider"));
    report["slider_drag"] = measureEdit(stall, stages, [&] {
        const int from = slider->value();
        for (int k = 1; k <= options.sliderSteps; ++k) {
            slider->setValue(from - k);
            pump(16);
        }
    });
    while (w.solveController()->isBusy()) pump(20);
    auto* generate = w.dimensionsPanel()->findChild<QPushButton*>(QStringLiteral("generateButton"));
    // Generate A and resize draw on a worker above n = 200: the edit lasts until the document
    // applies the result (the GUI thread keeps ticking meanwhile, so it is measured too).
    auto untilGenerated = [&] {
        while (w.document()->isGenerating()) QApplication::processEvents(QEventLoop::AllEvents, 5);
    };
    report["generate_a"] = measureEdit(stall, stages, [&] {
        generate->click();
        untilGenerated();
    });
    while (w.solveController()->isBusy()) pump(20);
    auto* hiddenBox = w.dimensionsPanel()->findChild<QSpinBox*>(QStringLiteral("hiddenDim"));
    report["resize"] = measureEdit(stall, stages, [&] {
        hiddenBox->setValue(hiddenBox->value() - 1);
        untilGenerated();
    });
    report["rss_end_mb"] = residentMB();
    return report;
}

}  // namespace equilab
