// The document: owns the scenario, the view settings, the undo stack and the file identity, and
// tells observers what changed through fine-grained signals. Every user edit of the scenario
// goes through a small QUndoCommand (commands.h) that stores only what it changes and writes it
// back through the write*() functions, so undo and redo restore exactly. The undo history is
// bounded in memory (kUndoBudgetBytes).
#pragma once

#include <QObject>
#include <QRect>
#include <QUndoStack>

#include <memory>
#include "core/model/generators.h"
#include "io/scenario_json.h"
#include "ui/document/view_settings.h"
#include "ui/training/training_config.h"

namespace equilab {

enum class Block { A, B, c, x, w0 };
QString blockName(Block b);

class GenerateController;
class MemoryCommand;

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
    const SolverOptions& solverOptions() const { return file_.scenario.solver; }
    const ParametrizationSpec& parametrization() const { return file_.scenario.parametrization; }
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
    // A rectangle of entries (a paste), already validated; false if it does not fit.
    // With a merge id, consecutive calls on the same rectangle are one undo step (a slider drag).
    bool setCells(Block block, int row, int col, const Matrix& values, const QString& text,
                  int mergeId = -1);
    void setSolverOptions(const SolverOptions& options);
    void setParametrization(const ParametrizationSpec& spec);
    // Generate A and resize draw new random entries: above kInlineGenerationUpTo (n) they are
    // drawn on a worker thread (generate_worker.h) and applied as one undo step when they arrive;
    // until then the document is unchanged, and any other change of it cancels them.
    void generateA(MatrixGenerator kind, double norm, int reflections);
    void applyParametrizationToA();  // bakes the parametrization into A
    // A scaled to ‖A‖₂ = norm; consecutive calls merge into one undo step. currentNorm: ‖A‖₂ of
    // the document's A when the caller knows it from the worker (stale-checked against
    // aRevision()), −1 if not.
    void scaleAToNorm(double norm, double currentNorm = -1);
    void setScenario(const Scenario& s, const QString& text, int mergeId = -1);
    // w0 replaced as a whole (a click in the phase plane): n numbers before and after.
    void setW0(const Vector& w0, const QString& text);
    bool isGenerating() const;
    void cancelGeneration();
    // The seed the next Generate A or resize uses (each request takes one).
    unsigned nextSeed() const { return seed_; }
    static constexpr int kInlineGenerationUpTo = 200;
    // Tests: n up to which generation stays on the GUI thread (0: always on the worker).
    void setInlineGenerationUpTo(int n) { inlineUpTo_ = n; }
    // View settings are saved with the scenario but not part of the undo history.
    void setViewSettings(const ViewSettings& v);
    // The training configuration: one undo step (its one place; the panel edits it here).
    void setTrainingConfig(const TrainingConfig& c);
    // After a recovery: the content differs from the file on disk, so it counts as modified.
    void markRecovered();

    // Called by commands only: write what they store and emit what changed.
    void replaceScenario(const Scenario& s);
    void swapScenario(Scenario* s);  // exchanges contents: no copy
    void swapA(Matrix* A);           // the same for A (same shape)
    void writeCells(Block block, int row, int col, const Matrix& values);
    void writeW0(const Vector& w0);                  // empty: zeros
    void writeA(const Matrix& A, double knownNorm);  // knownNorm < 0: not known
    // A = factor·start in place; start is kept as the solver's shared A (no copy per step).
    void writeScaledA(const std::shared_ptr<const Matrix>& start, double factor, double norm);
    void writeSolverOptions(const SolverOptions& options);
    void writeParametrization(const ParametrizationSpec& spec);
    void writeTrainingConfig(const TrainingConfig& c);

    // ‖A‖₂ when an edit fixed it (the scale slider): −1 otherwise. Nothing is computed here and
    // no result is written back: the solve's certificate carries the norm of what it solved, and
    // aRevision() (which changes with every change of A) tells whether that is the A shown.
    double knownNormA() const { return normA_; }
    quint64 aRevision() const { return aRevision_; }

    // A as *scale·(*result), immutable and shared with the solve worker: a copy made once per
    // change of A (an edit of c, x, B or the options reuses it), or the slider's start matrix.
    std::shared_ptr<const Matrix> sharedA(double* scale) const;

    // Entries of a block as a matrix (vectors are one column; empty w0 reads as zeros).
    Matrix blockMatrix(Block b) const;
    // One entry, and a block's shape, without copying the block.
    double entry(Block b, int row, int col) const;
    int blockRows(Block b) const;
    int blockCols(Block b) const;

    // The undo history keeps at most this many bytes of stored matrices; an edit that would
    // exceed it clears the older history first (and says so through historyTrimmed).
    static constexpr qint64 kUndoBudgetBytes = qint64(512) << 20;
    qint64 undoBytes() const;

  signals:
    void scenarioReset();  // everything replaced (new/open)
    void dimensionsChanged(int hidden, int input);
    void scenarioChanged();  // any change that needs a re-solve
    // The entries of `cells` (x = column, y = row) of a block changed; its shape did not.
    void cellsChanged(equilab::Block block, const QRect& cells);
    void normAChanged(double norm);  // −1: not known yet
    void historyTrimmed(const QString& message);
    // What is generated on the worker ("generating A (random, n = 2000)…"); empty when nothing is.
    void generationChanged(const QString& what);
    void generationCancelled(const QString& message);
    // The worker retired a request that had become stale (superseded or cancelled): nothing of
    // it was applied.
    void generationDropped();
    void viewSettingsChanged();
    // Parts of the scenario that have no cells (each also emits scenarioChanged).
    void solverOptionsChanged();
    void parametrizationChanged();
    void trainingConfigChanged();
    void filePathChanged(const QString& path);
    void modifiedChanged(bool modified);

  private:
    void push(MemoryCommand* command);
    bool generatesInline(int hidden, int input) const;
    void applyGenerated();
    void emitAllCellsChanged();
    void aChanged(double knownNorm);  // every change of A: revision, shared copy, known norm
    ScenarioFile file_;
    ViewSettings view_;
    TrainingConfig training_;
    QUndoStack undo_;
    QString path_;
    unsigned seed_ = 1;
    GenerateController* generator_;
    int inlineUpTo_ = kInlineGenerationUpTo;
    bool viewDirty_ = false;
    double normA_ = -1;  // −1: not known
    quint64 aRevision_ = 0;
    mutable std::shared_ptr<const Matrix> sharedA_;  // null: A changed since
    mutable double sharedAScale_ = 1.0;
};

}  // namespace equilab
