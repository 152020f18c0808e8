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
// ρ(M) = max |λᵢ|; NaN when the QR iteration did not converge; 0 for an empty M.
double denseSpectralRadius(const Matrix& M);
// The singular values of M, largest first (divide-and-conquer SVD, BDCSVD).
Vector denseSingularValues(const Matrix& M);
// The full SVD M = U diag(s) Vᵀ (BDCSVD with full U and V).
void denseSvd(const Matrix& M, Matrix* U, Vector* s, Matrix* V);

}  // namespace equilab
