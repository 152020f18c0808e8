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

    // Recomputes the hypergradient view for the panel's study model (before any run).
    void refreshHypergradients();
    // A hypergradient sweep is scheduled or computing (its numbers are not the current ones yet).
    bool hypergradPending() const;

  private:
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
};

}  // namespace equilab
