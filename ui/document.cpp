#include "document.h"

#include <cmath>

#include "commands.h"
#include "model.h"

namespace equilab {

QString blockName(Block b) {
    switch (b) {
        case Block::A: return QStringLiteral("A");
        case Block::B: return QStringLiteral("B");
        case Block::c: return QStringLiteral("c");
        case Block::x: return QStringLiteral("x");
        case Block::w0: return QStringLiteral("w0");
    }
    return {};
}

Document::Document(QObject* parent) : QObject(parent) {
    file_.scenario = defaultScenario();
    connect(&undo_, &QUndoStack::cleanChanged, this, [this] { emit modifiedChanged(isModified()); });
}

Document::~Document() {
    QObject::disconnect(&undo_, nullptr, this, nullptr);
    blockSignals(true);
}

ScenarioFile Document::file() const {
    ScenarioFile f = file_;
    f.view = view_.toJson();
    f.extra["training"] = training_.toJson();
    return f;
}

void Document::reset(const ScenarioFile& file, const QString& path) {
    file_ = file;
    normA_ = -1;
    view_ = ViewSettings::fromJson(file.view);
    training_ = TrainingConfig::fromJson(file.extra.value("training").toObject());
    viewDirty_ = false;
    undo_.clear();
    undo_.setClean();
    if (path != path_) {
        path_ = path;
        emit filePathChanged(path_);
    }
    emit scenarioReset();
    emit viewSettingsChanged();
    emit trainingConfigChanged();
    emit dimensionsChanged(static_cast<int>(scenario().hiddenDim()),
                           static_cast<int>(scenario().inputDim()));
    emit scenarioChanged();
    emit modifiedChanged(false);
}

bool Document::open(const QString& path, QString* error) {
    ScenarioFile f;
    if (!loadScenarioFile(path, &f, error)) return false;  // nothing changes on failure
    reset(f, path);
    return true;
}

bool Document::saveAs(const QString& path, QString* error) {
    if (!saveScenarioFile(path, file(), error)) return false;
    viewDirty_ = false;
    undo_.setClean();
    emit modifiedChanged(false);
    if (path != path_) {
        path_ = path;
        emit filePathChanged(path_);
    }
    return true;
}

bool Document::setDimensions(int hidden, int input, QString* error) {
    if (hidden < 1 || hidden > kMaxHiddenDim) {
        if (error) *error = tr("hidden dimension %1 is out of range (1 to %2); nothing changed").arg(hidden).arg(kMaxHiddenDim);
        return false;
    }
    if (input < 1 || input > kMaxInputDim) {
        if (error) *error = tr("input dimension %1 is out of range (1 to %2); nothing changed").arg(input).arg(kMaxInputDim);
        return false;
    }
    setDimensions(hidden, input);
    return true;
}

void Document::setDimensions(int hidden, int input) {
    if (hidden == scenario().hiddenDim() && input == scenario().inputDim()) return;
    if (hidden < 1 || hidden > kMaxHiddenDim || input < 1 || input > kMaxInputDim) return;
    const Scenario after = resizedScenario(scenario(), hidden, input, seed_++);
    setScenario(after, tr("Resize to n = %1, d = %2").arg(hidden).arg(input));
}

Matrix Document::blockMatrix(Block b) const {
    const Scenario& s = scenario();
    switch (b) {
        case Block::A: return s.model.A;
        case Block::B: return s.model.B;
        case Block::c: return s.model.c;
        case Block::x: return s.x;
        case Block::w0: return s.startingPoint();
    }
    return {};
}

bool Document::setEntry(Block block, int row, int col, double value, QString* error) {
    // 1-based, as every index the UI shows.
    const QString cell = blockName(block) + QStringLiteral("[%1]").arg(row + 1) +
                         (block == Block::A || block == Block::B ? QStringLiteral("[%1]").arg(col + 1) : QString());
    if (!std::isfinite(value)) {
        if (error) *error = cell + tr(": not a finite number; the entry is unchanged");
        return false;
    }
    if (std::abs(value) > kMaxEntryMagnitude) {
        if (error) *error = cell + tr(": magnitude above the limit of 1e6; the entry is unchanged");
        return false;
    }
    const Matrix current = blockMatrix(block);
    if (row < 0 || row >= current.rows() || col < 0 || col >= current.cols()) {
        if (error) *error = cell + tr(": outside the matrix");
        return false;
    }
    if (current(row, col) == value) return true;
    Scenario s = scenario();
    switch (block) {
        case Block::A: s.model.A(row, col) = value; break;
        case Block::B: s.model.B(row, col) = value; break;
        case Block::c: s.model.c(row) = value; break;
        case Block::x: s.x(row) = value; break;
        case Block::w0:
            if (!s.w0.size()) s.w0 = Vector::Zero(s.hiddenDim());
            s.w0(row) = value;
            break;
    }
    setScenario(s, tr("Edit %1").arg(cell));
    return true;
}

void Document::setSolverOptions(const SolverOptions& options) {
    std::string why;
    if (!options.IsValid(&why)) return;
    const SolverOptions& c = scenario().solver;
    if (c.method == options.method && c.tolerance == options.tolerance &&
        c.max_iterations == options.max_iterations && c.damping == options.damping &&
        c.memory == options.memory)
        return;  // nothing changed: no undo step
    Scenario s = scenario();
    s.solver = options;
    setScenario(s, tr("Change solver settings"));
}

void Document::setParametrization(const ParametrizationSpec& spec) {
    if (!spec.IsValid(nullptr)) return;
    const ParametrizationSpec& c = scenario().parametrization;
    if (c.kind == spec.kind && c.radius == spec.radius && c.reflections == spec.reflections) return;
    Scenario s = scenario();
    s.parametrization = spec;
    setScenario(s, tr("Parametrization %1").arg(QString::fromStdString(toString(spec.kind))));
}

void Document::generateA(MatrixGenerator kind, double norm, int reflections) {
    Scenario s = scenario();
    s.model.A = generateMatrix(kind, s.hiddenDim(), norm, seed_++, reflections);
    setScenario(s, tr("Generate %1 A").arg(QString::fromStdString(toString(kind))));
}

void Document::applyParametrizationToA() {
    Scenario s = scenario();
    s.model = s.effectiveModel();
    setScenario(s, tr("Apply %1 to A").arg(QString::fromStdString(toString(s.parametrization.kind))));
}

double Document::normA() const {
    if (normA_ < 0) normA_ = spectralNormFast(scenario().model.A);
    return normA_;
}

void Document::scaleAToNorm(double norm) {
    const double current = normA();
    if (!(current > 0) || !(norm >= 0) || !std::isfinite(norm)) return;
    Scenario s = scenario();
    s.model.A *= norm / current;
    setScenario(s, tr("Scale A to ‖A‖₂ = %1").arg(norm, 0, 'f', 2), kScaleSliderCommand);
}

void Document::setScenario(const Scenario& s, const QString& text, int mergeId) {
    undo_.push(new ScenarioCommand(this, scenario(), s, text, mergeId));
}

void Document::setViewSettings(const ViewSettings& v) {
    if (v == view_) return;
    view_ = v;
    viewDirty_ = true;
    emit viewSettingsChanged();
    emit modifiedChanged(true);
}

void Document::setTrainingConfig(const TrainingConfig& c) {
    if (c.toJson() == training_.toJson()) return;
    training_ = c;
    viewDirty_ = true;
    emit trainingConfigChanged();
    emit modifiedChanged(true);
}

void Document::markRecovered() {
    viewDirty_ = true;
    emit modifiedChanged(true);
}

void Document::replaceScenario(const Scenario& s) {
    const bool resized =
        s.hiddenDim() != scenario().hiddenDim() || s.inputDim() != scenario().inputDim();
    if (!(s.model.A.rows() == scenario().model.A.rows() && s.model.A.cols() == scenario().model.A.cols() &&
          s.model.A == scenario().model.A))
        normA_ = -1;
    file_.scenario = s;
    if (resized)
        emit dimensionsChanged(static_cast<int>(s.hiddenDim()), static_cast<int>(s.inputDim()));
    emit scenarioChanged();
}

}  // namespace equilab
