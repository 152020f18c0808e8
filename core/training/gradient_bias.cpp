#include "core/training/gradient_bias.h"

#include <algorithm>
#include <cmath>

#include "core/analysis/jacobian_radius.h"

namespace equilab {

bool GradientBiasOptions::IsValid(std::string* error) const {
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    if (rho_targets.empty()) return fail("no ρ(J*) targets");
    for (double t : rho_targets)
        if (!(t > 0 && t < 1)) return fail("every ρ(J*) target must be in (0, 1)");
    if (methods.empty()) return fail("no methods");
    HypergradOptions o;
    o.T = T;
    o.K = K;
    o.damping = damping;
    return o.IsValid(error);
}

namespace {

double layerDot(const ModelParams<double>& a, const ModelParams<double>& b) {
    return (a.A.array() * b.A.array()).sum() + (a.B.array() * b.B.array()).sum() + a.c.dot(b.c);
}

// The exact forward states at scale s.
struct AtScale {
    double rho = 0;
    HypergradResult<double> exact;
};

AtScale evaluateScale(const ModelParams<double>& params, double s, const Matrix& X,
                      const Targets<double>& targets, HypergradWorkspace<double>& ws) {
    ModelParams<double> p = params;
    p.A *= s;
    HypergradOptions o;
    o.method = HypergradMethod::Exact;
    o.exact_max_iterations = 20000;
    AtScale a;
    a.exact = hypergradient(p, X, targets, o, &ws);
    a.rho = maxJacobianRadius(p.A, a.exact.W);
    return a;
}

double maxJacobianRadiusAt(const ModelParams<double>& params, double s, const Matrix& X,
                           const Targets<double>& targets, HypergradWorkspace<double>& ws);

}  // namespace

double layerCosine(const ModelParams<double>& g, const ModelParams<double>& ref) {
    const double gg = layerDot(g, g), rr = layerDot(ref, ref);
    return gg > 0 && rr > 0 ? layerDot(g, ref) / std::sqrt(gg * rr) : 0.0;
}

double layerRelativeError(const ModelParams<double>& g, const ModelParams<double>& ref) {
    const double diff =
        (g.A - ref.A).squaredNorm() + (g.B - ref.B).squaredNorm() + (g.c - ref.c).squaredNorm();
    const double r = layerDot(ref, ref);
    return r > 0 ? std::sqrt(diff / r) : std::sqrt(diff);
}

double maxJacobianRadius(const Matrix& A, const Matrix& W) {
    double rho = 0;
    JacobianRadiusWorkspace ws;
    for (Index i = 0; i < W.cols(); ++i) {
        const Vector d = 1.0 - W.col(i).array().square();
        const JacobianRadius r = jacobianRadius(A, d, {}, &ws);
        rho = std::max(rho, r.ok() ? r.rho : denseJacobianSpectralRadius(A, d));
    }
    return rho;
}

namespace {
double maxJacobianRadiusAt(const ModelParams<double>& params, double s, const Matrix& X,
                           const Targets<double>& targets, HypergradWorkspace<double>& ws) {
    return evaluateScale(params, s, X, targets, ws).rho;
}
}  // namespace

GradientBiasMap gradientBiasMap(const ModelParams<double>& params, const Matrix& X,
                                const Targets<double>& targets, const GradientBiasOptions& options,
                                const std::function<bool()>& cancel) {
    GradientBiasMap map;
    HypergradWorkspace<double> ws;
    for (double target : options.rho_targets) {
        if (cancel && cancel()) return map;
        GradientBiasPoint pt;
        pt.target = target;
        // Bracket ρ(lo) < target ≤ ρ(hi): double s from a small start; then bisect until
        // |ρ(s) − target| ≤ 1e-3.
        double lo = 0, hi = 0.05;
        AtScale at = evaluateScale(params, hi, X, targets, ws);
        while (at.rho < target && hi < 1000) {
            lo = hi;
            hi *= 2;
            at = evaluateScale(params, hi, X, targets, ws);
        }
        pt.scale = hi;
        double rho = at.rho;
        for (int it = 0; it < 60 && rho >= 0 && std::abs(rho - target) > 1e-3; ++it) {
            if (at.rho < target) break;  // not reached below s = 1000: no bracket
            const double mid = 0.5 * (lo + hi);
            rho = maxJacobianRadiusAt(params, mid, X, targets, ws);
            pt.scale = mid;
            (rho < target ? lo : hi) = mid;
        }
        at = evaluateScale(params, pt.scale, X, targets, ws);
        pt.rho = at.rho;
        pt.reached = std::abs(at.rho - target) <= 1e-3;
        pt.reference_converged = at.exact.forward_residual <= 1e-14;
        ModelParams<double> p = params;
        p.A *= pt.scale;
        for (HypergradMethod m : options.methods) {
            HypergradOptions o;
            o.method = m;
            o.T = options.T;
            o.K = options.K;
            o.damping = options.damping;
            const auto r = hypergradient(p, X, targets, o, &ws);
            pt.cosine.push_back(layerCosine(r.grad, at.exact.grad));
            pt.relative_error.push_back(layerRelativeError(r.grad, at.exact.grad));
        }
        map.points.push_back(std::move(pt));
    }
    map.complete = true;
    return map;
}

GradientBiasPerInput gradientBiasPerInput(const ModelParams<double>& params, const Matrix& X,
                                          const Targets<double>& targets,
                                          const GradientBiasOptions& options) {
    GradientBiasPerInput out;
    HypergradWorkspace<double> ws;
    for (Index i = 0; i < X.cols(); ++i) {
        const Matrix x = X.col(i);
        Targets<double> t;
        t.kind = targets.kind;
        t.labels = targets.labels.segment(i, 1);
        if (targets.kind == LossKind::SquaredError) t.values = targets.values.col(i);
        HypergradOptions exact;
        exact.method = HypergradMethod::Exact;
        const auto ref = hypergradient(params, x, t, exact, &ws);
        out.rho.push_back(maxJacobianRadius(params.A, ref.W));
        std::vector<double> cos, rel;
        for (HypergradMethod m : options.methods) {
            HypergradOptions o;
            o.method = m;
            o.T = options.T;
            o.K = options.K;
            o.damping = options.damping;
            const auto r = hypergradient(params, x, t, o, &ws);
            cos.push_back(layerCosine(r.grad, ref.grad));
            rel.push_back(layerRelativeError(r.grad, ref.grad));
        }
        out.cosine.push_back(std::move(cos));
        out.relative_error.push_back(std::move(rel));
    }
    return out;
}

}  // namespace equilab
