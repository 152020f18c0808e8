#include "app/cli/cli_common.h"

#include <QJsonDocument>
#include <QTextStream>

#include <cmath>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "core/internal/memory_estimate.h"
#include "core/internal/option_limits.h"
#include "core/internal/safe_write.h"
#include "io/safe_file.h"

namespace equilab::cli {

namespace {

QString& activityText() {
    static QString text;
    return text;
}

}  // namespace

int fail(int code, const QString& message) {
    std::fprintf(stderr, "equilab-cli: %s\n", oneLineText(message).toUtf8().constData());
    return code;
}

int finishStdout(int code) {
    const bool earlier = std::ferror(stdout) != 0;
    errno = 0;
    const bool flushed = std::fflush(stdout) == 0;
    if (flushed && !earlier) return code;
    const int err = errno;
    fail(kBadInput,
         "cannot write to standard output (" +
             (err ? QString::fromStdString(errnoText(err)) : QStringLiteral("write error")) +
             "); the output is incomplete");
    return code == kOk ? kBadInput : code;
}

void setActivity(const QString& activity) {
    activityText() = activity;
}

QString activity() {
    return activityText();
}

bool parseArgs(QCommandLineParser& parser, const QStringList& args, QString* error) {
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    if (args.contains("--help") || args.contains("-h")) {
        std::printf("%s", parser.helpText().toUtf8().constData());
        std::exit(finishStdout(0));
    }
    if (!parser.parse(args)) {
        *error = parser.errorText();
        return false;
    }
    const QStringList found = parser.optionNames();
    for (const QString& name : found)
        if (found.count(name) > 1) {
            const QStringList values = parser.values(name);
            *error = QStringLiteral("--%1: given %2 times").arg(name).arg(found.count(name));
            if (values.size() > 1)
                *error += " (" + quotedText(values[0]) + " and " + quotedText(values[1]) + ")";
            *error += "; give it once";
            return false;
        }
    if (!parser.positionalArguments().isEmpty()) {
        *error = "unexpected argument: " + parser.positionalArguments().first();
        return false;
    }
    return true;
}

void addScenarioOption(QCommandLineParser& parser) {
    parser.addOption({"scenario", "Scenario file (JSON); default: the built-in scenario.", "file"});
}

bool loadScenario(const QCommandLineParser& parser, ScenarioFile* out, QString* error) {
    if (!parser.isSet("scenario")) {
        out->scenario = defaultScenario();
        return true;
    }
    setActivity("reading the scenario " + parser.value("scenario"));
    return loadScenarioFile(parser.value("scenario"), out, error);
}

void addSolverOptions(QCommandLineParser& parser) {
    parser.addOption({"solver", "picard, km, anderson, broyden or newton.", "method"});
    parser.addOption({"tolerance", "Stop when ‖φ(w) − w‖ ≤ E.", "E"});
    parser.addOption({"max-iterations", "Iteration cap.", "N"});
    parser.addOption({"damping", "β of km and anderson, in (0, 1].", "B"});
    parser.addOption({"memory",
                      QStringLiteral("Anderson memory m (1 to %1).").arg(SolverLimits::kMaxMemory),
                      "M"});
    parser.addOption({"parametrization",
                      "Apply to A first: free, spectral_ball, spectral_norm, householder, "
                      "householder_svd, inf_ball (rows onto the ℓ1 ball: ‖A‖∞ ≤ r) or monotone "
                      "(A = (1 − m)I − PᵀP + Q − Qᵀ nearest, m = r).",
                      "kind"});
    parser.addOption({"radius", "Radius r of the parametrization.", "R"});
    parser.addOption({"max-memory",
                      "Refuse a solve estimated above this many MB (default: half the RAM).",
                      "MB"});
}

bool optionDouble(const QCommandLineParser& p, const QString& name, double lo, double hi,
                  double* out, QString* error) {
    if (!p.isSet(name)) return true;
    bool ok = false;
    const double v = p.value(name).toDouble(&ok);
    if (!ok || !std::isfinite(v)) {
        *error = QStringLiteral("--%1: expected a number, got \"%2\"").arg(name, p.value(name));
        return false;
    }
    if (v < lo || v > hi) {
        *error = QStringLiteral("--%1: %2 is out of range (expected %3 to %4)")
                     .arg(name, p.value(name))
                     .arg(lo)
                     .arg(hi);
        return false;
    }
    *out = v;
    return true;
}

bool optionInt(const QCommandLineParser& p, const QString& name, int lo, int hi, int* out,
               QString* error) {
    if (!p.isSet(name)) return true;
    bool ok = false;
    const qlonglong v = p.value(name).toLongLong(&ok);
    if (!ok) {
        *error = QStringLiteral("--%1: expected an integer, got \"%2\"").arg(name, p.value(name));
        return false;
    }
    if (v < lo || v > hi) {
        *error = QStringLiteral("--%1: %2 is out of range (expected %3 to %4)")
                     .arg(name, p.value(name))
                     .arg(lo)
                     .arg(hi);
        return false;
    }
    *out = static_cast<int>(v);
    return true;
}

bool applySolverOptions(const QCommandLineParser& p, Scenario* s, QString* error) {
    if (p.isSet("solver") &&
        !parseSolverMethod(p.value("solver").toStdString(), &s->solver.method)) {
        *error = "--solver: unknown method \"" + p.value("solver") +
                 "\" (expected picard, km, anderson, broyden or newton)";
        return false;
    }
    using L = SolverLimits;
    if (!optionDouble(p, "tolerance", L::kMinTolerance, L::kMaxTolerance, &s->solver.tolerance,
                      error) ||
        !optionInt(p, "max-iterations", 1, L::kMaxIterations, &s->solver.max_iterations, error) ||
        !optionDouble(p, "damping", L::kMinDamping, L::kMaxDamping, &s->solver.damping, error) ||
        !optionInt(p, "memory", 1, L::kMaxMemory, &s->solver.memory, error))
        return false;
    if (p.isSet("parametrization") &&
        !parseParametrizationKind(p.value("parametrization").toStdString(),
                                  &s->parametrization.kind)) {
        *error = "--parametrization: unknown kind \"" + p.value("parametrization") +
                 "\" (expected free, spectral_ball, spectral_norm, householder, householder_svd, "
                 "inf_ball or monotone)";
        return false;
    }
    if (!optionDouble(p, "radius", 1e-9, ParametrizationLimits::kMaxRadius,
                      &s->parametrization.radius, error))
        return false;
    // The parametrization is applied once here, so every command sees the same A.
    s->model = s->effectiveModel();
    // Memory, before any work: every iterate is kept (n per step, up to the cap), and the
    // spectra and Newton's Jacobian are dense n×n.
    double limitMb = defaultMemoryLimit() / 1e6;
    if (!optionDouble(p, "max-memory", 1.0, 1e9, &limitMb, error)) return false;
    const double n = static_cast<double>(s->hiddenDim());
    MemoryEstimate e;
    e.terms.push_back({"iterates n·(cap+1)", 8.0 * n * (s->solver.max_iterations + 1.0)});
    e.terms.push_back({"dense n×n (spectra, Jacobians)", 6.0 * 8.0 * n * n});
    std::string why;
    if (!checkMemory(e, static_cast<uint64_t>(limitMb * 1e6), "the solve", &why)) {
        *error = QString::fromStdString(why);
        return false;
    }
    return true;
}

QJsonArray toJson(const Vector& v) {
    QJsonArray a;
    for (Index i = 0; i < v.size(); ++i)
        a.append(std::isfinite(v(i)) ? QJsonValue(v(i)) : QJsonValue());
    return a;
}

QJsonArray toJson(const std::vector<double>& v) {
    QJsonArray a;
    for (double x : v) a.append(std::isfinite(x) ? QJsonValue(x) : QJsonValue());
    return a;
}

void printJson(const QJsonObject& o) {
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Compact);
    std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
    std::fputc('\n', stdout);
}

void printLine(const QString& line) {
    std::printf("%s\n", line.toUtf8().constData());
}

}  // namespace equilab::cli
