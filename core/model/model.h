// The equilibrium layer φ(w; x) = tanh(A w + B x + c).
//
// Contract: A is n×n, B is n×d, c has n entries. φ is a contraction in w whenever ‖A‖₂ < 1,
// because tanh is 1-Lipschitz; its Jacobian is J(w) = diag(1 − φ(w)²) A.
#pragma once

#include <string>

#include "core/model/types.h"

namespace equilab {

struct Model {
    Matrix A;  // n×n
    Matrix B;  // n×d
    Vector c;  // n

    Index hiddenDim() const { return A.rows(); }
    Index inputDim() const { return B.cols(); }

    // Shapes agree and every entry is finite. On failure *error names the offending part.
    bool IsValid(std::string* error) const;
    // Shapes agree (entries may be anything).
    bool hasValidShapes(std::string* error) const;

    // φ(w; x) for one sample.
    Vector phi(const Vector& w, const Vector& x) const;
    // φ(w; x) with the input term u = B x + c precomputed (the hot path of every solver).
    Vector phiWithDrive(const Vector& w, const Vector& drive) const;
    // u = B x + c.
    Vector drive(const Vector& x) const;
    // J = ∂φ/∂w = diag(1 − φ(w)²) A.
    Matrix jacobian(const Vector& w, const Vector& x) const;
};

// Random n×n matrix with ‖A‖₂ = norm exactly (Gaussian entries, rescaled by the top singular
// value). Deterministic for a given seed.
Matrix randomMatrixWithNorm(Index n, double norm, unsigned seed);
// Gaussian matrix with entries N(0, scale²), deterministic for a given seed.
Matrix randomGaussian(Index rows, Index cols, double scale, unsigned seed);

// The largest singular value ‖A‖₂.
double spectralNorm(const Matrix& A);
// The largest singular value ‖A‖₂: a dense SVD up to kDenseSpectrumUpTo (partial_spectra.h),
// Lanczos on AᵀA above it (O(n²) a step; ~0.1 s at n = 2000).
double spectralNormFast(const Matrix& A);

}  // namespace equilab
