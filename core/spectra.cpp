#include "spectra.h"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>

#include <cmath>
#include <cstdio>

namespace equilab {

Spectrum computeSpectrum(const Matrix& M) {
    Spectrum s;
    if (M.size() == 0) return s;
    Eigen::EigenSolver<Matrix> eig(M, /*computeEigenvectors=*/false);
    s.eigenvalues = eig.eigenvalues();
    s.spectral_radius = s.eigenvalues.cwiseAbs().maxCoeff();
    Eigen::BDCSVD<Matrix> svd(M);
    s.singular_values = svd.singularValues();
    s.norm = s.singular_values(0);
    return s;
}

std::string toString(Verdict v) {
    switch (v) {
        case Verdict::Contractive: return "contractive";
        case Verdict::LocallyConvergent: return "locally_convergent";
        case Verdict::Divergent: return "divergent";
    }
    return "divergent";
}

int predictedIterations(double q, double first_step, double tolerance) {
    if (!(q < 1) || !std::isfinite(first_step)) return -1;
    if (first_step * 1.0 <= tolerance * (1 - q)) return 0;
    if (q <= 0) return 1;
    return static_cast<int>(std::ceil(std::log(tolerance * (1 - q) / first_step) / std::log(q)));
}

Certificate computeCertificate(const Model& model, const Vector& x, const Vector& w0,
                               const SolverOptions& options) {
    SolverOptions picard = options;
    picard.method = SolverMethod::Picard;
    picard.record_iterates = false;
    return computeCertificate(model, x, options, solveFixedPoint(model, x, w0, picard));
}

Certificate computeCertificate(const Model& model, const Vector& x, const SolverOptions& options,
                               const SolverSummary& run) {
    Certificate c;
    c.picard_termination = run.termination;
    c.A = computeSpectrum(model.A);
    c.contraction_bound = c.A.norm;
    c.fixed_point = run.fixed_point;
    if (c.fixed_point.size() == model.hiddenDim()) c.J = computeSpectrum(model.jacobian(c.fixed_point, x));
    // ‖w₁ − w₀‖ = r₀ by the residual convention.
    const double first = run.residuals.empty() ? 0.0 : run.residuals.front();
    c.predicted_iterations = predictedIterations(c.contraction_bound, first, options.tolerance);
    c.observed_iterations = run.converged() ? run.iterations : -1;
    c.observed_rate = run.observedRate();

    char buf[256];
    const double q = c.contraction_bound;
    if (q < 1) {
        c.verdict = Verdict::Contractive;
        std::snprintf(buf, sizeof buf, "contractive: ‖A‖₂ = %.3g < 1; predicted ≤ %d iterations, ",
                      q, c.predicted_iterations);
        c.text = buf;
        c.text += c.observed_iterations >= 0 ? "observed " + std::to_string(c.observed_iterations)
                                             : "not converged within the cap";
    } else if (run.converged() && c.J.spectral_radius < 1) {
        c.verdict = Verdict::LocallyConvergent;
        std::snprintf(buf, sizeof buf,
                      "not contractive (‖A‖₂ = %.3g ≥ 1) but locally convergent: ρ(J) = %.3g < 1; "
                      "observed %d iterations",
                      q, c.J.spectral_radius, c.observed_iterations);
        c.text = buf;
    } else {
        c.verdict = Verdict::Divergent;
        if (run.converged())
            std::snprintf(buf, sizeof buf,
                          "divergent: ‖A‖₂ = %.3g ≥ 1 and the fixed point Picard reached is unstable "
                          "(ρ(J) = %.3g ≥ 1)", q, c.J.spectral_radius);
        else
            std::snprintf(buf, sizeof buf, "divergent: ‖A‖₂ = %.3g ≥ 1 and Picard did not converge (%s)",
                          q, toString(run.termination).c_str());
        c.text = buf;
    }
    return c;
}

}  // namespace equilab
