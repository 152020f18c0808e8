// Built-in lessons: scenarios (resources/lessons/*.json) with a short text that says what to
// look at and what to try, the view to open, and (for the training lessons) the training
// settings. The lesson panel shows a welcome page listing them, or the open lesson's text.
#pragma once

#include <QList>
#include <QWidget>

#include "io/scenario_json.h"

class QTextBrowser;
class QPushButton;

namespace equilab {

struct Lesson {
    QString id;
    QString title;
    QString view;   // tab text of the view to show
    QString text;   // HTML
    ScenarioFile file;
};

// All built-in lessons in order; a lesson that fails to parse is skipped and named in *errors.
QList<Lesson> builtinLessons(QStringList* errors = nullptr);

class LessonPanel : public QWidget {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);
    void showWelcome();
    void showLesson(const Lesson& lesson);
    QString text() const;
    const QList<Lesson>& lessons() const { return lessons_; }

signals:
    void lessonRequested(const QString& id);

private:
    QTextBrowser* browser_;
    QPushButton* next_;
    QPushButton* home_;
    QList<Lesson> lessons_;
    QString current_;
};

}  // namespace equilab
