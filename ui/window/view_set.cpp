#include "ui/window/view_set.h"

#include <QWidget>

#include "ui/document/document.h"
#include "ui/training/dataset_convergence_view.h"
#include "ui/training/hypergrad_view.h"
#include "ui/training/model_workspace.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_workspace.h"
#include "ui/views/basins_view.h"
#include "ui/views/bifurcation_view.h"
#include "ui/views/convergence_view.h"
#include "ui/views/orbit_view.h"
#include "ui/views/phase_interaction.h"
#include "ui/views/phase_view.h"
#include "ui/views/playback.h"
#include "ui/views/spectra_view.h"
#include "ui/views/sweep_view.h"
#include "ui/views/trajectory_view.h"
#include "ui/workers/bifurcation_worker.h"
#include "ui/workers/solve_worker.h"

namespace equilab {

namespace {

// What the solve reads of the view settings: all but the animation speed.
bool sameForSolve(ViewSettings a, const ViewSettings& b) {
    a.speed = b.speed;
    return a == b;
}

}  // namespace

const std::vector<ViewSet::Entry>& ViewSet::registry() {
    static const std::vector<Entry> r{
        {"trajectories", Group::Explorer},
        {"phase", Group::Explorer},
        {"convergence", Group::Explorer},
        {"eigenvalues", Group::Explorer},
        {"singular_values", Group::Explorer},
        {"basins", Group::Explorer},
        {"sweep", Group::Explorer},
        {"orbit", Group::Orbit},
        {"bifurcation", Group::Bifurcation},
        {"bifurcation_lyapunov", Group::Bifurcation},
        {"training_loss", Group::Training},
        {"training_accuracy", Group::Training},
        {"training_norm_A", Group::Training},
        {"training_forward_residual", Group::Training},
        {"training_backward_residual", Group::Training},
        {"training_rho", Group::Training},
        {"decision_boundary", Group::Training},
        {"hypergradient_error", Group::Training},
        {"gradient_bias", Group::Training},
        {"dataset_iterations", Group::Models},
        {"dataset_rho", Group::Models},
    };
    return r;
}

QStringList ViewSet::names() {
    QStringList n;
    for (const Entry& e : registry()) n.append(QString::fromLatin1(e.name));
    return n;
}

ViewSet::ViewSet(Document* doc, SolveController* solver, QWidget* viewParent, QObject* parent)
    : QObject(parent), doc_(doc), solver_(solver) {
    if (!viewParent) ownHost_ = std::make_unique<QWidget>();
    host_ = viewParent ? viewParent : ownHost_.get();
    solved_ = doc_->viewSettings();
    connect(solver_, &SolveController::trajectoryReady, this, &ViewSet::showTrajectory);
    connect(solver_, &SolveController::resultReady, this, &ViewSet::showResult);
    connect(solver_, &SolveController::analysisReady, this, &ViewSet::showAnalysis);
    connect(doc_, &Document::scenarioChanged, this, &ViewSet::solveNow);
    connect(doc_, &Document::viewSettingsChanged, this, &ViewSet::viewSettingsChanged);
}

ViewSet::~ViewSet() = default;

void ViewSet::solveNow() {
    double scale = 1.0;
    std::shared_ptr<const Matrix> A = doc_->sharedA(&scale);  // no copy of A per edit
    solved_ = doc_->viewSettings();
    solver_->request(doc_->scenario(), std::move(A), scale, solved_, doc_->aRevision());
}

void ViewSet::viewSettingsChanged() {
    if (phase_) phase_->setViewSettings(doc_->viewSettings());
    if (playback_) playback_->setSpeed(doc_->viewSettings().speed);
    if (!sameForSolve(doc_->viewSettings(), solved_)) solveNow();
}

void ViewSet::setPlayback(Playback* playback) {
    if (playback_) {
        disconnect(playback_, nullptr, this, nullptr);
        disconnect(doc_, nullptr, playback_, nullptr);
    }
    playback_ = playback;
    if (!playback_) return;
    playback_->setSpeed(doc_->viewSettings().speed);
    connect(playback_, &Playback::cursorChanged, this, &ViewSet::setCursor);
    // After any edit (an undo too) every view shows every iterate of the new solve again: a
    // cursor left by Play would cut the new paths where the old animation stopped.
    connect(doc_, &Document::scenarioChanged, playback_, &Playback::stop);
}

PlotView* ViewSet::view(const QString& name) {
    if (!built_.count(name)) {
        for (const Entry& e : registry()) {
            if (name != QLatin1String(e.name)) continue;
            switch (e.group) {
                case Group::Explorer:
                    if (name == QLatin1String("trajectories")) trajectory();
                    if (name == QLatin1String("phase")) phase();
                    if (name == QLatin1String("convergence")) convergence();
                    if (name == QLatin1String("eigenvalues") ||
                        name == QLatin1String("singular_values"))
                        spectra();
                    if (name == QLatin1String("basins")) basins();
                    if (name == QLatin1String("sweep")) sweep();
                    break;
                case Group::Orbit:
                    orbit();
                    break;
                case Group::Bifurcation:
                    bifurcation();
                    break;
                case Group::Training:
                    training();
                    break;
                case Group::Models:
                    models();
                    break;
            }
        }
    }
    const auto it = built_.find(name);
    return it == built_.end() ? nullptr : it->second;
}

QList<PlotView*> ViewSet::plots() {
    QList<PlotView*> all;
    for (const Entry& e : registry())
        if (PlotView* p = view(QString::fromLatin1(e.name))) all.append(p);
    return all;
}

// The registry names the view (its export name is its object name).
void ViewSet::add(PlotView* view, const QString& name) {
    Q_ASSERT(names().contains(name));
    view->setObjectName(name);
    built_[name] = view;
}

TrajectoryView* ViewSet::trajectory() {
    if (!trajectory_) {
        add(trajectory_ = new TrajectoryView(host_), QStringLiteral("trajectories"));
        catchUp();
    }
    return trajectory_;
}

PhaseView* ViewSet::phase() {
    if (!phase_) {
        add(phase_ = new PhaseView(host_), QStringLiteral("phase"));
        new PhaseInteraction(phase_, doc_);  // click, field, nullclines, fixed points
        phase_->setViewSettings(doc_->viewSettings());
        catchUp();
    }
    return phase_;
}

ConvergenceView* ViewSet::convergence() {
    if (!convergence_) {
        add(convergence_ = new ConvergenceView(host_), QStringLiteral("convergence"));
        catchUp();
    }
    return convergence_;
}

SpectraView* ViewSet::spectra() {
    if (!spectra_) {
        spectra_ = new SpectraView(host_);
        add(spectra_->eigenvaluePlot(), QStringLiteral("eigenvalues"));
        add(spectra_->singularValuePlot(), QStringLiteral("singular_values"));
        catchUp();
    }
    return spectra_;
}

BasinsView* ViewSet::basins() {
    if (!basins_) {
        add(basins_ = new BasinsView(host_), QStringLiteral("basins"));
        catchUp();
    }
    return basins_;
}

SweepView* ViewSet::sweep() {
    if (!sweep_) {
        add(sweep_ = new SweepView(host_), QStringLiteral("sweep"));
        catchUp();
    }
    return sweep_;
}

OrbitView* ViewSet::orbit() {
    if (!orbit_) {
        orbit_ = new OrbitView(host_);
        orbit_->setDocument(doc_);
        add(orbit_, QStringLiteral("orbit"));
    }
    return orbit_;
}

BifurcationView* ViewSet::bifurcation() {
    if (!bifurcation_) {
        bifurcation_ = new BifurcationView(host_);
        bifurcation_->setDocument(doc_);
        add(bifurcation_->branchPlot(), QStringLiteral("bifurcation"));
        add(bifurcation_->lyapunovPlot(), QStringLiteral("bifurcation_lyapunov"));
        // The lessons' observation: each complete diagram.
        BifurcationController* c = bifurcation_->controller();
        connect(c, &BifurcationController::updated, this, [this, c] {
            if (!c->diagram().complete) return;
            observation_.bifurcation = std::make_shared<const BifurcationDiagram>(c->diagram());
            emit observationChanged();
        });
    }
    return bifurcation_;
}

void ViewSet::ensureComputed() {
    if (orbit_) orbit_->ensureComputed();
    if (bifurcation_) bifurcation_->ensureComputed();
    if (training_) training_->ensureHypergradients();
}

TrainingWorkspace* ViewSet::training() {
    if (!training_) {
        training_ = new TrainingWorkspace(doc_, host_);
        const QList<PlotView*> p = training_->plots();
        for (PlotView* v : p) add(v, v->objectName());
        connect(doc_, &Document::trainingConfigChanged, this,
                [this] { observation_.hypergrad.reset(); });
        connect(training_->hypergradView(), &HypergradView::sweepReady, this, [this] {
            observation_.hypergrad = training_->hypergradView()->sweep();
            emit observationChanged();
        });
        connect(training_->controller(), &TrainingController::runFinished, this, [this] {
            observation_.training.clear();
            for (const TrainingRun& r : training_->controller()->runs())
                if (r.status != TrainStatus::Running) observation_.training.push_back(r);
            emit observationChanged();
        });
    }
    return training_;
}

ModelWorkspace* ViewSet::models() {
    if (!models_) {
        models_ = new ModelWorkspace(doc_, training(), host_);
        add(models_->convergenceView()->iterationPlot(), QStringLiteral("dataset_iterations"));
        add(models_->convergenceView()->rhoPlot(), QStringLiteral("dataset_rho"));
    }
    return models_;
}

// A view built after results arrived is given them, newest stage last.
void ViewSet::catchUp() {
    if (solver_->lastTrajectory().generation > 0) showTrajectory(solver_->lastTrajectoryPtr());
    if (solver_->lastResult().generation > 0) showResult(solver_->lastResultPtr());
    if (solver_->lastAnalysis().generation > 0) showAnalysis(solver_->lastAnalysis());
}

void ViewSet::setCursor(int k) {
    if (trajectory_) trajectory_->setCursor(k);
    if (phase_) phase_->setCursor(k);
    if (convergence_) convergence_->setCursor(k);
}

// The first stage: everything drawn from the iterates (milliseconds after an edit).
void ViewSet::showTrajectory(const SolveResultPtr& result) {
    int cursor = -1;
    if (playback_) {
        playback_->setLast(result->summary.iterations);
        cursor = playback_->cursor();
    }
    if (trajectory_) trajectory_->setResult(result);
    if (phase_) phase_->setResult(result);
    if (convergence_) convergence_->setResult(result);
    if (basins_) basins_->setResult(*result);
    if (sweep_) sweep_->setResult(*result);
    if (playback_) setCursor(cursor);
}

// The second stage: the spectra and the certificate (and the Banach line they give).
void ViewSet::showResult(const SolveResultPtr& result) {
    if (convergence_) convergence_->setResult(result);
    if (spectra_) spectra_->setResult(*result);
    if (playback_ && convergence_) convergence_->setCursor(playback_->cursor());
    observation_.solve = result;  // shared, not copied
    observation_.analysis.reset();
    emit observationChanged();
}

void ViewSet::showAnalysis(const AnalysisResult& a) {
    if (phase_) phase_->setAnalysis(a);
    if (spectra_) spectra_->setAnalysis(a);
    if (convergence_) convergence_->setAnalysis(a);
    if (basins_) basins_->setAnalysis(a);
    if (sweep_) sweep_->setAnalysis(a);
    if (observation_.solve && observation_.solve->generation == a.generation)
        observation_.analysis = a;
    emit observationChanged();
}

}  // namespace equilab
