// File, export and settings actions of the main window.
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QInputDialog>
#include <QMenu>
#include <QMessageBox>
#include <QRegularExpression>
#include <QSettings>
#include <QStatusBar>

#include "io/safe_file.h"
#include "ui/document/document.h"
#include "ui/panels/export_dialog.h"
#include "ui/panels/file_dialogs.h"
#include "ui/views/plot_export.h"
#include "ui/views/plot_view.h"
#include "ui/window/main_window.h"
#include "ui/window/view_set.h"

namespace equilab {

namespace {
constexpr int kMaxRecent = 8;
const char* const kRecentKey = "recentFiles";
}  // namespace

void MainWindow::newFile() {
    if (!maybeSave()) return;
    ScenarioFile f;
    f.scenario = defaultScenario();
    doc_->reset(f, QString());
}

bool MainWindow::openFile(const QString& path) {
    QString error;
    // A scenario with a "lesson" block opens as a lesson (text, view, Try links); a malformed
    // block opens the scenario alone and says why.
    ScenarioFile file;
    if (loadScenarioFile(path, &file, &error) && file.extra.contains("lesson")) {
        if (openLessonFile(path, &error)) {
            addRecentFile(path);
            return true;
        }
        doc_->reset(file, path);
        addRecentFile(path);
        showMessage(tr("The file's lesson is not shown: %1").arg(oneLineText(error)));
        return true;
    }
    if (doc_->open(path, &error)) {
        addRecentFile(path);
        return true;
    }
    QMessageBox::warning(this, tr("Cannot open scenario"), oneLineText(error));
    return false;
}

void MainWindow::openDialog() {
    if (!maybeSave()) return;
    const QString path =
        openFileDialog(this, tr("Open scenario"), tr("EquiLab scenarios (*.json);;All files (*)"));
    if (!path.isEmpty()) openFile(path);
}

bool MainWindow::save() {
    if (doc_->filePath().isEmpty()) return saveAsDialog();
    QString error;
    if (doc_->saveAs(doc_->filePath(), &error)) return true;
    QMessageBox::warning(this, tr("Cannot save scenario"), oneLineText(error));
    return false;
}

bool MainWindow::saveAsDialog() {
    QString path = saveFileDialog(this, tr("Save scenario"), doc_->filePath(),
                                  tr("EquiLab scenarios (*.json)"));
    if (path.isEmpty()) return false;
    if (!path.endsWith(".json", Qt::CaseInsensitive)) path += ".json";
    QString error;
    if (!doc_->saveAs(path, &error)) {
        QMessageBox::warning(this, tr("Cannot save scenario"), oneLineText(error));
        return false;
    }
    addRecentFile(path);
    return true;
}

bool MainWindow::maybeSave() {
    if (!doc_->isModified()) return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved changes"), tr("The scenario has unsaved changes. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    if (answer == QMessageBox::Cancel) return false;
    if (answer == QMessageBox::Save) return save();
    return true;
}

void MainWindow::exportPlot(PlotView* view) {
    if (!view) return;
    QString selected;
    QString path = saveFileDialog(
        this, tr("Export %1").arg(view->title()), view->exportName() + ".png",
        tr("PNG image (*.png);;PDF document (*.pdf);;SVG drawing (*.svg);;CSV data (*.csv)"),
        &selected);
    if (path.isEmpty()) return;
    if (QFileInfo(path).suffix().isEmpty()) {
        const QRegularExpression ext(QStringLiteral("\\*\\.(\\w+)"));
        path += "." + ext.match(selected).captured(1);
    }
    QString error;
    ExportDialog settings(false, this);
    if (settings.exec() != QDialog::Accepted) return;
    const QSize size = view->size().expandedTo(QSize(640, 420));
    const bool ok = settings.usePreset()
                        ? view->exportFigure(path, settings.preset(), &error)
                        : view->exportTo(path, size.width(), size.height(), &error);
    if (ok)
        showMessage(tr("Exported %1").arg(path));
    else
        QMessageBox::warning(this, tr("Export failed"), error);
}

void MainWindow::exportAll() {
    const QString dir = folderDialog(this, tr("Export all plots to"));
    if (dir.isEmpty()) return;
    ExportDialog settings(true, this);
    if (settings.exec() != QDialog::Accepted || settings.formats().isEmpty()) return;
    const ExportPreset preset = settings.preset();
    views_->ensureComputed();  // hidden tabs compute on demand: start them for the next export
    QStringList errors, skipped;
    const QSize size = tabs_->currentWidget()->size().expandedTo(QSize(640, 420));
    const QStringList written =
        exportFigures(allPlots(), dir, settings.formats(), settings.usePreset() ? &preset : nullptr,
                      size.width(), size.height(), &skipped, &errors);
    if (!errors.isEmpty()) QMessageBox::warning(this, tr("Export failed"), errors.join('\n'));
    showMessage(skipped.isEmpty() ? tr("Exported %1 files to %2").arg(written.size()).arg(dir)
                                  : tr("Exported %1 files to %2; skipped (nothing to show yet, "
                                       "computing: export again in a moment): %3")
                                        .arg(written.size())
                                        .arg(dir, skipped.join(", ")));
}

void MainWindow::copyActivePlot() {
    PlotView* p = activePlot();
    if (!p) return;
    QApplication::clipboard()->setImage(p->toImage(p->width(), p->height()));
    showMessage(tr("Copied %1 to the clipboard").arg(p->title()));
}

void MainWindow::addRecentFile(const QString& path) {
    QSettings settings;
    QStringList files = settings.value(kRecentKey).toStringList();
    const QString abs = QFileInfo(path).absoluteFilePath();
    files.removeAll(abs);
    files.prepend(abs);
    while (files.size() > kMaxRecent) files.removeLast();
    settings.setValue(kRecentKey, files);
    rebuildRecentMenu();
}

void MainWindow::rebuildRecentMenu() {
    if (!recentMenu_) return;
    recentMenu_->clear();
    const QStringList files = QSettings().value(kRecentKey).toStringList();
    for (const QString& f : files)
        recentMenu_->addAction(QDir::toNativeSeparators(f), this, [this, f] {
            if (maybeSave()) openFile(f);
        });
    recentMenu_->setEnabled(!files.isEmpty());
}

void MainWindow::readSettings() {
    QSettings settings;
    restoreGeometry(settings.value("geometry").toByteArray());
    restoreState(settings.value("windowState").toByteArray());
}

void MainWindow::writeSettings() {
    QSettings settings;
    settings.setValue("geometry", saveGeometry());
    settings.setValue("windowState", saveState());
}

}  // namespace equilab
