// Statistics and regularizers of a DEQ training step that need only A and the hidden states:
// an estimate of ρ(J) at the fixed points, Hutchinson's estimate of ‖J‖_F² and its exact value.
#pragma once

#include "core/model/types.h"

namespace equilab {

// An ESTIMATE of max_i ρ(J_i), J_i = diag(1 − w_i²) A, over up to `samples` columns of W
// (evenly spaced): power iteration from a fixed pseudo-random start, `steps` products, the
// geometric mean growth ‖J v‖/‖v‖ over the second half of the steps. It converges like
// (|λ₂|/|λ₁|)^k and can under-estimate (a start orthogonal to the dominant direction, a complex
// pair whose growth oscillates); it costs samples·steps matrix–vector products, cheap enough
// for every step. The rigorous value per input is core/analysis/jacobian_radius.h.
template <typename Scalar>
double jacobianRadiusEstimate(const MatrixT<Scalar>& A, const MatrixT<Scalar>& W, int samples = 8,
                              int steps = 30);

// The exact mean over the columns of ‖J_i‖_F² = Σ_jk (1 − w_ij²)² A_jk².
template <typename Scalar>
double jacobianFrobeniusSquared(const MatrixT<Scalar>& A, const MatrixT<Scalar>& W);

// Hutchinson's estimate of the same mean: for each column, the mean over m Rademacher probes ε
// of ‖J_i ε‖² (E ‖J ε‖² = ‖J‖_F² since E εεᵀ = I); `seed` fixes the probes. *sampleStd, when not
// null, receives the standard deviation of the per-probe mean over columns (so the estimate's
// standard error is *sampleStd / √m).
template <typename Scalar>
double jacobianFrobeniusHutchinson(const MatrixT<Scalar>& A, const MatrixT<Scalar>& W, int m,
                                   unsigned seed, double* sampleStd = nullptr);

// Jacobian regularization (Bai et al. 2021), R = mean over the columns of ‖J_i‖_F² with
// J_i = diag(d_i) A, d_i = 1 − tanh²(A w_i + u_i) and the states w_i held constant (as DEQ
// libraries detach z*): exact (R = Σ_jk d_j² A_jk², averaged) or Hutchinson's estimate with m
// Rademacher probes per column (R = mean over probes of ‖d ⊙ (A ε)‖²), whose gradient is the
// exact gradient of that estimate. Adds weight·∂R/∂(A, B, c) to gA, gB, gc; returns R.
// U = B X + c·1ᵀ of the batch X.
template <typename Scalar>
double jacobianRegularizerInto(const MatrixT<Scalar>& A, const MatrixT<Scalar>& W,
                               const MatrixT<Scalar>& U, const MatrixT<Scalar>& X, bool exact,
                               int probes, unsigned seed, double weight, MatrixT<Scalar>* gA,
                               MatrixT<Scalar>* gB, VectorT<Scalar>* gc);

}  // namespace equilab
