#include "io/safe_file.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <unistd.h>

#include <cstring>

#include "core/internal/printable.h"
#include "core/internal/safe_write.h"

namespace equilab {

bool saveBytesAtomically(const QString& path, const QByteArray& bytes, QString* error) {
    std::string why;
    if (writeFileAtomically(QFile::encodeName(path).toStdString(),
                            {{bytes.constData(), static_cast<size_t>(bytes.size())}}, &why))
        return true;
    if (error) *error = QString::fromStdString(why);
    return false;
}

bool SafeSaveFile::open(OpenMode mode) {
    if ((mode & ReadOnly) || !(mode & WriteOnly)) {
        setErrorString(QStringLiteral("only writing is supported"));
        return false;
    }
    const QFileInfo info(path_);
    const QString folder = info.absolutePath();
    if (!QFileInfo(folder).isDir()) {
        setErrorString(QStringLiteral("the folder %1 does not exist").arg(folder));
        return false;
    }
    if (::access(QFile::encodeName(folder).constData(), W_OK) != 0 && !info.exists()) {
        setErrorString(QString::fromStdString(errnoText(errno)));
        return false;
    }
    buffer_.clear();
    message_.clear();
    return QIODevice::open(WriteOnly | Unbuffered);
}

qint64 SafeSaveFile::writeData(const char* data, qint64 len) {
    const qint64 at = pos();
    if (at > buffer_.size()) buffer_.resize(at, '\0');
    const qint64 overlap = std::min<qint64>(len, buffer_.size() - at);
    if (overlap > 0) std::memcpy(buffer_.data() + at, data, static_cast<size_t>(overlap));
    buffer_.append(data + overlap, len - overlap);
    return len;
}

bool SafeSaveFile::commit() {
    if (!isOpen()) {
        message_ = path_ + QStringLiteral(": not open");
        setErrorString(message_);
        return false;
    }
    close();
    const bool ok = saveBytesAtomically(path_, buffer_, &message_);
    buffer_.clear();
    if (ok) return true;
    const QString prefix = path_ + QStringLiteral(": ");
    setErrorString(message_.startsWith(prefix) ? message_.mid(prefix.size()) : message_);
    return false;
}

bool writeFolderAtomically(
    const QString& folder,
    const std::function<bool(const QString& temp, QStringList* files, QString* error)>& write,
    QStringList* written, QString* error) {
    if (written) written->clear();
    QTemporaryDir temp(QDir(folder).filePath(QStringLiteral(".equilab-export-XXXXXX")));
    if (!temp.isValid()) {
        if (error)
            *error = folder + QStringLiteral(
                                  ": cannot create a temporary folder (%1); nothing was "
                                  "written")
                                  .arg(temp.errorString());
        return false;
    }
    QStringList files;
    QString why;
    const QString tempPath = temp.path();
    auto finalName = [&](QString s) { return s.replace(tempPath, QDir(folder).path()); };
    if (!write(tempPath, &files, &why)) {
        if (error) {
            *error = finalName(why);
            if (!files.isEmpty()) *error += QStringLiteral("; none of the files was written");
        }
        return false;  // the temporary folder goes with `temp`
    }
    std::vector<std::pair<std::string, std::string>> moves;
    for (const QString& f : files)
        moves.emplace_back(QFile::encodeName(f).toStdString(),
                           QFile::encodeName(finalName(f)).toStdString());
    std::vector<std::string> done;
    std::string moveError;
    const bool ok = moveFiles(moves, &done, &moveError);
    if (written)
        for (const std::string& d : done) written->append(QFile::decodeName(d.c_str()));
    if (!ok && error) *error = QString::fromStdString(moveError);
    return ok;
}

QString quotedText(const QByteArray& utf8) {
    return QString::fromStdString(equilab::quoted(utf8.toStdString()));
}

QString quotedText(const QString& text) {
    // Only the part that can be shown is converted; the size counts the whole text's UTF-8.
    qsizetype bytes = 0;
    for (const QChar c : text) {
        const ushort u = c.unicode();
        bytes += u < 0x80 ? 1 : u < 0x800 ? 2 : c.isSurrogate() ? 2 : 3;
    }
    const QByteArray head = text.left(static_cast<qsizetype>(kMaxQuotedChars) * 2 + 2).toUtf8();
    std::string shown = equilab::quoted(head.toStdString());
    if (head.size() < bytes) {
        const size_t cut = shown.rfind(" bytes)");
        if (cut != std::string::npos && cut + 7 == shown.size())
            shown.erase(shown.rfind(" ("));  // cut by quoted(): its byte count is the head's
        else
            shown.pop_back(), shown += "…\"";  // not cut there: the closing quote
        shown += " (" + std::to_string(bytes) + " bytes)";
    }
    return QString::fromStdString(shown);
}

QString oneLineText(const QString& message) {
    return QString::fromStdString(oneLine(message.left(4000).toStdString()));
}

}  // namespace equilab
