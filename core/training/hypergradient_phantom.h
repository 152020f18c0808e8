// The passes of jfb, phantom and neumann (core/training/hypergradient.h states their math), called
// by hypergradientInto; internal to the hypergradient (no other caller).
#pragma once

#include "core/training/hypergradient.h"

namespace equilab {

// JFB's forward: keeps W_T in ws.P and sets out->W = Z = φ(W_T) = tanh(A W_T + U).
template <typename Scalar>
void jfbLift(const MatrixT<Scalar>& A, double gemmHidden, HypergradWorkspace<Scalar>& ws,
             HypergradResult<Scalar>* out);

// Phantom's forward: K damped steps w_j = (1 − λ) w_{j−1} + λ tanh(A w_{j−1} + U) from
// w_0 = out->W (= W_T), every w_j in ws.trajectory and D_j = 1 − φ(w_{j−1})² in ws.slopes;
// out->W = w_K.
template <typename Scalar>
void phantomForward(const MatrixT<Scalar>& A, const HypergradOptions& options, double gemmHidden,
                    HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out);

// Phantom's reverse pass from g_K = ∂E/∂w_K: G_j = λ D_j ⊙ g_j, ∂A += G_j w_{j−1}ᵀ,
// g_{j−1} = (1 − λ) g_j + Aᵀ G_j; ∂B = (Σ G_j) Xᵀ, ∂c = (Σ G_j)·1. w_0 is a constant.
template <typename Scalar>
void phantomBackward(const MatrixT<Scalar>& A, const MatrixT<Scalar>& X, const MatrixT<Scalar>& GW,
                     const HypergradOptions& options, double gemmHidden,
                     HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out);

// Neumann's adjoint V_1 = λ g, V_{i+1} = (1 − λ) V_i + λ Jᵀ V_i + λ g (i < K) with
// Jᵀ V = Aᵀ (D ⊙ V), D = 1 − tanh(A W + U)²; leaves G = D ⊙ V_K in ws.Z and the relative last
// step ‖V_K − V_{K−1}‖ / ‖V_1‖ in out->backward_residual.
template <typename Scalar>
void adjointNeumann(const MatrixT<Scalar>& A, const MatrixT<Scalar>& W, const MatrixT<Scalar>& GW,
                    const HypergradOptions& options, double gemmHidden,
                    HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out);

}  // namespace equilab
