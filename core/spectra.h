// Spectra of A and of the Jacobian at the fixed point, and the contraction certificate.
//
// q = ‖A‖₂ bounds the Lipschitz constant of φ. If q < 1, Banach's estimate
// ‖w_k − w*‖ ≤ qᵏ ‖w₁ − w₀‖ / (1 − q) gives the a-priori count to reach ε:
// k = ⌈log(ε (1 − q) / ‖w₁ − w₀‖) / log q⌉. Near w* the iteration behaves like the linear map
// J = diag(1 − w*²) A, so ρ(J) < 1 still gives local convergence when q ≥ 1.
#pragma once

#include <string>

#include "solver.h"

namespace equilab {

struct Spectrum {
    ComplexVector eigenvalues;   // eigenvalues of the matrix
    Vector singular_values;      // descending
    double norm = 0;             // σ_max = ‖·‖₂
    double spectral_radius = 0;  // max |λ|
};

Spectrum computeSpectrum(const Matrix& M);

enum class Verdict { Contractive, LocallyConvergent, Divergent };
std::string toString(Verdict v);

struct Certificate {
    Spectrum A;                       // of A
    Spectrum J;                       // of J at the (approximate) fixed point
    Vector fixed_point;               // w* used for J
    double contraction_bound = 0;     // q = ‖A‖₂
    int predicted_iterations = -1;    // Banach's a-priori count; −1 when q ≥ 1
    int observed_iterations = -1;     // Picard's count to tolerance; −1 when it did not converge
    double observed_rate = 0;         // geometric mean of Picard's last residual ratios
    Termination picard_termination = Termination::Running;
    Verdict verdict = Verdict::Divergent;
    std::string text;                 // the verdict in words
};

// Banach's a-priori iteration count; −1 when q ≥ 1, 0 when the first step is already within ε.
int predictedIterations(double q, double first_step, double tolerance);

// Runs Picard (with options' tolerance and cap) from w0 and assembles the certificate.
Certificate computeCertificate(const Model& model, const Vector& x, const Vector& w0,
                               const SolverOptions& options);
// The same from a Picard run the caller already has (same model, x, w0 and tolerance).
Certificate computeCertificate(const Model& model, const Vector& x, const SolverOptions& options,
                               const SolverSummary& picardRun);

}  // namespace equilab
