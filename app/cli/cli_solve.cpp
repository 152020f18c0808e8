// equilab-cli solve: one fixed-point solve of a scenario.
#include "app/cli/cli_commands.h"

#include "app/cli/cli_common.h"
#include "app/cli/cli_model.h"
#include "app/cli/cli_verdict.h"
#include "core/analysis/spectra.h"

namespace equilab::cli {

int runSolve(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription("Solve w = tanh(A w + B x + c) for the scenario.");
    addScenarioOption(p);
    addSolverOptions(p);
    addModelOptions(p, true);  // --model FILE --dataset SPEC --sample I
    p.addOption({"json", "Print one JSON object."});
    QString error;
    ScenarioFile file;
    if (!parseArgs(p, args, &error)) return fail(kBadInput, error);
    if (!(p.isSet("model") ? loadModelScenario(p, &file, &error) : loadScenario(p, &file, &error)))
        return fail(kBadInput, error);
    Scenario& s = file.scenario;
    if (!applySolverOptions(p, &s, &error)) return fail(kBadInput, error);

    SolverOptions options = s.solver;
    options.record_iterates = false;
    const SolverSummary r = solveFixedPoint(s.model, s.x, s.w0, options);
    if (r.termination == Termination::InvalidInput)
        return fail(kBadInput, QString::fromStdString(r.message));

    // The verdict: what the run did, and when it did not converge, the true fixed point.
    const DynamicsSummary d = classifyDynamics(s.model, s.x, r, options);
    FixedPointReport fixed;
    if (!d.converged()) fixed = locateFixedPoint(s.model, s.x, s.w0, r, d, options);

    const double timeMs = r.times_ms.empty() ? 0.0 : r.times_ms.back();
    if (p.isSet("json")) {
        QJsonObject o{{"converged", r.converged()},
                      {"termination", QString::fromStdString(toString(r.termination))},
                      {"message", QString::fromStdString(r.message)},
                      {"solver", QString::fromStdString(toString(r.method))},
                      {"iterations", r.iterations},
                      {"function_evaluations", r.function_evaluations},
                      {"restarts", r.restarts},
                      {"residuals", toJson(r.residuals)},
                      {"relative_residuals", toJson(r.relative_residuals)},
                      {"last_iterate", toJson(r.fixed_point)},
                      {"observed_rate", r.observedRate()},
                      {"time_ms", timeMs}};
        // A fixed point only when the run reached one; the last iterate is always there.
        if (r.converged()) o.insert("fixed_point", toJson(r.fixed_point));
        addDynamicsJson(d, &o);
        if (!d.converged()) o.insert("true_fixed_point", fixedPointJson(fixed));
        printJson(o);
    } else {
        printLine(QString::fromStdString(toString(r.method) + ": " + r.message));
        printLine(QString::fromStdString("verdict: " + d.message));
        if (!d.converged()) printLine(QString::fromStdString("fixed point: " + fixed.message));
        printLine(QStringLiteral("time %1 ms, %2 evaluations of φ")
                      .arg(timeMs, 0, 'f', 3)
                      .arg(r.function_evaluations));
    }
    // 0 only for a converged fixed point; cap, cycle and divergence exit 3 (JSON still printed).
    return dynamicsExitCode(d);
}

}  // namespace equilab::cli
