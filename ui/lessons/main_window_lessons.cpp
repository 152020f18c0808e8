// Lessons in the main window: opening one (a clean start: playback, hover read-outs and view
// ranges reset), its "Try" actions (ui/lessons/lesson_actions.h, shared with check-lesson), the
// observation its claims and placeholders read, a teacher's lesson files and folders, and
// File → Save as Lesson.
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QMessageBox>
#include <QPushButton>
#include <QTabWidget>
#include <QUndoStack>

#include "io/safe_file.h"
#include "io/scenario_json.h"
#include "ui/document/document.h"
#include "ui/lessons/lesson_actions.h"
#include "ui/lessons/lesson_claims.h"
#include "ui/lessons/lessons.h"
#include "ui/panels/file_dialogs.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_pace_bar.h"
#include "ui/training/training_panel.h"
#include "ui/training/training_workspace.h"
#include "ui/views/bifurcation_view.h"
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
    connect(lessons_, &LessonPanel::builtinLessonsRequested, this,
            [this] { lessons_->setLessons(builtinLessons()); });
    // The observation is made by the ViewSet from the same results the views get.
    connect(views_, &ViewSet::observationChanged, this, [this] {
        // Placeholders show the lesson's own scenario: after an edit the text keeps its numbers
        // (and says so, LessonPanel::setEdited).
        if (!lessons_->currentLesson().isEmpty() && !doc_->isModified())
            lessons_->setObservation(views_->observation());
    });
    connect(doc_, &Document::modifiedChanged, this, [this](bool modified) {
        if (!lessons_->currentLesson().isEmpty()) lessons_->setEdited(modified);
    });
    // Any change not made by a Try is the user's own work: Next lesson asks before dropping it.
    for (auto signal : {&Document::scenarioChanged, &Document::viewSettingsChanged,
                        &Document::trainingConfigChanged})
        connect(doc_, signal, this, [this] {
            if (!applyingTry_) lessonPristine_ = false;
        });
    connect(doc_, &Document::scenarioReset, this, [this] { lessonPristine_ = false; });
}

bool MainWindow::openLesson(const QString& id) {
    const Lesson* found = lessons_->lesson(id);
    if (!found) {
        // Help → Lessons names the built-in ones while a teacher's folder may be listed.
        const QList<Lesson> builtin = builtinLessons();
        for (const Lesson& b : builtin)
            if (b.id == id) lessons_->setLessons(builtin);
        found = lessons_->lesson(id);
    }
    if (!found) return false;
    const Lesson l = *found;  // the list may change below
    // What a lesson or its Tries produced is not the user's work: nothing to save.
    if (!(lessonPristine_ && !lessons_->currentLesson().isEmpty()) && !maybeSave()) return false;
    // A clean start: nothing of the previous lesson's animation, hover or zoom remains.
    playback_->stop();
    views_->resetObservation();
    doc_->reset(l.file, l.path);
    lessonPristine_ = true;
    for (PlotView* p : allPlots()) {
        p->clearHover();
        p->rescale();
        p->requestReplot();
    }
    for (int i = 0; i < tabs_->count(); ++i)
        if (tabs_->tabText(i) == l.view) tabs_->setCurrentIndex(i);
    lessons_->showLesson(l);
    ensureLessonResults(l.claims);
    lessonDock_->show();
    lessonDock_->raise();
    if (l.file.extra.contains("training"))
        if (auto* dock = findChild<QDockWidget*>("trainingDock")) dock->raise();
    // A training lesson opens at a speed one can watch (its "steps_per_second").
    if (l.stepsPerSecond > 0) training_->paceBar()->setStepsPerSecond(l.stepsPerSecond);
    showMessage(tr("Lesson: %1").arg(l.title));
    return true;
}

bool MainWindow::tryLesson(const QString& tryId, QString* error) {
    const Lesson* lesson = lessons_->lesson(lessons_->currentLesson());
    const LessonTry* t = lesson ? lesson->findTry(tryId) : nullptr;
    if (!t) {
        if (error) *error = tr("No lesson action \"%1\" in the open lesson").arg(tryId);
        return false;
    }
    LessonActionHooks hooks;
    hooks.showView = [this](const QString& tab) {
        for (int i = 0; i < tabs_->count(); ++i)
            if (tabs_->tabText(i) == tab) tabs_->setCurrentIndex(i);
    };
    hooks.play = [this] { playback_->play(); };
    hooks.train = [this](QString* why) {
        training_->panel()->startButton()->click();
        if (training_->controller()->isRunning()) return true;
        *why = tr("see the Training dock");
        return false;
    };
    // ‖A‖₂ from the worker's certificate of this very A if there is one (else the document
    // measures it, on the worker above the inline size).
    hooks.knownNormA = [this] { return solver_->normAFor(doc_->aRevision()); };
    const bool pristine = lessonPristine_;
    applyingTry_ = true;
    const bool ok = applyLessonActions(t->actions, t->label, doc_, hooks, error);
    applyingTry_ = false;
    lessonPristine_ = pristine;
    if (ok) showMessage(tr("Try: %1").arg(t->label));
    if (ok) ensureLessonResults(t->claims);
    return ok;
}

