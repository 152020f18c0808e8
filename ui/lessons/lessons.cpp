#include "ui/lessons/lessons.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

#include "ui/lessons/lesson_actions.h"
#include "ui/views/appearance.h"

namespace equilab {

const LessonTry* Lesson::findTry(const QString& tryId) const {
    for (const LessonTry& t : tries)
        if (t.id == tryId) return &t;
    return nullptr;
}

bool parseLessonMeta(const QJsonObject& meta, Lesson* l, QString* error) {
    l->title = meta.value("title").toString(l->id);
    l->view = meta.value("view").toString();
    l->text = meta.value("text").toString();
    l->stepsPerSecond = meta.value("steps_per_second").toDouble(0);
    QString why;
    if (!parseClaims(meta.value("claims").toArray(), &l->claims, &why)) {
        if (error) *error = QStringLiteral("%1: %2").arg(l->id, why);
        return false;
    }
    l->tries.clear();
    for (const QJsonValue& v : meta.value("try").toArray()) {
        const QJsonObject o = v.toObject();
        LessonTry t;
        t.id = o.value("id").toString();
        t.label = o.value("label").toString(t.id);
        t.actions = o.value("do").toArray();
        if (t.id.isEmpty() || t.actions.isEmpty() || !validateLessonActions(t.actions, &why) ||
            !parseClaims(o.value("claims").toArray(), &t.claims, &why)) {
            if (error)
                *error = QStringLiteral("%1: try \"%2\": %3")
                             .arg(l->id, t.id,
                                  why.isEmpty() ? QStringLiteral("needs an id and actions (\"do\")")
                                                : why);
            return false;
        }
        l->tries.append(t);
    }
    auto fail = [&](const QString& why2) {
        if (error) *error = QStringLiteral("%1: %2").arg(l->id, why2);
        return false;
    };
    if (l->text.isEmpty()) return fail(QStringLiteral("no \"text\""));
    static const QRegularExpression link(QStringLiteral("href=\"try:([^\"]+)\""));
    for (auto it = link.globalMatch(l->text); it.hasNext();) {
        const QString id = it.next().captured(1);
        if (!l->findTry(id))
            return fail(QStringLiteral("a link to try \"%1\", which is not in \"try\"").arg(id));
    }
    QStringList unknown;
    fillPlaceholders(l->text, LessonObservation{}, &unknown);
    if (!unknown.isEmpty())
        return fail(QStringLiteral("unknown placeholders {{%1}}").arg(unknown.join("}}, {{")));
    return true;
}

bool lessonFromScenario(const ScenarioFile& file, const QString& path, Lesson* l, QString* error) {
    // The id goes into lesson:ID links: letters, digits, '.', '_' and '-' only.
    l->id = QFileInfo(path).completeBaseName();
    static const QRegularExpression other(QStringLiteral("[^A-Za-z0-9._-]"));
    l->id.replace(other, QStringLiteral("-"));
    if (l->id.isEmpty()) l->id = QStringLiteral("lesson");
    l->path = QFileInfo(path).absoluteFilePath();
    l->file = file;
    if (!file.extra.value("lesson").isObject()) {
        if (error) *error = QStringLiteral("%1: no \"lesson\" block").arg(path);
        return false;
    }
    return parseLessonMeta(file.extra.value("lesson").toObject(), l, error);
}

bool loadLessonFile(const QString& path, Lesson* l, QString* error) {
    ScenarioFile file;
    return loadScenarioFile(path, &file, error) && lessonFromScenario(file, path, l, error);
}

QList<Lesson> lessonsInFolder(const QString& folder, QStringList* errors) {
    QList<Lesson> out;
    const QDir dir(folder);
    for (const QString& name : dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        ScenarioFile file;
        QString error;
        const QString path = dir.filePath(name);
        if (!loadScenarioFile(path, &file, &error)) {
            if (errors) errors->append(error);
            continue;
        }
        if (!file.extra.contains("lesson")) continue;  // a plain scenario beside the lessons
        Lesson l;
        if (!lessonFromScenario(file, path, &l, &error)) {
            if (errors) errors->append(error);
            continue;
        }
        out.append(l);
    }
    return out;
}

QList<Lesson> builtinLessons(QStringList* errors) {
    QList<Lesson> out;
    QFile index(QStringLiteral(":/lessons/index.json"));
    if (!index.open(QIODevice::ReadOnly)) {
        if (errors) errors->append(QStringLiteral(":/lessons/index.json: missing"));
        return out;
    }
    const QJsonArray list =
        QJsonDocument::fromJson(index.readAll()).object().value("lessons").toArray();
    for (const QJsonValue& v : list) {
        Lesson l;
        l.id = v.toObject().value("id").toString();
        const QString path = QStringLiteral(":/lessons/%1.json").arg(l.id);
        QString error;
        if (!loadScenarioFile(path, &l.file, &error) ||
            !parseLessonMeta(l.file.extra.value("lesson").toObject(), &l, &error)) {
            if (errors) errors->append(error);
            continue;
        }
        out.append(l);
    }
    return out;
}

LessonPanel::LessonPanel(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("lessonPanel"));
    browser_ = new QTextBrowser(this);
    browser_->setOpenLinks(false);
    browser_->setMinimumWidth(260);
    home_ = new QPushButton(tr("All lessons"), this);
    home_->setToolTip(tr("Back to the list of lessons."));
    next_ = new QPushButton(tr("Next lesson"), this);
    next_->setToolTip(tr("Open the next lesson."));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(home_);
    buttons->addWidget(next_);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(browser_, 1);
    layout->addLayout(buttons);
    lessons_ = builtinLessons();
    connect(browser_, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.scheme() == "lesson") emit lessonRequested(url.path());
        if (url.scheme() == "try") emit tryRequested(url.path());
        if (url.scheme() == "builtin") emit builtinLessonsRequested();
    });
    connect(home_, &QPushButton::clicked, this, &LessonPanel::showWelcome);
    connect(next_, &QPushButton::clicked, this, [this] {
        for (int i = 0; i + 1 < lessons_.size(); ++i)
            if (lessons_[i].id == current_) {
                emit lessonRequested(lessons_[i + 1].id);
                return;
            }
        if (!lessons_.isEmpty()) emit lessonRequested(lessons_.first().id);
    });
    showWelcome();
    // Links take the theme's link colour when the HTML is parsed: parsed again on a theme change.
    connect(&Appearance::instance(), &Appearance::changed, this, [this] {
        if (current_.isEmpty())
            showWelcome();
        else
            render();
    });
}

