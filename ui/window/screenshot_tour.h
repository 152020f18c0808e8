// Screenshots of every view of the main window (for docs/ and for checking by eye): waits for
// the solve and the analyses, then grabs the window once per view tab.
#pragma once

#include <QStringList>

namespace equilab {

class MainWindow;

// Writes DIR/<tab>.png for each view tab; returns the files written. With train, first runs
// the document's training configuration to the end.
QStringList takeScreenshots(MainWindow* window, const QString& dir, bool train = false);

}  // namespace equilab
