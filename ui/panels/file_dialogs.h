// Every file dialog of the window goes through these: each opens in the folder the user last
// chose a file or folder in (any dialog; one setting, "lastFolder"), and remembers the folder
// of what is chosen. A suggested name without a folder is put in that folder.
#pragma once

#include <QString>

class QWidget;

namespace equilab {

// The folder the next dialog opens in: the last one chosen (if it still exists), else home.
QString lastFileFolder();
// Remembers the folder of path (a file) or path itself (a folder).
void rememberFileFolder(const QString& path);

QString openFileDialog(QWidget* parent, const QString& caption, const QString& filter);
QString saveFileDialog(QWidget* parent, const QString& caption, const QString& suggested,
                       const QString& filter, QString* selectedFilter = nullptr);
QString folderDialog(QWidget* parent, const QString& caption);

}  // namespace equilab
