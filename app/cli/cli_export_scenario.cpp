// equilab-cli export-scenario: one input of a model as an ordinary scenario file.
#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_model.h"

namespace equilab::cli {

int runExportScenario(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription("Write the scenario of a model file and one input of a dataset.");
    addModelOptions(p, true);
    p.addOption({"out", "Scenario file to write (JSON).", "file"});
    QString error;
    ScenarioFile file;
    if (!parseArgs(p, args, &error)) return fail(kBadInput, error);
    if (!p.isSet("out")) return fail(kBadInput, "--out: required");
    if (!loadModelScenario(p, &file, &error)) return fail(kBadInput, error);
    if (!saveScenarioFile(p.value("out"), file, &error)) return fail(kBadInput, error);
    const QJsonObject s = file.extra.value("model_sample").toObject();
    printLine(QStringLiteral("wrote %1: n = %2, d = %3, %4 sample %5 (label %6)")
                  .arg(p.value("out"))
                  .arg(file.scenario.hiddenDim())
                  .arg(file.scenario.inputDim())
                  .arg(s.value("split").toString())
                  .arg(s.value("index").toInt())
                  .arg(s.value("label").toInt()));
    return kOk;
}

}  // namespace equilab::cli
