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

ScenarioCommand::ScenarioCommand(Document* doc, Scenario before, Scenario after,
                                 const QString& text, int mergeId)
    : doc_(doc), before_(std::move(before)), after_(std::move(after)), mergeId_(mergeId) {
    setText(text);
}

void ScenarioCommand::undo() {
    doc_->replaceScenario(before_);
}
void ScenarioCommand::redo() {
    doc_->replaceScenario(after_);
}

bool ScenarioCommand::mergeWith(const QUndoCommand* other) {
    if (other->id() != id() || id() < 0) return false;
    after_ = static_cast<const ScenarioCommand*>(other)->after_;
    return true;
}

qint64 ScenarioCommand::bytes() const {
    return scenarioBytes(before_) + scenarioBytes(after_);
}

SetCellsCommand::SetCellsCommand(Document* doc, Block block, int row, int col, Matrix before,
                                 Matrix after, const QString& text)
    : doc_(doc),
      block_(block),
      row_(row),
      col_(col),
      before_(std::move(before)),
      after_(std::move(after)) {
    setText(text);
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

ReplaceACommand::ReplaceACommand(Document* doc, Matrix before, Matrix after, const QString& text)
    : doc_(doc), before_(std::move(before)), after_(std::move(after)) {
    setText(text);
}

void ReplaceACommand::undo() {
    doc_->writeA(before_, -1);
}
void ReplaceACommand::redo() {
    doc_->writeA(after_, -1);
}
qint64 ReplaceACommand::bytes() const {
    return matrixBytes(before_) + matrixBytes(after_);
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
    doc_->writeA(*start_ * (target_ / startNorm_), target_);
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

SolverOptionsCommand::SolverOptionsCommand(Document* doc, SolverOptions before, SolverOptions after)
    : doc_(doc), before_(before), after_(after) {
    setText(QObject::tr("Change solver settings"));
}

void SolverOptionsCommand::undo() {
    doc_->writeSolverOptions(before_);
}
void SolverOptionsCommand::redo() {
    doc_->writeSolverOptions(after_);
}

ParametrizationCommand::ParametrizationCommand(Document* doc, ParametrizationSpec before,
                                               ParametrizationSpec after)
    : doc_(doc), before_(before), after_(after) {
    setText(QObject::tr("Parametrization %1").arg(QString::fromStdString(toString(after.kind))));
}

void ParametrizationCommand::undo() {
    doc_->writeParametrization(before_);
}
void ParametrizationCommand::redo() {
    doc_->writeParametrization(after_);
}

}  // namespace equilab
