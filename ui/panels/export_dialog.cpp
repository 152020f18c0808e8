#include "ui/panels/export_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSettings>
#include <QSpinBox>

namespace equilab {

ExportDialog::ExportDialog(bool chooseFormats, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Export settings"));
    preset_ = new QComboBox(this);
    preset_->setObjectName(QStringLiteral("exportPreset"));
    preset_->addItem(tr("As on screen (pixels)"), QString());
    for (const ExportPreset& p : exportPresets()) preset_->addItem(p.title, p.name);
    width_ = new QDoubleSpinBox(this);
    width_->setRange(0.5, 40);
    width_->setSuffix(tr(" in"));
    height_ = new QDoubleSpinBox(this);
    height_->setRange(0.5, 40);
    height_->setSuffix(tr(" in"));
    dpi_ = new QSpinBox(this);
    dpi_->setRange(36, 1200);
    dpi_->setSuffix(tr(" dpi"));
    font_ = new QDoubleSpinBox(this);
    font_->setRange(4, 60);
    font_->setDecimals(1);
    font_->setSuffix(tr(" pt"));
    line_ = new QDoubleSpinBox(this);
    line_->setRange(0.1, 10);
    line_->setSingleStep(0.1);
    line_->setPrefix(tr("× "));
    summary_ = new QLabel(this);
    auto* form = new QFormLayout;
    form->addRow(tr("Preset"), preset_);
    form->addRow(tr("Width"), width_);
    form->addRow(tr("Height"), height_);
    form->addRow(tr("Resolution (PNG)"), dpi_);
    form->addRow(tr("Font size"), font_);
    form->addRow(tr("Line width"), line_);
    form->addRow(summary_);
    if (chooseFormats) {
        auto* row = new QHBoxLayout;
        const QStringList chosen =
            QSettings()
                .value("exportFormats", QStringList{"png", "pdf", "svg", "csv"})
                .toStringList();
        for (const char* f : {"png", "pdf", "svg", "csv"}) {
            auto* box = new QCheckBox(QString::fromLatin1(f), this);
            box->setChecked(chosen.contains(QLatin1String(f)));
            row->addWidget(box);
            formats_.append(box);
        }
        form->addRow(tr("Formats"), row);
    }
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        QSettings s;
        s.setValue("exportPreset", preset_->currentData().toString());
        if (!formats_.isEmpty()) s.setValue("exportFormats", formats());
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
    connect(preset_, &QComboBox::currentIndexChanged, this, &ExportDialog::loadPreset);
    for (QDoubleSpinBox* s : {width_, height_, font_, line_})
        connect(s, &QDoubleSpinBox::valueChanged, this, &ExportDialog::updateSummary);
    connect(dpi_, &QSpinBox::valueChanged, this, &ExportDialog::updateSummary);
    const int saved = preset_->findData(
        QSettings().value("exportPreset", QStringLiteral("paper-single")).toString());
    preset_->setCurrentIndex(saved < 0 ? 1 : saved);
    loadPreset(preset_->currentIndex());
}

void ExportDialog::loadPreset(int index) {
    ExportPreset p;
    const bool preset = findExportPreset(preset_->itemData(index).toString(), &p);
    for (QWidget* w : std::initializer_list<QWidget*>{width_, height_, dpi_, font_, line_})
        w->setEnabled(preset);
    if (preset) {
        width_->setValue(p.width_in);
        height_->setValue(p.height_in);
        dpi_->setValue(p.dpi);
        font_->setValue(p.font_pt);
        line_->setValue(p.line_width);
    }
    updateSummary();
}

void ExportDialog::updateSummary() {
    if (!usePreset()) {
        summary_->setText(tr("The plot's size and style as on screen."));
        return;
    }
    const ExportPreset p = preset();
    summary_->setText(tr("PNG %1 × %2 pixels; PDF and SVG %3 × %4 pt")
                          .arg(p.pixelWidth())
                          .arg(p.pixelHeight())
                          .arg(p.canvasWidth())
                          .arg(p.canvasHeight()));
}

bool ExportDialog::usePreset() const {
    return !preset_->currentData().toString().isEmpty();
}

ExportPreset ExportDialog::preset() const {
    ExportPreset p;
    findExportPreset(preset_->currentData().toString(), &p);
    p.width_in = width_->value();
    p.height_in = height_->value();
    p.dpi = dpi_->value();
    p.font_pt = font_->value();
    p.line_width = line_->value();
    return p;
}

QStringList ExportDialog::formats() const {
    QStringList out;
    for (QCheckBox* b : formats_)
        if (b->isChecked()) out << b->text();
    return out;
}

}  // namespace equilab
