// Hypergradients of the outer loss L(γ, θ) = E(W*(γ), θ) through the fixed points
// W* = tanh(A W* + B X + c·1ᵀ), for a whole batch (samples are columns).
//
// With D = 1 − W*² (elementwise) and J = diag(D) A per sample, the implicit function theorem
// gives the adjoint v = (I − Jᵀ)⁻¹ ∂E/∂w and, with G = D ⊙ V,
//     ∂L/∂A = G W*ᵀ,   ∂L/∂B = G Xᵀ,   ∂L/∂c = G·1.
//   itd     reverse mode through T unrolled Picard steps from W₀ = 0 (exact gradient of the
//           T-step loss); ∂L/∂A = Σ_t G_t W_{t−1}ᵀ and ∂L/∂B = (Σ_t G_t) Xᵀ, one GEMM.
//   aid-fp  T forward steps, then K steps of V ← Aᵀ(D ⊙ V) + ∂E/∂W from V = 0.
//   aid-cg  T forward steps, then K conjugate-gradient steps on the normal equations
//           M Mᵀ v = M ∂E/∂w with Mᵀ = I − Jᵀ (the adjoint system is not symmetric). CG runs on
//           the block-diagonal system of the whole batch at once, so each step is two GEMMs.
//   exact   forward solve to exact_tolerance, then a dense LU solve of (I − Jᵀ) v = ∂E/∂w per
//           sample: the reference for hypergradient error.
// AID evaluates the gradient through φ at the last iterate W_T in place of W* (both sides):
// it linearizes φ at W_T, D = 1 − φ(W_T)² with φ(W_T) = tanh(A W_T + U) (Grazzi et al. 2020),
// which equals 1 − W_T² only at a fixed point.
//
// Three approximate gradients of the DEQ literature (core/training/hypergradient_phantom.cpp), all
// from W_T after T forward steps:
//   jfb      Jacobian-free backpropagation (Fung et al. 2022): the exact gradient of
//            L(φ(w; θ)) with w = W_T held constant: the loss is read at Z = φ(W_T) and
//            ∂A = G W_Tᵀ with G = (1 − Z²) ⊙ ∂E/∂Z (the adjoint replaced by the identity).
//   phantom  the unrolled phantom gradient (Geng et al. 2021): the exact gradient of the loss
//            after K damped steps w_j = (1 − λ) w_{j−1} + λ φ(w_{j−1}) from w_0 = W_T held
//            constant (reverse mode through those K steps).
//   neumann  the Neumann phantom gradient (Geng et al. 2021): the adjoint
//            v = λ Σ_{i<K} (λ Jᵀ + (1 − λ) I)^i ∂E/∂w, J linearized at φ(W_T) like AID; λ = 1 is
//            AID-FP with K steps, and K → ∞ gives (I − Jᵀ)⁻¹ ∂E/∂w for any 0 < λ ≤ 1 when
//            ρ(J) < 1.
//
// Backward statistics. Methods that solve the adjoint system iteratively (aid-fp, neumann,
// aid-cg) report a relative residual: aid-fp and neumann the size of the last step
// ‖V_K − V_{K−1}‖ / ‖V_1‖ (the fixed-point residual of V_{K−1}, as torchdeq's SolverStat reports
// it); aid-cg the residual of its normal equations relative to its start, √(rᵀr / r₀ᵀr₀). A
// residual above backward_tolerance marks the result backward_converged = false: the gradient is
// returned, but flagged. itd, jfb and phantom solve nothing (the residual is −1); exact is a
// dense LU solve (0).
#pragma once

#include <string>
#include <vector>

#include "core/solvers/forward_tolerance.h"
#include "core/solvers/solver.h"
#include "core/training/readout.h"

namespace equilab {

enum class HypergradMethod { Itd, AidFp, AidCg, Exact, Jfb, Phantom, Neumann };
// Every method, in the order the interfaces list them.
const std::vector<HypergradMethod>& allHypergradMethods();
// The methods that train (all but the exact reference).
bool isTrainingMethod(HypergradMethod m);
std::string toString(HypergradMethod m);
bool parseHypergradMethod(const std::string& name, HypergradMethod* m);

template <typename Scalar>
struct ModelParams {
    MatrixT<Scalar> A;     // n×n
    MatrixT<Scalar> B;     // n×d
    VectorT<Scalar> c;     // n
    MatrixT<Scalar> Wout;  // C×n
    VectorT<Scalar> bout;  // C

