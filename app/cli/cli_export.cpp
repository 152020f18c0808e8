// equilab-cli export: render the GUI's views of a scenario to files without a display, with the
// same plot code as the window (the offscreen platform is selected in main before the
// QApplication starts). Only the requested views are built (ViewSet), not a window. Training
// views train first with the scenario's training settings, reporting progress on stderr.
#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QRegularExpression>
#include <QThread>

#include <cstdio>
#include <map>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_export_animate.h"
#include "app/cli/cli_export_work.h"
#include "ui/document/document.h"
#include "ui/training/gradient_bias_view.h"
#include "ui/training/hypergrad_view.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_workspace.h"
#include "ui/views/bifurcation_view.h"
#include "ui/views/export_presets.h"
#include "ui/views/orbit_view.h"
#include "ui/views/plot_export.h"
#include "ui/views/plot_view.h"
#include "ui/window/view_set.h"
#include "ui/workers/solve_worker.h"

namespace equilab::cli {
namespace {

constexpr int kTimeoutMs = 30 * 60 * 1000;

void spinUntil(const std::function<bool()>& done, QDeadlineTimer deadline) {
    while (!done() && !deadline.hasExpired()) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(5);
    }
}

}  // namespace

int runExport(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription("Render views of a scenario to files, without a display.");
    addScenarioOption(p);
    p.addOption(
        {"views",
         "Comma list of: trajectories, phase, convergence, eigenvalues, singular_values, "
         "spectra, basins, sweep, training, training_loss, training_accuracy, training_norm_A, "
         "training_forward_residual, training_backward_residual, training_rho, decision_boundary, "
         "hypergradient_error, gradient_bias, orbit, bifurcation, bifurcation_lyapunov, all "
         "(default: the explorer's views).",
         "list"});
    p.addOption(
        {"orbit",
         "Orbit diagram parameter and range: PARAM:FROM:TO[:COMPONENT] with PARAM scale, drive, "
         "c[i] or x[i] (entry and component counting from 1, as in the window; default scale "
         "over the sweep range).",
         "spec"});
    p.addOption(
        {"bifurcation",
         "Bifurcation view's parameter and range, in --orbit's form PARAM:FROM:TO[:COMPONENT].",
         "spec"});
    p.addOption({"format", "png, pdf, svg or csv (a comma list is allowed; default png).", "fmt"});
    p.addOption({"size", "Width×height in pixels (default 1200x800).", "WxH"});
    p.addOption({"out", "Output folder (created if missing).", "dir"});
    p.addOption({"preset",
                 "Figure preset: paper-single, paper-double or slide (size, dpi, font, line width; "
                 "views with nothing to show are skipped).",
                 "name"});
    p.addOption({"dpi", "With --preset: PNG resolution.", "n"});
    p.addOption({"font-size", "With --preset: font size in points.", "pt"});
    p.addOption({"line-width", "With --preset: line width factor.", "f"});
    addAnimateOptions(p);
    QString error;
    ScenarioFile file;
    if (!parseArgs(p, args, &error) || !loadScenario(p, &file, &error))
        return fail(kBadInput, error);
    if (!p.isSet("out")) return fail(kBadInput, "--out: missing (the folder to write to)");
    // A figure setting without a preset would be ignored: refused rather than dropped silently.
    const bool animate = p.isSet("animate");  // the preset defaults to slide
    if (!p.isSet("preset") && !animate)
        for (const char* o : {"dpi", "font-size", "line-width"})
            if (p.isSet(o))
                return fail(kBadInput,
                            QStringLiteral("--%1: only with --preset (it changes a figure "
                                           "preset: paper-single, paper-double or slide)")
                                .arg(o));
    const QRegularExpression sizeRe(QStringLiteral("^(\\d+)[x×X](\\d+)$"));
    const auto m = sizeRe.match(p.value("size").isEmpty() ? "1200x800" : p.value("size"));
    if (!m.hasMatch())
        return fail(kBadInput, "--size: expected WIDTHxHEIGHT, got \"" + p.value("size") + "\"");
    const int width = m.captured(1).toInt(), height = m.captured(2).toInt();
    if (width < 16 || height < 16 || width > 20000 || height > 20000)
        return fail(kBadInput, "--size: width and height must be between 16 and 20000");
    const QStringList formats =
        (p.value("format").isEmpty() ? QString("png") : p.value("format")).split(',');
    for (const QString& f : formats)
        if (!animate && !QStringList{"png", "pdf", "svg", "csv"}.contains(f))
            return fail(kBadInput,
                        "--format: unknown format \"" + f + "\" (expected png, pdf, svg or csv)");
    ExportPreset preset;
    if (p.isSet("preset") && !animate &&
        !presetFromText(p.value("preset"), p.value("dpi"), p.value("font-size"),
                        p.value("line-width"), &preset, &error))
        return fail(kBadInput, error);

    Document doc;
    SolveController solver;
    ViewSet views(&doc, &solver);
    const QStringList all = ViewSet::names();
    const std::map<QString, QStringList> groups = {
        {"spectra", {"eigenvalues", "singular_values"}},
        {"training",
         {"training_loss", "training_accuracy", "training_norm_A", "training_forward_residual",
          "training_backward_residual", "training_rho"}},
        {"explorer",
         {"trajectories", "phase", "convergence", "eigenvalues", "singular_values", "basins",
          "sweep"}}};
    QStringList names;
    for (QString v :
         (p.value("views").isEmpty() ? QString("explorer") : p.value("views")).split(',')) {
        v = v.trimmed();
        if (v == "all") {
            names.append(all);
        } else if (groups.count(v)) {
            names.append(groups.at(v));
        } else if (all.contains(v)) {
            names.append(v);
        } else {
            return fail(kBadInput, "--views: unknown view \"" + v + "\"");
        }
    }
    names.removeDuplicates();
    // The output folder before the work: a refusal comes first, not after minutes of solving.
    if (!QDir().mkpath(p.value("out")))
        return fail(kBadInput, p.value("out") + ": cannot create the folder");
    QList<PlotView*> plots;
    bool needsTraining = false;
    for (const QString& n : names) {
        plots.append(views.view(n));
        needsTraining |= n.startsWith("training") || n == "decision_boundary";
    }
    // Only what the requested views need is computed, with progress on stderr.
    const ExportWork work = exportWork(names);
    solver.setWork(work.certificate, work.analysis);
    QObject::connect(&solver, &SolveController::progress, [](const QString& what) {
        std::fprintf(stderr, "export: %s\n", what.toUtf8().constData());
    });
    doc.reset(file, p.value("scenario"));  // the ViewSet requests the solve, as in the window

    QDeadlineTimer deadline(kTimeoutMs);
    spinUntil([&] { return solver.lastAnalysis().generation > 0 && !solver.isBusy(); }, deadline);
    if (needsTraining && !animate) {  // an animation records a run of its own
        TrainingController* c = views.training()->controller();
        const TrainingConfig config = doc.trainingConfig();
        if (!c->start(config, &error)) return fail(kBadInput, "training: " + error);
        QObject::connect(c, &TrainingController::runUpdated, [c](int id) {
            const TrainingRun* r = c->run(id);
            if (r && !r->records.empty() && r->records.back().step % 50 == 0)
                std::fprintf(stderr, "training: step %d/%d, loss %.4f\n", r->records.back().step,
                             r->total, r->records.back().train_loss);
        });
        spinUntil([&] { return !c->isRunning(); }, deadline);
        const TrainingRun& r = c->runs().back();
        std::fprintf(stderr, "training: %s\n", r.message.toUtf8().constData());
        QDeadlineTimer settle(300);
        spinUntil([] { return false; }, settle);  // the final snapshot
    }
    if (names.contains("hypergradient_error")) {
        HypergradView* h = views.training()->hypergradView();
        views.training()->ensureHypergradients();  // the study, or the model just trained
        spinUntil([h] { return h->sweep().complete && !h->isComputing(); }, deadline);
    }
    if (names.contains("gradient_bias")) {
        GradientBiasView* b = views.training()->gradientBiasView();
        views.training()->ensureHypergradients();  // the study, or the model just trained
        spinUntil([b] { return !b->map().points.empty() && !b->isComputing(); }, deadline);
    }
    if (names.contains("orbit")) {
        OrbitView* o = views.orbit();
        OrbitOptions options = o->options();
        std::string why;
        if (p.isSet("orbit") && !parseOrbitSpec(p.value("orbit").toStdString(), &options, &why))
            return fail(kBadInput, "--orbit: " + QString::fromStdString(why));
        if (!o->setOptions(options, &error)) return fail(kBadInput, "--orbit: " + error);
        o->ensureComputed();
        spinUntil([o] { return o->isComplete(); }, deadline);
    }
    if (names.contains("bifurcation") || names.contains("bifurcation_lyapunov")) {
        BifurcationView* b = views.bifurcation();
        OrbitOptions spec;
        spec.parameter = b->parameter();
        spec.index = b->index();
        spec.p_min = b->from();
        spec.p_max = b->to();
        std::string why;
        if (p.isSet("bifurcation") &&
            !parseOrbitSpec(p.value("bifurcation").toStdString(), &spec, &why))
            return fail(kBadInput, "--bifurcation: " + QString::fromStdString(why));
        if (!b->setParameter(spec.parameter, spec.index, spec.p_min, spec.p_max, spec.component,
                             &error))
            return fail(kBadInput, "--bifurcation: " + error);
        b->ensureComputed();
        spinUntil([b] { return b->isComplete(); }, deadline);
    }
    if (deadline.hasExpired())
        return fail(kNumericalFailure, "timed out waiting for the solve or the training");
    if (animate) return exportAnimation(p, doc, solver, views, names, deadline);
    QStringList errors;
    QStringList skipped;
    const QStringList written =
        p.isSet("preset")
            ? exportFigures(plots, p.value("out"), formats, &preset, 0, 0, &skipped, &errors)
            : exportPlots(plots, p.value("out"), formats, width, height, &errors);
    if (!skipped.isEmpty())
        std::fprintf(stderr, "skipped (nothing to show): %s\n",
                     skipped.join(", ").toUtf8().constData());
    for (const QString& f : written) printLine(f);
    if (!errors.isEmpty()) return fail(kBadInput, errors.join("; "));
    return kOk;
}

}  // namespace equilab::cli
