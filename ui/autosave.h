// Autosave and crash recovery: while the document has unsaved changes, its scenario is written
// every interval (60 s) to an autosave file in the application's data folder (atomically, with
// QSaveFile). A clean exit or a save removes it, so finding it at the next start means the
// previous session ended without saving — its content can be recovered.
#pragma once

#include <QObject>
#include <QTimer>

namespace equilab {

class Document;

class Autosave : public QObject {
    Q_OBJECT
public:
    static constexpr int kDefaultIntervalMs = 60 * 1000;
    Autosave(Document* doc, const QString& file = defaultPath(), QObject* parent = nullptr);

    static QString defaultPath();
    QString path() const { return path_; }
    void setInterval(int ms) { timer_.setInterval(ms); }

    // Writes now if there are unsaved changes; returns whether a file was written.
    bool saveNow();
    // Removes the autosave (after a save or a clean exit).
    void discard();
    // A recoverable autosave from an earlier session, if one exists.
    bool hasRecoverable() const;
    // Loads the autosave into the document (marked modified, keeping the original path).
    bool recover(QString* error);

signals:
    void autosaved(const QString& path);

private:
    Document* doc_;
    QString path_;
    QTimer timer_;
};

}  // namespace equilab
