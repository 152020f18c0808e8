// equilab-cli solve: one fixed-point solve of a scenario.
#include "cli_commands.h"

#include "cli_common.h"
#include "cli_model.h"
#include "spectra.h"

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
    if (r.termination == Termination::InvalidInput) return fail(kBadInput, QString::fromStdString(r.message));

    const double timeMs = r.times_ms.empty() ? 0.0 : r.times_ms.back();
    if (p.isSet("json")) {
        printJson({{"converged", r.converged()},
                   {"termination", QString::fromStdString(toString(r.termination))},
                   {"message", QString::fromStdString(r.message)},
                   {"solver", QString::fromStdString(toString(r.method))},
                   {"iterations", r.iterations},
                   {"function_evaluations", r.function_evaluations},
                   {"restarts", r.restarts},
                   {"residuals", toJson(r.residuals)},
                   {"relative_residuals", toJson(r.relative_residuals)},
                   {"fixed_point", toJson(r.fixed_point)},
                   {"observed_rate", r.observedRate()},
                   {"time_ms", timeMs}});
    } else {
        printLine(QString::fromStdString(toString(r.method) + ": " + r.message));
        printLine(QStringLiteral("time %1 ms, %2 evaluations of φ").arg(timeMs, 0, 'f', 3).arg(r.function_evaluations));
    }
    if (isDiverged(r.termination)) {
        std::fprintf(stderr, "equilab-cli: %s\n", r.message.c_str());
        return kNumericalFailure;
    }
    return kOk;
}

}  // namespace equilab::cli
