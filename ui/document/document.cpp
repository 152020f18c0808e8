#include "ui/document/document.h"

#include <cmath>

#include "core/internal/option_limits.h"
#include "core/model/model.h"
#include "ui/document/commands.h"
#include "ui/document/document_compare.h"
#include "ui/workers/generate_worker.h"

#include <memory>

namespace equilab {

QString blockName(Block b) {
    switch (b) {
        case Block::A:
            return QStringLiteral("A");
        case Block::B:
            return QStringLiteral("B");
        case Block::c:
            return QStringLiteral("c");
        case Block::x:
            return QStringLiteral("x");
        case Block::w0:
            return QStringLiteral("w0");
    }
    return {};
}

Document::Document(QObject* parent) : QObject(parent) {
    file_.scenario = defaultScenario();
    connect(&undo_, &QUndoStack::cleanChanged, this,
            [this] { emit modifiedChanged(isModified()); });
    generator_ = new GenerateController(this);
    connect(generator_, &GenerateController::finished, this, &Document::applyGenerated);
    connect(generator_, &GenerateController::dropped, this, &Document::generationDropped);
    // A result drawn for the document as it was must not overwrite a newer edit: any change
    // cancels what is pending (applying the result itself happens after the controller is idle).
    connect(this, &Document::scenarioChanged, this, [this] {
        if (!generator_->isBusy()) return;
        cancelGeneration();
        emit generationCancelled(tr("Generation cancelled: the document changed meanwhile"));
    });
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
    aChanged(-1);
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
    emit solverOptionsChanged();
    emit parametrizationChanged();
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
        if (error)
            *error = tr("hidden dimension %1 is out of range (1 to %2); nothing changed")
                         .arg(hidden)
                         .arg(kMaxHiddenDim);
        return false;
    }
    if (input < 1 || input > kMaxInputDim) {
        if (error)
            *error = tr("input dimension %1 is out of range (1 to %2); nothing changed")
                         .arg(input)
                         .arg(kMaxInputDim);
        return false;
    }
    setDimensions(hidden, input);
    return true;
}

void Document::setDimensions(int hidden, int input) {
    if (hidden == scenario().hiddenDim() && input == scenario().inputDim()) return;
    if (hidden < 1 || hidden > kMaxHiddenDim || input < 1 || input > kMaxInputDim) return;
    const QString text = tr("Resize to n = %1, d = %2").arg(hidden).arg(input);
    if (generatesInline(hidden, input)) {
        cancelGeneration();
        const Scenario after = resizedScenario(scenario(), hidden, input, seed_++);
        setScenario(after, text);
        return;
    }
    GenerateRequest r;
    r.kind = GenerateRequest::Kind::Resize;
    r.seed = seed_++;
    const Scenario& s = scenario();
    r.from.model.B = s.model.B;  // all but A, which is shared (sharedA)
    r.from.model.c = s.model.c;
    r.from.x = s.x;
    r.from.w0 = s.w0;
    r.from.solver = s.solver;
    r.from.parametrization = s.parametrization;
    r.fromA = sharedA(&r.fromAScale);
    r.hidden = hidden;
    r.input = input;
    r.text = text;
    generator_->request(std::move(r));
    emit generationChanged(
        tr("resizing to n = %1, d = %2 (drawing the new entries)…").arg(hidden).arg(input));
}

bool Document::generatesInline(int hidden, int input) const {
    return hidden <= inlineUpTo_ && qint64(hidden) * input <= qint64(inlineUpTo_) * 1000;
}

bool Document::isGenerating() const {
    return generator_->isBusy();
}

void Document::cancelGeneration() {
    if (!generator_->isBusy()) return;
    generator_->cancel();
    emit generationChanged(QString());
}

// The worker's result for the newest request, with the document unchanged since it was asked.
void Document::applyGenerated() {
    GenerateResult r = generator_->takeResult();
    emit generationChanged(QString());
    if (r.kind == GenerateRequest::Kind::ReplaceA)
        push(new ReplaceACommand(this, std::move(r.A), r.text));
    else if (r.kind == GenerateRequest::Kind::ScaleA && r.normA > 0)
        push(new ScaleACommand(this, std::move(r.start), r.normA, r.target));
    else if (r.kind == GenerateRequest::Kind::Resize)
        push(new ScenarioCommand(this, std::move(r.scenario), r.text));
}

Matrix Document::blockMatrix(Block b) const {
    const Scenario& s = scenario();
    switch (b) {
        case Block::A:
            return s.model.A;
        case Block::B:
            return s.model.B;
        case Block::c:
            return s.model.c;
        case Block::x:
            return s.x;
        case Block::w0:
            return s.startingPoint();
    }
    return {};
}

