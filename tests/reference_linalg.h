// Dense reference decompositions for the tests, compiled once (tests/reference_linalg.cpp) and
// linked into every test that needs them: an instantiation of Eigen's SVDs takes 24 s of
// compile time in a release build and 80 s under ASan+UBSan, once per test file that wrote it.
// They are the tests' independent references: Eigen's dense algorithms, not EquiLab's code.
#pragma once

#include "core/model/types.h"

namespace equilab::testing {

// σ₁(M) = ‖M‖₂ by Eigen's divide-and-conquer SVD (BDCSVD).
double largestSingularValue(const Matrix& M);
// σ₁(M) by Eigen's one-sided Jacobi SVD (a second, different algorithm).
double largestSingularValueJacobi(const Matrix& M);
// ρ(M) = max |λ| by Eigen's dense real Schur eigensolver (EigenSolver, no eigenvectors).
double spectralRadiusDense(const Matrix& M);
// Every eigenvalue of M by the same dense eigensolver.
ComplexVector eigenvaluesDense(const Matrix& M);
// The eigenvalues of a symmetric S in increasing order, and (if vectors) its orthonormal
// eigenvectors as columns, by Eigen's SelfAdjointEigenSolver (tridiagonal QR).
Vector symmetricEigen(const Matrix& S, Matrix* vectors = nullptr);
// The full m×m orthogonal factor Q of M = QR (Householder QR): a random orthogonal matrix from
// a Gaussian M, or an orthonormal basis whose first columns span M's columns.
Matrix orthogonalFactor(const Matrix& M);

}  // namespace equilab::testing