    Index hidden() const { return A.rows(); }
    bool allFinite() const {
        return A.allFinite() && B.allFinite() && c.allFinite() && Wout.allFinite() &&
               bout.allFinite();
    }
    double norm() const;  // Frobenius norm over all blocks
    template <typename T>
    ModelParams<T> cast() const {
        return {A.template cast<T>(), B.template cast<T>(), c.template cast<T>(),
                Wout.template cast<T>(), bout.template cast<T>()};
    }
};

struct HypergradOptions {
    HypergradMethod method = HypergradMethod::AidFp;
    int T = 20;  // forward iterations (itd: unrolled steps)
    int K = 20;  // adjoint iterations (aid-fp, aid-cg), terms (neumann), damped steps (phantom)
    double damping = 0.5;              // λ of phantom and neumann, in (0, 1]
    double backward_tolerance = 1e-3;  // relative backward residual above which it is flagged
    // Forward to a tolerance (aid-*, jfb, phantom, neumann; not itd, which differentiates its T
    // steps): > 0 replaces the T fixed steps by forward_solver run to max_i ‖φ(w_i) − w_i‖ ≤
    // forward_tolerance (at most forward_max_iterations), from the workspace's previous fixed
    // point when warm_start (and it has the batch's shape), else from zero; the hypergradient
    // uses the fixed point found.
    double forward_tolerance = 0;
    ForwardSolverKind forward_solver = ForwardSolverKind::Picard;
    int forward_max_iterations = 1000;
    bool warm_start = false;
    // With T fixed steps (jfb, phantom, aid-*, neumann): the steps continue from the workspace's
    // `warm` state (when it has the batch's shape; else from zero) and leave W_T there, so that
    // successive calls walk one forward trajectory in pieces (fixed-point correction,
    // core/training/fixed_point_correction.h).
    bool continue_forward = false;
    // > 0: the monotone parametrization's m (core/model/parametrization.h); the forward of every
    // method but itd (which differentiates its T Picard steps) is then its splitting solver
    // (monotoneSplittingBatch, core/solvers/forward_tolerance.h): T splitting steps, or to
    // forward_tolerance. The trainer sets it from a monotone parametrization.
    double monotone_m = 0;
    double exact_tolerance = 1e-14;
    int exact_max_iterations = 100000;

    bool IsValid(std::string* error) const;
};

template <typename Scalar>
struct HypergradResult {
    double loss = 0;
    double accuracy = 0;
    ModelParams<Scalar> grad;  // same shapes as the parameters
    MatrixT<Scalar> W;         // hidden states the loss was evaluated at
    int forward_iterations = 0;
    double forward_residual = 0;     // worst per-sample residual of the last forward step
    bool forward_converged = true;   // false: forward_tolerance was not reached
    int backward_iterations = 0;     // adjoint steps, CG iterations, unrolled or phantom steps
    double backward_residual = -1;   // relative (see above); −1: the method solves nothing
    bool backward_converged = true;  // false: the residual is above backward_tolerance
    double flops = 0;                // floating-point operations of the products the method needs
};

// Reusable buffers so that repeated calls (training) do not allocate per iteration.
template <typename Scalar>
struct HypergradWorkspace {
    MatrixT<Scalar> U, Z, V, R, P, Q, S, Gsum;
    std::vector<MatrixT<Scalar>> trajectory;  // itd: W_0 … W_T; phantom: w_0 … w_K
    std::vector<MatrixT<Scalar>> slopes;      // phantom: D_j = 1 − φ(w_{j−1})², j = 1 … K
    VectorT<Scalar> residuals;                // per-column residuals of the last forward step
    MatrixT<Scalar> warm;                     // the last fixed point (warm_start)
    ReadoutGradient<Scalar> readout;          // ∂E/∂W and the readout's gradients
};

template <typename Scalar>
HypergradResult<Scalar> hypergradient(const ModelParams<Scalar>& params, const MatrixT<Scalar>& X,
                                      const Targets<Scalar>& targets,
                                      const HypergradOptions& options,
                                      HypergradWorkspace<Scalar>* workspace = nullptr);

// The same into *out, reusing the memory of its matrices and of the workspace: a training loop
// that keeps both allocates nothing per step.
template <typename Scalar>
void hypergradientInto(const ModelParams<Scalar>& params, const MatrixT<Scalar>& X,
                       const Targets<Scalar>& targets, const HypergradOptions& options,
                       HypergradWorkspace<Scalar>* workspace, HypergradResult<Scalar>* out);

// ‖g − ref‖ / ‖ref‖ over all blocks.
template <typename Scalar>
double relativeError(const ModelParams<Scalar>& g, const ModelParams<Scalar>& ref);

}  // namespace equilab