void LessonPanel::showWelcome() {
    current_.clear();
    QString html =
        heading_.isEmpty()
            ? tr("<h2>Welcome to EquiLab</h2>"
                 "<p>An equilibrium model's hidden state is the fixed point "
                 "<b>w* = tanh(A w* + B x + c)</b>. Edit A, B, c and the dimensions on the left, "
                 "and every view re-solves at once.</p><p>Lessons — each opens a scenario, "
                 "the view to watch, and says what to try:</p><ol>")
            : tr("<h2>%1</h2><p><a href=\"builtin:\">Back to the built-in lessons</a></p><ol>")
                  .arg(heading_.toHtmlEscaped());
    for (const Lesson& l : lessons_)
        html += QStringLiteral("<li><a href=\"lesson:%1\">%2</a></li>")
                    .arg(l.id, l.title.toHtmlEscaped());
    html +=
        tr("</ol><p>Help → Lessons reopens this list; View → Presentation mode enlarges "
           "everything for a projector.</p>");
    browser_->setHtml(html);
    next_->setText(tr("First lesson"));
}

void LessonPanel::showLesson(const Lesson& lesson) {
    current_ = lesson.id;
    obs_ = LessonObservation{};
    edited_ = false;
    next_->setText(tr("Next lesson"));
    toTop_ = true;  // a lesson opens at its beginning, not where the previous one was scrolled
    render();
}

void LessonPanel::setLessons(const QList<Lesson>& lessons, const QString& heading) {
    lessons_ = lessons;
    heading_ = heading;
    current_.clear();
    showWelcome();
}

QString LessonPanel::addLesson(Lesson lesson) {
    for (Lesson& l : lessons_)
        if (!lesson.path.isEmpty() && l.path == lesson.path) {
            lesson.id = l.id;
            l = lesson;
            return lesson.id;
        }
    const QString base = lesson.id;
    for (int k = 2; this->lesson(lesson.id); ++k)
        lesson.id = QStringLiteral("%1-%2").arg(base).arg(k);
    lessons_.append(lesson);
    return lesson.id;
}

const Lesson* LessonPanel::lesson(const QString& id) const {
    for (const Lesson& l : lessons_)
        if (l.id == id) return &l;
    return nullptr;
}

void LessonPanel::setEdited(bool edited) {
    if (edited == edited_) return;
    edited_ = edited;
    if (!current_.isEmpty()) render();
}

void LessonPanel::setObservation(const LessonObservation& obs) {
    obs_ = obs;
    if (!current_.isEmpty()) render();
}

void LessonPanel::render() {
    for (const Lesson& l : lessons_) {
        if (l.id != current_) continue;
        const int scroll = toTop_ ? 0 : browser_->verticalScrollBar()->value();
        toTop_ = false;
        // After an edit the numbers stay those of the lesson as it opened, and the text says so.
        const QString note =
            edited_ ? tr("<p><i>The numbers in this text describe the lesson as it opened; the "
                         "views show your changes. <a href=\"lesson:%1\">Reopen the "
                         "lesson</a>.</i></p>")
                          .arg(l.id.toHtmlEscaped())
                    : QString();
        browser_->setHtml(QStringLiteral("<h2>%1</h2>%2%3")
                              .arg(l.title.toHtmlEscaped(), note, fillPlaceholders(l.text, obs_)));
        browser_->verticalScrollBar()->setValue(scroll);
    }
}

QString LessonPanel::text() const {
    return browser_->toPlainText();
}

}  // namespace equilab
