// Undo commands, one per kind of edit, each storing only what it changes (as Tiled's commands
// do), so that a one-entry edit of a 2000×2000 A costs two numbers, not two scenarios. Every
// command writes through the Document's write*() functions, which emit signals naming what
// changed; undo and redo restore bit for bit. bytes() is what a command holds, for the
// document's undo memory budget.
#pragma once

#include <QRect>
#include <QUndoCommand>

#include <memory>

#include "core/model/scenario.h"

namespace equilab {

class Document;
enum class Block;

// Merge ids, all declared here (consecutive commands with the same id become one undo step).
// −1: never merges. A drive-slider drag takes one id of its own range per drag.
enum CommandId : int {
    kNoMerge = -1,
    kScaleSliderCommand = 1,
    kDriveSliderFirst = 1000,
    kDriveSliderLast = kDriveSliderFirst + 999999,
};

class MemoryCommand : public QUndoCommand {
  public:
    using QUndoCommand::QUndoCommand;
    virtual qint64 bytes() const = 0;
};

// A whole scenario replaced: resize, a lesson's state, exploring a model input. The command
// holds the scenario that is not shown and swaps it with the document's on redo and undo, so
// applying it copies nothing (a resize at n = 2000 would copy 32 MB twice on the GUI thread)
// and it stores one scenario, not two. Merged commands keep the first one's (the state before).
class ScenarioCommand : public MemoryCommand {
  public:
    ScenarioCommand(Document* doc, Scenario after, const QString& text, int mergeId = kNoMerge);
    void undo() override;
    void redo() override;
    int id() const override { return mergeId_; }
    bool mergeWith(const QUndoCommand* other) override;
    qint64 bytes() const override;

  private:
    Document* doc_;
    Scenario other_;  // after before the first redo, the state before while applied
    int mergeId_;
};

// A rectangle of one block (one entry, a pasted block, the row or entries a drive slider moves):
// its values before and after. With a merge id, consecutive commands on the same rectangle (the
// steps of one slider drag) merge: the first one's before, the last one's after.
class SetCellsCommand : public MemoryCommand {
  public:
    SetCellsCommand(Document* doc, Block block, int row, int col, Matrix before, Matrix after,
                    const QString& text, int mergeId = kNoMerge);
    void undo() override;
    void redo() override;
    int id() const override { return mergeId_; }
    bool mergeWith(const QUndoCommand* other) override;
    qint64 bytes() const override;

  private:
    Document* doc_;
    Block block_;
    int row_, col_;
    Matrix before_, after_;
    int mergeId_;
};

// The whole w0 before and after, for an edit that changes whether w0 is set (empty w0 means
// zeros): undo brings back the empty w0, not explicit zeros. n numbers each.
class SetW0Command : public MemoryCommand {
  public:
    SetW0Command(Document* doc, Vector before, Vector after, const QString& text);
    void undo() override;
    void redo() override;
    qint64 bytes() const override;

  private:
    Document* doc_;
    Vector before_, after_;
};

// A replaced by another matrix (Generate A, bake the parametrization): swapped with the
// document's A on redo and undo, as ScenarioCommand does (no copy, one matrix stored).
class ReplaceACommand : public MemoryCommand {
  public:
    ReplaceACommand(Document* doc, Matrix after, const QString& text);
    void undo() override;
    void redo() override;
    qint64 bytes() const override;

  private:
    Document* doc_;
    Matrix other_;
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

// One value of the scenario replaced by another (solver options, the parametrization), as
// Tiled's ChangeValue: the command holds the value that is not shown and swaps it with the
// document's on redo and undo, through the document's getter and write function (which emits
// the signal naming what changed). sizeof(T) bytes, whatever the scenario's size.
// (Doc is Document; a parameter so that the calls compile where Document is complete.)
template <class T, class Doc = Document>
class ChangeValueCommand : public MemoryCommand {
  public:
    using Get = const T& (Doc::*)() const;
    using Write = void (Doc::*)(const T&);
    ChangeValueCommand(Doc* doc, Get get, Write write, T value, const QString& text)
        : doc_(doc), get_(get), write_(write), value_(std::move(value)) {
        setText(text);
    }
    void undo() override { swap(); }
    void redo() override { swap(); }
    qint64 bytes() const override { return sizeof(*this); }

  private:
    void swap() {
        T shown = (doc_->*get_)();
        (doc_->*write_)(value_);
        value_ = std::move(shown);
    }
    Doc* doc_;
    Get get_;
    Write write_;
    T value_;  // the new value before the first redo, the one replaced while applied
};

}  // namespace equilab
