// Spectra of A and of the Jacobian at the fixed point, and the contraction certificate.
//
// q = ‖A‖₂ bounds the Lipschitz constant of φ. If q < 1, Banach's estimate
// ‖w_k − w*‖ ≤ qᵏ ‖w₁ − w₀‖ / (1 − q) gives the a-priori count to reach ε:
// k = ⌈log(ε (1 − q) / ‖w₁ − w₀‖) / log q⌉. Near w* the iteration behaves like the linear map
// J = diag(1 − w*²) A, so ρ(J) < 1 still gives local convergence when q ≥ 1.
#pragma once

#include <string>
#include <vector>

#include "core/analysis/certificate_bounds.h"
#include "core/analysis/dynamics.h"
#include "core/solvers/fixed_point_search.h"
#include "core/solvers/solver.h"

namespace equilab {

struct Spectrum {
    ComplexVector eigenvalues;  // eigenvalues of the matrix (partial: by decreasing modulus)
    // Per eigenvalue, in the same order: the relative residual ‖M v − λ v‖₂ / (‖M‖₂ ‖v‖₂) of its
    // computed eigenvector v (0 for the eigenvalues a triangular structure gives exactly).
    Vector residuals;
    Vector singular_values;  // descending
    double norm = 0;         // σ_max = ‖·‖₂ (an estimate: the certificate proves a bound)
    double spectral_radius = 0;  // max |λ|
    // The estimated error of spectral_radius: κ(λ₁)·‖r₁‖ for a partial spectrum (κ from the left
    // and right Ritz vectors), 0 when the value is exact by structure; NaN when unknown.
    double spectral_radius_error = 0;
    Index dimension = 0;   // n: how many eigenvalues M has
    bool partial = false;  // only the extreme values (n > kDenseSpectrumUpTo)
    // The partial method did not reach kPartialAccuracy and the matrix was too large for the
    // dense fallback: spectral_radius is an estimate within about spectral_radius_error.
    bool approximate = false;
    // "dense", "triangular blocks", "Arnoldi", "dense (Arnoldi fell short: …)", …
    std::string method;
    double maxResidual() const { return residuals.size() ? residuals.maxCoeff() : 0.0; }
};

// A partial (Arnoldi) ρ is accepted when its estimated error κ·‖r‖ is at most this, relative to
// max(‖M‖₂, ρ); otherwise the dense solver is used up to kDenseFallbackUpTo, and above it the
// spectrum is marked approximate.
constexpr double kPartialAccuracy = 1e-8;
constexpr Index kDenseFallbackUpTo = 1200;

// Dense (every eigenvalue and singular value) up to kDenseSpectrumUpTo. Above it: a matrix whose
// pattern is reducible (e.g. triangular) gets the eigenvalues of its diagonal blocks (exact for
// 1×1 blocks); an irreducible one the extreme values by Arnoldi and Lanczos
// (partial_spectra.h), checked as above. Cancellable (cancellation.h) between the steps; the
// dense fallback itself is one Eigen call (checked before and after).
// singularValues: how many of the largest a partial spectrum computes (Lanczos; 1 when only
// ‖M‖₂ is wanted, as for J). gram: the lower triangle of MᵀM (gramLower) when the caller has it
// (computeCertificate: it also proves ‖A‖₂): the Lanczos then takes one symmetric product a step
// instead of two products with M.
Spectrum computeSpectrum(const Matrix& M, int singularValues = 6, const Matrix* gram = nullptr);
Spectrum computeDenseSpectrum(const Matrix& M);

// What the certificates prove (J = D A with 0 ≤ D = diag(1 − φ²) ≤ I, so |J| ≤ |A| entrywise
// and ‖J‖ ≤ ‖A‖ in every norm below):
//   ‖A‖₂ < 1      global: φ is a contraction in ‖·‖₂ (Banach: one fixed point, Picard from
//                 every start, and the a-priori count below).
//   ρ(|A|) < 1    global: a weighted ∞-norm contraction (ρ(|A|) < 1 gives v = (I − |A|)⁻¹1 > 0
//                 with |A| v < v, so ‖J u‖_v ≤ ‖ |A| ‖_v ‖u‖_v < ‖u‖_v). Tighter than ‖A‖_∞ and
//                 ‖A‖₁, which bound it.
//   ‖A‖_∞ < 1     global: contraction in the max norm (max row sum of |A|).
//   ‖A‖₁ < 1      global: contraction in the 1-norm (max column sum of |A|).
//   ρ(J(w*)) < 1  local: w* attracts Picard from a neighbourhood (at a true fixed point w*).
// A global check holds only when its proven upper bound (certificate_bounds.h: rounding
// accounted for) is below 1 − kMarginalTolerance. ρ(J(w*)) is an estimate (w* is known to the
// solver's tolerance): it holds below 1 − τ, and within τ of 1 it is marginal (no claim).
// The verdict names the strongest that holds: a global one (the smallest upper bound, the best
// rate bound) over the local one.
struct CertificateCheck {
    std::string name;   // "norm_2", "abs_spectral_radius", "norm_inf", "norm_1", "local_rho_J"
    std::string label;  // "‖A‖₂", "ρ(|A|)", "‖A‖∞", "‖A‖₁", "ρ(J(w*))"
    bool global = true;
    double value = 0;  // the computed value (an estimate); NaN when it cannot be evaluated
    double lower = 0;  // the exact value lies in [lower, upper] (see `proven`)
    double upper = 0;
    bool proven = false;  // upper is a proven bound (the global checks); ρ(J(w*)) is an estimate
    AgainstOne against_one = AgainstOne::Undetermined;  // compareWithOne(lower, upper)
    bool holds = false;                                 // against_one == Below
    std::string method;  // how the bound was obtained (certificate_bounds.h)
    std::string proves;  // what holding proves, in words
};

// The check as text: "‖A‖₂ = 0.9" when [lower, upper] is narrower than the digits shown,
// otherwise "ρ(|A|) ∈ [0.59, 0.61]" (lower rounded down, upper up), or "‖A‖₂ ≤ 4.1 (estimate
// 0.95)" when only an upper bound is proven. NaN: "ρ(J(w*)) = n/a".
std::string describeCheck(const CertificateCheck& c);

// ρ(|A|) as a proven interval (Collatz–Wielandt; certificate_bounds.h).
Bounds absSpectralRadius(const Matrix& A);
// The four global checks of A, in the order above. norm2 > 0: the estimate of ‖A‖₂ already
// computed (the SVD is not repeated); the proof of its bound is always made here (from gram, the
// lower triangle of AᵀA, when given).
std::vector<CertificateCheck> globalCertificates(const Matrix& A, double norm2 = -1,
                                                 const Matrix* gram = nullptr);

// "contractive", "locally_convergent", "marginal", "unstable_fixed_point",
// "no_fixed_point_found". Marginal: no certificate holds and ρ(J(w*)) is within
// kMarginalTolerance of 1 — the linearization decides nothing; the text reports what Picard did.
enum class Verdict { Contractive, LocallyConvergent, Marginal, UnstableFixedPoint, NoFixedPoint };
std::string toString(Verdict v);

struct Certificate {
    Spectrum A;                     // of A
    Spectrum J;                     // of J at the true fixed point (empty if none was found)
    Vector fixed_point;             // w* used for J: always a true fixed point (or empty)
    double contraction_bound = 0;   // q: the proven upper bound of ‖A‖₂
    int predicted_iterations = -1;  // Banach's a-priori count; −1 unless ‖A‖₂'s check holds
    int observed_iterations = -1;   // Picard's count to tolerance; −1 when it did not converge
    double observed_rate = 0;       // geometric mean of Picard's last residual ratios
    Termination picard_termination = Termination::Running;
    std::vector<CertificateCheck> checks;  // the four global ones, then ρ(J(w*))
    int strongest = -1;                    // index in checks of the strongest that holds, or −1
    DynamicsSummary dynamics;              // what Picard did
    FixedPointReport fixed;                // how w* was found, and its stability
    FixedPointReport escaped_from;         // escaped runs: the unstable fixed point next to w₀
    Verdict verdict = Verdict::NoFixedPoint;
    std::string text;  // the verdict in words
};

// Banach's a-priori iteration count; −1 when q ≥ 1, 0 when the first step is already within ε.
int predictedIterations(double q, double first_step, double tolerance);

// Runs Picard (with options' tolerance and cap) from w0 and assembles the certificate.
Certificate computeCertificate(const Model& model, const Vector& x, const Vector& w0,
                               const SolverOptions& options);
// The same from a Picard run the caller already has (same model, x, w0 and tolerance).
Certificate computeCertificate(const Model& model, const Vector& x, const Vector& w0,
                               const SolverOptions& options, const SolverSummary& picardRun);
// As above with w₀ taken from the run's first recorded iterate (zeros if none).
Certificate computeCertificate(const Model& model, const Vector& x, const SolverOptions& options,
                               const SolverSummary& picardRun);

}  // namespace equilab
