// Fixed-point correction (Bai et al. 2022, "Deep equilibrium optical flow estimation"; torchdeq's
// fp_correction): the loss is applied at N states sampled from the forward trajectory, each
// with its own Jacobian-free or phantom gradient, and the gradients are summed with weights.
//
// With T forward Picard steps W_t = φ(W_{t−1}) from W_0 = 0, the states are W_{t_i} at
// t_i = ⌈i·T/N⌉ (i = 1 … N, so t_N = T), and the corrected loss is
//     F(θ) = Σ_i γ^(N−i) · L_i(θ),
// where L_i is the method's loss read from W_{t_i} held constant: jfb L_i = E(φ(W_{t_i}; θ)),
// phantom L_i = E(w_K) after K damped steps from W_{t_i} (core/training/hypergradient.h). The
// returned gradient is ∂F/∂θ exactly (the states are constants, as the DEQ libraries detach them);
// the last state has weight 1, so N = 1 is the method's own gradient. Weights are not normalized
// (as torchdeq). The forward trajectory is walked once, in pieces of t_i − t_{i−1} steps.
#pragma once

#include <string>
#include <vector>

#include "core/training/hypergradient.h"

namespace equilab {

struct FixedPointCorrectionOptions {
    int states = 0;      // N: sampled states (0: off)
    double gamma = 0.8;  // weight of state i is gamma^(N − i), in (0, 1]

    bool enabled() const { return states > 0; }
    // Also checks it against the hypergradient's options: jfb or phantom, T fixed steps, N ≤ T.
    bool IsValid(const HypergradOptions& hypergrad, std::string* error) const;
};

// t_1 … t_N (t_i = ⌈i·T/N⌉).
std::vector<int> fixedPointCorrectionSteps(int T, int states);

// The corrected gradient ∂F/∂θ into out->grad. The other fields of *out are those of the last
// state (its loss, accuracy and W, the model's output); forward_iterations is T and flops the
// sum. *scratch is reused memory for one state's result; returns F.
template <typename Scalar>
double fixedPointCorrectionInto(const ModelParams<Scalar>& params, const MatrixT<Scalar>& X,
                                const Targets<Scalar>& targets, const HypergradOptions& options,
                                const FixedPointCorrectionOptions& correction,
                                HypergradWorkspace<Scalar>* workspace,
                                HypergradResult<Scalar>* scratch, HypergradResult<Scalar>* out);

}  // namespace equilab
