// equilab: the GUI. `equilab [FILE]` opens a scenario, otherwise the built-in default.
#include <QApplication>

#include <QCommandLineParser>
#include <cstdio>

#include <QMessageBox>
#include <QThread>
#include <QTimer>

#include <exception>
#include <new>

#include "io/data_location.h"
#include "io/safe_file.h"
#include "ui/document/autosave.h"

#include "ui/training/convergence_worker.h"
#include "ui/training/model_workspace.h"
#include "ui/views/appearance.h"
#include "ui/window/main_window.h"
#include "ui/window/memory_policy.h"
#include "ui/window/screenshot_tour.h"
#include "ui/workers/gui_thread_guard.h"

namespace {

equilab::MainWindow* guardedWindow = nullptr;

// The window's top-level handler: an exception escaping an event handler (std::bad_alloc when a
// computation asks for more memory than there is) ends in a message, with the document kept and
// its autosave written, not in "terminate called after throwing" and the edits lost.
class GuardedApplication : public QApplication {
  public:
    GuardedApplication(int& argc, char** argv) : QApplication(argc, argv) {}
    bool notify(QObject* receiver, QEvent* event) override {
        try {
            return QApplication::notify(receiver, event);
        } catch (const std::bad_alloc&) {
            recover(QStringLiteral("out of memory while handling an event"));
        } catch (const std::exception& e) {
            recover(QStringLiteral("internal error while handling an event: ") +
                    QString::fromUtf8(e.what()));
        }
        return false;
    }

  private:
    void recover(const QString& what) {
        if (handling_) return;
        handling_ = true;
        QString kept = QStringLiteral("the document is kept");
        if (guardedWindow && guardedWindow->autosave()->saveNow()) {
            guardedWindow->autosave()->waitForWriter(10000);
            kept += QStringLiteral(" and autosaved");
        }
        const QString message = equilab::oneLineText(what + "; " + kept);
        std::fprintf(stderr, "equilab: %s\n", message.toUtf8().constData());
        QMessageBox::critical(guardedWindow, QStringLiteral("EquiLab"), message);
        handling_ = false;
    }
    bool handling_ = false;
};

}  // namespace

int main(int argc, char** argv) {
    equilab::returnLargeBlocksToTheSystem();
    GuardedApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("EquiLab"));
    QApplication::setOrganizationName(QStringLiteral("EquiLab"));
    QApplication::setApplicationVersion(QStringLiteral(EQUILAB_VERSION));
#ifndef NDEBUG
    // A debug build reports heavy work on the GUI thread (the GUI tests make it fatal).
    equilab::installGuiThreadGuard(false);
#endif

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("EquiLab: a lab for equilibrium models"));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("file"), QStringLiteral("Scenario to open (JSON)."),
                                 QStringLiteral("[file]"));
    const QCommandLineOption shots(
        QStringLiteral("screenshots"),
        QStringLiteral("Save a screenshot of every view to DIR, then quit."),
        QStringLiteral("dir"));
    parser.addOption(shots);
    const QCommandLineOption lesson(QStringLiteral("lesson"),
                                    QStringLiteral("Open a built-in lesson (a-contraction, …)."),
                                    QStringLiteral("id"));
    const QCommandLineOption theme(QStringLiteral("theme"),
                                   QStringLiteral("light or dark (kept in the settings)."),
                                   QStringLiteral("name"));
    const QCommandLineOption train(
        QStringLiteral("train"),
        QStringLiteral("With --screenshots: run the scenario's training first."));
    parser.addOption(lesson);
    parser.addOption(theme);
    parser.addOption(train);
    const QCommandLineOption model(
        QStringLiteral("model"),
        QStringLiteral("Open a model file (.npz) and evaluate it over its dataset."),
        QStringLiteral("file"));
    const QCommandLineOption slowest(
        QStringLiteral("explore-slowest"),
        QStringLiteral("With --model: then explore its slowest test input."));
    parser.addOption(model);
    parser.addOption(slowest);
    const QCommandLineOption dataDir(
        QStringLiteral("data-dir"),
        QStringLiteral("Folder of the MNIST IDX files for this session (default: equilab/mnist "
                       "in the XDG data directory, where scripts/fetch-mnist writes)."),
        QStringLiteral("dir"));
    parser.addOption(dataDir);
    parser.process(app);
    if (parser.isSet(dataDir)) equilab::setSessionMnistFolder(parser.value(dataDir));

    equilab::Appearance::instance().load();
    if (parser.isSet(theme)) equilab::Appearance::instance().setDark(parser.value(theme) == "dark");
    equilab::MainWindow window;
    guardedWindow = &window;
    const QStringList files = parser.positionalArguments();
    if (!files.isEmpty()) window.openFile(files.first());
    if (parser.isSet(lesson) && !window.openLesson(parser.value(lesson))) {
        std::fprintf(stderr, "equilab: no lesson \"%s\"\n",
                     parser.value(lesson).toUtf8().constData());
        return 2;
    }
    if (parser.isSet(model)) {
        QString error;
        if (!window.models()->openModel(parser.value(model), &error)) {
            std::fprintf(stderr, "equilab: %s\n", error.toUtf8().constData());
            return 2;
        }
        if (parser.isSet(slowest))
            QObject::connect(window.models()->convergence(),
                             &equilab::ConvergenceController::finished, &window,
                             [&window] { window.models()->exploreSlowest(nullptr); });
    }
    window.show();
    if (!parser.isSet(shots)) window.offerRecovery();  // with or without a file argument
    if (parser.isSet(shots)) {
        // With --model the tour waits for the evaluation (and the exploration) to finish.
        const bool waitForModel = parser.isSet(model) && window.models()->convergence()->isBusy();
        QTimer::singleShot(0, &window, [&, waitForModel] {
            if (waitForModel) {
                while (window.models()->convergence()->isBusy()) {
                    QApplication::processEvents(QEventLoop::AllEvents, 50);
                    QThread::msleep(10);
                }
            }
            const QStringList shotFiles =
                equilab::takeScreenshots(&window, parser.value(shots), parser.isSet(train));
            for (const QString& f : shotFiles) std::printf("%s\n", f.toUtf8().constData());
            QApplication::exit(shotFiles.isEmpty() ? 1 : 0);
        });
    }
    return app.exec();
}
