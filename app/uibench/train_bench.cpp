// equilab-trainbench: the reference experiment (MNIST from scripts/fetch-mnist, hidden 200,
// T = K = 20, SGD lr 0.5 momentum 0.9, spectral ball r = 0.99, full batch) trained for N steps
// in the real window (offscreen, the training dock plotting every update) and by
// `equilab-cli train` with the same options, back to back, ROUNDS times; prints the steps per
// second of each (the training loop's own time: data loading excluded on both sides) and their
// ratio. The window trains in the precision its panel shows (float32 by default).
//   equilab-trainbench [--steps N] [--method itd|aid-fp|aid-cg] [--rounds R] [--dtype
//   float32|float64] [--json]
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_workspace.h"
#include "ui/window/main_window.h"
#include "ui/window/memory_policy.h"
#include "ui/workers/solve_worker.h"

namespace equilab {
namespace {

struct Options {
    int steps = 50;
    int rounds = 3;
    QString method = QStringLiteral("aid-fp");
    bool float32 = true;
};

// The reference experiment as the window's configuration; validation every 10 steps.
TrainingConfig referenceConfig(const Options& o) {
    TrainingConfig c;
    c.data.dataset = "mnist";
    c.data.samples = 5000;
    c.data.samples_set = false;
    c.trainer.hidden = 200;
    parseHypergradMethod(o.method.toStdString(), &c.trainer.hypergrad.method);
    c.trainer.hypergrad.T = 20;
    c.trainer.hypergrad.K = 20;
    c.trainer.optimizer.kind = OptimizerKind::Sgd;
    c.trainer.optimizer.learning_rate = 0.5;
    c.trainer.optimizer.momentum = 0.9;
    c.trainer.parametrization = {ParametrizationKind::SpectralBall, 0.99, 0};
    c.trainer.steps = o.steps;
    c.trainer.eval_every = 10;
    c.float32 = o.float32;
    return c;
}

// Steps per second of one run in the window: the worker's clock from the first step to the last
// (TrainingRun::elapsed_ms), while the GUI thread plots every update. < 0 on failure.
double windowRate(const Options& o, QString* error) {
    MainWindow w;
    if (!qEnvironmentVariableIsSet("TRAINBENCH_HIDDEN")) w.show();
    TrainingWorkspace* t = w.training();
    t->panel()->setConfig(referenceConfig(o));
    // As a user who opens the window and then starts: the explorer's first solve and analyses and
    // the study model's hypergradient sweep have finished (at most a minute).
    QElapsedTimer settle;
    settle.start();
    while ((t->hypergradPending() || w.solveController()->isBusy()) && settle.elapsed() < 60000)
        QTest::qWait(50);
    QEventLoop loop;
    QObject::connect(t->controller(), &TrainingController::runFinished, &loop, &QEventLoop::quit);
    if (!t->controller()->start(t->panel()->config(), error)) return -1;
    QTimer::singleShot(30 * 60 * 1000, &loop, &QEventLoop::quit);
    loop.exec();
    const TrainingRun& r = t->controller()->runs().back();
    if (r.records.empty() || r.records.back().step != o.steps) {
        *error = QStringLiteral("the window's run did not finish: %1").arg(r.message);
        return -1;
    }
    return o.steps / (r.elapsed_ms / 1000.0);
}

// Steps per second of `equilab-cli train` with the same options (its total_ms: the loop alone).
double cliRate(const Options& o, QString* error) {
    const TrainingConfig c = referenceConfig(o);
    QProcess p;
    p.start(QCoreApplication::applicationDirPath() + QStringLiteral("/equilab-cli"),
            {QStringLiteral("train"),
             QStringLiteral("--dataset"),
             QStringLiteral("mnist"),
             QStringLiteral("--hidden"),
             QString::number(c.trainer.hidden),
             QStringLiteral("--method"),
             o.method,
             QStringLiteral("--steps"),
             QString::number(o.steps),
             QStringLiteral("--lr"),
             QString::number(c.trainer.optimizer.learning_rate),
             QStringLiteral("--momentum"),
             QString::number(c.trainer.optimizer.momentum),
             QStringLiteral("--T"),
             QString::number(c.trainer.hypergrad.T),
             QStringLiteral("--K"),
             QString::number(c.trainer.hypergrad.K),
             QStringLiteral("--radius"),
             QString::number(c.trainer.parametrization.radius),
             QStringLiteral("--eval-every"),
             QString::number(c.trainer.eval_every),
             QStringLiteral("--dtype"),
             o.float32 ? QStringLiteral("float32") : QStringLiteral("float64"),
             QStringLiteral("--quiet"),
             QStringLiteral("--json")});
    if (!p.waitForFinished(30 * 60 * 1000) || p.exitCode() != 0) {
        *error = QStringLiteral("equilab-cli train failed: %1")
                     .arg(QString::fromLocal8Bit(p.readAllStandardError()));
        return -1;
    }
    const QJsonObject j = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    return o.steps / (j.value(QStringLiteral("total_ms")).toDouble() / 1000.0);
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

}  // namespace
}  // namespace equilab

int main(int argc, char** argv) {
    using namespace equilab;
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    equilab::returnLargeBlocksToTheSystem();  // as the window's main() does
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);  // never touch the user's settings or autosaves
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Training speed: the window against the CLI"));
    parser.addHelpOption();
    const QCommandLineOption steps(QStringLiteral("steps"), QStringLiteral("Steps per run."),
                                   QStringLiteral("N"), QStringLiteral("50"));
    const QCommandLineOption rounds(QStringLiteral("rounds"), QStringLiteral("Runs on each side."),
                                    QStringLiteral("R"), QStringLiteral("3"));
    const QCommandLineOption method(QStringLiteral("method"),
                                    QStringLiteral("itd, aid-fp or aid-cg."), QStringLiteral("m"),
                                    QStringLiteral("aid-fp"));
    const QCommandLineOption dtype(QStringLiteral("dtype"), QStringLiteral("float32 or float64."),
                                   QStringLiteral("type"), QStringLiteral("float32"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    for (const auto& opt : {steps, rounds, method, dtype, json}) parser.addOption(opt);
    parser.process(app);
    Options o;
    o.steps = parser.value(steps).toInt();
    o.rounds = parser.value(rounds).toInt();
    o.method = parser.value(method);
    o.float32 = parser.value(dtype) == QStringLiteral("float32");
    HypergradMethod m;
    if (o.steps < 2 || o.rounds < 1 || !parseHypergradMethod(o.method.toStdString(), &m) ||
        m == HypergradMethod::Exact ||
        (parser.value(dtype) != "float32" && parser.value(dtype) != "float64")) {
        std::fprintf(stderr,
                     "equilab-trainbench: expected --steps ≥ 2, --rounds ≥ 1, --method "
                     "itd|aid-fp|aid-cg, --dtype float32|float64\n");
        return 2;
    }
    std::vector<double> window, cli;
    for (int r = 0; r < o.rounds; ++r) {
        QString error;
        const double a = windowRate(o, &error);
        const double b = a > 0 ? cliRate(o, &error) : -1;
        if (a <= 0 || b <= 0) {
            std::fprintf(stderr, "equilab-trainbench: %s\n", qPrintable(error));
            return 3;
        }
        window.push_back(a);
        cli.push_back(b);
        if (!parser.isSet(json))
            std::fprintf(stderr, "round %d: window %.2f steps/s, cli %.2f steps/s\n", r + 1, a, b);
    }
    const double w = median(window), c = median(cli);
    if (parser.isSet(json)) {
        const QJsonObject out{{"method", o.method},      {"dtype", parser.value(dtype)},
                              {"steps", o.steps},        {"rounds", o.rounds},
                              {"window_steps_per_s", w}, {"cli_steps_per_s", c},
                              {"window_over_cli", w / c}};
        std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    } else {
        std::printf(
            "%s %s, %d steps, median of %d: window %.2f steps/s, cli %.2f steps/s, window/cli "
            "%.3f\n",
            qPrintable(o.method), qPrintable(parser.value(dtype)), o.steps, o.rounds, w, c, w / c);
    }
    return 0;
}
