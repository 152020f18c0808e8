// Exporting several plots at once (File → Export All, and the headless CLI).
#pragma once

#include <QList>
#include <QStringList>

namespace equilab {

class PlotView;

// Writes DIR/<plot name>.<format> for every plot and format. Returns the files written; each
// failure adds one line to *errors.
QStringList exportPlots(const QList<PlotView*>& plots, const QString& dir,
                        const QStringList& formats, int width, int height, QStringList* errors);

}  // namespace equilab
