// Seeded test problems shared by the core tests.
#pragma once

#include <Eigen/Eigenvalues>

#include "core/model/scenario.h"

namespace equilab::testing {

// A = q·Q diag(λ) Qᵀ with λ spread over [−1, 1] (λ₀ = 1): symmetric, ‖A‖₂ = q, and with a
// small drive the Picard rate is close to q — the hard case for plain iteration.
inline Scenario hardSymmetricProblem(int n, double q, unsigned seed) {
    Scenario s = randomScenario(n, n, seed);
    const Matrix G = randomGaussian(n, n, 1.0, seed + 11);
    Eigen::SelfAdjointEigenSolver<Matrix> eig(G + G.transpose());
    Vector lambda = Vector::LinSpaced(n, -1.0, 1.0);
    s.model.A = q * eig.eigenvectors() * lambda.asDiagonal() * eig.eigenvectors().transpose();
    s.model.B *= 0.05;
    s.model.c *= 0.05;
    return s;
}

}  // namespace equilab::testing
