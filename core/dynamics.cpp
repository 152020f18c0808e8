#include "core/dynamics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace equilab {
namespace {

std::string num(double v, int digits = 3) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.*g", digits, v);
    return buf;
}

// Smallest p in [2, maxPeriod] with max_{j<2p} ‖w_{K−j} − w_{K−j−p}‖ ≤ threshold; 0 if none.
int detectPeriod(const std::vector<Vector>& w, int maxPeriod, double threshold) {
    const int K = static_cast<int>(w.size()) - 1;
    for (int p = 2; p <= maxPeriod; ++p) {
        if (K - (2 * p - 1) - p < 0) break;  // needs 3p iterates
        double worst = 0;
        for (int j = 0; j < 2 * p && worst <= threshold; ++j)
            worst = std::max(worst, (w[K - j] - w[K - j - p]).norm());
        if (worst <= threshold) return p;
    }
    return 0;
}

void classifyConverged(const SolverSummary& run, const DynamicsOptions& o, DynamicsSummary* s) {
    const std::vector<double>& r = run.residuals;
    const auto peak = std::max_element(r.begin(), r.end());
    s->peak_residual = *peak;
    s->peak_iteration = static_cast<int>(peak - r.begin());
    s->rate = run.observedRate(o.rate_window);
    const std::string done =
        "converged in " + std::to_string(run.iterations) + " iterations (residual " +
        num(s->final_residual) +
        (s->rate > 0 ? ", observed rate " + num(s->rate) + " per iteration)" : ")");
    if (r.front() >= 0 && s->peak_residual > o.escape_factor * r.front()) {
        s->kind = Dynamics::EscapedThenConverged;
        s->message = "escaped from near w₀ (the residual grew from " + num(r.front()) + " to " +
                     num(s->peak_residual) + " by iteration " + std::to_string(s->peak_iteration) +
                     ": transient growth, not divergence), then " + done;
    } else {
        s->kind = Dynamics::Converged;
        s->message = done;
    }
}

// The slow test: log r_k against k over the last half of the run is a falling straight line
// (least squares slope s < 0, R² ≥ kMinFit) that fell by at least a factor kMinFall. A residual
// wandering on an invariant circle or approaching a positive limit fails one of these.
bool classifySlow(const SolverSummary& run, const SolverOptions& so, const DynamicsOptions& o,
                  DynamicsSummary* s) {
    constexpr double kMinFit = 0.9;
    constexpr double kMinFall = 10;
    const std::vector<double>& r = run.residuals;
    const size_t K = r.size() - 1, first = K / 2;
    if (K - first < static_cast<size_t>(2 * o.rate_window)) return false;
    double sk = 0, sl = 0, skk = 0, skl = 0, sll = 0;
    for (size_t k = first; k <= K; ++k) {
        if (!(r[k] > 0) || !std::isfinite(r[k])) return false;
        const double x = static_cast<double>(k - first), y = std::log(r[k]);
        sk += x, sl += y, skk += x * x, skl += x * y, sll += y * y;
    }
    const double m = static_cast<double>(K - first + 1);
    const double sxx = skk - sk * sk / m, sxy = skl - sk * sl / m, syy = sll - sl * sl / m;
    const double slope = sxy / sxx;
    const double fit = syy > 0 ? sxy * sxy / (sxx * syy) : 0.0;
    if (!(slope < 0) || fit < kMinFit ||
        -slope * static_cast<double>(K - first) < std::log(kMinFall))
        return false;
    const double rate = std::exp(slope);
    s->kind = Dynamics::Slow;
    s->rate = rate;
    const double more = std::max(1.0, std::ceil(std::log(so.tolerance / r[K]) / slope));
    s->more_iterations = static_cast<int>(std::min(more, 1e9));
    s->suggested_cap = static_cast<int>(std::min(1e9, more + run.iterations));
    s->message = "converging slowly, stopped by the cap of " + std::to_string(so.max_iterations) +
                 ": the residual " + num(r[K]) + " is still falling at rate " + num(rate, 4) +
                 " per iteration; about " + std::to_string(s->more_iterations) +
                 " more iterations reach the tolerance " + num(so.tolerance) +
                 " — raise the cap to about " + std::to_string(s->suggested_cap);
    return true;
}

