#include "ui/window/screenshot_tour.h"

#include <QApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QTabWidget>
#include <QThread>

#include "ui/document/document.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_workspace.h"
#include "ui/window/main_window.h"
#include "ui/workers/solve_worker.h"

namespace equilab {

QStringList takeScreenshots(MainWindow* w, const QString& dir, bool train) {
    QDir().mkpath(dir);
    QDeadlineTimer deadline(60000);
    // Let the first request reach the worker, then wait for the analyses to arrive.
    for (int k = 0; k < 20; ++k) QApplication::processEvents(QEventLoop::AllEvents, 20);
    while (w->solveController()->isBusy() && !deadline.hasExpired()) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
        QThread::msleep(10);
    }
    if (train) {
        TrainingController* c = w->training()->controller();
        QString error;
        if (c->start(w->document()->trainingConfig(), &error)) {
            while (c->isRunning() && !deadline.hasExpired()) {
                QApplication::processEvents(QEventLoop::AllEvents, 50);
                QThread::msleep(10);
            }
            // Let the final snapshot and the hypergradient sweep arrive.
            QDeadlineTimer settle(3000);
            while (!settle.hasExpired()) QApplication::processEvents(QEventLoop::AllEvents, 50);
        }
    }
    QStringList written;
    QTabWidget* tabs = w->viewTabs();
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        for (int k = 0; k < 10; ++k) QApplication::processEvents(QEventLoop::AllEvents, 20);
        const QString name = tabs->tabText(i).toLower().replace(' ', '-');
        const QString path = QDir(dir).filePath(name + ".png");
        if (w->grab().save(path)) written.append(path);
    }
    tabs->setCurrentIndex(0);
    return written;
}

}  // namespace equilab
