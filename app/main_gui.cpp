// equilab: the GUI. `equilab [FILE]` opens a scenario, otherwise the built-in default.
#include <QApplication>
#include <QCommandLineParser>

#include "main_window.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("EquiLab"));
    QApplication::setOrganizationName(QStringLiteral("EquiLab"));
    QApplication::setApplicationVersion(QStringLiteral(EQUILAB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("EquiLab: a lab for equilibrium models"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Scenario to open (JSON)."),
                                 QStringLiteral("[file]"));
    parser.process(app);

    equilab::MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) window.openFile(files.first());
    window.show();
    return app.exec();
}
