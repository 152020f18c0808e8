// The gradient-bias map: how far each approximate hypergradient is from the exact one, as the
// fixed points approach instability. For a model (A, B, c, W_out, b_out) and a batch, A is
// scaled by s; at each s the exact fixed points w_i* and
//     ρ(J*) = max_i ρ(diag(1 − w_i*²) s A)      (core/analysis/jacobian_radius.h, per sample)
// are computed, and every method's gradient g with respect to the layer (A, B, c) is compared
// with the exact one g*: the cosine ⟨g, g*⟩ / (‖g‖ ‖g*‖) and the relative error ‖g − g*‖ / ‖g*‖
// (the readout's gradients are left out: every method reads them off the same states).
//
// The scales are found by bisection on s so that ρ(J*) hits each target (0.1 … 0.99) within
// 1e-3 (ρ(J*) need not be monotone in s: the bisection keeps a bracket where ρ crosses the target,
// found by doubling s from 0). A target not reached below s = 1000 is reported unreached.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/training/hypergradient.h"

namespace equilab {

struct GradientBiasOptions {
    std::vector<double> rho_targets = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99};
    std::vector<HypergradMethod> methods = {HypergradMethod::Itd,     HypergradMethod::AidFp,
                                            HypergradMethod::AidCg,   HypergradMethod::Jfb,
                                            HypergradMethod::Phantom, HypergradMethod::Neumann};
    int T = 20;  // forward steps of every method
    int K = 20;  // adjoint steps, terms or damped steps
    double damping = 0.5;

    bool IsValid(std::string* error) const;
};

struct GradientBiasPoint {
    double target = 0;  // the ρ(J*) asked for
    double scale = 0;   // s
    double rho = 0;     // ρ(J*) at s
    bool reached = false;
    bool reference_converged = false;            // the exact forward solve reached its tolerance
    std::vector<double> cosine, relative_error;  // per method, in options.methods' order
};

struct GradientBiasMap {
    std::vector<GradientBiasPoint> points;
    bool complete = false;  // false: cancelled
};

// Cosine and relative error over the blocks A, B, c.
double layerCosine(const ModelParams<double>& g, const ModelParams<double>& ref);
double layerRelativeError(const ModelParams<double>& g, const ModelParams<double>& ref);

// ρ(J*) = max_i ρ(diag(1 − w_i²) A) over the columns of W (Arnoldi, per sample).
double maxJacobianRadius(const Matrix& A, const Matrix& W);

GradientBiasMap gradientBiasMap(const ModelParams<double>& params, const Matrix& X,
                                const Targets<double>& targets, const GradientBiasOptions& options,
                                const std::function<bool()>& cancel = {});

// Per input at the model as it is (s = 1): one column of X at a time, every method's cosine and
// relative error, and that input's ρ(J*). Rows: inputs; columns: methods.
struct GradientBiasPerInput {
    std::vector<double> rho;
    std::vector<std::vector<double>> cosine, relative_error;
};
GradientBiasPerInput gradientBiasPerInput(const ModelParams<double>& params, const Matrix& X,
                                          const Targets<double>& targets,
                                          const GradientBiasOptions& options);

}  // namespace equilab
