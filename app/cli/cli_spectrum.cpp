// equilab-cli spectrum: spectra of A and J and the contraction certificate.
#include "cli_commands.h"

#include "cli_common.h"
#include "cli_model.h"
#include "spectra.h"

namespace equilab::cli {
namespace {

QJsonArray complexPairs(const ComplexVector& v) {
    QJsonArray a;
    for (Index i = 0; i < v.size(); ++i) a.append(QJsonArray{v(i).real(), v(i).imag()});
    return a;
}

}  // namespace

int runSpectrum(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription("Spectra of A and J = diag(1 − w*²) A, and the certificate.");
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

    const Certificate c = computeCertificate(s.model, s.x, s.w0, s.solver);
    if (p.isSet("json")) {
        printJson({{"eigenvalues_A", complexPairs(c.A.eigenvalues)},
                   {"eigenvalues_J", complexPairs(c.J.eigenvalues)},
                   {"singular_values_A", toJson(c.A.singular_values)},
                   {"norm_A", c.A.norm},
                   {"spectral_radius_A", c.A.spectral_radius},
                   {"spectral_radius_J", c.J.spectral_radius},
                   {"norm_J", c.J.norm},
                   {"contraction_bound", c.contraction_bound},
                   {"predicted_iterations", c.predicted_iterations},
                   {"observed_iterations", c.observed_iterations},
                   {"observed_rate", c.observed_rate},
                   {"fixed_point", toJson(c.fixed_point)},
                   {"verdict", QString::fromStdString(toString(c.verdict))},
                   {"text", QString::fromStdString(c.text)}});
    } else {
        printLine(QString::fromStdString(c.text));
        printLine(QStringLiteral("‖A‖₂ = %1, ρ(A) = %2, ‖J‖₂ = %3, ρ(J) = %4")
                      .arg(c.A.norm, 0, 'g', 6).arg(c.A.spectral_radius, 0, 'g', 6)
                      .arg(c.J.norm, 0, 'g', 6).arg(c.J.spectral_radius, 0, 'g', 6));
    }
    return kOk;
}

}  // namespace equilab::cli