bool classifyPeriodic(const SolverSummary& run, const DynamicsOptions& o, DynamicsSummary* s) {
    const std::vector<Vector> w = run.lastIterates(3 * o.max_period);
    if (w.empty() || !(s->final_residual > 0)) return false;
    for (const Vector& v : w)
        if (!v.allFinite()) return false;
    const int p = detectPeriod(w, o.max_period, o.cycle_tolerance * s->final_residual);
    if (p == 0) return false;
    s->kind = Dynamics::Periodic;
    s->period = p;
    s->orbit.assign(w.end() - p, w.end());
    double diameter = 0;
    for (const Vector& a : s->orbit)
        for (const Vector& b : s->orbit) diameter = std::max(diameter, (a - b).norm());
    s->amplitude = diameter / 2;
    s->message = "periodic orbit of period " + std::to_string(p) + " (amplitude " +
                 num(s->amplitude) + "): the iterates repeat every " + std::to_string(p) +
                 " steps and never converge (residual " + num(s->final_residual) + ")";
    return true;
}

}  // namespace

std::string toString(Dynamics d) {
    switch (d) {
        case Dynamics::Converged:
            return "converged";
        case Dynamics::EscapedThenConverged:
            return "escaped-then-converged";
        case Dynamics::Slow:
            return "slow";
        case Dynamics::Periodic:
            return "periodic";
        case Dynamics::Divergent:
            return "divergent";
        case Dynamics::NoPattern:
            return "no-pattern";
        case Dynamics::Aborted:
            return "aborted";
        case Dynamics::Invalid:
            return "invalid";
    }
    return "invalid";
}

std::string describe(Dynamics d) {
    switch (d) {
        case Dynamics::Converged:
            return "converged";
        case Dynamics::EscapedThenConverged:
            return "escaped an unstable fixed point, then converged";
        case Dynamics::Slow:
            return "converging slowly, stopped by the cap";
        case Dynamics::Periodic:
            return "periodic orbit";
        case Dynamics::Divergent:
            return "unbounded or non-finite";
        case Dynamics::NoPattern:
            return "no pattern within the cap (possibly chaotic)";
        case Dynamics::Aborted:
            return "stopped by the user";
        case Dynamics::Invalid:
            return "invalid input";
    }
    return "invalid input";
}

bool DynamicsOptions::IsValid(std::string* error) const {
    auto fail = [error](const std::string& msg) {
        if (error) *error = msg;
        return false;
    };
    if (max_period < 2 || 3 * max_period > SolverSummary::kRecentIterates)
        return fail("dynamics max_period must be between 2 and " +
                    std::to_string(SolverSummary::kRecentIterates / 3));
    if (!(cycle_tolerance > 0 && cycle_tolerance < 1))
        return fail("dynamics cycle_tolerance must be in (0, 1)");
    if (rate_window < 2) return fail("dynamics rate_window must be at least 2");
    if (!(escape_factor > 1) || !std::isfinite(escape_factor))
        return fail("dynamics escape_factor must be a finite number above 1");
    return true;
}

DynamicsSummary classifyDynamics(const SolverSummary& run, const SolverOptions& solverOptions,
                                 const DynamicsOptions& options) {
    DynamicsSummary s;
    s.iterations = run.iterations;
    s.final_residual = run.finalResidual();
    std::string error;
    if (!options.IsValid(&error)) {
        s.message = error;
        return s;
    }
    switch (run.termination) {
        case Termination::InvalidInput:
        case Termination::Running:
            s.kind = Dynamics::Invalid;
            s.message = run.message.empty() ? "the run did not start" : run.message;
            return s;
        case Termination::UserAbort:
            s.kind = Dynamics::Aborted;
            s.message = run.message;
            return s;
        case Termination::DivergedNonFinite:
        case Termination::DivergedGrowth:
            s.kind = Dynamics::Divergent;
            s.message = "unbounded or non-finite: " + run.message;
            return s;
        case Termination::Converged:
            classifyConverged(run, options, &s);
            return s;
        case Termination::MaxIterations:
            break;
    }
    if (classifyPeriodic(run, options, &s) || classifySlow(run, solverOptions, options, &s))
        return s;
    s.kind = Dynamics::NoPattern;
    s.message = "no pattern within the cap of " + std::to_string(solverOptions.max_iterations) +
                " iterations: the residual (" + num(s.final_residual) + ") neither falls to 0 " +
                "nor repeats with a period ≤ " + std::to_string(options.max_period) +
                " (possibly chaotic or quasi-periodic)";
    return s;
}

std::string classificationName(const Model& model, const Vector& x, const Vector& w0,
                               const SolverOptions& options) {
    SolverOptions o = options;
    o.record_iterates = false;
    return toString(classifyDynamics(solveFixedPoint(model, x, w0, o), o).kind);
}

}  // namespace equilab
