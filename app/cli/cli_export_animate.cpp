#include "app/cli/cli_export_animate.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QThread>

#include <cstdio>

#include "app/cli/cli_common.h"
#include "ui/document/document.h"
#include "ui/record/animation_source.h"
#include "ui/record/recorder.h"
#include "ui/training/training_workspace.h"
#include "ui/views/export_presets.h"
#include "ui/views/plot_view.h"
#include "ui/window/view_set.h"
#include "ui/workers/solve_worker.h"

namespace equilab::cli {

void addAnimateOptions(QCommandLineParser& p) {
    p.addOption({"animate",
                 "Record one view as an animation instead (--format gif or mp4): the playback of "
                 "trajectories, phase or convergence, the orbit sweep, or a fresh training run "
                 "(training_loss, …, decision_boundary). Size, frame rate and length from "
                 "--preset (default slide)."});
    p.addOption({"fps", "With --animate: frames per second (default: the preset's, 25).", "n"});
    p.addOption({"duration", "With --animate: length in seconds (default: the preset's, 6).", "s"});
}

int exportAnimation(const QCommandLineParser& p, Document& doc, SolveController& solver,
                    ViewSet& views, const QStringList& names, QDeadlineTimer deadline) {
    if (names.size() != 1)
        return fail(kBadInput,
                    QStringLiteral("--animate: name exactly one view in --views (got %1)")
                        .arg(names.join(", ")));
    const QString name = names.front();
    AnimationFormat format = AnimationFormat::Gif;
    if (!p.value("format").isEmpty() && !animationFormatFromText(p.value("format"), &format))
        return fail(kBadInput,
                    "--format: with --animate, gif or mp4 (got \"" + p.value("format") + "\")");
    ExportPreset preset;
    QString error;
    if (!presetFromText(p.isSet("preset") ? p.value("preset") : QStringLiteral("slide"),
                        p.value("dpi"), p.value("font-size"), p.value("line-width"), &preset,
                        &error))
        return fail(kBadInput, error);
    bool ok = true;
    if (p.isSet("fps") && !((preset.fps = p.value("fps").toInt(&ok)), ok))
        return fail(kBadInput, "--fps: \"" + p.value("fps") + "\" is not a whole number");
    if (p.isSet("duration") && !((preset.duration_s = p.value("duration").toDouble(&ok)), ok))
        return fail(kBadInput, "--duration: \"" + p.value("duration") + "\" is not a number");
    if (!preset.IsValid(&error)) return fail(kBadInput, "--animate: " + error);

    PlotView* view = views.view(name);
    std::unique_ptr<AnimationSource> source;
    if (name == "trajectories" || name == "phase" || name == "convergence") {
        source = makePlaybackSource(view, solver.lastTrajectory().summary.iterations, -1);
    } else if (name == "orbit") {
        source = makeOrbitSource(view);
    } else if (name.startsWith("training") || name == "decision_boundary") {
        source =
            makeTrainingSource(view, views.training()->controller(), doc.trainingConfig(), &error);
        if (!source) return fail(kBadInput, "training: " + error);
    }
    if (!source)
        return fail(kBadInput, "--animate: \"" + name +
                                   "\" has no animation (trajectories, phase, convergence, "
                                   "orbit, training_loss, training_accuracy, training_norm_A, "
                                   "training_forward_residual, decision_boundary)");
    const QString path = QDir(p.value("out")).filePath(name + "." + animationSuffix(format));
    Recorder recorder;
    bool finished = false, saved = false;
    QString message;
    int reported = -1;
    QObject::connect(&recorder, &Recorder::progress, [&](int encoded, int total) {
        const int tenth = 10 * encoded / std::max(1, total);
        if (tenth == reported) return;
        reported = tenth;
        std::fprintf(stderr, "animate: %d/%d frames\n", encoded, total);
    });
    QObject::connect(&recorder, &Recorder::finished, [&](bool done, const QString& m) {
        finished = true;
        saved = done;
        message = m;
    });
    if (!recorder.start(std::move(source), preset, format, path, &error))
        return fail(kBadInput, "--animate: " + error);
    while (!finished && !deadline.hasExpired()) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
        if (!finished) QThread::msleep(1);
    }
    if (!finished) {
        recorder.cancel();
        return fail(kNumericalFailure, "--animate: timed out; nothing written");
    }
    if (!saved) return fail(kBadInput, message);
    std::fprintf(stderr, "animate: %s\n", message.toUtf8().constData());
    printLine(path);
    return kOk;
}

}  // namespace equilab::cli
