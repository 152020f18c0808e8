// Undo commands. Each edit stores the scenario before and after (scenarios are small next to
// the cost of a solve), so undo/redo restore bit for bit. Commands with the same merge id merge
// (consecutive slider moves become one step).
#pragma once

#include <QUndoCommand>

#include "scenario.h"

namespace equilab {

class Document;

class ScenarioCommand : public QUndoCommand {
public:
    ScenarioCommand(Document* doc, Scenario before, Scenario after, const QString& text,
                    int mergeId = -1);
    void undo() override;
    void redo() override;
    int id() const override { return mergeId_; }
    bool mergeWith(const QUndoCommand* other) override;

private:
    Document* doc_;
    Scenario before_;
    Scenario after_;
    int mergeId_;
};

// Merge ids.
enum CommandId { kScaleSliderCommand = 1 };

}  // namespace equilab
