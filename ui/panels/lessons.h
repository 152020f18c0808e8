// Built-in lessons: scenarios (resources/lessons/*.json) with a short text that says what to
// look at and what to try, the view to open, and (for the training lessons) the training
// settings. Each lesson carries machine-readable claims about its scenario, and each of its
// "Try" actions (links try:ID in the text) the edits it makes and the claims that hold after
// them (lesson_claims.h); numbers in the text are {{placeholders}} filled from computed values.
// The lesson panel shows a welcome page listing them, or the open lesson's text.
#pragma once

#include <QJsonArray>
#include <QList>
#include <QWidget>

#include "io/scenario_json.h"
#include "ui/panels/lesson_claims.h"

class QTextBrowser;
class QPushButton;

namespace equilab {

// One "Try" of a lesson: what it changes ("do": a list of actions, see main_window_lessons.cpp)
// and what is then true.
struct LessonTry {
    QString id;
    QString label;
    QJsonArray actions;
    QList<LessonClaim> claims;
};

struct Lesson {
    QString id;
    QString title;
    QString view;  // tab text of the view to show
    QString text;  // HTML, with {{quantity}} placeholders and try:ID links
    ScenarioFile file;
    QList<LessonClaim> claims;  // about the lesson's scenario as loaded
    QList<LessonTry> tries;
    const LessonTry* findTry(const QString& id) const;
};

// All built-in lessons in order; a lesson that fails to parse is skipped and named in *errors.
QList<Lesson> builtinLessons(QStringList* errors = nullptr);
// Parses one lesson file's "lesson" object (claims and tries included) into *lesson.
bool parseLessonMeta(const QJsonObject& meta, Lesson* lesson, QString* error);

class LessonPanel : public QWidget {
    Q_OBJECT
  public:
    explicit LessonPanel(QWidget* parent = nullptr);
    void showWelcome();
    void showLesson(const Lesson& lesson);
    QString text() const;
    const QList<Lesson>& lessons() const { return lessons_; }
    QString currentLesson() const { return current_; }
    // Values for the text's placeholders (the lesson's scenario as computed); re-renders.
    void setObservation(const LessonObservation& obs);
    const LessonObservation& observation() const { return obs_; }

  signals:
    void lessonRequested(const QString& id);
    void tryRequested(const QString& id);

  private:
    void render();
    QTextBrowser* browser_;
    QPushButton* next_;
    QPushButton* home_;
    QList<Lesson> lessons_;
    QString current_;
    LessonObservation obs_;
};

}  // namespace equilab
