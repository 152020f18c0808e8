// The document: owns the scenario, the undo stack and the file identity, and tells observers
// what changed through fine-grained signals. Every user edit goes through a QUndoCommand that
// calls replaceScenario(), so undo and redo restore exactly.
#pragma once

#include <QObject>
#include <QUndoStack>

#include "io/scenario_json.h"

namespace equilab {

class Document : public QObject {
    Q_OBJECT
public:
    explicit Document(QObject* parent = nullptr);

    const Scenario& scenario() const { return file_.scenario; }
    const ScenarioFile& file() const { return file_; }
    QUndoStack* undoStack() { return &undo_; }
    QString filePath() const { return path_; }
    bool isModified() const { return !undo_.isClean(); }

    // New / open: replaces everything and clears the undo history.
    void reset(const ScenarioFile& file, const QString& path = {});
    bool open(const QString& path, QString* error);
    bool saveAs(const QString& path, QString* error);

    // Undoable edits.
    void setDimensions(int hidden, int input);
    void setScenario(const Scenario& s, const QString& text, int mergeId = -1);

    // Called by commands only: swap in a scenario and emit what changed.
    void replaceScenario(const Scenario& s);

signals:
    void scenarioReset();                       // everything replaced (new/open)
    void dimensionsChanged(int hidden, int input);
    void scenarioChanged();                     // any change that needs a re-solve
    void filePathChanged(const QString& path);
    void modifiedChanged(bool modified);

private:
    ScenarioFile file_;
    QUndoStack undo_;
    QString path_;
    unsigned seed_ = 1;
};

}  // namespace equilab
