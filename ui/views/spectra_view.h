// Spectra: eigenvalues of A and of J = diag(1 − w*²) A in the complex plane with the unit
// circle and the circle of radius ‖A‖₂; singular values of A as bars; the certificate in words.
#pragma once

#include <QWidget>

#include "ui/views/plot_view.h"
#include "ui/workers/solve_worker.h"

class QLabel;

namespace equilab {

class SpectraView : public QWidget {
    Q_OBJECT
  public:
    explicit SpectraView(QWidget* parent = nullptr);
    void setResult(const SolveResult& result);
    // Adds the note on several starting points reaching different fixed points.
    void setAnalysis(const AnalysisResult& analysis);
    PlotView* eigenvaluePlot() const { return eigen_; }
    PlotView* singularValuePlot() const { return singular_; }
    QString certificateText() const;

  private:
    // Equal scales on both axes, covering ±extent on the shorter one; re-run after every
    // layout (resize, export at another size) until the user zooms or drags.
    void fitEqualAspect();
    double extent_ = 1.05;
    bool autoAspect_ = true;
    PlotView* eigen_;
    PlotView* singular_;
    QLabel* certificate_;
    QString certificateHtml_;  // of the last result, before the starts note
};

}  // namespace equilab
