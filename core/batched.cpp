#include "core/batched.h"

#include "core/kernels.h"
#include "core/parallel.h"

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

template <typename Scalar>
BatchSolveResult<Scalar> solveBatch(const MatrixT<Scalar>& A, const MatrixT<Scalar>& U,
                                    const BatchSolveOptions<Scalar>& options,
                                    const MatrixT<Scalar>& W0) {
    EQUILAB_DISPATCH(solveBatch, A, U, options, W0);
    BatchSolveResult<Scalar> out;
    const Index n = A.rows(), N = U.cols();
    const bool fromZero = W0.size() == 0;
    MatrixT<Scalar> W = fromZero ? MatrixT<Scalar>::Zero(n, N) : W0;
    MatrixT<Scalar> Z(n, N);
    out.residuals = VectorT<Scalar>::Zero(N);
    for (int k = 1; k <= options.max_iterations; ++k) {
        // A·W₀ = 0 when starting from zero: the first step is tanh(U), no product needed.
        if (k == 1 && fromZero)
            Z.setZero();
        else
            Z.noalias() = A * W;
        const bool last = options.fixed_iterations && k == options.max_iterations;
        if (options.fixed_iterations && !last) {
            // Fused bias and tanh, one pass, on all cores.
            forColumnBlocks(n, N, [&](Index j, Index m) {
                W.middleCols(j, m) = (Z.middleCols(j, m) + U.middleCols(j, m)).array().tanh();
            });
            continue;
        }
        // Z ← tanh(Z + U) − W is the step; then W ← W + step.
        forColumnBlocks(n, N, [&](Index j, Index m) {
            Z.middleCols(j, m) = (Z.middleCols(j, m) + U.middleCols(j, m)).array().tanh() - W.middleCols(j, m).array();
            out.residuals.segment(j, m) = Z.middleCols(j, m).colwise().norm().transpose();
            W.middleCols(j, m) += Z.middleCols(j, m);
        });
        out.iterations = k;
        out.worst_residual = N ? static_cast<double>(out.residuals.maxCoeff()) : 0.0;
        if (!std::isfinite(out.worst_residual)) {
            out.termination = Termination::DivergedNonFinite;
            out.message = "diverged: a non-finite hidden state at iteration " + std::to_string(k);
            break;
        }
        if (!options.fixed_iterations && out.worst_residual <= options.tolerance) {
            out.termination = Termination::Converged;
            out.message = "converged in " + std::to_string(k) + " iterations";
            break;
        }
    }
    if (options.fixed_iterations) out.iterations = options.max_iterations;
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
