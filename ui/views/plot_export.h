// Exporting several plots at once (File → Export All, and the headless CLI).
#pragma once

#include <QList>
#include <QStringList>

namespace equilab {

class PlotView;
struct ExportPreset;

// Writes DIR/<plot name>.<format> for every plot and format, all or nothing (a temporary folder
// inside DIR, then moved: io/safe_file.h). Returns the files written: all, or none with one line
// in *errors naming the failure (or, if a move fails half-way, exactly those in place).
QStringList exportPlots(const QList<PlotView*>& plots, const QString& dir,
                        const QStringList& formats, int width, int height, QStringList* errors);

// Export All for figures: every plot that has something to show, in each format, sized by the
// preset (or at width × height pixels when preset is null). Plots with nothing to show (no
// training run yet, n ≠ 2 for basins, …) are not written; their names go to *skipped.
QStringList exportFigures(const QList<PlotView*>& plots, const QString& dir,
                          const QStringList& formats, const ExportPreset* preset, int width,
                          int height, QStringList* skipped, QStringList* errors);

}  // namespace equilab
