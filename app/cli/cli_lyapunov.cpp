// equilab-cli lyapunov: the largest Lyapunov exponents (both for n ≥ 2) along Picard's orbit, at
// the scenario's parameters or as a function of one parameter (core/analysis/lyapunov.h).
#include "app/cli/cli_commands.h"

#include <cmath>

#include "app/cli/cli_common.h"
#include "app/cli/cli_param.h"
#include "core/analysis/lyapunov.h"

namespace equilab::cli {
namespace {

QJsonValue number(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

QJsonArray numbers(const std::vector<double>& v) {
    QJsonArray a;
    for (double x : v) a.append(number(x));
    return a;
}

QString exponentsText(const LyapunovSpectrum& s) {
    QStringList parts;
    for (size_t i = 0; i < s.exponents.size(); ++i)
        parts << QStringLiteral("λ%1 = %2 ± %3")
                     .arg(i + 1)
                     .arg(s.exponents[i], 0, 'g', 6)
                     .arg(s.errors[i], 0, 'g', 2);
    return parts.join(", ");
}

}  // namespace

int runLyapunov(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        "Lyapunov exponents of Picard iteration w ↦ tanh(A w + B x + c) along its orbit from w0, "
        "by QR of the Jacobian products: the largest, and the second when n ≥ 2 (per step, "
        "natural log; ± is a block standard error, an estimate). With --param, as a function of "
        "that parameter (each value starts from w0, like the orbit diagram's columns).");
    addScenarioOption(p);
    addParamOptions(p);
    p.addOption({"steps", "Parameter values of the sweep (default 50; with --param).", "N"});
    p.addOption({"transient", "Map steps discarded first (default 1000).", "T"});
    p.addOption({"iterations", "Steps averaged (default 4000).", "M"});
    p.addOption({"json", "Print one JSON object."});
    QString error;
    ScenarioFile file;
    if (!parseArgs(p, args, &error) || !loadScenario(p, &file, &error))
        return fail(kBadInput, error);
    Scenario& s = file.scenario;
    s.model = s.effectiveModel();
    LyapunovOptions o;
    o.transient = 1000;
    o.steps = 4000;
    int steps = 50;
    if (!optionInt(p, "transient", 0, 10'000'000, &o.transient, &error) ||
        !optionInt(p, "iterations", 20, 10'000'000, &o.steps, &error) ||
        !optionInt(p, "steps", 1, 100'000, &steps, &error))
        return fail(kBadInput, error);
    const bool sweep = p.isSet("param") || p.isSet("from") || p.isSet("to") || p.isSet("steps");
    ParamRange range;
    if (sweep && !readParamOptions(p, s, &range, &error)) return fail(kBadInput, error);
    const int count = static_cast<int>(std::min<Index>(2, s.hiddenDim()));
    setActivity("computing Lyapunov exponents");
    if (!sweep) {
        const LyapunovSpectrum r =
            lyapunovSpectrum(s.model.A, s.model.drive(s.x), s.startingPoint(), count, o);
        if (r.termination == LyapunovTermination::Invalid)
            return fail(kBadInput, QString::fromStdString(r.message));
        if (p.isSet("json")) {
            printJson(QJsonObject{{"termination", r.valid() ? "computed" : "failed"},
                                  {"message", QString::fromStdString(r.message)},
                                  {"exponents", numbers(r.exponents)},
                                  {"errors", numbers(r.errors)},
                                  {"transient", o.transient},
                                  {"steps", r.steps}});
        } else {
            printLine(QStringLiteral("Lyapunov exponents along the orbit from w0 (%1 transient + "
                                     "%2 steps): %3 per step")
                          .arg(o.transient)
                          .arg(r.steps)
                          .arg(r.valid() ? exponentsText(r) : QString::fromStdString(r.message)));
        }
        return r.valid() || r.termination == LyapunovTermination::Degenerate ? kOk
                                                                             : kNumericalFailure;
    }
    const LyapunovSweep w = lyapunovSweep(s.model, s.x, s.startingPoint(), range.parameter,
                                          range.index, range.from, range.to, steps, count, o);
    bool allFinite = true;
    if (p.isSet("json")) {
        QJsonArray columns;
        for (const LyapunovColumn& c : w.columns) {
            allFinite = allFinite && c.spectrum.termination != LyapunovTermination::NonFinite;
            columns.append(QJsonObject{{"p", c.p},
                                       {"exponents", numbers(c.spectrum.exponents)},
                                       {"errors", numbers(c.spectrum.errors)}});
        }
        printJson(QJsonObject{{"parameter", range.name},
                              {"from", range.from},
                              {"to", range.to},
                              {"transient", o.transient},
                              {"steps", o.steps},
                              {"columns", columns}});
    } else {
        printLine(QStringLiteral("Lyapunov exponents per step in %1 ∈ [%2, %3], %4 values (%5 "
                                 "transient + %6 steps each, from w0)")
                      .arg(range.name)
                      .arg(range.from)
                      .arg(range.to)
                      .arg(steps)
                      .arg(o.transient)
                      .arg(o.steps));
        for (const LyapunovColumn& c : w.columns) {
            allFinite = allFinite && c.spectrum.termination != LyapunovTermination::NonFinite;
            printLine(QStringLiteral("  %1 = %2   %3")
                          .arg(range.name)
                          .arg(c.p, 10, 'f', 6)
                          .arg(c.spectrum.exponents.empty()
                                   ? QString::fromStdString(c.spectrum.message)
                                   : exponentsText(c.spectrum)));
        }
    }
    return allFinite ? kOk : kNumericalFailure;
}

}  // namespace equilab::cli
