// Lessons: scenarios with a short text that says what to look at and what to try, the view to
// open, and (for the training lessons) the training settings — built in (resources/lessons/*.json)
// or any scenario file with a "lesson" block (docs/LESSONS.md), alone or a folder of them. Each
// lesson carries machine-readable claims about its scenario, and each of its "Try" actions (links
// try:ID in the text) the edits it makes and the claims that hold after them (lesson_claims.h);
// numbers in the text are {{placeholders}} filled from computed values. The lesson panel shows a
// welcome page listing them, or the open lesson's text.
#pragma once

#include <QJsonArray>
#include <QList>
#include <QWidget>

#include "io/scenario_json.h"
#include "ui/lessons/lesson_claims.h"

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
    QString path;  // the file of a teacher's lesson; empty for a built-in one
    QString title;
    QString view;               // tab text of the view to show
    QString text;               // HTML, with {{quantity}} placeholders and try:ID links
    double stepsPerSecond = 0;  // the training speed the lesson opens at (0: unchanged)
    ScenarioFile file;
    QList<LessonClaim> claims;  // about the lesson's scenario as loaded
    QList<LessonTry> tries;
    const LessonTry* findTry(const QString& id) const;
};

// All built-in lessons in order; a lesson that fails to parse is skipped and named in *errors.
QList<Lesson> builtinLessons(QStringList* errors = nullptr);
// Parses one lesson file's "lesson" object (claims and tries included) into *lesson. Refused with
// the reason: an unknown quantity or action, a claim without a comparison, a try without an id or
// actions, a try:ID link without its try, a {{placeholder}} that names no quantity.
bool parseLessonMeta(const QJsonObject& meta, Lesson* lesson, QString* error);
// The lesson of a scenario file already read (id: the file's base name); false with the reason
// when the file has no "lesson" block or the block is malformed.
bool lessonFromScenario(const ScenarioFile& file, const QString& path, Lesson* lesson,
                        QString* error);
// A scenario file with a "lesson" block, read from disk.
bool loadLessonFile(const QString& path, Lesson* lesson, QString* error);
// Every *.json file with a "lesson" block in folder, by file name; files without one are passed
// over, malformed lessons named in *errors.
QList<Lesson> lessonsInFolder(const QString& folder, QStringList* errors = nullptr);

class LessonPanel : public QWidget {
    Q_OBJECT
  public:
    explicit LessonPanel(QWidget* parent = nullptr);
    void showWelcome();
    // Shows a lesson's text, scrolled to the top.
    void showLesson(const Lesson& lesson);
    QString text() const;
    // The list the welcome page, Next lesson and the window open from: the built-in lessons, or a
    // teacher's folder of them (heading: what the welcome page calls the list).
    const QList<Lesson>& lessons() const { return lessons_; }
    void setLessons(const QList<Lesson>& lessons, const QString& heading = {});
    bool showsBuiltinLessons() const { return heading_.isEmpty(); }
    // Adds (or replaces, for the same file) a teacher's lesson in the list; returns its id.
    QString addLesson(Lesson lesson);
    const Lesson* lesson(const QString& id) const;
    // The document was edited since the lesson opened (by a Try or by hand): the text says its
    // numbers describe the lesson as it opened.
    void setEdited(bool edited);
    bool edited() const { return edited_; }
    QString currentLesson() const { return current_; }
    // Values for the text's placeholders (the lesson's scenario as computed); re-renders.
    void setObservation(const LessonObservation& obs);
    const LessonObservation& observation() const { return obs_; }

  signals:
    void lessonRequested(const QString& id);
    void tryRequested(const QString& id);
    void builtinLessonsRequested();

  private:
    void render();
    QTextBrowser* browser_;
    QPushButton* next_;
    QPushButton* home_;
    QList<Lesson> lessons_;
    QString current_;
    QString heading_;  // empty: the built-in lessons
    LessonObservation obs_;
    bool edited_ = false;
    bool toTop_ = false;
};

}  // namespace equilab
