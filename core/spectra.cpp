#include "core/spectra.h"

#include "core/cancellation.h"
#include "core/partial_spectra.h"

#include <Eigen/Eigenvalues>
#include <Eigen/SVD>

#include <cmath>
#include <cstdio>
#include <limits>

#include "core/model.h"
#include "core/work_guard.h"

namespace equilab {

Spectrum computeSpectrum(const Matrix& M) {
    if (M.rows() <= kDenseSpectrumUpTo) return computeDenseSpectrum(M);
    Spectrum s;
    s.dimension = M.rows();
    s.partial = true;
    const PartialSpectrumOptions options;
    if (!largestEigenvalues(M, options, &s.eigenvalues, nullptr) ||
        !largestSingularValues(M, options, &s.singular_values, nullptr))
        return computeDenseSpectrum(M);
    s.spectral_radius = std::abs(s.eigenvalues(0));
    s.norm = s.singular_values(0);
    return s;
}

Spectrum computeDenseSpectrum(const Matrix& M) {
    Spectrum s;
    s.dimension = M.rows();
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
        case Verdict::Contractive:
            return "contractive";
        case Verdict::LocallyConvergent:
            return "locally_convergent";
        case Verdict::UnstableFixedPoint:
            return "unstable_fixed_point";
        case Verdict::NoFixedPoint:
            return "no_fixed_point_found";
    }
    return "no_fixed_point_found";
}

double absSpectralRadius(const Matrix& A) {
    if (A.size() == 0) return 0;
    const Matrix M = A.cwiseAbs();
    if (M.rows() <= kDenseSpectrumUpTo) return computeSpectrum(M).spectral_radius;
    // Power iteration on the nonnegative |A| from a positive vector, then the Collatz–Wielandt
    // bound ρ ≤ max_i (M v)_i / v_i, valid for any v > 0 (the small shift keeps v positive).
    Vector v = Vector::Ones(M.rows());
    for (int k = 0; k < 300; ++k) {
        throwIfCancelled();
        Vector next = M * v;
        next.array() += 1e-12 * next.maxCoeff() + 1e-300;
        v = next / next.maxCoeff();
    }
    return (M * v).cwiseQuotient(v).maxCoeff();
}

std::vector<CertificateCheck> globalCertificates(const Matrix& A, double norm2) {
    const Matrix M = A.cwiseAbs();
    const double normInf = M.size() ? M.rowwise().sum().maxCoeff() : 0.0;
    const double norm1 = M.size() ? M.colwise().sum().maxCoeff() : 0.0;
    std::vector<CertificateCheck> checks = {
        {"norm_2", "‖A‖₂", true, norm2 >= 0 ? norm2 : spectralNorm(A), false,
         "φ contracts in ‖·‖₂: one fixed point, reached from every start"},
        {"abs_spectral_radius", "ρ(|A|)", true, absSpectralRadius(A), false,
         "φ contracts in a weighted max norm (|J| ≤ |A|): one fixed point, reached from every "
         "start"},
        {"norm_inf", "‖A‖_∞", true, normInf, false,
         "φ contracts in the max norm: one fixed point, reached from every start"},
        {"norm_1", "‖A‖₁", true, norm1, false,
         "φ contracts in the 1-norm: one fixed point, reached from every start"},
    };
    for (auto& c : checks) c.holds = c.value < 1;
    return checks;
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
    return computeCertificate(model, x, w0, options, solveFixedPoint(model, x, w0, picard));
}

Certificate computeCertificate(const Model& model, const Vector& x, const SolverOptions& options,
                               const SolverSummary& run) {
    const Vector w0 = run.iterates.empty() ? Vector() : run.iterates.front();
    return computeCertificate(model, x, w0, options, run);
}

