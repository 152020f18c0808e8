// Undo commands, one per kind of edit, each storing only what it changes (as Tiled's commands
// do), so that a one-entry edit of a 2000×2000 A costs two numbers, not two scenarios. Every
// command writes through the Document's write*() functions, which emit signals naming what
// changed; undo and redo restore bit for bit. bytes() is what a command holds, for the
// document's undo memory budget.
#pragma once

#include <QRect>
#include <QUndoCommand>

#include <memory>

#include "core/scenario.h"

namespace equilab {

class Document;
enum class Block;

// Merge ids (consecutive commands with the same id become one undo step).
enum CommandId { kScaleSliderCommand = 1, kEntrySliderCommand = 2 };

class MemoryCommand : public QUndoCommand {
  public:
    using QUndoCommand::QUndoCommand;
    virtual qint64 bytes() const = 0;
};

// The whole scenario before and after: resize, a lesson's state, exploring a model input.
class ScenarioCommand : public MemoryCommand {
  public:
    ScenarioCommand(Document* doc, Scenario before, Scenario after, const QString& text,
                    int mergeId = -1);
    void undo() override;
    void redo() override;
    int id() const override { return mergeId_; }
    bool mergeWith(const QUndoCommand* other) override;
    qint64 bytes() const override;

  private:
    Document* doc_;
    Scenario before_;
    Scenario after_;
    int mergeId_;
};

// A rectangle of one block (one entry, or a pasted block): its values before and after.
class SetCellsCommand : public MemoryCommand {
  public:
    SetCellsCommand(Document* doc, Block block, int row, int col, Matrix before, Matrix after,
                    const QString& text);
    void undo() override;
    void redo() override;
    qint64 bytes() const override;

  private:
    Document* doc_;
    Block block_;
    int row_, col_;
    Matrix before_, after_;
};

// A replaced by another matrix (Generate A, bake the parametrization).
class ReplaceACommand : public MemoryCommand {
  public:
    ReplaceACommand(Document* doc, Matrix before, Matrix after, const QString& text);
    void undo() override;
    void redo() override;
    qint64 bytes() const override;

  private:
    Document* doc_;
    Matrix before_, after_;
};

// A scaled to ‖A‖₂ = target by the slider: A at the drag's start (shared by the steps of one
// drag) and its norm; each step computes start·(target/norm), so a merged drag redoes to the
// very bits it showed.
class ScaleACommand : public MemoryCommand {
  public:
    ScaleACommand(Document* doc, std::shared_ptr<const Matrix> start, double startNorm,
                  double target);
    void undo() override;
    void redo() override;
    int id() const override { return kScaleSliderCommand; }
    bool mergeWith(const QUndoCommand* other) override;
    qint64 bytes() const override;
    const std::shared_ptr<const Matrix>& start() const { return start_; }
    double startNorm() const { return startNorm_; }

  private:
    Document* doc_;
    std::shared_ptr<const Matrix> start_;
    double startNorm_, target_;
};

// Solver options or the parametrization: a few numbers before and after.
class SolverOptionsCommand : public MemoryCommand {
  public:
    SolverOptionsCommand(Document* doc, SolverOptions before, SolverOptions after);
    void undo() override;
    void redo() override;
    qint64 bytes() const override { return sizeof(*this); }

  private:
    Document* doc_;
    SolverOptions before_, after_;
};

class ParametrizationCommand : public MemoryCommand {
  public:
    ParametrizationCommand(Document* doc, ParametrizationSpec before, ParametrizationSpec after);
    void undo() override;
    void redo() override;
    qint64 bytes() const override { return sizeof(*this); }

  private:
    Document* doc_;
    ParametrizationSpec before_, after_;
};

}  // namespace equilab
