#include "core/analysis/dynamics.h"
#include "core/internal/printable.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>

namespace equilab {
namespace {

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
        significant(s->final_residual) +
        (s->rate > 0 ? ", observed rate " + significant(s->rate) + " per iteration)" : ")");
    if (r.front() >= 0 && s->peak_residual > o.escape_factor * r.front()) {
        s->kind = Dynamics::EscapedThenConverged;
        s->message = "escaped from near w₀ (the residual grew from " + significant(r.front()) +
                     " to " + significant(s->peak_residual) + " by iteration " +
                     std::to_string(s->peak_iteration) +
                     ": transient growth, not divergence), then " + done;
    } else {
        s->kind = Dynamics::Converged;
        s->message = done;
    }
}

// Least-squares slope of y against x, and the coefficient of determination R² in *fit.
double slope(const std::vector<double>& x, const std::vector<double>& y, double* fit) {
    const double m = static_cast<double>(x.size());
    double sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0;
    for (size_t i = 0; i < x.size(); ++i) {
        sx += x[i], sy += y[i];
        sxx += x[i] * x[i], sxy += x[i] * y[i], syy += y[i] * y[i];
    }
    const double dxx = sxx - sx * sx / m, dxy = sxy - sx * sy / m, dyy = syy - sy * sy / m;
    *fit = dxx > 0 && dyy > 0 ? dxy * dxy / (dxx * dyy) : 0.0;
    return dxx > 0 ? dxy / dxx : 0.0;
}

// Least-squares fits of log r_k over k in [from, to]: against k (geometric: slope per step,
// R² in fitStep) and against log k (power law: slope per log-step, R² in fitLog). False when a
// residual there is zero or not finite.
struct WindowFit {
    double perStep = 0, fitStep = 0, perLogStep = 0, fitLog = 0;
};
bool windowFit(const std::vector<double>& r, size_t from, size_t to, WindowFit* f) {
    std::vector<double> k, logk, y;
    for (size_t i = from; i <= to; ++i) {
        if (!(r[i] > 0) || !std::isfinite(r[i])) return false;
        k.push_back(static_cast<double>(i));
        logk.push_back(std::log(static_cast<double>(std::max<size_t>(i, 1))));
        y.push_back(std::log(r[i]));
    }
    f->perStep = slope(k, y, &f->fitStep);
    f->perLogStep = slope(logk, y, &f->fitLog);
    return true;
}

int clampCount(double v) {
    return static_cast<int>(std::min(std::max(1.0, std::ceil(v)), 1e9));
}

void setSlow(const SolverSummary& run, const SolverOptions& so, double rate, DynamicsSummary* s) {
    const double rK = run.residuals.back();
    s->kind = Dynamics::Slow;
    s->rate = rate;
    s->more_iterations = clampCount(std::log(so.tolerance / rK) / std::log(rate));
    s->suggested_cap = static_cast<int>(std::min(1e9, double(s->more_iterations) + run.iterations));
    s->message = "slow: converging at rate " + significant(rate, 4) + " per iteration, about " +
                 std::to_string(s->more_iterations) + " more iterations to the tolerance " +
                 significant(so.tolerance) + " (stopped by the cap of " +
                 std::to_string(so.max_iterations) + " at residual " + significant(rK) +
                 "; raise the cap to about " + std::to_string(s->suggested_cap) + ")";
}

// Slow (geometric) or sublinear (power-law) decay of the residual to 0, as described in the
// header. A residual wandering on an invariant circle, or falling to a positive limit (an orbit
// approaching a cycle), fits neither: its slope flattens faster than a power law.
bool classifyConverging(const SolverSummary& run, const SolverOptions& so, const DynamicsOptions& o,
                        DynamicsSummary* s) {
    const std::vector<double>& r = run.residuals;
    const size_t K = r.size() - 1;
    if (K < 2) return false;
    const bool certified = o.contraction_bound > 0 && o.contraction_bound < 1;
    constexpr double kMinFit = 0.9;  // R² of the straight line through log r_k
    WindowFit all;
    if (K < 16) {
        if (!windowFit(r, 0, K, &all) || !(all.perStep < 0) || !(r[K] < r[0]) ||
            (K >= 4 && all.fitStep < 0.5 && !certified))
            return false;
        setSlow(run, so, std::exp(all.perStep), s);
        return true;
    }
    WindowFit w1, w2;
    if (!windowFit(r, K / 2, 3 * K / 4, &w1) || !windowFit(r, 3 * K / 4, K, &w2) ||
        !windowFit(r, K / 2, K, &all))
        return false;
    const double g = all.perStep, p = all.perLogStep;
    const double g1 = w1.perStep, g2 = w2.perStep, p1 = w1.perLogStep, p2 = w2.perLogStep;
    const double geometricMismatch =
        g < 0 && g1 < 0 && g2 < 0 && all.fitStep >= kMinFit ? std::abs(g2 / g1 - 1) : INFINITY;
    const double powerMismatch =
        p < 0 && p1 < 0 && p2 < 0 && all.fitLog >= kMinFit ? std::abs(p2 / p1 - 1) : INFINITY;
    if (!certified && powerMismatch <= 0.2 && powerMismatch < geometricMismatch) {
        const double rK = r[K], power = -p;
        s->kind = Dynamics::Sublinear;
        s->power = power;
        s->rate = r[K] / r[K - 1];
        const double total = static_cast<double>(K) * std::pow(rK / so.tolerance, 1 / power);
        s->more_iterations = clampCount(total - static_cast<double>(K));
        s->suggested_cap =
            static_cast<int>(std::min(1e9, double(s->more_iterations) + run.iterations));
        s->message = "sublinear: the residual falls like k^−" + significant(power, 3) +
                     ", not geometrically (the rate per iteration tends to 1; last ratio " +
                     significant(s->rate, 6) + "); stopped by the cap of " +
                     std::to_string(so.max_iterations) + " at residual " + significant(rK) +
                     "; at this power about " +
                     (s->more_iterations >= 1e9 ? std::string("1e9 or")
                                                : std::to_string(s->more_iterations)) +
                     " more iterations reach the tolerance " + significant(so.tolerance);
        return true;
    }
    // Under a global contraction the decay is geometric (rate ≤ q) whatever the fit says.
    if (geometricMismatch <= 0.35 || (certified && g < 0)) {
        setSlow(run, so, std::exp(g), s);
        return true;
    }
    return false;
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
                 significant(s->amplitude) + "): the iterates repeat every " + std::to_string(p) +
                 " steps and never converge (residual " + significant(s->final_residual) + ")";
    return true;
}

// The orbit continued from the run's last iterate: λ₁ along it, whether it repeats with a period
// ≤ max_period at its end, and whether its closest return falls (it approaches a cycle).
struct Continuation {
    LyapunovEstimate lyapunov;
    int period = 0;
    bool approaching = false;
};

Continuation continueOrbit(const Model& model, const Vector& x, const SolverSummary& run,
                           const DynamicsOptions& o) {
    Continuation c;
    const Index n = model.hiddenDim();
    if (run.fixed_point.size() != n || !run.fixed_point.allFinite() || x.size() != model.inputDim())
        return c;
    const int P = o.max_period;
    std::deque<Vector> previous;  // the last P points before the current one
    std::vector<double> closest;  // min_{p ≤ P} ‖w_k − w_{k−p}‖ per step, once P points exist
    closest.reserve(static_cast<size_t>(o.lyapunov_steps));
    std::vector<Vector> tail;  // the last 3P points for the period test
    auto visit = [&](int k, const Vector& w) {
        if (static_cast<int>(previous.size()) == P) {
            double m = INFINITY;
            for (const Vector& v : previous) m = std::min(m, (w - v).norm());
            closest.push_back(m);
            previous.pop_front();
        }
        previous.push_back(w);
        if (k >= o.lyapunov_steps - 3 * P) tail.push_back(w);
        return true;
    };
    LyapunovOptions lo;
    lo.steps = o.lyapunov_steps;
    c.lyapunov = largestLyapunovExponent(model.A, model.drive(x), run.fixed_point, lo, visit);
    if (!c.lyapunov.valid()) return c;
    const double r = tail.size() >= 2 ? (tail.back() - tail[tail.size() - 2]).norm() : 0.0;
    c.period = r > 0 ? detectPeriod(tail, P, o.cycle_tolerance * r) : 0;
    if (closest.size() >= 8) {
        auto median = [](std::vector<double> v) {
            std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
            return v[v.size() / 2];
        };
        const size_t q = closest.size() / 4;
        const double first = median({closest.begin(), closest.begin() + q});
        const double last = median({closest.end() - q, closest.end()});
        c.approaching = last < 0.5 * first;
    }
    return c;
}

// A rigorous upper bound on a norm of A in which φ contracts when it is < 1: the max-row and
// max-column sums (the ∞- and 1-norms), and ‖A‖_F and √(‖A‖₁‖A‖_∞), which bound ‖A‖₂; each
// enlarged by a relative rounding margin (n + 2)·2⁻⁵² for the sums of n terms.
double cheapContractionBound(const Matrix& A) {
    if (A.size() == 0) return 0;
    const Matrix M = A.cwiseAbs();
    const double inf = M.rowwise().sum().maxCoeff(), one = M.colwise().sum().maxCoeff();
    const double frob = A.norm();
    const double q = std::min({inf, one, frob, std::sqrt(inf * one)});
    return q * (1 + (static_cast<double>(A.rows()) + 2) * 2.3e-16) + 1e-300;
}

std::string lyapunovText(const LyapunovEstimate& e) {
    return "largest Lyapunov exponent λ₁ = " + significant(e.exponent, 3) + " ± " +
           significant(e.error, 2) + " per iteration along the orbit (" + std::to_string(e.steps) +
           " further steps from the last iterate)";
}

std::string undeterminedText(const SolverOptions& so, const DynamicsSummary& s,
                             const DynamicsOptions& o) {
    if (s.iterations < 2)
        return "undetermined within the cap of " + std::to_string(so.max_iterations) +
               (so.max_iterations == 1 ? " iteration" : " iterations") +
               ": too few steps to tell (residual " + significant(s.final_residual) + ")";
    return "undetermined within the cap of " + std::to_string(so.max_iterations) +
           " iterations: the residual (" + significant(s.final_residual) +
           ") neither falls to 0 geometrically or like a power of k nor repeats with a period ≤ " +
           std::to_string(o.max_period);
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
        case Dynamics::Sublinear:
            return "sublinear";
        case Dynamics::Periodic:
            return "periodic";
        case Dynamics::Chaotic:
            return "chaotic";
        case Dynamics::QuasiPeriodic:
            return "quasi-periodic";
        case Dynamics::Divergent:
            return "divergent";
        case Dynamics::Undetermined:
            return "undetermined";
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
            return "converging geometrically, stopped by the cap";
        case Dynamics::Sublinear:
            return "converging sublinearly, stopped by the cap";
        case Dynamics::Periodic:
            return "periodic orbit";
        case Dynamics::Chaotic:
            return "chaotic (positive largest Lyapunov exponent)";
        case Dynamics::QuasiPeriodic:
            return "quasi-periodic (Lyapunov exponent ≈ 0, no period ≤ 16)";
        case Dynamics::Divergent:
            return "unbounded or non-finite";
        case Dynamics::Undetermined:
            return "undetermined within the cap";
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
    if (lyapunov_steps < 8 * max_period || lyapunov_steps > 10'000'000)
        return fail("dynamics lyapunov_steps must be between 8·max_period and 1e7");
    if (!(lyapunov_zero > 0) || !std::isfinite(lyapunov_zero))
        return fail("dynamics lyapunov_zero must be a positive number");
    if (!std::isfinite(contraction_bound)) return fail("dynamics contraction_bound must be finite");
    return true;
}

namespace {

// The classification shared by both overloads; model and x may be null (no continuation).
DynamicsSummary classify(const Model* model, const Vector* x, const SolverSummary& run,
                         const SolverOptions& solverOptions, const DynamicsOptions& options) {
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
    const bool certified = options.contraction_bound > 0 && options.contraction_bound < 1;
    if ((!certified && classifyPeriodic(run, options, &s)) ||
        classifyConverging(run, solverOptions, options, &s))
        return s;
    s.kind = Dynamics::Undetermined;
    s.message = undeterminedText(solverOptions, s, options);
    if (certified) {
        s.message += "; a global certificate (q = " + significant(options.contraction_bound) +
                     " < 1) proves convergence from every start";
        return s;
    }
    // λ₁ of Picard's map only (another method's iterates are not an orbit of φ), and never
    // under a contraction proven here from A's cheap norms.
    if (!model || !x || s.iterations < 2 || run.method != SolverMethod::Picard) return s;
    const double q = cheapContractionBound(model->A);
    if (q < 1) {
        s.message += "; ‖A‖ ≤ " + significant(q) +
                     " < 1 in a norm (a global certificate) proves "
                     "convergence from every start";
        return s;
    }
    const Continuation c = continueOrbit(*model, *x, run, options);
    s.lyapunov = c.lyapunov;
    if (!c.lyapunov.valid()) return s;
    const LyapunovEstimate& e = c.lyapunov;
    const double zero = std::max(options.lyapunov_zero, 3 * e.error);
    if (c.period == 0 && e.exponent > zero) {
        s.kind = Dynamics::Chaotic;
        s.message = "chaotic: " + lyapunovText(e) + " > 0, and no period ≤ " +
                    std::to_string(options.max_period) + " (stopped by the cap of " +
                    std::to_string(solverOptions.max_iterations) + ", residual " +
                    significant(s.final_residual) + ")";
    } else if (c.period == 0 && std::abs(e.exponent) <= zero && model->hiddenDim() >= 2 &&
               !c.approaching) {
        s.kind = Dynamics::QuasiPeriodic;
        s.message = "quasi-periodic: " + lyapunovText(e) + " ≈ 0, no period ≤ " +
                    std::to_string(options.max_period) +
                    ", and the orbit does not approach a cycle (stopped by the cap of " +
                    std::to_string(solverOptions.max_iterations) + ", residual " +
                    significant(s.final_residual) + ")";
    } else {
        s.message += "; " + lyapunovText(e);
        if (c.period > 0)
            s.message += "; the continued orbit repeats with period " + std::to_string(c.period);
        else if (c.approaching)
            s.message += "; the orbit is still approaching a cycle or a fixed point";
    }
    return s;
}

}  // namespace

DynamicsSummary classifyDynamics(const SolverSummary& run, const SolverOptions& solverOptions,
                                 const DynamicsOptions& options) {
    return classify(nullptr, nullptr, run, solverOptions, options);
}

DynamicsSummary classifyDynamics(const Model& model, const Vector& x, const SolverSummary& run,
                                 const SolverOptions& solverOptions,
                                 const DynamicsOptions& options) {
    return classify(&model, &x, run, solverOptions, options);
}

std::string classificationName(const Model& model, const Vector& x, const Vector& w0,
                               const SolverOptions& options) {
    SolverOptions o = options;
    o.record_iterates = false;
    return toString(classifyDynamics(model, x, solveFixedPoint(model, x, w0, o), o).kind);
}

}  // namespace equilab
