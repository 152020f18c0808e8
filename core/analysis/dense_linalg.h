// Eigen's dense decompositions of general matrices, instantiated in one translation unit for the
// whole core (core/analysis/dense_linalg.cpp). Each instantiation of EigenSolver or BDCSVD costs
// 10–25 s of compile time in a release build and three times that under the sanitizers; written in
// every file that needs one, they were the largest part of the core's build.
#pragma once

#include "core/model/types.h"

namespace equilab {

// The eigenvalues of M by the real Schur form (EigenSolver, no eigenvectors). False when the QR
// iteration did not converge (*values then holds what it has).
bool denseEigenvalues(const Matrix& M, ComplexVector* values);
// The eigenvalues and eigenvectors of M (EigenSolver); the same contract.
bool denseEigen(const Matrix& M, ComplexVector* values, Eigen::MatrixXcd* vectors);
// ρ(M) = max |λᵢ|; NaN when the QR iteration did not converge; 0 for an empty M. A dimension that
// is a multiple of 64 is computed on M padded with a zero row and column (paddedDimension).
double denseSpectralRadius(const Matrix& M);
// n + 1 when n ≥ 64 is a multiple of 64, else n. Eigen's QR iteration on an n×n column-major
// matrix with such a stride is 6–9 times slower (its row operations map to the same cache sets:
// 23 ms at n = 128 against 3.5 ms at 129, 387 ms at 256 against 44 ms at 257, measured on the
// real Schur form); a zero row and column add only the eigenvalue 0.
Index paddedDimension(Index n);
// The singular values of M, largest first (divide-and-conquer SVD, BDCSVD).
Vector denseSingularValues(const Matrix& M);
// The full SVD M = U diag(s) Vᵀ (BDCSVD with full U and V).
void denseSvd(const Matrix& M, Matrix* U, Vector* s, Matrix* V);

}  // namespace equilab
