// Training's forward solve to a tolerance (instead of a fixed T): Picard, Anderson or Broyden
// on the batch W (n×N), optionally warm-started from the previous step's fixed point.
//
// Anderson and Broyden run on the stacked vector vec(W) of the whole batch (the map is
// separable, so its fixed points are the columns' fixed points): one history for the batch, so a
// step costs one GEMM plus O(m·n·N) vector work; the stopping test is per column,
// max_i ‖φ(w_i) − w_i‖₂ ≤ tolerance, as for Picard.
//   anderson  type II, memory m = 5, least squares on the differences by normal equations
//             with a relative Tikhonov term 1e-10 (restart when they are singular).
//   broyden   the "good" Broyden method on F(w) = φ(w) − w with the inverse Jacobian
//             H = −I + Σ u_i v_iᵀ updated by Sherman–Morrison (limited memory 20, then restart);
//             a step whose residual grows tenfold restarts from the better point with H = −I.
#pragma once

#include <string>

#include "core/model/types.h"

namespace equilab {

enum class ForwardSolverKind { Picard, Anderson, Broyden };
std::string toString(ForwardSolverKind k);
bool parseForwardSolverKind(const std::string& name, ForwardSolverKind* k);

struct ForwardToleranceResult {
    int iterations = 0;
    double worst_residual = 0;  // max_i ‖φ(w_i) − w_i‖₂ at the returned W
    bool converged = false;
};

// Solves from *W (its current contents: zeros or the previous fixed point) in place, for the
// drive U = B X + c·1ᵀ, to max_i ‖φ(w_i) − w_i‖ ≤ tolerance or max_iterations evaluations of φ.
template <typename Scalar>
ForwardToleranceResult solveForwardToTolerance(const MatrixT<Scalar>& A, const MatrixT<Scalar>& U,
                                               ForwardSolverKind kind, double tolerance,
                                               int max_iterations, MatrixT<Scalar>* W);

// The monotone parametrization's forward (Winston & Kolter 2020; monotoneSplittingSolve in
// core/model/parametrization.h for one vector): forward–backward splitting on every column,
// W ← prox_{αf}((1 − α) W + α (A W + U)) with tanh = prox_f and α = m/‖I − A‖₂², convergent
// when the symmetric part of I − A is ⪰ mI. From *W's contents: `steps` steps, or with
// tolerance > 0 until max_i ‖φ(w_i) − w_i‖₂ ≤ tolerance (at most `steps`). The residual of the
// returned W costs one more product; iterations counts splitting steps.
template <typename Scalar>
ForwardToleranceResult monotoneSplittingBatch(const MatrixT<Scalar>& A, const MatrixT<Scalar>& U,
                                              double m, double tolerance, int steps,
                                              MatrixT<Scalar>* W);

}  // namespace equilab
