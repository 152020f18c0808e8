// The training panel: dataset, model, hypergradient method, optimizer and parametrization;
// Start / Pause / Stop with a progress bar and an ETA. The configuration lives in the document
// (one place, saved with the scenario): the widgets show it, an edit is an undoable document
// edit (Document::setTrainingConfig), and Start runs the document's configuration.
#pragma once

#include <QWidget>

#include "ui/training/training_config.h"

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace equilab {

class Document;
class TrainingController;
struct TrainingRun;

class TrainingPanel : public QWidget {
    Q_OBJECT
  public:
    explicit TrainingPanel(QWidget* parent = nullptr);
    void setController(TrainingController* c);
    // The document whose training configuration the panel shows and edits.
    void setDocument(Document* doc);
    // The configuration the widgets show, over the document's (fields without a widget keep
    // the document's values).
    TrainingConfig config() const;
    // Sets the document's configuration (one undo step); without a document, only shows it.
    void setConfig(const TrainingConfig& c);
    QPushButton* startButton() const { return start_; }
    QPushButton* pauseButton() const { return pause_; }
    QPushButton* stopButton() const { return stop_; }
    QProgressBar* progressBar() const { return progress_; }
    QComboBox* datasetCombo() const { return dataset_; }
    QPushButton* mnistHelpButton() const { return mnistHelp_; }
    // Start (paused: the run waits at step 0 with Pause checked; Step before Start).
    bool startRun(bool paused = false);

  signals:
    void configChanged(const equilab::TrainingConfig& c);
    void message(const QString& text);

  private:
    void askForMnist();  // how to fetch MNIST, or choose its folder (remembered)
    void updateProgress(int runId);
    // The warning under the progress line: steps whose backward solve missed its tolerance
    // (counted over the new records only).
    void updateBackwardWarning(const TrainingRun& r);
    void updateDatasetControls();
    void emitConfig();
    void showConfig(const TrainingConfig& c);
    TrainingController* controller_ = nullptr;
    Document* doc_ = nullptr;
    QComboBox* dataset_;
    QSpinBox* samples_;
    QDoubleSpinBox* noise_;
    QSpinBox* classes_;
    QSpinBox* dataSeed_;
    QLineEdit* csvPath_;
    QComboBox* task_;  // classification or regression (CSV)
    QPushButton* csvBrowse_;
    QPushButton* mnistHelp_;
    QSpinBox* hidden_;
    QComboBox* method_;
    QSpinBox* T_;
    QSpinBox* K_;
    QLabel* backwardWarning_;
    int warnRun_ = -1;
    size_t warnScanned_ = 0;
    int warnCount_ = 0;
    QDoubleSpinBox* damping_;
    QSpinBox* fpStates_;       // fixed-point correction: states N (0: off)
    QDoubleSpinBox* fpGamma_;  // and their weight γ
    QComboBox* optimizer_;
    QDoubleSpinBox* lr_;
    QDoubleSpinBox* momentum_;
    QComboBox* parametrization_;
    QDoubleSpinBox* radius_;
    QSpinBox* steps_;
    QComboBox* precision_;  // float32 or float64
    QPushButton* start_;
    QPushButton* pause_;
    QPushButton* stop_;
    QPushButton* clear_;
    QProgressBar* progress_;
    QLabel* eta_;
    bool syncing_ = false;
    TrainingConfig standalone_;  // what is shown while there is no document (tests)
};

}  // namespace equilab
