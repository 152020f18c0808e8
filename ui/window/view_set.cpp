#include "ui/window/view_set.h"

#include <QWidget>

#include "ui/document/document.h"
#include "ui/training/dataset_convergence_view.h"
#include "ui/training/model_workspace.h"
#include "ui/training/training_workspace.h"
#include "ui/views/basins_view.h"
#include "ui/views/convergence_view.h"
#include "ui/views/orbit_view.h"
#include "ui/views/phase_interaction.h"
#include "ui/views/phase_view.h"
#include "ui/views/spectra_view.h"
#include "ui/views/sweep_view.h"
#include "ui/views/trajectory_view.h"
#include "ui/workers/solve_worker.h"

namespace equilab {

namespace {

const QStringList& explorerNames() {
    static const QStringList n{"trajectories",    "phase",  "convergence", "eigenvalues",
                               "singular_values", "basins", "sweep"};
    return n;
}
const QStringList& trainingNames() {
    static const QStringList n{"training_loss",     "training_accuracy",
                               "training_norm_A",   "training_forward_residual",
                               "decision_boundary", "hypergradient_error"};
    return n;
}
const QStringList& modelNames() {
    static const QStringList n{"dataset_iterations", "dataset_rho"};
    return n;
}

}  // namespace

ViewSet::ViewSet(Document* doc, SolveController* solver, QObject* parent)
    : QObject(parent), doc_(doc), solver_(solver), host_(std::make_unique<QWidget>()) {
    connect(solver_, &SolveController::trajectoryReady, this, &ViewSet::showTrajectory);
    connect(solver_, &SolveController::resultReady, this, &ViewSet::showResult);
    connect(solver_, &SolveController::analysisReady, this, &ViewSet::showAnalysis);
    connect(doc_, &Document::viewSettingsChanged, this, [this] {
        if (phase_) phase_->setViewSettings(doc_->viewSettings());
    });
}

ViewSet::~ViewSet() = default;

QStringList ViewSet::names() {
    return explorerNames() + QStringList{"orbit"} + trainingNames() + modelNames();
}

PlotView* ViewSet::view(const QString& name) {
    if (!built_.count(name)) {
        if (explorerNames().contains(name))
            buildExplorerView(name);
        else if (name == QLatin1String("orbit"))
            orbit();
        else if (trainingNames().contains(name))
            training();
        else if (modelNames().contains(name))
            models();
    }
    const auto it = built_.find(name);
    return it == built_.end() ? nullptr : it->second;
}

void ViewSet::add(PlotView* view) {
    built_[view->exportName()] = view;
}

void ViewSet::buildExplorerView(const QString& name) {
    QWidget* host = host_.get();
    if (name == QLatin1String("trajectories")) {
        add(trajectory_ = new TrajectoryView(host));
    } else if (name == QLatin1String("phase")) {
        add(phase_ = new PhaseView(host));
        new PhaseInteraction(phase_, doc_);  // the field, nullclines and fixed points it draws
        phase_->setViewSettings(doc_->viewSettings());
    } else if (name == QLatin1String("convergence")) {
        add(convergence_ = new ConvergenceView(host));
    } else if (name == QLatin1String("eigenvalues") || name == QLatin1String("singular_values")) {
        spectra_ = new SpectraView(host);
        add(spectra_->eigenvaluePlot());
        add(spectra_->singularValuePlot());
    } else if (name == QLatin1String("basins")) {
        add(basins_ = new BasinsView(host));
    } else if (name == QLatin1String("sweep")) {
        add(sweep_ = new SweepView(host));
    }
    catchUp();
}

// A view built after results arrived is given them, newest stage last.
void ViewSet::catchUp() {
    if (solver_->lastTrajectory().generation > 0) showTrajectory(solver_->lastTrajectoryPtr());
    if (solver_->lastResult().generation > 0) showResult(solver_->lastResultPtr());
    if (solver_->lastAnalysis().generation > 0) showAnalysis(solver_->lastAnalysis());
}

OrbitView* ViewSet::orbit() {
    if (!orbit_) {
        orbit_ = new OrbitView(host_.get());
        orbit_->setDocument(doc_);
        add(orbit_);
    }
    return orbit_;
}

TrainingWorkspace* ViewSet::training() {
    if (!training_) {
        training_ = new TrainingWorkspace(doc_, host_.get());
        for (PlotView* p : training_->plots()) add(p);
    }
    return training_;
}

void ViewSet::models() {
    if (models_) return;
    models_ = new ModelWorkspace(doc_, training(), host_.get());
    add(models_->convergenceView()->iterationPlot());
    add(models_->convergenceView()->rhoPlot());
}

// As MainWindow::showTrajectory, showResult and showAnalysis, for the views built.
void ViewSet::showTrajectory(const SolveResultPtr& result) {
    if (trajectory_) trajectory_->setResult(result);
    if (phase_) phase_->setResult(result);
    if (convergence_) convergence_->setResult(result);
    if (basins_) basins_->setResult(*result);
}

void ViewSet::showResult(const SolveResultPtr& result) {
    if (convergence_) convergence_->setResult(result);
    if (spectra_) spectra_->setResult(*result);
}

void ViewSet::showAnalysis(const AnalysisResult& a) {
    if (phase_) phase_->setAnalysis(a);
    if (spectra_) spectra_->setAnalysis(a);
    if (convergence_) convergence_->setAnalysis(a);
    if (basins_) basins_->setAnalysis(a);
    if (sweep_) sweep_->setAnalysis(a);
}

}  // namespace equilab
