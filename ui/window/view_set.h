// The plot views of a document and the one path by which results reach them, for the main
// window and for equilab-cli export alike (a window is a ViewSet whose views sit in tabs).
//
// The registry (registry()) names every view once: its export name, its group and its order
// (the order of names(), of plots() and of MainWindow::allPlots()). A view is built when it is
// first asked for, with the group it belongs to (the spectra view's two plots, the training
// workspace, the model workspace), and no other: exporting the trajectories builds one
// TrajectoryView, not a window with its docks, tables, lessons and autosave.
//
// The wiring, all here: an edit of the document (scenarioChanged), or a change of the view
// settings a solve reads, requests a solve (solveNow); the SolveController's stages reach the
// views built: the first stage (the iterates) the trajectory, phase, convergence and basins
// views; the second (the spectra and the certificate) the convergence and spectra views; the
// analyses the phase, spectra, convergence, basins and sweep views. A view built after a result
// arrived gets the newest results at once. The same stages make the lessons' observation. With
// a playback (the window), its cursor reaches the views that show iterates; without one the
// cursor is idle (−1: everything shown). The orbit, bifurcation, training and model views
// observe the document themselves. No result is written back into the document.
#pragma once

#include <QObject>
#include <QPointer>
#include <QStringList>

#include <map>
#include <memory>
#include <vector>

#include "ui/document/view_settings.h"
#include "ui/lessons/lesson_claims.h"

class QWidget;

namespace equilab {

class Document;
class SolveController;
class Playback;
class PlotView;
class TrajectoryView;
class PhaseView;
class ConvergenceView;
class SpectraView;
class BasinsView;
class SweepView;
class OrbitView;
class BifurcationView;
class TrainingWorkspace;
class ModelWorkspace;
struct SolveResult;
struct AnalysisResult;
using SolveResultPtr = std::shared_ptr<const SolveResult>;  // as in solve_worker.h

class ViewSet : public QObject {
    Q_OBJECT
  public:
    enum class Group { Explorer, Orbit, Bifurcation, Training, Models };
    struct Entry {
        const char* name;  // export name = the view's object name
        Group group;
    };
    // Every view, once, in order.
    static const std::vector<Entry>& registry();
    // Every view's export name, in the registry's order.
    static QStringList names();

    // doc and solver must outlive the set. The views are children of viewParent (a window that
    // puts them into its tabs), or of a hidden widget of the set's own (viewParent null).
    ViewSet(Document* doc, SolveController* solver, QWidget* viewParent = nullptr,
            QObject* parent = nullptr);
    ~ViewSet() override;

    // The view named name, built (with its group) on first use; nullptr for an unknown name.
    PlotView* view(const QString& name);
    // Every view of the registry, built, in its order.
    QList<PlotView*> plots();
    // The views by kind, built on first use.
    TrajectoryView* trajectory();
    PhaseView* phase();
    ConvergenceView* convergence();
    SpectraView* spectra();
    BasinsView* basins();
    SweepView* sweep();
    OrbitView* orbit();
    BifurcationView* bifurcation();
    TrainingWorkspace* training();
    ModelWorkspace* models();
    // The views built so far, by name.
    const std::map<QString, PlotView*>& built() const { return built_; }

    // Starts what the views built so far compute only on demand (the orbit and bifurcation
    // diagrams and the hypergradient studies of hidden tabs): for an export of every view.
    void ensureComputed();
    // The window's playback: its cursor reaches the views of iterates, each solve sets its end.
    void setPlayback(Playback* playback);
    // Requests a solve of the document as it is now (A shared with the worker, not copied).
    void solveNow();
    // What a lesson's claims read: the results since the last reset of the observation.
    const LessonObservation& observation() const { return observation_; }
    void resetObservation() { observation_ = LessonObservation(); }

  signals:
    void observationChanged();

  private:
    void add(PlotView* view, const QString& name);
    void catchUp();
    void setCursor(int k);
    void showTrajectory(const SolveResultPtr& result);
    void showResult(const SolveResultPtr& result);
    void showAnalysis(const AnalysisResult& a);
    void viewSettingsChanged();

    Document* doc_;
    SolveController* solver_;
    std::unique_ptr<QWidget> ownHost_;  // parent of every view when there is no viewParent
    QWidget* host_;
    QPointer<Playback> playback_;
    ViewSettings solved_;  // the view settings of the newest request
    LessonObservation observation_;
    std::map<QString, PlotView*> built_;
    QPointer<TrajectoryView> trajectory_;
    QPointer<PhaseView> phase_;
    QPointer<ConvergenceView> convergence_;
    QPointer<SpectraView> spectra_;
    QPointer<BasinsView> basins_;
    QPointer<SweepView> sweep_;
    QPointer<OrbitView> orbit_;
    QPointer<BifurcationView> bifurcation_;
    TrainingWorkspace* training_ = nullptr;
    ModelWorkspace* models_ = nullptr;
};

}  // namespace equilab
