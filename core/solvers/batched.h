// Batched forward solve: every column of X (d×N) is one input; the hidden states are the
// columns of W (n×N). One Picard step is W ← tanh(A W + U) with U = B X + c·1ᵀ computed once,
// so the hot path is one n×n by n×N GEMM plus a fused bias-and-tanh pass, in preallocated
// buffers.
#pragma once

#include "core/solvers/solver.h"

namespace equilab {

template <typename Scalar>
struct BatchSolveOptions {
    double tolerance = 1e-10;  // on max_i ‖φ(w_i) − w_i‖₂; ignored when fixed_iterations
    int max_iterations = 500;
    bool fixed_iterations = false;  // run exactly max_iterations steps (training's T)
};

template <typename Scalar>
struct BatchSolveResult {
    MatrixT<Scalar> W;          // n×N, the last iterate
    VectorT<Scalar> residuals;  // per sample ‖W_k − W_{k−1}‖₂ of the last step
    double worst_residual = 0;  // max of residuals
    int iterations = 0;
    Termination termination = Termination::Running;
    std::string message;
};

// U = B X + c·1ᵀ.
template <typename Scalar>
MatrixT<Scalar> computeDrive(const MatrixT<Scalar>& B, const VectorT<Scalar>& c,
                             const MatrixT<Scalar>& X);

// Picard on every column from W0 (empty: zeros). Z is a scratch buffer reused across calls.
template <typename Scalar>
BatchSolveResult<Scalar> solveBatch(const MatrixT<Scalar>& A, const MatrixT<Scalar>& U,
                                    const BatchSolveOptions<Scalar>& options,
                                    const MatrixT<Scalar>& W0 = MatrixT<Scalar>());

// T Picard steps from zero into *W (n×N; its memory is reused when it already has that size),
// with the per-column residuals of the last step in *residuals: solveBatch's fixed-iteration
// path without its allocations, for training's forward pass. fromZero = false continues from
// *W's contents instead (it must be n×N).
template <typename Scalar>
void solveFixedSteps(const MatrixT<Scalar>& A, const MatrixT<Scalar>& U, int T, MatrixT<Scalar>* W,
                     VectorT<Scalar>* residuals, bool fromZero = true);

// Z = A W, the bare product: the GEMM rate the benchmark compares every kernel with. It runs
// in the same kernel variant as the kernels (core/internal/kernels.h), so both sides use the same
// instruction set and threads. Z must have A.rows() rows and W.cols() columns.
template <typename Scalar>
void gemmProduct(const MatrixT<Scalar>& A, const MatrixT<Scalar>& W, MatrixT<Scalar>* Z);

// Convenience over a double Model.
BatchSolveResult<double> solveBatch(const Model& model, const Matrix& X,
                                    const BatchSolveOptions<double>& options);

}  // namespace equilab
