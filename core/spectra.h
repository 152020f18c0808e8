// Spectra of A and of the Jacobian at the fixed point, and the contraction certificate.
//
// q = ‖A‖₂ bounds the Lipschitz constant of φ. If q < 1, Banach's estimate
// ‖w_k − w*‖ ≤ qᵏ ‖w₁ − w₀‖ / (1 − q) gives the a-priori count to reach ε:
// k = ⌈log(ε (1 − q) / ‖w₁ − w₀‖) / log q⌉. Near w* the iteration behaves like the linear map
// J = diag(1 − w*²) A, so ρ(J) < 1 still gives local convergence when q ≥ 1.
#pragma once

#include <string>
#include <vector>

#include "core/dynamics.h"
#include "core/fixed_point_search.h"
#include "core/solver.h"

namespace equilab {

struct Spectrum {
    ComplexVector eigenvalues;   // eigenvalues of the matrix
    Vector singular_values;      // descending
    double norm = 0;             // σ_max = ‖·‖₂
    double spectral_radius = 0;  // max |λ|
    Index dimension = 0;         // n: how many eigenvalues M has
    bool partial = false;        // only the extreme values (n > kDenseSpectrumUpTo)
};

// Dense (every eigenvalue and singular value) up to kDenseSpectrumUpTo; above it the extreme
// values by Arnoldi and Lanczos (partial_spectra.h), falling back to dense if they fail.
Spectrum computeSpectrum(const Matrix& M);
Spectrum computeDenseSpectrum(const Matrix& M);

// What the certificates prove (J = D A with 0 ≤ D = diag(1 − φ²) ≤ I, so |J| ≤ |A| entrywise
// and ‖J‖ ≤ ‖A‖ in every norm below):
//   ‖A‖₂ < 1      global: φ is a contraction in ‖·‖₂ (Banach: one fixed point, Picard from
//                 every start, and the a-priori count below).
//   ρ(|A|) < 1    global: a weighted ∞-norm contraction (a Perron vector v > 0 of |A| + ε gives
//                 ‖J u‖_v ≤ ‖ |A| ‖_v ‖u‖_v < 1). Tighter than ‖A‖_∞ and ‖A‖₁, which bound it.
//   ‖A‖_∞ < 1     global: contraction in the max norm (max row sum of |A|).
//   ‖A‖₁ < 1      global: contraction in the 1-norm (max column sum of |A|).
//   ρ(J(w*)) < 1  local: w* attracts Picard from a neighbourhood (at a true fixed point w*).
// The verdict names the strongest that holds: a global one (the smallest value, the best rate
// bound) over the local one.
struct CertificateCheck {
    std::string name;   // "norm_2", "abs_spectral_radius", "norm_inf", "norm_1", "local_rho_J"
    std::string label;  // "‖A‖₂", "ρ(|A|)", "‖A‖_∞", "‖A‖₁", "ρ(J(w*))"
    bool global = true;
    double value = 0;    // NaN when it cannot be evaluated (no fixed point found)
    bool holds = false;  // value < 1
    std::string proves;  // what holding proves, in words
};

// ρ(|A|): the exact eigenvalues up to n = 400, above that the Collatz–Wielandt upper bound
// max_i (|A|v)_i / v_i after power iteration (still a valid certificate when below 1).
double absSpectralRadius(const Matrix& A);
// The four global checks of A, in the order above.
// norm2 ≥ 0: ‖A‖₂ already computed (not computed again).
std::vector<CertificateCheck> globalCertificates(const Matrix& A, double norm2 = -1);

enum class Verdict { Contractive, LocallyConvergent, UnstableFixedPoint, NoFixedPoint };
// "contractive", "locally_convergent", "unstable_fixed_point", "no_fixed_point_found".
std::string toString(Verdict v);

struct Certificate {
    Spectrum A;                     // of A
    Spectrum J;                     // of J at the true fixed point (empty if none was found)
    Vector fixed_point;             // w* used for J: always a true fixed point (or empty)
    double contraction_bound = 0;   // q = ‖A‖₂
    int predicted_iterations = -1;  // Banach's a-priori count; −1 when q ≥ 1
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
