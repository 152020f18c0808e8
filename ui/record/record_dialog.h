// File → Record animation…: which view, GIF or MP4, the preset (size), frames per second and
// length. The preset's frame rate and length fill the spin boxes; the choice is remembered.
#pragma once

#include <QDialog>

#include "media/animation_encoder.h"
#include "ui/views/export_presets.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;

namespace equilab {

class RecordDialog : public QDialog {
    Q_OBJECT
  public:
    // The views that can be recorded, by export name (recordableViews()); `current` is chosen
    // when it is one of them.
    RecordDialog(const QString& current, QWidget* parent = nullptr);
    static QStringList recordableViews();
    QString view() const;
    AnimationFormat format() const;
    ExportPreset preset() const;  // with the frame rate and length chosen here

    QComboBox* viewBox() const { return view_; }
    QComboBox* formatBox() const { return format_; }
    QComboBox* presetBox() const { return preset_; }
    QSpinBox* fpsBox() const { return fps_; }
    QDoubleSpinBox* durationBox() const { return duration_; }

  private:
    void presetChosen();
    void updateSummary();
    QComboBox* view_;
    QComboBox* format_;
    QComboBox* preset_;
    QSpinBox* fps_;
    QDoubleSpinBox* duration_;
    QLabel* summary_;
};

}  // namespace equilab
