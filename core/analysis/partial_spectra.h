// Extreme parts of the spectrum of a large dense matrix, by Krylov methods from the Spectra
// library: implicitly restarted Arnoldi (GenEigsSolver) for the eigenvalues of largest modulus,
// and Lanczos (SymEigsSolver) on AᵀA — applied as two matrix-vector products, never formed —
// for the largest singular values σ_k = √λ_k(AᵀA).
//
// A dense eigensolve costs O(n³) with a large constant (Eigen's EigenSolver: ~13 s at n = 1000
// on one core); the certificate needs only ‖A‖₂ = σ₁ and ρ(·) = max |λ|, so above
// kDenseSpectrumUpTo the spectra are partial: the `count` extreme values, each converged to
// `tolerance` relative to its own size.
#pragma once

#include <string>

#include "core/model/types.h"

namespace equilab {

// Matrices up to this size get the full spectrum (dense solvers); larger ones a partial one.
constexpr Index kDenseSpectrumUpTo = 400;

struct PartialSpectrumOptions {
    int count = 12;            // extreme values wanted (clamped to n − 2 for Arnoldi)
    double tolerance = 1e-10;  // relative, per value
    int max_restarts = 2000;
    bool IsValid(std::string* error) const;
};

// Both call throwIfCancelled() (cancellation.h) before every matrix product.

// The `count` eigenvalues of M (square) of largest modulus, by decreasing modulus. False (and
// *error says why) when Arnoldi did not converge; *out is then unchanged.
bool largestEigenvalues(const Matrix& M, const PartialSpectrumOptions& options, ComplexVector* out,
                        std::string* error);

// The same with the eigenvectors (columns of *vectors, unit 2-norm, in the order of *values); of
// Mᵀ instead of M when `transpose` (the left eigenvectors of M, conjugated: Mᵀ z = λ z).
bool largestEigenpairs(const Matrix& M, const PartialSpectrumOptions& options, bool transpose,
                       ComplexVector* values, Eigen::MatrixXcd* vectors, std::string* error);

// A fixed budget instead of convergence: `steps` steps of Arnoldi without restarts (classical
// Gram–Schmidt twice per step) from a fixed pseudo-random start, on M or Mᵀ. The `count` Ritz
// values of largest modulus and their unit Ritz vectors; the caller measures their residuals.
// Cost: `steps` products plus O(n·steps²). Used above kDenseFallbackUpTo (spectra.h), where
// restarted Arnoldi on a clustered spectrum (a Gaussian A: eigenvalues filling a disc) needs
// thousands of products. False when M is not square or n < 3.
bool arnoldiRitzPairs(const Matrix& M, int steps, int count, bool transpose, ComplexVector* values,
                      Eigen::MatrixXcd* vectors);

// The `count` largest singular values of M, descending.
bool largestSingularValues(const Matrix& M, const PartialSpectrumOptions& options, Vector* out,
                           std::string* error);
// The same from G = MᵀM given by its lower triangle (certificate_bounds.h: gramLower): Lanczos on
// G, one symmetric product a step (half the memory traffic of the two products with M).
bool largestSingularValuesFromGram(const Matrix& gramLower, const PartialSpectrumOptions& options,
                                   Vector* out, std::string* error);

}  // namespace equilab
