// equilab-cli spectrum: spectra of A and J and the contraction certificate.
#include "app/cli/cli_commands.h"

#include "app/cli/cli_common.h"
#include "app/cli/cli_model.h"
#include "app/cli/cli_verdict.h"
#include "core/analysis/analysis.h"
#include "core/analysis/parametrization_certificate.h"
#include "core/analysis/spectra.h"

namespace equilab::cli {
namespace {

QJsonArray complexPairs(const ComplexVector& v) {
    QJsonArray a;
    for (Index i = 0; i < v.size(); ++i) a.append(QJsonArray{v(i).real(), v(i).imag()});
    return a;
}

// JSON has no NaN: a value that could not be evaluated is null.
QJsonValue number(double v) {
    return std::isfinite(v) ? QJsonValue(v) : QJsonValue();
}

QJsonArray checksJson(const std::vector<CertificateCheck>& checks) {
    QJsonArray a;
    for (const CertificateCheck& c : checks) {
        a.append(QJsonObject{{"name", QString::fromStdString(c.name)},
                             {"label", QString::fromStdString(c.label)},
                             {"scope", c.global ? "global" : "local"},
                             {"value", number(c.value)},
                             {"lower", number(c.lower)},
                             {"upper", number(c.upper)},
                             {"proven", c.proven},
                             {"against_one", QString::fromStdString(toString(c.against_one))},
                             {"holds", c.holds},
                             {"text", QString::fromStdString(describeCheck(c))},
                             {"method", QString::fromStdString(c.method)},
                             {"proves", QString::fromStdString(c.proves)}});
    }
    return a;
}

// How a spectrum was computed and how far to trust it.
QJsonObject spectrumJson(const Spectrum& s) {
    QJsonArray residuals;
    for (Index i = 0; i < s.residuals.size(); ++i) residuals.append(number(s.residuals(i)));
    return QJsonObject{{"dimension", static_cast<double>(s.dimension)},
                       {"method", QString::fromStdString(s.method)},
                       {"partial", s.partial},
                       {"approximate", s.approximate},
                       {"spectral_radius", number(s.spectral_radius)},
                       {"spectral_radius_error", number(s.spectral_radius_error)},
                       {"max_residual", number(s.maxResidual())},
                       {"residuals", residuals}};
}

QString checksLine(const std::vector<CertificateCheck>& checks) {
    QStringList parts;
    for (const CertificateCheck& c : checks) {
        const char* status = c.holds                                     ? "holds"
                             : c.against_one == AgainstOne::Marginal     ? "marginal"
                             : c.against_one == AgainstOne::Undetermined ? "undetermined"
                                                                         : "does not hold";
        parts << QStringLiteral("%1 (%2%3)")
                     .arg(QString::fromStdString(describeCheck(c)))
                     .arg(status)
                     .arg(c.global ? "" : ", local estimate");
    }
    return "certificates: " + parts.join(", ");
}

// The parametrization's own certificate (core/analysis/parametrization_certificate.h); null for
// free.
QJsonValue parametrizationJson(const ParametrizationCertificate& c) {
    if (c.kind.empty()) return QJsonValue();
    return QJsonObject{{"parametrization", QString::fromStdString(c.kind)},
                       {"condition", QString::fromStdString(c.condition)},
                       {"reference", QString::fromStdString(c.reference)},
                       {"parameter", c.parameter},
                       {"quantity", QString::fromStdString(c.quantity)},
                       {"bound", number(c.bound)},
                       {"bound_kind", c.kind == "monotone" ? "lower" : "upper"},
                       {"estimate", number(c.estimate)},
                       {"meets_parameter", c.meets_parameter},
                       {"holds", c.holds},
                       {"proves", QString::fromStdString(c.proves)},
                       {"text", QString::fromStdString(c.text)}};
}

QString spectrumLine(const char* name, const Spectrum& s) {
    QString line = QStringLiteral("%1: %2, max residual ‖Mv − λv‖/‖M‖ = %3")
                       .arg(name)
                       .arg(QString::fromStdString(s.method))
                       .arg(s.maxResidual(), 0, 'g', 2);
    if (s.approximate)
        line += QStringLiteral(" (approximate: ρ within about %1)")
                    .arg(s.spectral_radius_error, 0, 'g', 2);
    return line;
}

}  // namespace

int runSpectrum(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription("Spectra of A and J = diag(1 − w*²) A, and the certificate.");
    addScenarioOption(p);
    addSolverOptions(p);
    addModelOptions(p, true);  // --model FILE --dataset SPEC --sample I
    p.addOption({"starts",
                 "Picard runs from this many starting points (w0 and seeded points in "
                 "[−1, 1]ⁿ) to find several fixed points (default 8).",
                 "K"});
    p.addOption({"json", "Print one JSON object."});
    QString error;
    ScenarioFile file;
    if (!parseArgs(p, args, &error)) return fail(kBadInput, error);
    if (!(p.isSet("model") ? loadModelScenario(p, &file, &error) : loadScenario(p, &file, &error)))
        return fail(kBadInput, error);
    Scenario& s = file.scenario;
    int startCount = 8;
    if (!applySolverOptions(p, &s, &error) || !optionInt(p, "starts", 1, 1000, &startCount, &error))
        return fail(kBadInput, error);

    SolverOptions picard = s.solver;
    picard.method = SolverMethod::Picard;
    picard.record_iterates = false;
    std::vector<SolverSummary> runs{solveFixedPoint(s.model, s.x, s.w0, picard)};
    if (runs[0].termination == Termination::InvalidInput)
        return fail(kBadInput, QString::fromStdString(runs[0].message));
    const Certificate c = computeCertificate(s.model, s.x, s.w0, s.solver, runs[0]);
    const ParametrizationCertificate pc =
        parametrizationCertificate(s.model.A, s.parametrization, c.checks);
    const std::vector<Vector> starts = initialPoints(s.w0, s.model.hiddenDim(), startCount, 7);
    for (size_t k = 1; k < starts.size(); ++k)
        runs.push_back(solveFixedPoint(s.model, s.x, starts[k], picard));
    const StartsReport many = compareStarts(runs);
    QJsonArray distinct;
    for (const Vector& w : many.fixed_points) distinct.append(toJson(w));
    if (p.isSet("json")) {
        QJsonObject o{
            {"eigenvalues_A", complexPairs(c.A.eigenvalues)},
            {"eigenvalues_J", complexPairs(c.J.eigenvalues)},
            {"singular_values_A", toJson(c.A.singular_values)},
            {"norm_A", c.A.norm},
            {"spectral_radius_A", c.A.spectral_radius},
            {"spectral_radius_J", c.J.spectral_radius},
            {"norm_J", c.J.norm},
            {"residuals_A", spectrumJson(c.A)["residuals"]},
            {"residuals_J", spectrumJson(c.J)["residuals"]},
            {"spectrum_A", spectrumJson(c.A)},
            {"spectrum_J", spectrumJson(c.J)},
            {"contraction_bound", c.contraction_bound},
            {"predicted_iterations", c.predicted_iterations},
            {"observed_iterations", c.observed_iterations},
            {"observed_rate", c.observed_rate},
            {"fixed_point", toJson(c.fixed_point)},
            {"verdict", QString::fromStdString(toString(c.verdict))},
            {"text", QString::fromStdString(c.text)},
            {"certificates", checksJson(c.checks)},
            {"parametrization_certificate", parametrizationJson(pc)},
            {"strongest_certificate",
             c.strongest >= 0 ? QJsonValue(QString::fromStdString(c.checks[c.strongest].name))
                              : QJsonValue()},
            {"fixed_point_search", fixedPointJson(c.fixed)},
            {"starts", QJsonObject{{"count", many.starts},
                                   {"converged", many.converged},
                                   {"fixed_points", distinct},
                                   {"message", QString::fromStdString(many.message)}}}};
        addDynamicsJson(c.dynamics, &o);
        printJson(o);
    } else {
        printLine(QString::fromStdString(c.text));
        printLine(QString::fromStdString("Picard: " + c.dynamics.message));
        printLine(checksLine(c.checks));
        if (!pc.kind.empty()) printLine("parametrization " + QString::fromStdString(pc.text));
        if (!many.message.empty()) printLine(QString::fromStdString(many.message));
        printLine(QStringLiteral("‖A‖₂ ≈ %1, ρ(A) = %2%3, ‖J‖₂ ≈ %4, ρ(J) = %5%6")
                      .arg(c.A.norm, 0, 'g', 6)
                      .arg(c.A.spectral_radius, 0, 'g', 6)
                      .arg(c.A.approximate ? " (approximate)" : "")
                      .arg(c.J.norm, 0, 'g', 6)
                      .arg(c.J.spectral_radius, 0, 'g', 6)
                      .arg(c.J.approximate ? " (approximate)" : ""));
        printLine(spectrumLine("spectrum of A", c.A));
        if (c.J.dimension > 0) printLine(spectrumLine("spectrum of J", c.J));
    }
    // The same rule as solve: 0 only when Picard reached a fixed point.
    return dynamicsExitCode(c.dynamics);
}

}  // namespace equilab::cli
