#include "autosave.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include "document.h"

namespace equilab {

Autosave::Autosave(Document* doc, const QString& file, QObject* parent)
    : QObject(parent), doc_(doc), path_(file) {
    timer_.setInterval(kDefaultIntervalMs);
    connect(&timer_, &QTimer::timeout, this, &Autosave::saveNow);
    // Run the timer only while there is something to lose; a save clears the autosave.
    connect(doc_, &Document::modifiedChanged, this, [this](bool modified) {
        if (modified) {
            if (!timer_.isActive()) timer_.start();
        } else {
            timer_.stop();
            discard();
        }
    });
}

QString Autosave::defaultPath() {
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
    return QDir(dir).filePath(QStringLiteral("autosave.json"));
}

bool Autosave::saveNow() {
    if (!doc_->isModified()) return false;
    QDir().mkpath(QFileInfo(path_).absolutePath());
    ScenarioFile f = doc_->file();
    f.extra["autosave_of"] = doc_->filePath();
    QString error;
    if (!saveScenarioFile(path_, f, &error)) return false;
    emit autosaved(path_);
    return true;
}

void Autosave::discard() { QFile::remove(path_); }

bool Autosave::hasRecoverable() const { return QFile::exists(path_); }

bool Autosave::recover(QString* error) {
    ScenarioFile f;
    if (!loadScenarioFile(path_, &f, error)) return false;
    const QString original = f.extra.value("autosave_of").toString();
    f.extra.remove("autosave_of");
    doc_->reset(f, original);
    doc_->markRecovered();
    return true;
}

}  // namespace equilab
