// The paper's main figure: the relative error ‖g_K − g*‖/‖g*‖ of every approximate
// hypergradient (itd, aid-fp, aid-cg, jfb, phantom, neumann) with T = K = 1…max_iterations
// against the exact one, for one model and batch (phantom and neumann with damping λ).
#pragma once

#include <functional>
#include <vector>

#include "core/training/hypergradient.h"

namespace equilab {

struct HypergradSweep {
    std::vector<int> iterations;  // 1 … N
    std::vector<double> itd, aid_fp, aid_cg, jfb, phantom, neumann;
    double damping = 0.5;          // λ of phantom and neumann
    double contraction_bound = 0;  // q = ‖A‖₂
    // The exact reference is only a reference when its forward solve converged (worst
    // per-sample residual ≤ HypergradOptions::exact_tolerance); otherwise every relative error
    // above is measured against a wrong gradient.
    double reference_residual = 0;
    int reference_iterations = 0;
    bool reference_converged = false;
    bool complete = false;
    const std::vector<double>& errors(HypergradMethod m) const;
    std::vector<double>& errors(HypergradMethod m);
    // The methods the sweep measures, in order (all but exact).
    static const std::vector<HypergradMethod>& methods();
};

HypergradSweep hypergradientSweep(const ModelParams<double>& params, const Matrix& X,
                                  const Targets<double>& targets, int max_iterations,
                                  const std::function<bool()>& cancel = {}, double damping = 0.5);

}  // namespace equilab
