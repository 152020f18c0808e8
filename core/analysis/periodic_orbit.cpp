#include "core/analysis/periodic_orbit.h"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include <cmath>
#include <cstdio>

#include "core/internal/work_guard.h"

namespace equilab {
namespace {

double residualAt(const ParameterFamily& family, const Vector& w, double p, int period) {
    const OrbitJacobian e = evaluateOrbit(family, w, p, period);
    return (e.orbit.back() - w).cwiseAbs().maxCoeff();
}

}  // namespace

bool PeriodicOrbitOptions::IsValid(std::string* error) const {
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    if (period < 1 || period > 16) return fail("periodic orbit: period must be between 1 and 16");
    if (max_iterations < 1 || max_iterations > 10000)
        return fail("periodic orbit: max_iterations must be between 1 and 10000");
    if (!(tolerance > 0)) return fail("periodic orbit: tolerance must be positive");
    return true;
}

PeriodicOrbit findPeriodicOrbit(const ParameterFamily& family, double p, const Vector& start,
                                const PeriodicOrbitOptions& options) {
    PeriodicOrbit r;
    r.period = options.period;
    const Index n = family.dimension();
    if (!options.IsValid(&r.message)) return r;
    if (start.size() != n || n == 0 || !start.allFinite() || !std::isfinite(p)) {
        r.message = "periodic orbit: the start must be a finite vector of n entries";
        return r;
    }
    assertNotGuiThread(HeavyWork::Solve, n);
    const int k = options.period;
    Vector w = start;
    OrbitJacobian e = evaluateOrbit(family, w, p, k);
    double g = (e.orbit.back() - w).cwiseAbs().maxCoeff();
    for (r.iterations = 0; r.iterations < options.max_iterations && g > options.tolerance;
         ++r.iterations) {
        const Vector G = e.orbit.back() - w;
        const Vector step = (e.M - Matrix::Identity(n, n)).partialPivLu().solve(-G);
        if (!step.allFinite()) break;
        double a = 1;
        bool moved = false;
        for (; a > 1e-6; a /= 2) {
            const Vector trial = w + a * step;
            const double gt = residualAt(family, trial, p, k);
            if (gt < g) {
                w = trial;
                moved = true;
                break;
            }
        }
        if (!moved) break;
        e = evaluateOrbit(family, w, p, k);
        g = (e.orbit.back() - w).cwiseAbs().maxCoeff();
    }
    r.residual = g;
    if (!w.allFinite() || !std::isfinite(g)) {
        r.termination = PeriodicOrbitTermination::NonFinite;
        r.message = "periodic orbit: Newton left the finite numbers";
        return r;
    }
    if (!(g <= options.tolerance)) {
        r.termination = PeriodicOrbitTermination::NotConverged;
        char buf[160];
        std::snprintf(buf, sizeof buf,
                      "periodic orbit: Newton stopped at ‖φ^%d(w) − w‖∞ = %.3g after %d steps", k,
                      g, r.iterations);
        r.message = buf;
        return r;
    }
    r.points.assign(e.orbit.begin(), e.orbit.end() - 1);
    r.minimal_period = k;
    const double scale = std::max(1.0, w.cwiseAbs().maxCoeff());
    for (int q = 1; q < k; ++q)
        if (k % q == 0 &&
            (e.orbit[static_cast<size_t>(q)] - w).cwiseAbs().maxCoeff() <= 1e-9 * scale) {
            r.minimal_period = q;
            break;
        }
    Eigen::EigenSolver<Matrix> es(e.M, false);
    r.multipliers = es.eigenvalues();
    r.radius = r.multipliers.cwiseAbs().maxCoeff();
    r.stable = r.radius < 1;
    r.termination = PeriodicOrbitTermination::Converged;
    char buf[200];
    std::snprintf(buf, sizeof buf, "period-%d orbit (minimal period %d), max |μ| = %.6g: %s", k,
                  r.minimal_period, r.radius, r.stable ? "stable" : "unstable");
    r.message = buf;
    return r;
}

ContinuationSummary continuePeriodDoubling(const ParameterFamily& family, const SpecialPoint& flip,
                                           ContinuationOptions options,
                                           const ContinuationCallbacks& callbacks) {
    ContinuationSummary s;
    const Index n = family.dimension();
    if (flip.type != SpecialPointType::Flip || flip.period != 1 || flip.w.size() != n ||
        flip.eigenvector.size() != n) {
        s.message = "period doubling: need a flip of the fixed-point branch with its eigenvector";
        return s;
    }
    options.period = 2;
    PeriodicOrbitOptions po;
    po.period = 2;
    for (double delta : {1e-3, 1e-2, 5e-2})
        for (int side : {1, -1}) {
            const double p = flip.p + side * delta;
            if (p < options.p_min || p > options.p_max) continue;
            for (double eps : {std::sqrt(delta), 3 * std::sqrt(delta)}) {
                const PeriodicOrbit o =
                    findPeriodicOrbit(family, p, flip.w + eps * flip.eigenvector, po);
                if (!o.converged() || o.minimal_period != 2) continue;
                // Away from the flip: dp/dσ points away from p*.
                ContinuationSummary r =
                    continueFrom(family, o.points[0], p, options, callbacks, side);
                if (r.termination == ContinuationTermination::StartFailed) continue;
                return r;
            }
        }
    s.termination = ContinuationTermination::StartFailed;
    s.message = "period doubling: no period-2 orbit found next to the flip";
    return s;
}

}  // namespace equilab
