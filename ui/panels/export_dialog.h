// The export settings dialog of File → Export Plot and Export All: a preset (paper single or
// double column, slide 16:9) whose size, resolution, type size and line width can be edited,
// or the plot's size on screen in pixels; and for Export All the formats.
#pragma once

#include <QDialog>

#include "ui/views/export_presets.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace equilab {

class ExportDialog : public QDialog {
    Q_OBJECT
  public:
    ExportDialog(bool chooseFormats, QWidget* parent = nullptr);
    // False when "as on screen" is chosen (export at the view's pixel size).
    bool usePreset() const;
    ExportPreset preset() const;
    QStringList formats() const;
    QComboBox* presetCombo() const { return preset_; }

  private:
    void loadPreset(int index);
    void updateSummary();
    QComboBox* preset_;
    QDoubleSpinBox* width_;
    QDoubleSpinBox* height_;
    QSpinBox* dpi_;
    QDoubleSpinBox* font_;
    QDoubleSpinBox* line_;
    QLabel* summary_;
    QList<QCheckBox*> formats_;
};

}  // namespace equilab
