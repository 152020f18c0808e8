#include "ui/panels/lessons.h"

#include <QFile>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

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
        if (t.id.isEmpty() || t.actions.isEmpty() ||
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
    return true;
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
        tr("<h2>Welcome to EquiLab</h2>"
           "<p>An equilibrium model's hidden state is the fixed point "
           "<b>w* = tanh(A w* + B x + c)</b>. Edit A, B, c and the dimensions on the left, "
           "and every view re-solves at once.</p><p>Lessons — each opens a scenario, "
           "the view to watch, and says what to try:</p><ol>");
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
    next_->setText(tr("Next lesson"));
    render();
}

void LessonPanel::setObservation(const LessonObservation& obs) {
    obs_ = obs;
    if (!current_.isEmpty()) render();
}

void LessonPanel::render() {
    for (const Lesson& l : lessons_) {
        if (l.id != current_) continue;
        const int scroll = browser_->verticalScrollBar()->value();
        browser_->setHtml(QStringLiteral("<h2>%1</h2>%2")
                              .arg(l.title.toHtmlEscaped(), fillPlaceholders(l.text, obs_)));
        browser_->verticalScrollBar()->setValue(scroll);
    }
}

QString LessonPanel::text() const {
    return browser_->toPlainText();
}

}  // namespace equilab
