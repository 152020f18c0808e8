#include "ui/views/plot_export.h"

#include <QDir>

#include "io/safe_file.h"
#include "ui/views/export_presets.h"
#include "ui/views/plot_view.h"

namespace equilab {
namespace {

// All or nothing (io/safe_file.h): the files are written into a temporary folder inside `dir`
// and moved into `dir` only when every one of them is on disk; a failure leaves `dir` as it was
// and is one line in *errors. Returns the files moved into place.
QStringList exportAll(
    const QString& dir,
    const std::function<bool(const QString& temp, QStringList* files, QString* error)>& write,
    QStringList* errors) {
    QStringList written;
    if (!QDir(dir).exists()) {
        if (errors) errors->append(dir + QObject::tr(": the folder does not exist"));
        return written;
    }
    QString error;
    if (!writeFolderAtomically(dir, write, &written, &error) && errors) errors->append(error);
    return written;
}

}  // namespace

QStringList exportPlots(const QList<PlotView*>& plots, const QString& dir,
                        const QStringList& formats, int width, int height, QStringList* errors) {
    return exportAll(
        dir,
        [&](const QString& temp, QStringList* files, QString* error) {
            for (PlotView* p : plots)
                for (const QString& f : formats) {
                    const QString path = QDir(temp).filePath(p->exportName() + "." + f);
                    if (!p->exportTo(path, width, height, error)) return false;
                    files->append(path);
                }
            return true;
        },
        errors);
}

QStringList exportFigures(const QList<PlotView*>& plots, const QString& dir,
                          const QStringList& formats, const ExportPreset* preset, int width,
                          int height, QStringList* skipped, QStringList* errors) {
    return exportAll(
        dir,
        [&](const QString& temp, QStringList* files, QString* error) {
            for (PlotView* p : plots) {
                if (!p->hasData()) {
                    if (skipped) skipped->append(p->exportName());
                    continue;
                }
                for (const QString& f : formats) {
                    const QString path = QDir(temp).filePath(p->exportName() + "." + f);
                    const bool ok = preset ? p->exportFigure(path, *preset, error)
                                           : p->exportTo(path, width, height, error);
                    if (!ok) return false;
                    files->append(path);
                }
            }
            return true;
        },
        errors);
}

}  // namespace equilab
