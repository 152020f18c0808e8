// Qt front of core/internal/safe_write.h, the one writer of every file EquiLab writes, and of
// core/internal/printable.h, the one formatter of untrusted text in messages.
//
// SafeSaveFile stands where QSaveFile stood (QImageWriter, QSvgGenerator and QPdfWriter write
// into it): it holds the bytes in memory, so a renderer never meets a half-failed device, and
// commit() hands them to writeFileAtomically(), which checks every write(2), the flush, fsync,
// the size and the rename. errorString() is then the OS's reason, in one line.
#pragma once

#include <QByteArray>
#include <QIODevice>
#include <QString>
#include <QStringList>
#include <functional>

namespace equilab {

// The whole file at once; false with "<path>: <what> (<strerror>); the old file is kept".
bool saveBytesAtomically(const QString& path, const QByteArray& bytes, QString* error);

class SafeSaveFile : public QIODevice {
  public:
    explicit SafeSaveFile(const QString& path, QObject* parent = nullptr)
        : QIODevice(parent), path_(path) {}
    QString fileName() const { return path_; }
    // WriteOnly only; false (errorString() set) when the folder does not exist or is not writable.
    bool open(OpenMode mode) override;
    // Writes the bytes atomically and closes; false with errorString() the reason (one line,
    // without the path) and message() the whole line.
    bool commit();
    void cancelWriting() { close(); }
    QString message() const { return message_; }
    qint64 size() const override { return buffer_.size(); }
    bool isSequential() const override { return false; }

  protected:
    qint64 readData(char*, qint64) override { return -1; }
    qint64 writeData(const char* data, qint64 len) override;

  private:
    QString path_, message_;
    QByteArray buffer_;
};

// Several files written into `folder` all or nothing: `write` is called with a fresh temporary
// folder inside `folder` and writes the files there (each through SafeSaveFile); when it
// succeeds, the files are moved into `folder` (rename(2) each, then the folder synced), else
// nothing changes. The files moved go to *written: all of them, or none, or (when a rename fails
// half-way, which only a folder changing under us can cause) exactly those in place. *error
// names the failure with the final paths, not the temporary ones.
bool writeFolderAtomically(
    const QString& folder,
    const std::function<bool(const QString& temp, QStringList* files, QString* error)>& write,
    QStringList* written, QString* error);

// "text" quoted, control characters escaped, cut at 200 characters with "… (N bytes)".
QString quotedText(const QString& text);
QString quotedText(const QByteArray& utf8);
// A message made one line (control characters escaped, cut at 2000 bytes).
QString oneLineText(const QString& message);

}  // namespace equilab
