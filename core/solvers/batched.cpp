#include "core/solvers/batched.h"

#include "core/internal/kernels.h"
#include "core/internal/parallel.h"

#include <cmath>

namespace equilab {

template <typename Scalar>
MatrixT<Scalar> computeDrive(const MatrixT<Scalar>& B, const VectorT<Scalar>& c,
                             const MatrixT<Scalar>& X) {
    EQUILAB_DISPATCH(computeDrive, B, c, X);
    MatrixT<Scalar> U(B.rows(), X.cols());
    U.noalias() = B * X;
    U.colwise() += c;
    return U;
}

template <typename Scalar>
void gemmProduct(const MatrixT<Scalar>& A, const MatrixT<Scalar>& W, MatrixT<Scalar>* Z) {
    EQUILAB_DISPATCH(gemmProduct, A, W, Z);
    Z->noalias() = A * W;
}

namespace {

// T fixed steps (training's forward): every column iterates on its own, so each fused block
// runs all T steps on one core with its columns in cache, W_b ← tanh(A W_b + U_b); the last
// step is written as W + (φ(W) − W) and leaves the per-column residual ‖φ(W) − W‖₂.
template <typename Scalar>
void fixedStepsFused(const MatrixT<Scalar>& A, const MatrixT<Scalar>& U, int T, bool fromZero,
                     MatrixT<Scalar>& W, VectorT<Scalar>& residuals) {
    const Index n = A.rows(), N = U.cols();
    forFusedBlocks(n, N, [&](Index j, Index m) {
        auto Wb = W.middleCols(j, m);
        const auto Ub = U.middleCols(j, m);
        MatrixT<Scalar> Z(n, m);
        for (int k = 1; k <= T; ++k) {
            if (k == 1 && fromZero)
                Z.setZero();  // A·W₀ = 0
            else
                Z.noalias() = A * Wb;
            if (k < T) {
                Wb = (Z + Ub).array().tanh();
                continue;
            }
            Z = (Z + Ub).array().tanh() - Wb.array();
            residuals.segment(j, m) = Z.colwise().norm().transpose();
            Wb += Z;
        }
    });
}

}  // namespace

template <typename Scalar>
void solveFixedSteps(const MatrixT<Scalar>& A, const MatrixT<Scalar>& U, int T, MatrixT<Scalar>* W,
                     VectorT<Scalar>* residuals, bool fromZero) {
    // From zero, the first step writes W without reading it; only T ≤ 1 reads the zeros (no
    // serial clearing pass over W every training step).
    W->resize(A.rows(), U.cols());
    if (T <= 1 && fromZero) W->setZero();
    residuals->setZero(U.cols());
    if (T > 0) fixedStepsFused(A, U, T, fromZero, *W, *residuals);
}

namespace {

// Picard until the worst residual is below the tolerance: a global test after every step.
template <typename Scalar>
void stepsToTolerance(const MatrixT<Scalar>& A, const MatrixT<Scalar>& U,
                      const BatchSolveOptions<Scalar>& options, bool fromZero, MatrixT<Scalar>& W,
                      BatchSolveResult<Scalar>& out) {
    const Index n = A.rows(), N = U.cols();
    MatrixT<Scalar> Z(n, N);
    for (int k = 1; k <= options.max_iterations; ++k) {
        if (k == 1 && fromZero)
            Z.setZero();
        else
            Z.noalias() = A * W;
        // Z ← tanh(Z + U) − W is the step; then W ← W + step.
        forColumnBlocks(n, N, [&](Index j, Index m) {
            Z.middleCols(j, m) = (Z.middleCols(j, m) + U.middleCols(j, m)).array().tanh() -
                                 W.middleCols(j, m).array();
            out.residuals.segment(j, m) = Z.middleCols(j, m).colwise().norm().transpose();
            W.middleCols(j, m) += Z.middleCols(j, m);
        });
        out.iterations = k;
        out.worst_residual = N ? static_cast<double>(out.residuals.maxCoeff()) : 0.0;
        if (!std::isfinite(out.worst_residual)) {
            out.termination = Termination::DivergedNonFinite;
            out.message = "diverged: a non-finite hidden state at iteration " + std::to_string(k);
            return;
        }
        if (out.worst_residual <= options.tolerance) {
            out.termination = Termination::Converged;
            out.message = "converged in " + std::to_string(k) + " iterations";
            return;
        }
    }
}

}  // namespace

template <typename Scalar>
BatchSolveResult<Scalar> solveBatch(const MatrixT<Scalar>& A, const MatrixT<Scalar>& U,
                                    const BatchSolveOptions<Scalar>& options,
                                    const MatrixT<Scalar>& W0) {
    EQUILAB_DISPATCH(solveBatch, A, U, options, W0);
    BatchSolveResult<Scalar> out;
    const Index n = A.rows(), N = U.cols();
    const bool fromZero = W0.size() == 0;
    MatrixT<Scalar> W = fromZero ? MatrixT<Scalar>::Zero(n, N) : W0;
    out.residuals = VectorT<Scalar>::Zero(N);
    if (options.fixed_iterations && options.max_iterations > 0) {
        fixedStepsFused(A, U, options.max_iterations, fromZero, W, out.residuals);
        out.iterations = options.max_iterations;
        out.worst_residual = N ? static_cast<double>(out.residuals.maxCoeff()) : 0.0;
        if (!std::isfinite(out.worst_residual)) {
            out.termination = Termination::DivergedNonFinite;
            out.message = "diverged: a non-finite hidden state at iteration " +
                          std::to_string(out.iterations);
        }
    } else if (!options.fixed_iterations) {
        stepsToTolerance(A, U, options, fromZero, W, out);
    }
    if (out.termination == Termination::Running) {
        out.termination = options.fixed_iterations && out.worst_residual <= options.tolerance
                              ? Termination::Converged
                              : Termination::MaxIterations;
        out.message = "ran " + std::to_string(out.iterations) + " iterations";
    }
    out.W = std::move(W);
    return out;
}

BatchSolveResult<double> solveBatch(const Model& model, const Matrix& X,
                                    const BatchSolveOptions<double>& options) {
    return solveBatch<double>(model.A, computeDrive<double>(model.B, model.c, X), options);
}

template void solveFixedSteps(const MatrixT<float>&, const MatrixT<float>&, int, MatrixT<float>*,
                              VectorT<float>*, bool);
template void solveFixedSteps(const MatrixT<double>&, const MatrixT<double>&, int, MatrixT<double>*,
                              VectorT<double>*, bool);
template void gemmProduct(const MatrixT<float>&, const MatrixT<float>&, MatrixT<float>*);
template void gemmProduct(const MatrixT<double>&, const MatrixT<double>&, MatrixT<double>*);
template MatrixT<float> computeDrive(const MatrixT<float>&, const VectorT<float>&,
                                     const MatrixT<float>&);
template MatrixT<double> computeDrive(const MatrixT<double>&, const VectorT<double>&,
                                      const MatrixT<double>&);
template BatchSolveResult<float> solveBatch(const MatrixT<float>&, const MatrixT<float>&,
                                            const BatchSolveOptions<float>&, const MatrixT<float>&);
template BatchSolveResult<double> solveBatch(const MatrixT<double>&, const MatrixT<double>&,
                                             const BatchSolveOptions<double>&,
                                             const MatrixT<double>&);

}  // namespace equilab
