// Generators of A with a prescribed spectral norm ‖A‖₂ = norm, each deterministic in its seed.
//   random       Gaussian entries rescaled by σ_max.
//   orthogonal   norm · H(v₁)…H(v_k), k Householder reflections (all singular values = norm).
//   symmetric    norm · Q diag(λ) Qᵀ, λ evenly spread over [−1, 1]: Picard's rate ≈ norm, the
//                hard case for plain iteration.
//   identity     norm · I.
//   rotation     norm · Q R Qᵀ with R block-diagonal 2×2 rotations: eigenvalues norm·e^{±iθ},
//                so iterates spiral.
#pragma once

#include <string>
#include <vector>

#include "core/model/types.h"

namespace equilab {

enum class MatrixGenerator { Random, Orthogonal, Symmetric, Identity, Rotation };
std::string toString(MatrixGenerator g);
bool parseMatrixGenerator(const std::string& name, MatrixGenerator* g);
std::vector<MatrixGenerator> allMatrixGenerators();

// reflections: k for `orthogonal` (0 means n).
Matrix generateMatrix(MatrixGenerator kind, Index n, double norm, unsigned seed,
                      int reflections = 0);

}  // namespace equilab