double Document::entry(Block b, int row, int col) const {
    const Scenario& s = scenario();
    switch (b) {
        case Block::A:
            return s.model.A(row, col);
        case Block::B:
            return s.model.B(row, col);
        case Block::c:
            return s.model.c(row);
        case Block::x:
            return s.x(row);
        case Block::w0:
            return s.w0.size() ? s.w0(row) : 0.0;
    }
    return 0.0;
}

int Document::blockRows(Block b) const {
    return static_cast<int>(b == Block::x ? scenario().inputDim() : scenario().hiddenDim());
}

int Document::blockCols(Block b) const {
    if (b == Block::A) return static_cast<int>(scenario().hiddenDim());
    if (b == Block::B) return static_cast<int>(scenario().inputDim());
    return 1;
}

bool Document::setEntry(Block block, int row, int col, double value, QString* error) {
    // 1-based, as every index the UI shows.
    const QString cell =
        blockName(block) + QStringLiteral("[%1]").arg(row + 1) +
        (block == Block::A || block == Block::B ? QStringLiteral("[%1]").arg(col + 1) : QString());
    if (!std::isfinite(value)) {
        if (error) *error = cell + tr(": not a finite number; the entry is unchanged");
        return false;
    }
    if (std::abs(value) > kMaxEntryMagnitude) {
        if (error)
            *error = cell + tr(": magnitude above the limit of %1; the entry is unchanged")
                                .arg(QString::fromStdString(limitText(kMaxEntryMagnitude)));
        return false;
    }
    if (row < 0 || row >= blockRows(block) || col < 0 || col >= blockCols(block)) {
        if (error) *error = cell + tr(": outside the matrix");
        return false;
    }
    const double before = entry(block, row, col);
    if (before == value) return true;
    if (block == Block::w0 && !scenario().w0.size()) {  // the first entry set: w0 becomes explicit
        Vector after = Vector::Zero(scenario().hiddenDim());
        after(row) = value;
        push(new SetW0Command(this, Vector(), std::move(after), tr("Edit %1").arg(cell)));
        return true;
    }
    push(new SetCellsCommand(this, block, row, col, Matrix::Constant(1, 1, before),
                             Matrix::Constant(1, 1, value), tr("Edit %1").arg(cell)));
    return true;
}

bool Document::setCells(Block block, int row, int col, const Matrix& values, const QString& text,
                        int mergeId) {
    if (row < 0 || col < 0 || row + values.rows() > blockRows(block) ||
        col + values.cols() > blockCols(block))
        return false;
    Matrix before(values.rows(), values.cols());
    for (Index i = 0; i < values.rows(); ++i)
        for (Index j = 0; j < values.cols(); ++j)
            before(i, j) = entry(block, row + int(i), col + int(j));
    if (before == values) return true;
    if (block == Block::w0 && !scenario().w0.size()) {  // w0 becomes explicit: undo empties it
        Vector after = Vector::Zero(scenario().hiddenDim());
        after.segment(row, values.rows()) = values.col(0);
        push(new SetW0Command(this, Vector(), std::move(after), text));
        return true;
    }
    push(new SetCellsCommand(this, block, row, col, std::move(before), values, text, mergeId));
    return true;
}

void Document::setSolverOptions(const SolverOptions& options) {
    std::string why;
    if (!options.IsValid(&why)) return;
    if (sameOptions(scenario().solver, options)) return;  // nothing changed: no undo step
    push(new ChangeValueCommand<SolverOptions>(this, &Document::solverOptions,
                                               &Document::writeSolverOptions, options,
                                               tr("Change solver settings")));
}

void Document::setParametrization(const ParametrizationSpec& spec) {
    if (!spec.IsValid(nullptr)) return;
    if (sameSpec(scenario().parametrization, spec)) return;
    push(new ChangeValueCommand<ParametrizationSpec>(
        this, &Document::parametrization, &Document::writeParametrization, spec,
        tr("Parametrization %1").arg(QString::fromStdString(toString(spec.kind)))));
}

void Document::generateA(MatrixGenerator kind, double norm, int reflections) {
    const int n = static_cast<int>(scenario().hiddenDim());
    const QString name = QString::fromStdString(toString(kind));
    if (generatesInline(n, 0)) {
        cancelGeneration();
        Matrix A = generateMatrix(kind, n, norm, seed_++, reflections);
        push(new ReplaceACommand(this, std::move(A), tr("Generate %1 A").arg(name)));
        return;
    }
    GenerateRequest r;
    r.kind = GenerateRequest::Kind::ReplaceA;
    r.seed = seed_++;
    r.generator = kind;
    r.norm = norm;
    r.reflections = reflections;
    r.hidden = n;
    r.text = tr("Generate %1 A").arg(name);
    generator_->request(std::move(r));
    emit generationChanged(tr("generating A (%1, n = %2)…").arg(name).arg(n));
}

