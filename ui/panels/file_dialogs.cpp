#include "ui/panels/file_dialogs.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

namespace equilab {
namespace {
const char* const kKey = "lastFolder";

QString inLastFolder(const QString& suggested) {
    if (suggested.isEmpty()) return lastFileFolder();
    if (QFileInfo(suggested).isAbsolute()) return suggested;
    return QDir(lastFileFolder()).filePath(suggested);
}
}  // namespace

QString lastFileFolder() {
    const QString dir = QSettings().value(kKey).toString();
    return !dir.isEmpty() && QFileInfo(dir).isDir() ? dir : QDir::homePath();
}

void rememberFileFolder(const QString& path) {
    if (path.isEmpty()) return;
    const QFileInfo info(path);
    QSettings().setValue(kKey, info.isDir() ? info.absoluteFilePath() : info.absolutePath());
}

QString openFileDialog(QWidget* parent, const QString& caption, const QString& filter) {
    const QString path = QFileDialog::getOpenFileName(parent, caption, lastFileFolder(), filter);
    rememberFileFolder(path);
    return path;
}

QString saveFileDialog(QWidget* parent, const QString& caption, const QString& suggested,
                       const QString& filter, QString* selectedFilter) {
    const QString path = QFileDialog::getSaveFileName(parent, caption, inLastFolder(suggested),
                                                      filter, selectedFilter);
    rememberFileFolder(path);
    return path;
}

QString folderDialog(QWidget* parent, const QString& caption) {
    const QString dir = QFileDialog::getExistingDirectory(parent, caption, lastFileFolder());
    rememberFileFolder(dir);
    return dir;
}

}  // namespace equilab
