// Shared by spectra.cpp and certificate.cpp only (not part of the spectra API).
#pragma once

#include <string>

#include "core/analysis/spectra.h"

namespace equilab::detail {

// Appended to Spectrum::method when the fixed budget of Arnoldi steps (above kDenseFallbackUpTo)
// was accepted: its values converged (residuals and κ·‖r‖ checked), but an eigenvalue of larger
// modulus whose eigenvector the Krylov space has not reached is not excluded by anything it
// computed. The certificate then says so next to ρ, with the proven upper bound.
inline const char* const kKrylovBudgetCaveat =
    "a larger eigenvalue its Krylov space has not reached is not excluded";

inline bool fromKrylovBudget(const Spectrum& s) {
    return !s.approximate && s.method.find(kKrylovBudgetCaveat) != std::string::npos;
}

}  // namespace equilab::detail
