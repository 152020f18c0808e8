// The plot views of a document without a window (equilab-cli export). Each view is built when
// it is first asked for by its export name, with the group it belongs to (the spectra view's two
// plots, the training workspace, the model workspace), and no other: exporting the trajectories
// builds one TrajectoryView, not a MainWindow with its docks, tables, lessons and autosave.
//
// The explorer views are fed by the SolveController as the main window feeds its tabs: the first
// stage (the iterates) to the trajectory, phase, convergence and basins views; the second (the
// spectra and the certificate) to the convergence and spectra views; the analyses to the phase,
// spectra, convergence, basins and sweep views. A view built after a result arrived gets the
// newest results at once. The orbit, training and model views observe the document themselves.
// The playback cursor is idle (−1: everything shown), as in a window that never played.
#pragma once

#include <QObject>
#include <QStringList>

#include <map>
#include <memory>

class QWidget;

namespace equilab {

class Document;
class SolveController;
class PlotView;
class TrajectoryView;
class PhaseView;
class ConvergenceView;
class SpectraView;
class BasinsView;
class SweepView;
class OrbitView;
class TrainingWorkspace;
class ModelWorkspace;
struct SolveResult;
struct AnalysisResult;
using SolveResultPtr = std::shared_ptr<const SolveResult>;  // as in solve_worker.h

class ViewSet : public QObject {
    Q_OBJECT
  public:
    // doc and solver must outlive the set.
    ViewSet(Document* doc, SolveController* solver, QObject* parent = nullptr);
    ~ViewSet() override;

    // Every view's export name, in the order of MainWindow::allPlots().
    static QStringList names();
    // The view named name, built (with its group) on first use; nullptr for an unknown name.
    PlotView* view(const QString& name);
    // The groups whose views need more than the solve (built on first use).
    OrbitView* orbit();
    TrainingWorkspace* training();
    // The views built so far, by name.
    const std::map<QString, PlotView*>& built() const { return built_; }

  private:
    void buildExplorerView(const QString& name);
    void models();
    void add(PlotView* view);
    void catchUp();
    void showTrajectory(const SolveResultPtr& result);
    void showResult(const SolveResultPtr& result);
    void showAnalysis(const AnalysisResult& a);

    Document* doc_;
    SolveController* solver_;
    std::unique_ptr<QWidget> host_;  // parent of every view; never shown
    std::map<QString, PlotView*> built_;
    TrajectoryView* trajectory_ = nullptr;
    PhaseView* phase_ = nullptr;
    ConvergenceView* convergence_ = nullptr;
    SpectraView* spectra_ = nullptr;
    BasinsView* basins_ = nullptr;
    SweepView* sweep_ = nullptr;
    OrbitView* orbit_ = nullptr;
    TrainingWorkspace* training_ = nullptr;
    ModelWorkspace* models_ = nullptr;
};

}  // namespace equilab
