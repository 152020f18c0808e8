// Exporting several plots at once (File → Export All, and the headless CLI).
#pragma once

#include <QList>
#include <QStringList>

namespace equilab {

class PlotView;
struct ExportPreset;

// Writes DIR/<plot name>.<format> for every plot and format. Returns the files written; each
// failure adds one line to *errors.
QStringList exportPlots(const QList<PlotView*>& plots, const QString& dir,
                        const QStringList& formats, int width, int height, QStringList* errors);

// Export All for figures: every plot that has something to show, in each format, sized by the
// preset (or at width × height pixels when preset is null). Plots with nothing to show (no
// training run yet, n ≠ 2 for basins, …) are not written; their names go to *skipped.
QStringList exportFigures(const QList<PlotView*>& plots, const QString& dir,
                          const QStringList& formats, const ExportPreset* preset, int width,
                          int height, QStringList* skipped, QStringList* errors);

}  // namespace equilab
