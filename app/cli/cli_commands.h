// The subcommands of equilab-cli. Each takes its own argument list (args[0] is its name) and
// returns the process exit code.
#pragma once

#include <QStringList>

namespace equilab::cli {

int runSolve(const QStringList& args);
int runSpectrum(const QStringList& args);
int runGenerate(const QStringList& args);
int runHypergrad(const QStringList& args);
int runHypergradModel(const QStringList& args);  // hypergrad --model FILE
int runHypergradSweep(const QStringList& args);
int runTrain(const QStringList& args);
int runImportMnist(const QStringList& args);
int runExport(const QStringList& args);  // needs a QApplication (offscreen)
int runEvaluate(const QStringList& args);
int runExportScenario(const QStringList& args);
int runContinue(const QStringList& args);
int runLyapunov(const QStringList& args);
int runGradientBias(const QStringList& args);
int runCheckLesson(const QStringList& args);  // needs a QApplication (offscreen)

}  // namespace equilab::cli
