#include "commands.h"

#include "document.h"

namespace equilab {

ScenarioCommand::ScenarioCommand(Document* doc, Scenario before, Scenario after,
                                 const QString& text, int mergeId)
    : doc_(doc), before_(std::move(before)), after_(std::move(after)), mergeId_(mergeId) {
    setText(text);
}

void ScenarioCommand::undo() { doc_->replaceScenario(before_); }
void ScenarioCommand::redo() { doc_->replaceScenario(after_); }

bool ScenarioCommand::mergeWith(const QUndoCommand* other) {
    if (other->id() != id() || id() < 0) return false;
    after_ = static_cast<const ScenarioCommand*>(other)->after_;
    return true;
}

}  // namespace equilab
