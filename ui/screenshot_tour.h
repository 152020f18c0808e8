// Screenshots of every view of the main window (for docs/ and for checking by eye): waits for
// the solve and the analyses, then grabs the window once per view tab.
#pragma once

#include <QStringList>

namespace equilab {

class MainWindow;

// Writes DIR/<prefix><tab>.png for each view tab; returns the files written.
QStringList takeScreenshots(MainWindow* window, const QString& dir, const QString& prefix = {});

}  // namespace equilab
