// The Bifurcation view: the branches of fixed points of w ↦ tanh(A w + B x + c) continued through
// one parameter (core/analysis/continuation.h), stable solid and unstable dashed, the period-2
// branches born at flips (both points of each 2-cycle), the special points marked and labelled (F
// fold, PD flip, NS Neimark–Sacker, BP branch point, with the parameter value); below, the Lyapunov
// exponents of Picard's orbit through the same parameter (λ₁, and λ₂ when n ≥ 2; λ₁ > 0 beyond
// its error is chaos). Two plots, exported as "bifurcation" and "bifurcation_lyapunov".
//
// Clicking a point of a branch, or a column of the exponents, loads that parameter value into the
// explorer: one undo step (Document::setScenario) — A ← p·A (scale), B, c ← p·(B, c) (drive), or
// c_i, x_i ← p.
//
// Computed on the bifurcation worker, growing as points arrive; a scenario change or an edit of
// the controls cancels it and restarts it while the view is shown, otherwise when it is next
// shown or ensureComputed() is called (export, a lesson claim). A hidden view costs an edit
// nothing.
#pragma once

#include <QList>
#include <QWidget>

#include <memory>

#include "core/analysis/orbit.h"
#include "ui/views/plot_view.h"

class QLabel;
class QCPGraph;

namespace equilab {

class Document;
class BifurcationController;
class ParameterControls;
class ParameterMarks;

class BifurcationView : public QWidget {
    Q_OBJECT
  public:
    static constexpr int kMaxLabels = 8;
    explicit BifurcationView(QWidget* parent = nullptr);
    ~BifurcationView() override;

    void setDocument(Document* doc);
    BifurcationController* controller() const { return controller_; }
    PlotView* branchPlot() const { return branches_; }
    PlotView* lyapunovPlot() const { return lyapunov_; }

    // The parameter, its range and the plotted component (0-based); false (nothing changes) when
    // they do not fit the document's model, with *error.
    bool setParameter(OrbitParameter parameter, int index, double from, double to, int component,
                      QString* error = nullptr);
    OrbitParameter parameter() const { return parameter_; }
    int index() const { return index_; }
    double from() const { return from_; }
    double to() const { return to_; }
    void ensureComputed();
    bool isComplete() const;
    // The labels of the special points drawn now ("PD s = 2.03", …).
    QStringList specialLabels() const;
    // Loads the parameter value p into the document (one undo step).
    void loadParameter(double p);

  protected:
    void showEvent(QShowEvent* event) override;

  private:
    void documentChanged();
    void recompute();
    void redraw();
    void drawBranches();
    void drawLyapunov();
    void syncControls();
    void controlsEdited();
    void clicked(PlotView* view, QMouseEvent* event);
    QString parameterName() const;
    Document* doc_ = nullptr;
    BifurcationController* controller_;
    PlotView* branches_;
    PlotView* lyapunov_;
    OrbitParameter parameter_ = OrbitParameter::ScaleA;
    int index_ = 0;
    double from_ = 0.05, to_ = 2.5;
    int component_ = 0;
    bool stale_ = true;
    QCPGraph* specials_;
    std::unique_ptr<ParameterMarks> marks_;
    QCPGraph* zero_;
    ParameterControls* controls_;
    QLabel* status_;
};

}  // namespace equilab
