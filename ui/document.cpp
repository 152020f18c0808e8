#include "document.h"

#include "commands.h"

namespace equilab {

Document::Document(QObject* parent) : QObject(parent) {
    file_.scenario = defaultScenario();
    connect(&undo_, &QUndoStack::cleanChanged, this,
            [this](bool clean) { emit modifiedChanged(!clean); });
}

void Document::reset(const ScenarioFile& file, const QString& path) {
    file_ = file;
    undo_.clear();
    undo_.setClean();
    if (path != path_) {
        path_ = path;
        emit filePathChanged(path_);
    }
    emit scenarioReset();
    emit dimensionsChanged(static_cast<int>(scenario().hiddenDim()),
                           static_cast<int>(scenario().inputDim()));
    emit scenarioChanged();
}

bool Document::open(const QString& path, QString* error) {
    ScenarioFile f;
    if (!loadScenarioFile(path, &f, error)) return false;  // nothing changes on failure
    reset(f, path);
    return true;
}

bool Document::saveAs(const QString& path, QString* error) {
    if (!saveScenarioFile(path, file_, error)) return false;
    undo_.setClean();
    if (path != path_) {
        path_ = path;
        emit filePathChanged(path_);
    }
    return true;
}

void Document::setDimensions(int hidden, int input) {
    if (hidden == scenario().hiddenDim() && input == scenario().inputDim()) return;
    const Scenario after = resizedScenario(scenario(), hidden, input, seed_++);
    setScenario(after, tr("Resize to n = %1, d = %2").arg(hidden).arg(input));
}

void Document::setScenario(const Scenario& s, const QString& text, int mergeId) {
    undo_.push(new ScenarioCommand(this, scenario(), s, text, mergeId));
}

void Document::replaceScenario(const Scenario& s) {
    const bool resized =
        s.hiddenDim() != scenario().hiddenDim() || s.inputDim() != scenario().inputDim();
    file_.scenario = s;
    if (resized)
        emit dimensionsChanged(static_cast<int>(s.hiddenDim()), static_cast<int>(s.inputDim()));
    emit scenarioChanged();
}

}  // namespace equilab