namespace {

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

std::string picardPart(const Certificate& c) {
    const DynamicsSummary& d = c.dynamics;
    std::string s = "Picard: " + describe(d.kind);
    if (d.converged()) s += " in " + std::to_string(d.iterations) + " iterations";
    if (d.kind == Dynamics::Periodic) s += " of period " + std::to_string(d.period);
    return s;
}

void writeVerdict(Certificate* c) {
    const CertificateCheck* best = c->strongest >= 0 ? &c->checks[c->strongest] : nullptr;
    if (best && best->global) {
        c->verdict = Verdict::Contractive;
        c->text = "contractive: " + best->label + " = " + num(best->value) +
                  " < 1 (global: " + best->proves + ")";
        if (c->predicted_iterations >= 0)
            c->text += "; predicted ≤ " + std::to_string(c->predicted_iterations) + " iterations";
        c->text += c->observed_iterations >= 0
                       ? ", observed " + std::to_string(c->observed_iterations)
                       : "; " + picardPart(*c);
        return;
    }
    std::string none = "not contractive (no global certificate:";
    for (size_t k = 0; k < 4 && k < c->checks.size(); ++k)
        none += (k ? ", " : " ") + c->checks[k].label + " = " + num(c->checks[k].value);
    none += " ≥ 1)";
    if (best) {
        c->verdict = Verdict::LocallyConvergent;
        c->text = none + " but locally convergent: ρ(J(w*)) = " + num(best->value) +
                  " < 1 at w* = " + formatPoint(c->fixed_point);
        if (!c->fixed.from_run) c->text += " (found by " + c->fixed.source + ")";
    } else {
        c->verdict = c->fixed.found ? Verdict::UnstableFixedPoint : Verdict::NoFixedPoint;
        c->text = none + "; " + c->fixed.message;
    }
    c->text += "; " + picardPart(*c);
    if (c->escaped_from.found)
        c->text += ", leaving the unstable fixed point " + formatPoint(c->escaped_from.w) +
                   " (ρ(J) = " + num(c->escaped_from.rho_J) + ") next to w₀";
}

// For a run that escaped: the fixed point next to w₀ it left, when Newton from w₀ finds an
// unstable one within 0.1 of it.
FixedPointReport unstablePointNear(const Model& model, const Vector& x, const Vector& w0,
                                   const SolverOptions& options) {
    FixedPointReport r;
    if (w0.size() != model.hiddenDim() || model.hiddenDim() > 400) return r;
    SolverOptions o = options;
    o.method = SolverMethod::Newton;
    o.record_iterates = false;
    o.max_iterations = 100;
    const SolverSummary s = solveFixedPoint(model, x, w0, o);
    if (!s.converged() || (s.fixed_point - w0).norm() > 0.1) return r;
    r.rho_J = computeSpectrum(model.jacobian(s.fixed_point, x)).spectral_radius;
    if (!(r.rho_J > 1)) return r;
    r.found = true;
    r.w = s.fixed_point;
    r.source = "newton";
    return r;
}

}  // namespace

Certificate computeCertificate(const Model& model, const Vector& x, const Vector& w0,
                               const SolverOptions& options, const SolverSummary& run) {
    assertNotGuiThread(HeavyWork::Decomposition, model.hiddenDim());
    Certificate c;
    c.picard_termination = run.termination;
    c.A = computeSpectrum(model.A);
    c.contraction_bound = c.A.norm;
    c.dynamics = classifyDynamics(run, options);
    c.fixed = locateFixedPoint(model, x, w0, run, c.dynamics, options, {}, &c.J);
    c.fixed_point = c.fixed.w;
    if (c.dynamics.kind == Dynamics::EscapedThenConverged)
        c.escaped_from = unstablePointNear(model, x, w0, options);
    // ‖w₁ − w₀‖ = r₀ by the residual convention.
    const double first = run.residuals.empty() ? 0.0 : run.residuals.front();
    c.predicted_iterations = predictedIterations(c.contraction_bound, first, options.tolerance);
    c.observed_iterations = run.converged() ? run.iterations : -1;
    c.observed_rate = run.observedRate();

    c.checks = globalCertificates(model.A, c.A.norm);
    c.checks[0].value = c.A.norm;  // the same SVD, computed once
    c.checks[0].holds = c.A.norm < 1;
    const double rhoJ = c.fixed.found ? c.fixed.rho_J : std::numeric_limits<double>::quiet_NaN();
    c.checks.push_back({"local_rho_J", "ρ(J(w*))", false, rhoJ, rhoJ < 1,
                        "w* attracts Picard from a neighbourhood (local)"});
    for (size_t k = 0; k < c.checks.size(); ++k) {
        if (!c.checks[k].holds) continue;
        // Ties (within round-off) go to the first listed, ‖A‖₂ before ρ(|A|) before the others.
        const double best = c.strongest < 0 ? 0.0 : c.checks[c.strongest].value;
        if (c.strongest < 0 || (c.checks[k].global && c.checks[k].value < best * (1 - 1e-12)))
            c.strongest = static_cast<int>(k);
    }
    writeVerdict(&c);
    return c;
}

}  // namespace equilab