// The results a lesson's claims read that are computed on demand (the hypergradient sweeps and
// the bifurcation diagram are otherwise computed only when their tab is shown).
void MainWindow::ensureLessonResults(const QList<LessonClaim>& claims) {
    const QStringList needs = claimNeeds(claims);
    if (needs.contains(QLatin1String("hypergrad"))) training_->ensureHypergradients();
    if (needs.contains(QLatin1String("bifurcation"))) views_->bifurcation()->ensureComputed();
}

bool MainWindow::openLessonFile(const QString& path, QString* error) {
    Lesson l;
    if (!loadLessonFile(path, &l, error)) return false;
    if (lessons_->showsBuiltinLessons() || !lessons_->lesson(l.id))
        lessons_->setLessons({}, tr("Lessons in %1").arg(QFileInfo(path).absolutePath()));
    return openLesson(lessons_->addLesson(l));
}

bool MainWindow::openLessonFolder(const QString& folder) {
    QStringList errors;
    const QList<Lesson> list = lessonsInFolder(folder, &errors);
    if (list.isEmpty()) {
        showMessage(errors.isEmpty() ? tr("No lesson files in %1").arg(folder)
                                     : tr("No lesson could be read: %1").arg(errors.join("; ")));
        return false;
    }
    lessons_->setLessons(list, tr("Lessons in %1").arg(QDir::toNativeSeparators(folder)));
    lessonDock_->show();
    lessonDock_->raise();
    showMessage(
        errors.isEmpty()
            ? tr("%n lesson(s) in %1", nullptr, int(list.size())).arg(folder)
            : tr("%n lesson(s); not read: %1", nullptr, int(list.size())).arg(errors.join("; ")));
    return true;
}

ScenarioFile MainWindow::lessonSkeleton() const {
    ScenarioFile f = doc_->file();
    if (f.extra.value("lesson").isObject()) return f;  // already a lesson: kept as it is
    const QString name = doc_->filePath().isEmpty()
                             ? tr("My lesson")
                             : QFileInfo(doc_->filePath()).completeBaseName();
    QJsonObject lesson{
        {"title", name},
        {"view", tabs_->tabText(tabs_->currentIndex())},
        {"text", tr("<p>Say what the reader sees. Here ‖A‖₂ = {{normA:3}}; {{method}} ends "
                    "({{classification}}) after {{iterations}} iterations.</p>"
                    "<p><b>Try:</b> add a Try (docs/LESSONS.md, \"try\") and a link to it "
                    "in this text.</p>")},
        {"try", QJsonArray()}};
    // The claims are what the window computed for this scenario: check-lesson passes at once,
    // and fails when a later edit of the file makes one of them false.
    QJsonArray claims;
    const LessonObservation& o = views_->observation();
    if (o.solve && o.solve->has_certificate) {
        auto value = [&o](const char* q) { return findLessonQuantity(q)->value(o); };
        claims.append(
            QJsonObject{{"quantity", "normA"}, {"equals", value("normA").toDouble()}, {"sig", 3}});
        claims.append(
            QJsonObject{{"quantity", "converged"}, {"equals", value("converged").toBool()}});
        claims.append(
            QJsonObject{{"quantity", "iterations"}, {"equals", value("iterations").toInt()}});
        claims.append(QJsonObject{{"quantity", "classification"},
                                  {"equals", value("classification").toString()}});
    }
    lesson.insert("claims", claims);
    f.extra.insert("lesson", lesson);
    return f;
}

bool MainWindow::saveAsLesson(const QString& path, QString* error) {
    if (!saveScenarioFile(path, lessonSkeleton(), error)) return false;
    showMessage(tr("Saved the lesson to %1; check it with: equilab-cli check-lesson %2")
                    .arg(QDir::toNativeSeparators(path), QFileInfo(path).fileName()));
    return true;
}

void MainWindow::saveAsLessonDialog() {
    const QString suggested = doc_->filePath().isEmpty()
                                  ? QStringLiteral("lesson.json")
                                  : QFileInfo(doc_->filePath()).completeBaseName() + "-lesson.json";
    QString path =
        saveFileDialog(this, tr("Save as lesson"), suggested, tr("EquiLab lessons (*.json)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(".json", Qt::CaseInsensitive)) path += ".json";
    QString error;
    if (!saveAsLesson(path, &error))
        QMessageBox::warning(this, tr("Cannot save the lesson"), oneLineText(error));
}

void MainWindow::openLessonFolderDialog() {
    const QString dir = folderDialog(this, tr("Open a folder of lessons"));
    if (!dir.isEmpty()) openLessonFolder(dir);
}

}  // namespace equilab
