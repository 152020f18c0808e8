#include "lessons.h"

#include <QFile>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace equilab {

QList<Lesson> builtinLessons(QStringList* errors) {
    QList<Lesson> out;
    QFile index(QStringLiteral(":/lessons/index.json"));
    if (!index.open(QIODevice::ReadOnly)) {
        if (errors) errors->append(QStringLiteral(":/lessons/index.json: missing"));
        return out;
    }
    const QJsonArray list = QJsonDocument::fromJson(index.readAll()).object().value("lessons").toArray();
    for (const QJsonValue& v : list) {
        Lesson l;
        l.id = v.toObject().value("id").toString();
        const QString path = QStringLiteral(":/lessons/%1.json").arg(l.id);
        QString error;
        if (!loadScenarioFile(path, &l.file, &error)) {
            if (errors) errors->append(error);
            continue;
        }
        const QJsonObject meta = l.file.extra.value("lesson").toObject();
        l.title = meta.value("title").toString(l.id);
        l.view = meta.value("view").toString();
        l.text = meta.value("text").toString();
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
}

void LessonPanel::showWelcome() {
    current_.clear();
    QString html = tr("<h2>Welcome to EquiLab</h2>"
                      "<p>An equilibrium model's hidden state is the fixed point "
                      "<b>w* = tanh(A w* + B x + c)</b>. Edit A, B, c and the dimensions on the left, "
                      "and every view re-solves at once.</p><p>Lessons — each opens a scenario, "
                      "the view to watch, and says what to try:</p><ol>");
    for (const Lesson& l : lessons_)
        html += QStringLiteral("<li><a href=\"lesson:%1\">%2</a></li>").arg(l.id, l.title.toHtmlEscaped());
    html += tr("</ol><p>Help → Lessons reopens this list; View → Presentation mode enlarges "
               "everything for a projector.</p>");
    browser_->setHtml(html);
    next_->setText(tr("First lesson"));
}

void LessonPanel::showLesson(const Lesson& lesson) {
    current_ = lesson.id;
    browser_->setHtml(QStringLiteral("<h2>%1</h2>%2").arg(lesson.title.toHtmlEscaped(), lesson.text));
    next_->setText(tr("Next lesson"));
}

QString LessonPanel::text() const { return browser_->toPlainText(); }

}  // namespace equilab
