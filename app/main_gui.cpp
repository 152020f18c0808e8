// equilab: the GUI. `equilab [FILE]` opens a scenario, otherwise the built-in default.
#include <QApplication>

#include <cstdio>
#include <QCommandLineParser>

#include <QTimer>

#include "main_window.h"
#include "screenshot_tour.h"

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
    const QCommandLineOption shots(QStringLiteral("screenshots"),
                                   QStringLiteral("Save a screenshot of every view to DIR, then quit."),
                                   QStringLiteral("dir"));
    parser.addOption(shots);
    parser.process(app);

    equilab::MainWindow window;
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) window.openFile(files.first());
    window.show();
    if (parser.isSet(shots)) {
        QTimer::singleShot(0, &window, [&] {
            const QStringList files = equilab::takeScreenshots(&window, parser.value(shots));
            for (const QString& f : files) std::printf("%s\n", f.toUtf8().constData());
            QApplication::exit(files.isEmpty() ? 1 : 0);
        });
    }
    return app.exec();
}
