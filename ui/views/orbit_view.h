// Orbit (bifurcation) diagram view: the last M Picard iterates of one component of w against a
// parameter (the scale s of A, the drive scale, one entry of c or x), with dashed lines where the
// dynamics classifier's verdict of the burn-in run changes (converged → slow → periodic (2), …;
// OrbitDiagram::verdictChanges). A row of controls above the plot
// chooses the parameter, its range and the component; the plot itself is what is exported.
//
// The diagram follows the document: a scenario change cancels the computation under way, and a
// new one starts on the orbit worker while the view is shown, or when it is next shown or
// ensureComputed() is called (export, recording). A hidden view costs an edit nothing.
#pragma once

#include <QList>

#include <memory>

#include "core/analysis/orbit.h"
#include "ui/views/plot_view.h"

class QLabel;
class QCPGraph;

namespace equilab {

class Document;
class OrbitController;
class ParameterControls;
class ParameterMarks;

class OrbitView : public PlotView {
    Q_OBJECT
  public:
    explicit OrbitView(QWidget* parent = nullptr);
    ~OrbitView() override;

    void setDocument(Document* doc);
    OrbitController* controller() const { return controller_; }
    OrbitOptions options() const { return options_; }
    // Validates against the document's model; on failure *error says why and nothing changes.
    bool setOptions(const OrbitOptions& options, QString* error = nullptr);
    // Starts the computation if the diagram is out of date.
    void ensureComputed();
    bool isComplete() const;
    // "fixed point", "2-cycle", "aperiodic", …
    static QString periodName(int period);
    // "converged" (also for escaped-then-converged), "slow", "periodic (2)", …
    static QString verdictName(Dynamics verdict, int period);
    // The transition labels drawn now.
    QStringList transitionLabels() const;

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    void documentChanged();
    void recompute();
    void redraw();
    void syncControls();
    void controlsEdited();
    Document* doc_ = nullptr;
    OrbitController* controller_;
    OrbitOptions options_;
    bool stale_ = true;
    QCPGraph* points_;
    std::unique_ptr<ParameterMarks> marks_;
    ParameterControls* controls_;
    QLabel* status_;
};

}  // namespace equilab
