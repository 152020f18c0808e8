#include "io/data_location.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QStringList>

namespace equilab {
namespace {
const char* const kChosenKey = "mnist/folder";
const char* const kSubfolder = "equilab/mnist";

QString& session() {
    static QString folder;
    return folder;
}
}  // namespace

bool holdsMnist(const QString& folder) {
    return !folder.isEmpty() && QFileInfo::exists(QDir(folder).filePath("train-images-idx3-ubyte"));
}

void setSessionMnistFolder(const QString& folder) {
    session() = folder;
}

QString sessionMnistFolder() {
    return session();
}

void setChosenMnistFolder(const QString& folder) {
    QSettings settings;
    if (folder.isEmpty())
        settings.remove(kChosenKey);
    else
        settings.setValue(kChosenKey, QFileInfo(folder).absoluteFilePath());
}

QString chosenMnistFolder() {
    return QSettings().value(kChosenKey).toString();
}

QString findMnistFolder(const QString& configured) {
    QStringList candidates{session(), chosenMnistFolder(), configured};
    candidates << QStandardPaths::locateAll(QStandardPaths::GenericDataLocation, kSubfolder,
                                            QStandardPaths::LocateDirectory);
    candidates << QDir::current().filePath(QStringLiteral("data/mnist"));
    for (const QString& c : candidates)
        if (holdsMnist(c)) return QFileInfo(c).absoluteFilePath();
    return {};
}

QString defaultMnistFolder() {
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(kSubfolder);
}

}  // namespace equilab
