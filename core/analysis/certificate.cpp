// The certificate: the checks of spectra.h assembled, and the verdict in words. Every "< 1" in
// the text rests on a check that holds (a proven upper bound below 1 − kMarginalTolerance for
// the global ones); values within the tolerance of 1 are called marginal and the text reports
// what Picard did instead.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include "core/analysis/partial_spectra.h"
#include "core/analysis/spectra.h"
#include "core/analysis/spectra_detail.h"
#include "core/internal/printable.h"
#include "core/internal/work_guard.h"
#include "core/model/model.h"

namespace equilab {
namespace {

// v rounded to `digits` significant digits towards +∞ (up) or −∞: the printed number bounds v.
std::string directed(double v, int digits, bool up) {
    if (!std::isfinite(v) || v == 0) return significant(v, digits);
    std::string s = significant(v, digits);
    for (int tries = 0; tries < 4; ++tries) {
        const double shown = std::strtod(s.c_str(), nullptr);
        if (up ? shown >= v : shown <= v) return s;
        const double unit = std::pow(10.0, std::floor(std::log10(std::abs(shown))) - digits + 1);
        s = significant(up ? shown + unit : shown - unit, digits);
    }
    return significant(v, 17);
}

// The shortest form (≥ 4 digits) in which the shown number is < 1 when `belowOne` is asked.
std::string shown(double v, bool up, bool belowOne) {
    for (int digits = 4; digits <= 17; ++digits) {
        const std::string s = up ? directed(v, digits, true) : significant(v, digits);
        if (!belowOne || std::strtod(s.c_str(), nullptr) < 1) return s;
    }
    return significant(v, 17);
}

std::string describe(const CertificateCheck& c, bool belowOne) {
    if (std::isnan(c.value)) return c.label + " = n/a";
    if (!c.proven) {
        if (c.upper > c.lower)  // an approximate partial spectrum: its eigenpair's residual,
                                // a backward error, not a bound on the error of the value
            return c.label + " ≈ " + shown(c.value, false, belowOne) + " (an estimate: residual " +
                   significant(0.5 * (c.upper - c.lower), 2) + ", not an error bound)";
        return c.label + " = " + shown(c.value, false, belowOne);
    }
    const double width = c.upper - c.lower;
    if (width <= 1e-9 * std::abs(c.upper)) return c.label + " = " + shown(c.value, false, belowOne);
    if (c.lower == c.value)  // only the upper end is proven (‖A‖₂: the lower end is the estimate)
        return c.label + " ≤ " + shown(c.upper, true, belowOne) + " (estimate " +
               significant(c.value, 4) + ")";
    return c.label + " ∈ [" + directed(c.lower, 4, false) + ", " + shown(c.upper, true, belowOne) +
           "]";
}

std::string picardPart(const Certificate& c) {
    const DynamicsSummary& d = c.dynamics;
    std::string s = "Picard: " + describe(d.kind);
    if (d.converged()) s += " in " + std::to_string(d.iterations) + " iterations";
    if (d.kind == Dynamics::Periodic) s += " of period " + std::to_string(d.period);
    return s;
}

std::string tolerance() {
    return significant(kMarginalTolerance, 2);
}

// "(‖A‖₂ = 1.5, ρ(|A|) = 1 (marginal), …)": the global checks, none of which holds.
std::string globalList(const Certificate& c, bool* allAbove) {
    std::string s;
    *allAbove = true;
    for (size_t k = 0; k < 4 && k < c.checks.size(); ++k) {
        const CertificateCheck& g = c.checks[k];
        s += (k ? ", " : "") + describe(g, false);
        if (g.against_one == AgainstOne::Marginal) s += " (marginal)";
        if (g.against_one == AgainstOne::Undetermined) s += " (undetermined)";
        *allAbove = *allAbove && g.against_one == AgainstOne::Above;
    }
    return s;
}

// The spectra that fell short of their accuracy, said in the verdict too.
std::string approximateNote(const Certificate& c) {
    std::string s;
    if (c.A.approximate)
        s += "; ρ(A) ≈ " + significant(c.A.spectral_radius, 4) + " is approximate (±" +
             significant(c.A.spectral_radius_error, 2) + ")";
    if (c.J.approximate && c.fixed.found)
        s += "; ρ(J(w*)) ≈ " + significant(c.J.spectral_radius, 4) + " is approximate (±" +
             significant(c.J.spectral_radius_error, 2) + ")";
    // Above the dense fallback a converged fixed-budget Arnoldi cannot exclude a larger
    // eigenvalue it has not reached: what is proven is ρ ≤ ‖A‖₂ and ρ ≤ ρ(|A|) (|J| ≤ |A|).
    double proven = std::numeric_limits<double>::infinity();
    for (size_t k = 0; k < 2 && k < c.checks.size(); ++k)
        if (c.checks[k].proven) proven = std::min(proven, c.checks[k].upper);
    const std::string bound =
        std::isfinite(proven) ? ", proven ≤ " + directed(proven, 4, true) : "";
    const std::string caveat =
        " from Arnoldi's fixed budget (a larger eigenvalue its Krylov space "
        "has not reached is not excluded" +
        bound + ")";
    if (detail::fromKrylovBudget(c.A))
        s += "; ρ(A) = " + significant(c.A.spectral_radius, 4) + caveat;
    if (detail::fromKrylovBudget(c.J) && c.fixed.found)
        s += "; ρ(J(w*)) = " + significant(c.J.spectral_radius, 4) + caveat;
    return s;
}

void writeVerdict(Certificate* c) {
    const CertificateCheck* best = c->strongest >= 0 ? &c->checks[c->strongest] : nullptr;
    if (best && best->global) {
        c->verdict = Verdict::Contractive;
        c->text = "contractive: " + describe(*best, true) + " < 1 (global: " + best->proves + ")";
        if (c->predicted_iterations >= 0)
            c->text += "; predicted ≤ " + std::to_string(c->predicted_iterations) + " iterations";
        c->text += c->observed_iterations >= 0
                       ? ", observed " + std::to_string(c->observed_iterations)
                       : "; " + picardPart(*c);
        c->text += approximateNote(*c);
        return;
    }
    bool allAbove = true;
    const std::string list = globalList(*c, &allAbove);
    const std::string none = allAbove ? "not contractive (no global certificate: " + list + " > 1)"
                                      : "no global certificate (" + list + ")";
    const CertificateCheck* local = c->checks.size() > 4 ? &c->checks[4] : nullptr;
    const std::string at = " at w* = " + formatPoint(c->fixed_point) +
                           (c->fixed.from_run ? "" : " (found by " + c->fixed.source + ")");
    if (best) {
        c->verdict = Verdict::LocallyConvergent;
        // ρ(J(w*)) is computed, never bounded: from an approximate spectrum the verdict says
        // it rests on an estimate.
        const bool estimate = best->upper > best->lower;
        c->text =
            none +
            (estimate ? " but locally convergent by an estimate: " : " but locally convergent: ") +
            describe(*best, true) + " < 1" + at;
    } else if (local && c->fixed.found && local->against_one == AgainstOne::Marginal) {
        c->verdict = Verdict::Marginal;
        c->text = "marginal: " + describe(*local, false) + at + " is within " + tolerance() +
                  " of 1, so the linearization decides nothing; " + none;
    } else {
        c->verdict = c->fixed.found ? Verdict::UnstableFixedPoint : Verdict::NoFixedPoint;
        c->text = none + "; " + c->fixed.message;
    }
    c->text += "; " + picardPart(*c);
    c->text += approximateNote(*c);
    if (c->escaped_from.found)
        c->text += ", leaving the unstable fixed point " + formatPoint(c->escaped_from.w) +
                   " (ρ(J) = " + significant(c->escaped_from.rho_J) + ") next to w₀";
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
    if (compareWithOne(r.rho_J, r.rho_J) != AgainstOne::Above) return r;
    r.found = true;
    r.w = s.fixed_point;
    r.source = "newton";
    return r;
}

}  // namespace

std::string describeCheck(const CertificateCheck& c) {
    return describe(c, c.holds);
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

Certificate computeCertificate(const Model& model, const Vector& x, const Vector& w0,
                               const SolverOptions& options, const SolverSummary& run) {
    assertNotGuiThread(HeavyWork::Decomposition, model.hiddenDim());
    Certificate c;
    c.picard_termination = run.termination;
    // Above the dense size the Gram matrix AᵀA serves twice: the Lanczos of σ(A) and the
    // Cholesky proof of ‖A‖₂ (certificate_bounds.h).
    const Matrix gram = model.A.rows() > kDenseSpectrumUpTo && model.A.rows() <= 4000
                            ? gramLower(model.A)
                            : Matrix();
    const Matrix* shared = gram.size() ? &gram : nullptr;
    c.A = computeSpectrum(model.A, 6, shared);
    c.dynamics = classifyDynamics(model, x, run, options);
    c.fixed = locateFixedPoint(model, x, w0, run, c.dynamics, options, {}, &c.J);
    c.fixed_point = c.fixed.w;
    if (c.dynamics.kind == Dynamics::EscapedThenConverged)
        c.escaped_from = unstablePointNear(model, x, w0, options);
    c.observed_iterations = run.converged() ? run.iterations : -1;
    c.observed_rate = run.observedRate();

    c.checks = globalCertificates(model.A, c.A.norm, shared);
    c.contraction_bound = c.checks[0].upper;  // proven ‖A‖₂ ≤ q
    // Banach's count needs a proven q < 1; ‖w₁ − w₀‖ = r₀ by the residual convention.
    const double first = run.residuals.empty() ? 0.0 : run.residuals.front();
    c.predicted_iterations =
        c.checks[0].holds ? predictedIterations(c.contraction_bound, first, options.tolerance) : -1;

    CertificateCheck local;
    local.name = "local_rho_J";
    local.label = "ρ(J(w*))";
    local.global = false;
    local.value = c.fixed.found ? c.fixed.rho_J : std::numeric_limits<double>::quiet_NaN();
    // An estimate: J's spectrum is computed, not bounded, at a w* known to the tolerance.
    local.lower = local.upper = local.value;
    if (c.fixed.found && c.J.approximate && std::isfinite(c.J.spectral_radius_error)) {
        local.lower = local.value - c.J.spectral_radius_error;
        local.upper = local.value + c.J.spectral_radius_error;
    }
    local.method = c.J.method;
    local.against_one = compareWithOne(local.lower, local.upper);
    local.holds = c.fixed.found && local.against_one == AgainstOne::Below;
    local.proves = "w* attracts Picard from a neighbourhood (local)";
    c.checks.push_back(local);
    for (size_t k = 0; k < c.checks.size(); ++k) {
        if (!c.checks[k].holds) continue;
        // The smallest proven upper bound; ties (within 1e-9, the size of the bounds' rounding
        // margins) go to the first listed.
        const double best = c.strongest < 0 ? 0.0 : c.checks[c.strongest].upper;
        if (c.strongest < 0 || (c.checks[k].global && c.checks[k].upper < best * (1 - 1e-9)))
            c.strongest = static_cast<int>(k);
    }
    writeVerdict(&c);
    return c;
}

}  // namespace equilab
