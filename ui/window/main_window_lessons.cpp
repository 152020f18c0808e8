// Lessons in the main window: opening one (a clean start: playback, hover read-outs and view
// ranges reset), its "Try" actions, and the observation its claims and placeholders read.
//
// A Try's "do" list holds actions, each an object with one key:
//   {"set": {"block": "c", "value": 0}}          every entry of A, B, c, x or w0 (one undo step)
//   {"scale_A": 0.99}                            A rescaled to this ‖A‖₂ (as the Scale slider)
//   {"solver": {"method": "km", "damping": 0.5}} solver options (as the Solver dock)
//   {"training": {"radius": 0.99}}               training settings (as the Training dock)
//   {"train": true}                              the Training dock's Start button
//   {"view": "Phase"}                            shows a view tab
//   {"play": true}                               the Solver dock's Play button
#include <QDockWidget>
#include <QJsonArray>
#include <QJsonObject>
#include <QPushButton>
#include <QTabWidget>

#include "ui/document/document.h"
#include "ui/panels/lessons.h"
#include "ui/training/hypergrad_view.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_workspace.h"
#include "ui/views/playback.h"
#include "ui/views/plot_view.h"
#include "ui/window/main_window.h"
#include "ui/window/view_set.h"
#include "ui/workers/solve_worker.h"

namespace equilab {

void MainWindow::connectLessons() {
    connect(lessons_, &LessonPanel::lessonRequested, this, &MainWindow::openLesson);
    connect(lessons_, &LessonPanel::tryRequested, this, [this](const QString& id) {
        QString error;
        if (!tryLesson(id, &error)) showMessage(error);
    });
    // The observation is made by the ViewSet from the same results the views get.
    connect(views_, &ViewSet::observationChanged, this, [this] {
        // Placeholders show the lesson's own scenario: after an edit the text keeps its numbers.
        if (!lessons_->currentLesson().isEmpty() && !doc_->isModified())
            lessons_->setObservation(views_->observation());
    });
}

bool MainWindow::openLesson(const QString& id) {
    for (const Lesson& l : lessons_->lessons()) {
        if (l.id != id) continue;
        if (!maybeSave()) return false;
        // A clean start: nothing of the previous lesson's animation, hover or zoom remains.
        playback_->stop();
        views_->resetObservation();
        doc_->reset(l.file, QString());
        for (PlotView* p : allPlots()) {
            p->clearHover();
            p->rescale();
            p->requestReplot();
        }
        for (int i = 0; i < tabs_->count(); ++i)
            if (tabs_->tabText(i) == l.view) tabs_->setCurrentIndex(i);
        lessons_->showLesson(l);
        lessonDock_->show();
        lessonDock_->raise();
        if (l.file.extra.contains("training"))
            if (auto* dock = findChild<QDockWidget*>("trainingDock")) dock->raise();
        showMessage(tr("Lesson: %1").arg(l.title));
        return true;
    }
    return false;
}

bool MainWindow::tryLesson(const QString& tryId, QString* error) {
    const Lesson* lesson = nullptr;
    for (const Lesson& l : lessons_->lessons())
        if (l.id == lessons_->currentLesson()) lesson = &l;
    const LessonTry* t = lesson ? lesson->findTry(tryId) : nullptr;
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (!t) return fail(tr("No lesson action \"%1\" in the open lesson").arg(tryId));
    for (const QJsonValue& v : t->actions) {
        const QJsonObject a = v.toObject();
        if (a.contains("set")) {
            const QJsonObject o = a.value("set").toObject();
            const QString block = o.value("block").toString();
            const double value = o.value("value").toDouble();
            Scenario s = doc_->scenario();
            if (block == "A")
                s.model.A.setConstant(value);
            else if (block == "B")
                s.model.B.setConstant(value);
            else if (block == "c")
                s.model.c.setConstant(value);
            else if (block == "x")
                s.x.setConstant(value);
            else if (block == "w0")
                s.w0 = Vector::Constant(s.hiddenDim(), value);
            else
                return fail(tr("Lesson action: unknown block \"%1\"").arg(block));
            doc_->setScenario(s, t->label);
        } else if (a.contains("scale_A")) {
            // ‖A‖₂ from the worker's certificate of this very A if there is one (else the
            // document measures it, on the worker above the inline size).
            doc_->scaleAToNorm(a.value("scale_A").toDouble(), solver_->normAFor(doc_->aRevision()));
        } else if (a.contains("solver")) {
            const QJsonObject o = a.value("solver").toObject();
            SolverOptions opt = doc_->scenario().solver;
            if (o.contains("method") &&
                !parseSolverMethod(o.value("method").toString().toStdString(), &opt.method))
                return fail(
                    tr("Lesson action: unknown solver \"%1\"").arg(o.value("method").toString()));
            opt.damping = o.value("damping").toDouble(opt.damping);
            opt.memory = o.value("memory").toInt(opt.memory);
            opt.max_iterations = o.value("max_iterations").toInt(opt.max_iterations);
            doc_->setSolverOptions(opt);
        } else if (a.contains("training")) {
            QJsonObject c = doc_->trainingConfig().toJson();
            const QJsonObject o = a.value("training").toObject();
            for (auto it = o.begin(); it != o.end(); ++it) c.insert(it.key(), it.value());
            doc_->setTrainingConfig(TrainingConfig::fromJson(c));
        } else if (a.contains("train")) {
            training_->panel()->startButton()->click();
        } else if (a.contains("view")) {
            for (int i = 0; i < tabs_->count(); ++i)
                if (tabs_->tabText(i) == a.value("view").toString()) tabs_->setCurrentIndex(i);
        } else if (a.contains("play")) {
            playback_->play();
        } else {
            return fail(tr("Lesson action: unknown action %1").arg(a.keys().join(", ")));
        }
    }
    showMessage(tr("Try: %1").arg(t->label));
    return true;
}

}  // namespace equilab
