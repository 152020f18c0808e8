// equilab-cli generate: write a seeded scenario with a chosen kind of A and ‖A‖₂.
#include <QFileInfo>

#include "app/cli/cli_commands.h"

#include <QFile>

#include <cstdio>

#include "app/cli/cli_common.h"
#include "core/internal/option_limits.h"
#include "core/model/generators.h"

namespace equilab::cli {

int runGenerate(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription("Write a seeded random scenario (JSON) to --out or stdout.");
    p.addOption({"hidden", "Hidden dimension n (default 2).", "n", "2"});
    p.addOption({"input", "Input dimension d (default 2).", "d", "2"});
    p.addOption({"norm", "‖A‖₂ (default 0.9).", "q", "0.9"});
    p.addOption(
        {"matrix", "random, orthogonal, symmetric, identity or rotation.", "kind", "random"});
    p.addOption({"reflections", "Householder reflections for orthogonal (0: n).", "k", "0"});
    p.addOption({"seed", "Random seed (default 1).", "s", "1"});
    p.addOption({"drive-scale",
                 "Scale of B and c (small: little tanh saturation, so the rate "
                 "approaches ‖A‖₂; default 1).",
                 "f", "1"});
    p.addOption({"out", "Output file (default: stdout).", "file"});
    addSolverOptions(p);
    QString error;
    if (!parseArgs(p, args, &error)) return fail(kBadInput, error);
    int n = 2, d = 2, k = 0, seed = 1;
    double norm = 0.9, drive = 1.0;
    MatrixGenerator kind;
    if (!optionInt(p, "hidden", 1, kMaxHiddenDim, &n, &error) ||
        !optionInt(p, "input", 1, kMaxInputDim, &d, &error) ||
        !optionInt(p, "reflections", 0, ParametrizationLimits::kMaxReflections, &k, &error) ||
        !optionInt(p, "seed", 0, 2147483647, &seed, &error) ||
        !optionDouble(p, "norm", 0.0, 1000.0, &norm, &error) ||
        !optionDouble(p, "drive-scale", 0.0, 1000.0, &drive, &error))
        return fail(kBadInput, error);
    if (!parseMatrixGenerator(p.value("matrix").toStdString(), &kind))
        return fail(kBadInput,
                    "--matrix: unknown kind \"" + p.value("matrix") +
                        "\" (expected random, orthogonal, symmetric, identity or rotation)");
    ScenarioFile f;
    f.scenario = randomScenario(n, d, static_cast<unsigned>(seed), norm);
    f.scenario.model.A = generateMatrix(kind, n, norm, static_cast<unsigned>(seed), k);
    f.scenario.model.B *= drive;
    f.scenario.model.c *= drive;
    if (!applySolverOptions(p, &f.scenario, &error)) return fail(kBadInput, error);
    const QByteArray bytes = serializeScenario(f);
    if (!p.isSet("out")) {
        std::fwrite(bytes.constData(), 1, static_cast<size_t>(bytes.size()), stdout);
        return kOk;
    }
    if (p.value("out").isEmpty()) return fail(kBadInput, "--out: the file name is empty");
    if (QFileInfo(p.value("out")).isDir())
        return fail(kBadInput, "--out: " + p.value("out") + " is a folder");
    if (!saveScenarioFile(p.value("out"), f, &error)) return fail(kBadInput, error);
    return kOk;
}

}  // namespace equilab::cli
