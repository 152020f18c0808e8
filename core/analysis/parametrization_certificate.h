// Each parametrization's own certificate, named beside the contraction checks of spectra.h.
//
//   spectral_ball, spectral_norm, householder, householder_svd: ‖A‖₂ ≤ r (the "norm_2" check:
//       with r < 1, φ contracts in ‖·‖₂).
//   inf_ball: ‖A‖∞ ≤ κ (El Ghaoui et al. 2021; the "norm_inf" check: with κ < 1, φ contracts in
//       the max norm for any 1-Lipschitz componentwise activation: one fixed point).
//   monotone: I − A ⪰ m·I in its symmetric part S = (2I − A − Aᵀ)/2 (Winston & Kolter 2020):
//       with λ_min(S) ≥ ℓ > 0, I − A is strongly monotone and, tanh being the proximal map of a
//       convex function, w = tanh(A w + u) has exactly one fixed point for every u, which the
//       forward–backward splitting finds; Picard need not converge (‖A‖₂ may exceed 1).
//
// The monotone bound is a proof with rounding accounted for (certificate_bounds.h's model):
// a floating-point Cholesky of fl(Ŝ − tI) that runs to completion proves
//     λ_min(Ŝ − tI) ≥ −γ_{n+1}/(1 − γ_{n+1}) · tr(fl(Ŝ − tI)) − (underflow)
// (Demmel 1989; Rump, "Verification of positive definiteness", BIT 46, 2006, Thm 2.3), and
//     λ_min(S) ≥ t − that margin − max_i u|fl(ŝ_ii − t)| − ‖Ŝ − S‖₂,
// with ‖Ŝ − S‖₂ ≤ ‖Ŝ − S‖_F ≤ γ₁‖Ŝ‖_F + nη for the computed Ŝ (one rounding an entry). The
// shift t is first m minus twice the margin expected a priori, so a monotone A whose λ_min(S)
// is at m proves λ_min(S) ≥ m − (a rounding-sized amount); when that factorization fails, t
// follows a dense estimate of λ_min(S) down by growing gaps.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/spectra.h"
#include "core/model/parametrization.h"

namespace equilab {

// A proven lower bound of λ_min(S) for a symmetric S (read in full), by the Cholesky above.
struct MinEigenvalueBound {
    double lower = 0;        // λ_min(S) ≥ lower, proven (−∞ when no factorization succeeded)
    double estimate = 0;     // a computed λ_min (dense, NaN when not computed)
    double shift = 0;        // the t whose factorization succeeded
    double margin = 0;       // t − lower: the rounding allowance of that proof
    bool proven = false;     // a factorization succeeded
    bool at_target = false;  // the first one, at target − 2·(a-priori margin), succeeded
};
// target: the shift tried first (minus the a-priori margin); NaN: start from the estimate.
MinEigenvalueBound symmetricMinEigenvalueBound(const Matrix& S, double target);

struct ParametrizationCertificate {
    std::string kind;  // the parametrization ("" for free: it has no certificate)
    std::string condition;  // "I − A ⪰ m·I (symmetric part)", "‖A‖_∞ ≤ κ", "‖A‖₂ ≤ r"
    std::string reference;  // where the condition comes from
    double parameter = 0;   // m, κ or r
    std::string quantity;   // "λ_min((2I − A − Aᵀ)/2)", "‖A‖_∞", "‖A‖₂"
    double bound = 0;       // the proven bound of the quantity (lower for monotone, else upper)
    double estimate = 0;    // its computed value
    // The proven bound reaches the parametrization's value up to rounding: monotone, the
    // factorization at m − 2·(a-priori margin) succeeded (ℓ within about 3 margins of m); the
    // norms, upper ≤ parameter·(1 + 1e-9) (their proofs' margins; the text prints the excess).
    bool meets_parameter = false;
    bool holds = false;  // the conclusion is proven: monotone ℓ > 0; the norms' check holds
    std::string proves;  // the conclusion, in words
    std::string text;    // one line: condition, proven bound, status, conclusion
};

// The certificate of spec's kind for A (as the scenario's effective model has it). checks: the
// global checks of globalCertificates (the norms' kinds read theirs; monotone computes its own).
ParametrizationCertificate parametrizationCertificate(const Matrix& A,
                                                      const ParametrizationSpec& spec,
                                                      const std::vector<CertificateCheck>& checks);

}  // namespace equilab
