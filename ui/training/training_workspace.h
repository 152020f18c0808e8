// Everything training in the GUI, wired together: the controller (worker thread), the panel,
// the curves, the decision boundary or digits, and the hypergradient view. The main window only
// places its widgets.
#pragma once

#include <QList>
#include <QObject>
#include <QTimer>

class QStackedWidget;
class QWidget;

namespace equilab {

class Document;
class TrainingController;
class TrainingPanel;
class TrainingCurvesView;
class DecisionBoundaryView;
class DigitsView;
class HypergradView;
class GradientBiasView;
class PlotView;
class TrainingPaceBar;

class TrainingWorkspace : public QObject {
    Q_OBJECT
  public:
    TrainingWorkspace(Document* doc, QWidget* parentWidget);

    TrainingController* controller() const { return controller_; }
    TrainingPanel* panel() const { return panel_; }
    QWidget* curvesPage() const { return curves_; }
    QStackedWidget* predictionsPage() const { return predictions_; }
    HypergradView* hypergradView() const { return hypergrad_; }
    GradientBiasView* gradientBiasView() const { return bias_; }
    DecisionBoundaryView* boundaryView() const { return boundary_; }
    DigitsView* digitsView() const { return digits_; }
    TrainingPaceBar* paceBar() const { return pace_; }
    QList<TrainingCurvesView*> curveViews() const { return curveViews_; }
    QList<PlotView*> plots() const;

    // The hypergradient-error and gradient-bias sweeps are computed lazily: for the current
    // model (the panel's study model, or the trained one after a run) when one of their tabs is
    // shown or when something needs their numbers (an export, a lesson claim) and calls
    // ensureHypergradients(). A window that never shows them computes nothing.
    void ensureHypergradients();
    // Recomputes the sweeps for the panel's study model now (before any run).
    void refreshHypergradients();
    // A sweep is scheduled or computing (its numbers are not the current ones yet).
    bool hypergradPending() const;
    // The sweeps shown are not those of the current model and none is under way.
    bool hypergradStale() const { return stale_; }

  private:
    bool eventFilter(QObject* watched, QEvent* event) override;
    bool sweepsVisible() const;
    // The current model changed: the sweeps are stale; recomputed at once if they are on screen.
    void markStale(bool trained);

    Document* doc_;
    TrainingController* controller_;
    TrainingPanel* panel_;
    QWidget* curves_;
    QList<TrainingCurvesView*> curveViews_;
    QStackedWidget* predictions_;
    DecisionBoundaryView* boundary_;
    DigitsView* digits_;
    HypergradView* hypergrad_;
    GradientBiasView* bias_;
    TrainingPaceBar* pace_;
    QTimer debounce_;
    bool stale_ = true;     // the sweeps shown are not the current model's
    bool trained_ = false;  // the current model is the last run's trained model
};

}  // namespace equilab
