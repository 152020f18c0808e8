#include "ui/views/plot_export.h"

#include <QDir>

#include "ui/views/export_presets.h"
#include "ui/views/plot_view.h"

namespace equilab {

QStringList exportPlots(const QList<PlotView*>& plots, const QString& dir,
                        const QStringList& formats, int width, int height, QStringList* errors) {
    QStringList written;
    if (!QDir(dir).exists()) {
        if (errors) errors->append(dir + QObject::tr(": the folder does not exist"));
        return written;
    }
    for (PlotView* p : plots) {
        for (const QString& f : formats) {
            const QString path = QDir(dir).filePath(p->exportName() + "." + f);
            QString error;
            if (p->exportTo(path, width, height, &error))
                written.append(path);
            else if (errors)
                errors->append(error);
        }
    }
    return written;
}

QStringList exportFigures(const QList<PlotView*>& plots, const QString& dir,
                          const QStringList& formats, const ExportPreset* preset, int width,
                          int height, QStringList* skipped, QStringList* errors) {
    QStringList written;
    if (!QDir(dir).exists()) {
        if (errors) errors->append(dir + QObject::tr(": the folder does not exist"));
        return written;
    }
    for (PlotView* p : plots) {
        if (!p->hasData()) {
            if (skipped) skipped->append(p->exportName());
            continue;
        }
        for (const QString& f : formats) {
            const QString path = QDir(dir).filePath(p->exportName() + "." + f);
            QString error;
            const bool ok = preset ? p->exportFigure(path, *preset, &error)
                                   : p->exportTo(path, width, height, &error);
            if (ok)
                written.append(path);
            else if (errors)
                errors->append(error);
        }
    }
    return written;
}

}  // namespace equilab
