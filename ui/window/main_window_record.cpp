// File → Record animation… (MainWindow): the dialog, the file name, then the recording with a
// progress dialog and Cancel; "Saved …" in the status bar at the end.
#include <QDir>
#include <QFileDialog>
#include <QMessageBox>
#include <QPointer>
#include <QProgressDialog>
#include <QStatusBar>

#include "ui/document/document.h"
#include "ui/record/animation_source.h"
#include "ui/record/record_dialog.h"
#include "ui/record/recorder.h"
#include "ui/training/training_workspace.h"
#include "ui/views/orbit_view.h"
#include "ui/views/playback.h"
#include "ui/views/plot_view.h"
#include "ui/window/main_window.h"
#include "ui/window/view_set.h"
#include "ui/workers/solve_worker.h"

namespace equilab {

void MainWindow::recordAnimation() {
    PlotView* active = activePlot();
    RecordDialog dialog(active ? active->exportName() : QString(), this);
    if (dialog.exec() != QDialog::Accepted) return;
    const QString name = dialog.view();
    const AnimationFormat format = dialog.format();
    const QString suffix = animationSuffix(format);
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Record animation to"), name + "." + suffix,
        format == AnimationFormat::Gif ? tr("Animated GIF (*.gif)") : tr("MP4 video (*.mp4)"));
    if (path.isEmpty()) return;
    recordAnimationTo(name, format, dialog.preset(), path);
}

bool MainWindow::recordAnimationTo(const QString& name, AnimationFormat format,
                                   const ExportPreset& preset, const QString& path) {
    PlotView* view = views_->view(name);
    QString error;
    std::unique_ptr<AnimationSource> source;
    if (name == "trajectories" || name == "phase" || name == "convergence") {
        const int restore = playback_->cursor();
        playback_->pause();
        source = makePlaybackSource(view, solveController()->lastTrajectory().summary.iterations,
                                    restore);
    } else if (name == "orbit") {
        auto* orbit = qobject_cast<OrbitView*>(view);
        if (orbit && !orbit->isComplete()) {
            orbit->ensureComputed();
            QMessageBox::information(this, tr("Record animation"),
                                     tr("The orbit diagram is still being computed; record it "
                                        "again once it is complete."));
            return false;
        }
        source = makeOrbitSource(view);
    } else if (view) {
        source = makeTrainingSource(view, views_->training()->controller(), doc_->trainingConfig(),
                                    &error);
    }
    if (!source) {
        QMessageBox::warning(this, tr("Record animation"),
                             error.isEmpty() ? tr("%1 cannot be recorded").arg(name) : error);
        return false;
    }
    auto* recorder = new Recorder(this);
    auto* progress = new QProgressDialog(tr("Recording %1…").arg(view->title()), tr("Cancel"), 0,
                                         preset.frameCount(), this);
    progress->setObjectName(QStringLiteral("recordProgress"));
    progress->setWindowModality(Qt::WindowModal);  // no edits while frames are taken
    progress->setMinimumDuration(0);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    connect(recorder, &Recorder::progress, progress, &QProgressDialog::setValue);
    connect(progress, &QProgressDialog::canceled, recorder, &Recorder::cancel);
    connect(recorder, &Recorder::finished, this,
            [this, recorder, progress = QPointer<QProgressDialog>(progress)](
                bool ok, const QString& message) {
                if (progress) {  // gone when the window closes during a recording
                    progress->hide();
                    progress->deleteLater();
                }
                recorder->deleteLater();
                if (ok || message.contains(tr("cancelled")))
                    showMessage(message);  // "Saved PATH (…)" or "Recording cancelled; …"
                else
                    QMessageBox::warning(this, tr("Recording failed"), message);
            });
    if (!recorder->start(std::move(source), preset, format, path, &error)) {
        delete progress;
        delete recorder;
        QMessageBox::warning(this, tr("Record animation"), error);
        return false;
    }
    progress->show();
    return true;
}

}  // namespace equilab
