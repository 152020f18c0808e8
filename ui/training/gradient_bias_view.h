// The gradient-bias map: each approximate hypergradient's relative error ‖g − g*‖/‖g*‖ (over A,
// B, c) against ρ(J*), with A scaled so that ρ(J*) runs from 0.1 to 0.99
// (core/training/gradient_bias.h), for the study model of the panel's settings before training and
// the trained model after. Where JFB's bias grows as ρ(J*) → 1 is what it shows. Computed on a
// worker thread.
#pragma once

#include "core/data/dataset.h"
#include "ui/training/gradient_bias_worker.h"
#include "ui/views/curve_overlap.h"
#include "ui/views/plot_view.h"

namespace equilab {

class GradientBiasView : public PlotView {
    Q_OBJECT
  public:
    static constexpr int kMaxSamples = 100;  // training samples the map uses
    explicit GradientBiasView(QWidget* parent = nullptr);
    void compute(const ModelParams<double>& params, const Dataset& train);
    void computeStudy(const DataSpec& spec, int hidden, double radius, unsigned seed);
    void cancel();
    // Shows a map computed elsewhere (equilab-cli gradient-bias --figure) with its options; the
    // title names `subject` (a model file's name) when it is given.
    void setMap(const GradientBiasMap& m, const GradientBiasOptions& options,
                const QString& subject = QString());
    const GradientBiasMap& map() const { return map_; }
    bool isComputing() const { return computing_; }

    // Method k's curve on an earlier method j's (ui/views/curve_overlap.h), over the map's points:
    // such a curve is drawn dashed with hollow markers over the one it would hide.
    static CurveOverlap coincidence(const GradientBiasMap& m, size_t k);

  signals:
    void mapReady();

  private:
    void show(const GradientBiasMap& m, quint64 generation);
    void draw(const GradientBiasMap& m);
    GradientBiasMap map_;
    GradientBiasOptions options_;
    QString subject_;  // what the title names, when set
    GradientBiasController* controller_;
    quint64 generation_ = 0;
    bool computing_ = false;
};

}  // namespace equilab
