// equilab-uibench: opens the real window (offscreen by default), replays the edits a user makes
// (cell edits, a slider drag, Generate A, a resize) and reports what the user feels:
//   - the longest GUI-thread stall during each kind of edit (the largest gap between the ticks
//     of a 1 ms timer on the GUI thread, which includes the edit's own synchronous cost),
//   - the time from an edit until the trajectory view shows its solve, and until the spectra
//     and the certificate are shown,
//   - the resident memory growth over the cell edits, and the time from launch to the first
//     painted window.
//   equilab-uibench [--scenario FILE | --hidden N --input D] [--edits N] [--json]
#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPushButton>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>

#include <cstdio>

#include "app/uibench/ui_bench.h"
#include "ui/window/memory_policy.h"

int main(int argc, char** argv) {
    equilab::returnLargeBlocksToTheSystem();
    QElapsedTimer launch;
    launch.start();
    if (!qEnvironmentVariableIsSet("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true);  // never touch the user's settings or autosaves
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("EquiLab UI benchmark"));
    parser.addHelpOption();
    const QCommandLineOption scenario(QStringLiteral("scenario"),
                                      QStringLiteral("Scenario file to open."),
                                      QStringLiteral("file"));
    const QCommandLineOption hidden(QStringLiteral("hidden"),
                                    QStringLiteral("Random scenario: hidden n."),
                                    QStringLiteral("n"), QStringLiteral("2000"));
    const QCommandLineOption input(QStringLiteral("input"),
                                   QStringLiteral("Random scenario: input d."), QStringLiteral("d"),
                                   QStringLiteral("100"));
    const QCommandLineOption edits(QStringLiteral("edits"), QStringLiteral("Cell edits to replay."),
                                   QStringLiteral("count"), QStringLiteral("20"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON."));
    for (const auto& o : {scenario, hidden, input, edits, json}) parser.addOption(o);
    parser.process(app);

    equilab::UiBenchOptions options;
    options.scenario = parser.value(scenario);
    options.hidden = parser.value(hidden).toInt();
    options.input = parser.value(input).toInt();
    options.edits = parser.value(edits).toInt();
    QString error;
    if (!options.IsValid(&error)) {
        std::fprintf(stderr, "equilab-uibench: %s\n", qPrintable(error));
        return 2;
    }
    const QJsonObject report = equilab::runUiBench(options, launch);
    if (parser.isSet(json)) {
        std::printf("%s\n", QJsonDocument(report).toJson(QJsonDocument::Indented).constData());
    } else {
        for (auto it = report.begin(); it != report.end(); ++it)
            std::printf("%-28s %s\n", qPrintable(it.key()),
                        qPrintable(it.value().isObject()
                                       ? QString::fromUtf8(QJsonDocument(it.value().toObject())
                                                               .toJson(QJsonDocument::Compact))
                                       : it.value().toVariant().toString()));
    }
    return 0;
}
