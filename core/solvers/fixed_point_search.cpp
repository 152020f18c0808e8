#include "core/solvers/fixed_point_search.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "core/analysis/certificate_bounds.h"
#include "core/analysis/spectra.h"

namespace equilab {
namespace {

constexpr Index kNewtonMaxDim = 400;
// ρ(J) this close to 1 at the first w*: polish w* before deciding (see the header).
constexpr double kPolishBand = 1e-3;

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

// The number with enough digits that it reads on the right side of 1 (≥ 4 significant).
std::string sided(double v) {
    for (int digits = 4; digits <= 17; ++digits) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.*g", digits, v);
        const double shown = std::strtod(buf, nullptr);
        if ((v < 1) == (shown < 1) && (v > 1) == (shown > 1)) return buf;
    }
    return num(v);
}

void describe(FixedPointReport* r) {
    const std::string at = "w* = " + formatPoint(r->w);
    const double rho = r->rho_J;
    if (r->stable()) {
        r->message = "the fixed point " + at + " is stable (ρ(J) = " + sided(rho) + " < 1)";
    } else if (r->marginal()) {
        char tol[32];
        std::snprintf(tol, sizeof tol, "%.2g", kMarginalTolerance);
        r->message = "the fixed point " + at + " is marginal (ρ(J) = " + num(rho) + ", within " +
                     tol + " of 1): the linearization decides nothing";
    } else {
        r->message = "a fixed point exists at " + at + " but it is unstable (ρ(J) = " + sided(rho) +
                     " > 1): Picard cannot reach it";
        if (r->from_run) r->message += " except by starting exactly on it";
    }
    if (!r->from_run) r->message += " (found by " + r->source + ")";
}

// Newton from w to the smallest residual it reaches (tolerance at its floor): used near ρ(J) = 1,
// where a fixed point at the solver's tolerance can still be far from the true one.
void polish(const Model& model, const Vector& x, const SolverOptions& solverOptions,
            FixedPointReport* r) {
    if (model.hiddenDim() > kNewtonMaxDim) return;
    SolverOptions o = solverOptions;
    o.method = SolverMethod::Newton;
    o.record_iterates = false;
    o.tolerance = SolverLimits::kMinTolerance;
    o.max_iterations = 60;  // a triple root (A = [[1]]) gains a factor 2/3 a step
    const SolverSummary s = solveFixedPoint(model, x, r->w, o);
    if (s.fixed_point.size() != r->w.size() || !s.fixed_point.allFinite()) return;
    const double residual = (model.phi(s.fixed_point, x) - s.fixed_point).norm();
    if (residual <= r->residual) {
        r->w = s.fixed_point;
        r->residual = residual;
    }
}

}  // namespace

bool FixedPointReport::stable() const {
    return found && compareWithOne(rho_J, rho_J) == AgainstOne::Below;
}

bool FixedPointReport::marginal() const {
    return found && compareWithOne(rho_J, rho_J) == AgainstOne::Marginal;
}

bool FixedPointSearchOptions::IsValid(std::string* error) const {
    if (max_iterations < 1 || max_iterations > 1'000'000) {
        if (error) *error = "fixed-point search max_iterations must be between 1 and 1000000";
        return false;
    }
    if (!(distinct_tolerance > 0)) {
        if (error) *error = "fixed-point search distinct_tolerance must be positive";
        return false;
    }
    return true;
}

std::string formatPoint(const Vector& w) {
    std::string s = "(";
    if (w.size() <= 4) {
        for (Index i = 0; i < w.size(); ++i) s += (i ? ", " : "") + num(w(i));
    } else {
        s += "n = " + std::to_string(w.size()) + ", ‖w‖₂ = " + num(w.norm());
    }
    return s + ")";
}

FixedPointReport locateFixedPoint(const Model& model, const Vector& x, const Vector& w0,
                                  const SolverSummary& run, const DynamicsSummary& dynamics,
                                  const SolverOptions& solverOptions,
                                  const FixedPointSearchOptions& options, Spectrum* J) {
    FixedPointReport r;
    const Index n = model.hiddenDim();
    if (run.converged() && run.fixed_point.size() == n) {
        r.found = true;
        r.from_run = true;
        r.w = run.fixed_point;
        r.source = toString(run.method);
    } else if (options.IsValid(nullptr) && x.size() == model.inputDim()) {
        std::vector<Vector> starts;
        if (run.fixed_point.size() == n && run.fixed_point.allFinite())
            starts.push_back(run.fixed_point);
        if (!dynamics.orbit.empty()) {
            Vector centre = Vector::Zero(n);
            for (const Vector& p : dynamics.orbit) centre += p;
            starts.push_back(centre / static_cast<double>(dynamics.orbit.size()));
        }
        if (w0.size() == n && w0.allFinite()) starts.push_back(w0);
        starts.push_back(Vector::Zero(n));
        SolverOptions o = solverOptions;
        o.record_iterates = false;
        o.max_iterations = options.max_iterations;
        for (SolverMethod m : {SolverMethod::Newton, SolverMethod::Broyden, SolverMethod::Anderson,
                               SolverMethod::KrasnoselskiiMann}) {
            if (m == SolverMethod::Newton && n > kNewtonMaxDim) continue;
            o.method = m;
            for (const Vector& s : starts) {
                const SolverSummary t = solveFixedPoint(model, x, s, o);
                if (!t.converged()) continue;
                r.found = true;
                r.w = t.fixed_point;
                r.source = toString(m);
                break;
            }
            if (r.found) break;
        }
    }
    if (!r.found) {
        r.message =
            "no fixed point found (Newton with line search, Broyden, Anderson and "
            "Krasnoselskii–Mann did not converge from the run's end point, w₀ or 0)";
        return r;
    }
    r.residual = (model.phi(r.w, x) - r.w).norm();
    // J's spectrum: its eigenvalues and ‖J‖₂ (one singular value is enough above the dense limit).
    Spectrum spectrum = computeSpectrum(model.jacobian(r.w, x), 1);
    r.rho_J = spectrum.spectral_radius;
    if (std::abs(r.rho_J - 1) <= kPolishBand) {
        polish(model, x, solverOptions, &r);
        spectrum = computeSpectrum(model.jacobian(r.w, x), 1);
        r.rho_J = spectrum.spectral_radius;
    }
    if (J) *J = std::move(spectrum);
    describe(&r);
    return r;
}

StartsReport compareStarts(const std::vector<SolverSummary>& runs, double tolerance) {
    StartsReport s;
    s.starts = static_cast<int>(runs.size());
    for (const SolverSummary& run : runs) {
        if (!run.converged()) continue;
        ++s.converged;
        bool known = false;
        for (const Vector& p : s.fixed_points)
            known = known || (p.size() == run.fixed_point.size() &&
                              (p - run.fixed_point).norm() <= tolerance);
        if (!known) s.fixed_points.push_back(run.fixed_point);
    }
    if (s.fixed_points.size() < 2) return s;
    s.message = std::to_string(s.converged) + " of " + std::to_string(s.starts) +
                " starting points converged, to " + std::to_string(s.fixed_points.size()) +
                " different fixed points:";
    for (size_t k = 0; k < s.fixed_points.size() && k < 6; ++k)
        s.message += (k ? ", " : " ") + formatPoint(s.fixed_points[k]);
    if (s.fixed_points.size() > 6) s.message += ", …";
    return s;
}

}  // namespace equilab
