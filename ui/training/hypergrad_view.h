// The paper's main figure, live: the relative error of every approximate hypergradient (ITD,
// AID-FP, AID-CG, JFB, phantom, Neumann) against T = K on a log axis for the current model (the
// study model of the panel's settings before training, the trained model after), with the
// contraction rate qᵏ drawn for reference. Computed on a worker thread (hypergrad_worker.h); a
// newer request supersedes an older one.
#pragma once

#include "core/data/dataset.h"
#include "ui/training/hypergrad_worker.h"
#include "ui/views/plot_view.h"

namespace equilab {

class HypergradView : public PlotView {
    Q_OBJECT
  public:
    static constexpr int kMaxSamples = 500;  // the sweep uses at most this many training samples
    static constexpr int kMaxIterations = 30;
    explicit HypergradView(QWidget* parent = nullptr);
    // Starts computing the sweep for this model on (up to kMaxSamples of) X.
    void compute(const ModelParams<double>& params, const Dataset& train);
    // The same for the study model of a configuration, its data loaded on the worker.
    void computeStudy(const DataSpec& spec, int hidden, double radius, unsigned seed);
    // Stops the sweep under way (a training run needs both cores); the plot keeps what it shows.
    void cancel();
    // Shows a sweep computed elsewhere; a sweep under way is cancelled.
    void setSweep(const HypergradSweep& s);
    const HypergradSweep& sweep() const { return sweep_; }
    bool isComputing() const { return computing_; }

  signals:
    void sweepReady();

  private:
    void show(const HypergradSweep& s, quint64 generation);
    void draw(const HypergradSweep& s);
    HypergradSweep sweep_;
    HypergradController* controller_;
    quint64 generation_ = 0;
    bool computing_ = false;
};

}  // namespace equilab