void Document::applyParametrizationToA() {
    Matrix A = scenario().effectiveModel().A;
    push(new ReplaceACommand(
        this, std::move(A),
        tr("Apply %1 to A")
            .arg(QString::fromStdString(toString(scenario().parametrization.kind)))));
}

void Document::aChanged(double knownNorm) {
    sharedA_.reset();
    ++aRevision_;
    const bool changed = normA_ != knownNorm;
    normA_ = knownNorm;
    if (changed || knownNorm >= 0) emit normAChanged(normA_);
}

std::shared_ptr<const Matrix> Document::sharedA(double* scale) const {
    if (!sharedA_) {
        sharedA_ = std::make_shared<const Matrix>(scenario().model.A);
        sharedAScale_ = 1.0;
    }
    *scale = sharedAScale_;
    return sharedA_;
}

void Document::scaleAToNorm(double norm, double currentNorm) {
    if (!(norm >= 0) || !std::isfinite(norm)) return;
    // Consecutive slider steps scale the same start matrix (one undo step, exact redo).
    const auto* top = undo_.index() == undo_.count() && undo_.count() > 0
                          ? dynamic_cast<const ScaleACommand*>(undo_.command(undo_.count() - 1))
                          : nullptr;
    if (top) {
        push(new ScaleACommand(this, top->start(), top->startNorm(), norm));
        return;
    }
    // ‖A‖₂ now: known from an edit, or the worker's (given by the caller, stale-checked against
    // aRevision()); else computed here only up to the inline size (as Generate), otherwise on
    // the worker, and the step is applied when it arrives. Never a large norm on the GUI thread.
    double current = normA_ >= 0 ? normA_ : currentNorm;
    const int n = static_cast<int>(scenario().hiddenDim());
    if (!(current >= 0) && generatesInline(n, 0)) current = spectralNorm(scenario().model.A);
    if (current >= 0) {
        if (!(current > 0)) return;
        push(new ScaleACommand(this, std::make_shared<const Matrix>(scenario().model.A), current,
                               norm));
        return;
    }
    GenerateRequest r;
    r.kind = GenerateRequest::Kind::ScaleA;
    r.fromA = sharedA(&r.fromAScale);
    r.target = norm;
    r.hidden = n;
    r.text = tr("Scale A to ‖A‖₂ = %1").arg(norm, 0, 'f', 2);
    generator_->request(std::move(r));
    emit generationChanged(tr("measuring ‖A‖₂ (n = %1) to scale A…").arg(n));
}

void Document::setScenario(const Scenario& s, const QString& text, int mergeId) {
    push(new ScenarioCommand(this, s, text, mergeId));
}

void Document::setW0(const Vector& w0, const QString& text) {
    if (w0.size() != scenario().hiddenDim() || !w0.allFinite() || w0 == scenario().w0) return;
    push(new SetW0Command(this, scenario().w0, w0, text));
}

qint64 Document::undoBytes() const {
    qint64 total = 0;
    for (int i = 0; i < undo_.count(); ++i)
        if (const auto* c = dynamic_cast<const MemoryCommand*>(undo_.command(i)))
            total += c->bytes();
    return total;
}

void Document::push(MemoryCommand* command) {
    // The history is bounded: older steps go (all of them; QUndoStack cannot drop only the
    // oldest) when keeping them with this one would exceed the budget.
    if (undo_.count() > 0 && undoBytes() + command->bytes() > kUndoBudgetBytes) {
        const bool clean = undo_.isClean();
        undo_.clear();
        if (!clean) markRecovered();  // still modified, though no step leads back to the file
        emit historyTrimmed(tr("Undo history cleared: with this edit it would hold more than %1 MB")
                                .arg(kUndoBudgetBytes >> 20));
    }
    undo_.push(command);
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
    push(new ChangeValueCommand<TrainingConfig>(this, &Document::trainingConfig,
                                                &Document::writeTrainingConfig, c,
                                                tr("Change training settings")));
}

void Document::writeTrainingConfig(const TrainingConfig& c) {
    training_ = c;
    emit trainingConfigChanged();
}

void Document::markRecovered() {
    viewDirty_ = true;
    emit modifiedChanged(true);
}

}  // namespace equilab
