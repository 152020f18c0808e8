// The document: owns the scenario, the view settings, the undo stack and the file identity, and
// tells observers what changed through fine-grained signals. Every user edit of the scenario
// goes through a QUndoCommand that calls replaceScenario(), so undo and redo restore exactly.
#pragma once

#include <QObject>
#include <QUndoStack>

#include "generators.h"
#include "io/scenario_json.h"
#include "training/training_config.h"
#include "view_settings.h"

namespace equilab {

enum class Block { A, B, c, x, w0 };
QString blockName(Block b);

class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);
    // Disconnects the undo stack first: its destructor emits cleanChanged, which must not reach
    // observers that are being destroyed themselves.
    ~Document() override;

    const Scenario& scenario() const { return file_.scenario; }
    ScenarioFile file() const;  // with the current view settings
    const ViewSettings& viewSettings() const { return view_; }
    const TrainingConfig& trainingConfig() const { return training_; }
    QUndoStack* undoStack() { return &undo_; }
    QString filePath() const { return path_; }
    bool isModified() const { return !undo_.isClean() || viewDirty_; }

    // New / open: replaces everything and clears the undo history.
    void reset(const ScenarioFile& file, const QString& path = {});
    bool open(const QString& path, QString* error);
    bool saveAs(const QString& path, QString* error);

    // Undoable edits. Each validates first; on failure *error says why and nothing changes.
    void setDimensions(int hidden, int input);
    bool setDimensions(int hidden, int input, QString* error);  // with a message when refused
    bool setEntry(Block block, int row, int col, double value, QString* error);
    void setSolverOptions(const SolverOptions& options);
    void setParametrization(const ParametrizationSpec& spec);
    void generateA(MatrixGenerator kind, double norm, int reflections);
    void applyParametrizationToA();   // bakes the parametrization into A
    void scaleAToNorm(double norm);   // consecutive calls merge into one undo step
    void setScenario(const Scenario& s, const QString& text, int mergeId = -1);
    // View settings are saved with the scenario but not part of the undo history.
    void setViewSettings(const ViewSettings& v);
    void setTrainingConfig(const TrainingConfig& c);
    // After a recovery: the content differs from the file on disk, so it counts as modified.
    void markRecovered();

    // Called by commands only: swap in a scenario and emit what changed.
    void replaceScenario(const Scenario& s);

    // ‖A‖₂ of the scenario's A (cached; recomputed once per change of A).
    double normA() const;

    // Entries of a block as a matrix (vectors are one column; empty w0 reads as zeros).
    Matrix blockMatrix(Block b) const;

signals:
    void scenarioReset();                       // everything replaced (new/open)
    void dimensionsChanged(int hidden, int input);
    void scenarioChanged();                     // any change that needs a re-solve
    void viewSettingsChanged();
    void trainingConfigChanged();
    void filePathChanged(const QString& path);
    void modifiedChanged(bool modified);

private:
    ScenarioFile file_;
    ViewSettings view_;
    TrainingConfig training_;
    QUndoStack undo_;
    QString path_;
    unsigned seed_ = 1;
    bool viewDirty_ = false;
    mutable double normA_ = -1;  // −1: stale
};

}  // namespace equilab
