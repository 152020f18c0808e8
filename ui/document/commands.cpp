#include "ui/document/commands.h"

#include "ui/document/document.h"

namespace equilab {

namespace {

qint64 matrixBytes(const Matrix& m) {
    return qint64(m.size()) * qint64(sizeof(double));
}

qint64 scenarioBytes(const Scenario& s) {
    return matrixBytes(s.model.A) + matrixBytes(s.model.B) + matrixBytes(s.model.c) +
           matrixBytes(s.x) + matrixBytes(s.w0);
}

}  // namespace

ScenarioCommand::ScenarioCommand(Document* doc, Scenario after, const QString& text, int mergeId)
    : doc_(doc), other_(std::move(after)), mergeId_(mergeId) {
    setText(text);
}

void ScenarioCommand::undo() {
    doc_->swapScenario(&other_);
}
void ScenarioCommand::redo() {
    doc_->swapScenario(&other_);
}

// Both are applied: this one holds the state before both, the other the state between. Keeping
// this one makes undo return to the state before both, and redo to the document's state now.
bool ScenarioCommand::mergeWith(const QUndoCommand* other) {
    return other->id() == id() && id() >= 0;
}

qint64 ScenarioCommand::bytes() const {
    return scenarioBytes(other_);
}

SetCellsCommand::SetCellsCommand(Document* doc, Block block, int row, int col, Matrix before,
                                 Matrix after, const QString& text, int mergeId)
    : doc_(doc),
      block_(block),
      row_(row),
      col_(col),
      before_(std::move(before)),
      after_(std::move(after)),
      mergeId_(mergeId) {
    setText(text);
}

bool SetCellsCommand::mergeWith(const QUndoCommand* other) {
    const auto* o = dynamic_cast<const SetCellsCommand*>(other);
    if (!o || mergeId_ < 0 || o->mergeId_ != mergeId_ || o->block_ != block_ || o->row_ != row_ ||
        o->col_ != col_ || o->after_.rows() != after_.rows() || o->after_.cols() != after_.cols())
        return false;
    after_ = o->after_;
    setText(o->text());
    return true;
}

void SetCellsCommand::undo() {
    doc_->writeCells(block_, row_, col_, before_);
}
void SetCellsCommand::redo() {
    doc_->writeCells(block_, row_, col_, after_);
}
qint64 SetCellsCommand::bytes() const {
    return matrixBytes(before_) + matrixBytes(after_) + sizeof(*this);
}

SetW0Command::SetW0Command(Document* doc, Vector before, Vector after, const QString& text)
    : doc_(doc), before_(std::move(before)), after_(std::move(after)) {
    setText(text);
}

void SetW0Command::undo() {
    doc_->writeW0(before_);
}
void SetW0Command::redo() {
    doc_->writeW0(after_);
}
qint64 SetW0Command::bytes() const {
    return matrixBytes(before_) + matrixBytes(after_) + sizeof(*this);
}

ReplaceACommand::ReplaceACommand(Document* doc, Matrix after, const QString& text)
    : doc_(doc), other_(std::move(after)) {
    setText(text);
}

void ReplaceACommand::undo() {
    doc_->swapA(&other_);
}
void ReplaceACommand::redo() {
    doc_->swapA(&other_);
}
qint64 ReplaceACommand::bytes() const {
    return matrixBytes(other_);
}

ScaleACommand::ScaleACommand(Document* doc, std::shared_ptr<const Matrix> start, double startNorm,
                             double target)
    : doc_(doc), start_(std::move(start)), startNorm_(startNorm), target_(target) {
    setText(QObject::tr("Scale A to ‖A‖₂ = %1").arg(target_, 0, 'f', 2));
}

void ScaleACommand::undo() {
    doc_->writeA(*start_, startNorm_);
}
void ScaleACommand::redo() {
    doc_->writeScaledA(start_, target_ / startNorm_, target_);
}

bool ScaleACommand::mergeWith(const QUndoCommand* other) {
    const auto* o = dynamic_cast<const ScaleACommand*>(other);
    if (!o || o->start_ != start_) return false;  // another drag
    target_ = o->target_;
    setText(o->text());
    return true;
}

// The start matrix is shared by the steps of a drag; counted once, by the merged command.
qint64 ScaleACommand::bytes() const {
    return matrixBytes(*start_);
}

}  // namespace equilab
