#include "ui/record/record_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>

namespace equilab {

QStringList RecordDialog::recordableViews() {
    return {"trajectories",     "phase",
            "convergence",      "orbit",
            "training_loss",    "training_accuracy",
            "training_norm_A",  "training_forward_residual",
            "decision_boundary"};
}

RecordDialog::RecordDialog(const QString& current, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Record animation"));
    QSettings settings;
    view_ = new QComboBox(this);
    view_->setObjectName(QStringLiteral("recordView"));
    const QStringList names = recordableViews();
    const QStringList titles{tr("Trajectories (playback)"),
                             tr("Phase portrait or cobweb (playback)"),
                             tr("Convergence (playback)"),
                             tr("Orbit diagram (sweep)"),
                             tr("Training: loss (a new run)"),
                             tr("Training: accuracy (a new run)"),
                             tr("Training: ‖A‖₂ (a new run)"),
                             tr("Training: forward iterations (a new run)"),
                             tr("Training: decision boundary (a new run)")};
    for (int i = 0; i < names.size(); ++i) view_->addItem(titles[i], names[i]);
    const int at = view_->findData(current);
    view_->setCurrentIndex(at >= 0 ? at : 1);
    format_ = new QComboBox(this);
    format_->setObjectName(QStringLiteral("recordFormat"));
    format_->addItem(tr("Animated GIF (web pages, any slide program)"), QStringLiteral("gif"));
    format_->addItem(tr("MP4 video, H.264 (PowerPoint, Impress, browsers)"), QStringLiteral("mp4"));
    format_->setCurrentIndex(std::max(0, format_->findData(settings.value("recordFormat"))));
    preset_ = new QComboBox(this);
    preset_->setObjectName(QStringLiteral("recordPreset"));
    for (const ExportPreset& p : exportPresets()) preset_->addItem(p.title, p.name);
    const int presetAt = preset_->findData(settings.value("recordPreset", "slide"));
    preset_->setCurrentIndex(std::max(0, presetAt));
    fps_ = new QSpinBox(this);
    fps_->setObjectName(QStringLiteral("recordFps"));
    fps_->setRange(1, 50);
    fps_->setSuffix(tr(" frames/s"));
    duration_ = new QDoubleSpinBox(this);
    duration_->setObjectName(QStringLiteral("recordDuration"));
    duration_->setRange(0.2, 120);
    duration_->setDecimals(1);
    duration_->setSuffix(tr(" s"));
    summary_ = new QLabel(this);
    presetChosen();
    if (settings.contains("recordFps")) fps_->setValue(settings.value("recordFps").toInt());
    if (settings.contains("recordDuration"))
        duration_->setValue(settings.value("recordDuration").toDouble());
    auto* form = new QFormLayout(this);
    form->addRow(tr("View"), view_);
    form->addRow(tr("Format"), format_);
    form->addRow(tr("Size"), preset_);
    form->addRow(tr("Frame rate"), fps_);
    form->addRow(tr("Length"), duration_);
    form->addRow(summary_);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Record…"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QSettings s;
        s.setValue("recordFormat", format_->currentData());
        s.setValue("recordPreset", preset_->currentData());
        s.setValue("recordFps", fps_->value());
        s.setValue("recordDuration", duration_->value());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(preset_, &QComboBox::currentIndexChanged, this, &RecordDialog::presetChosen);
    connect(fps_, &QSpinBox::valueChanged, this, &RecordDialog::updateSummary);
    connect(duration_, &QDoubleSpinBox::valueChanged, this, &RecordDialog::updateSummary);
    connect(format_, &QComboBox::currentIndexChanged, this, &RecordDialog::updateSummary);
}

void RecordDialog::presetChosen() {
    ExportPreset p;
    findExportPreset(preset_->currentData().toString(), &p);
    fps_->setValue(p.fps);
    duration_->setValue(p.duration_s);
    updateSummary();
}

void RecordDialog::updateSummary() {
    const ExportPreset p = preset();
    summary_->setText(tr("%1 frames of %2 × %3 pixels")
                          .arg(p.frameCount())
                          .arg(p.pixelWidth())
                          .arg(p.pixelHeight()));
}

QString RecordDialog::view() const {
    return view_->currentData().toString();
}

AnimationFormat RecordDialog::format() const {
    AnimationFormat f = AnimationFormat::Gif;
    animationFormatFromText(format_->currentData().toString(), &f);
    return f;
}

ExportPreset RecordDialog::preset() const {
    ExportPreset p;
    findExportPreset(preset_->currentData().toString(), &p);
    p.fps = fps_->value();
    p.duration_s = duration_->value();
    return p;
}

}  // namespace equilab
