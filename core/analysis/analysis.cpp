#include "core/analysis/analysis.h"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/analysis/spectra.h"
#include "core/model/model.h"
#include "core/solvers/fixed_point_search.h"

namespace equilab {

BasinGrid computeBasins(const Model& model, const Vector& x, const SolverOptions& options,
                        double lo, double hi, int resolution, const CancelFn& cancel) {
    BasinGrid g;
    g.resolution = resolution;
    g.lo = lo;
    g.hi = hi;
    if (model.hiddenDim() != 2 || resolution < 2) return g;
    SolverOptions o = options;
    o.record_iterates = false;
    auto solver = createSolver(o);
    DynamicsOptions cellOptions;  // λ₁ over a shorter continuation: one per unconverged cell
    cellOptions.lyapunov_steps = 256;
    g.iterations.reserve(static_cast<size_t>(resolution * resolution));
    for (int j = 0; j < resolution; ++j) {
        if (cancel && cancel()) return g;
        for (int i = 0; i < resolution; ++i) {
            Vector w0(2);
            w0 << lo + (hi - lo) * i / (resolution - 1), lo + (hi - lo) * j / (resolution - 1);
            solver->reset(model, x, w0);
            const SolverSummary& s = solver->solve();
            g.iterations.push_back(s.converged() ? s.iterations : -1);
            g.terminations.push_back(s.termination);
            g.kinds.push_back(classifyDynamics(model, x, s, o, cellOptions).kind);
            if (!s.converged()) continue;
            bool known = false;
            for (const Vector& p : g.fixed_points)
                known = known || (p - s.fixed_point).norm() <= 1e-6;
            if (!known) g.fixed_points.push_back(s.fixed_point);
        }
    }
    g.complete = true;
    return g;
}

std::string summarizeBasins(const BasinGrid& grid) {
    if (grid.kinds.empty()) return {};
    std::vector<int> counts(static_cast<size_t>(Dynamics::Invalid) + 1, 0);
    for (Dynamics d : grid.kinds) ++counts[static_cast<size_t>(d)];
    const double total = static_cast<double>(grid.kinds.size());
    auto percent = [total](int c) {
        const double p = 100.0 * c / total;
        return (p > 0 && p < 1 ? std::string("<1")
                               : std::to_string(static_cast<int>(std::lround(p)))) +
               " %";
    };
    const int reached = counts[static_cast<size_t>(Dynamics::Converged)] +
                        counts[static_cast<size_t>(Dynamics::EscapedThenConverged)];
    const size_t k = grid.fixed_points.size();
    std::string s = reached == 0 ? std::string("no start converged")
                                 : std::to_string(k) +
                                       (k == 1 ? " fixed point" : " different fixed points") +
                                       " reached from " + percent(reached) + " of the starts";
    for (Dynamics d : {Dynamics::Slow, Dynamics::Sublinear, Dynamics::Periodic, Dynamics::Chaotic,
                       Dynamics::QuasiPeriodic, Dynamics::Undetermined, Dynamics::Divergent}) {
        const int c = counts[static_cast<size_t>(d)];
        if (c > 0) s += "; " + percent(c) + " " + describe(d);
    }
    return s;
}

ScaleSweep computeScaleSweep(const Model& model, const Vector& x, const Vector& w0,
                             const SolverOptions& options, double sMin, double sMax, int count,
                             const CancelFn& cancel) {
    ScaleSweep sw;
    const double normA = spectralNorm(model.A);
    sw.unit_at = normA > 0 ? 1.0 / normA : std::numeric_limits<double>::infinity();
    sw.breaks_at = std::numeric_limits<double>::quiet_NaN();
    SolverOptions o = options;
    o.method = SolverMethod::Picard;
    o.record_iterates = false;
    Model m = model;
    for (int k = 0; k < count; ++k) {
        if (cancel && cancel()) return sw;
        const double s = count > 1 ? sMin + (sMax - sMin) * k / (count - 1) : sMin;
        m.A = s * model.A;
        const SolverSummary r = solveFixedPoint(m, x, w0, o);
        const DynamicsSummary d = classifyDynamics(m, x, r, o);
        // ρ(J) only at a true fixed point: the end point of an unconverged run is arbitrary.
        double rho = std::numeric_limits<double>::quiet_NaN();
        if (r.converged()) {
            rho = computeSpectrum(m.jacobian(r.fixed_point, x)).spectral_radius;
        } else if (m.hiddenDim() <= 200) {
            const FixedPointReport f = locateFixedPoint(m, x, w0, r, d, o);
            if (f.found) rho = f.rho_J;
        }
        sw.scales.push_back(s);
        sw.iterations.push_back(r.converged() ? r.iterations : -1);
        sw.rho_J.push_back(rho);
        sw.norm.push_back(s * normA);
        sw.kinds.push_back(d.kind);
        if (!r.converged() && std::isnan(sw.breaks_at)) {
            sw.breaks_at = s;
            sw.breaks_kind = d.kind;
        }
    }
    // Bisection on s between the last converging grid scale and the first failing one.
    sw.break_low = sw.break_high = std::numeric_limits<double>::quiet_NaN();
    const auto first =
        std::find_if(sw.iterations.begin(), sw.iterations.end(), [](double it) { return it < 0; });
    if (first != sw.iterations.begin() && first != sw.iterations.end()) {
        const size_t k = static_cast<size_t>(first - sw.iterations.begin());
        double lo = sw.scales[k - 1], hi = sw.scales[k];
        while (hi - lo > 1e-3) {
            if (cancel && cancel()) return sw;
            const double mid = 0.5 * (lo + hi);
            m.A = mid * model.A;
            (solveFixedPoint(m, x, w0, o).converged() ? lo : hi) = mid;
        }
        sw.break_low = lo;
        sw.break_high = hi;
    }
    sw.complete = true;
    return sw;
}

std::vector<SolverSummary> compareSolvers(const Model& model, const Vector& x, const Vector& w0,
                                          const SolverOptions& options, const CancelFn& cancel,
                                          const std::vector<const SolverSummary*>& known) {
    std::vector<SolverSummary> out;
    for (SolverMethod m : allSolverMethods()) {
        if (cancel && cancel()) break;
        const auto done = std::find_if(known.begin(), known.end(),
                                       [m](const SolverSummary* s) { return s && s->method == m; });
        if (done != known.end()) {
            out.push_back(**done);
            out.back().iterates.clear();  // the comparison needs residuals only
            continue;
        }
        // Newton's dense LU is cubic in n; beyond a few hundred unknowns it is not "live".
        if (m == SolverMethod::Newton && model.hiddenDim() > 400) continue;
        SolverOptions o = options;
        o.method = m;
        o.record_iterates = false;
        out.push_back(solveFixedPoint(model, x, w0, o, [&](const IterationSummary&) {
            return cancel && cancel() ? CallbackReturn::Abort : CallbackReturn::Continue;
        }));
    }
    return out;
}

std::vector<Vector> initialPoints(const Vector& w0, Index n, int count, unsigned seed) {
    std::vector<Vector> pts;
    pts.push_back(w0.size() ? w0 : Vector::Zero(n));
    for (int k = 1; k < count; ++k) {
        const Vector r = randomGaussian(n, 1, 1.0, seed + static_cast<unsigned>(k));
        pts.push_back(r.array().tanh().matrix());  // spread over (−1, 1)
    }
    return pts;
}

Matrix principalDirections(const std::vector<Vector>& points) {
    const Index n = points.empty() ? 0 : points.front().size();
    const Index k = std::min<Index>(2, n);
    Matrix dirs = Matrix::Identity(n, k);
    if (points.size() < 2 || n < 2) return dirs;
    // At most kMaxPoints points, evenly spaced (the directions are for drawing).
    constexpr size_t kMaxPoints = 400;
    const size_t m = std::min(points.size(), kMaxPoints);
    Matrix X(n, static_cast<Index>(m));  // centred points as columns
    for (size_t i = 0; i < m; ++i)
        X.col(Index(i)) = points[i * (points.size() - 1) / std::max<size_t>(m - 1, 1)];
    X.colwise() -= X.rowwise().mean();
    if (!(X.norm() > 0)) return dirs;
    // The leading eigenvectors of the covariance X Xᵀ (n×n) are X u / ‖X u‖ for the leading
    // eigenvectors u of the Gram matrix XᵀX (m×m): the smaller of the two is decomposed.
    if (Index(m) < n) {
        Eigen::SelfAdjointEigenSolver<Matrix> eig(X.transpose() * X);
        for (Index c = 0; c < k; ++c) {
            const Vector v = X * eig.eigenvectors().col(Index(m) - 1 - c);
            if (v.norm() > 0) dirs.col(c) = v / v.norm();
        }
        return dirs;
    }
    Eigen::SelfAdjointEigenSolver<Matrix> eig(X * X.transpose());
    // Eigenvalues ascend: the last two columns are the leading directions.
    dirs.col(0) = eig.eigenvectors().col(n - 1);
    dirs.col(1) = eig.eigenvectors().col(n - 2);
    return dirs;
}

Cobweb computeCobweb(const Model& model, const Vector& x, const std::vector<Vector>& iterates,
                     double lo, double hi, int samples) {
    Cobweb c;
    if (model.hiddenDim() != 1) return c;
    const Vector u = model.drive(x);
    for (int k = 0; k < samples; ++k) {
        const double w = lo + (hi - lo) * k / (samples - 1);
        c.curve_w.push_back(w);
        c.curve_phi.push_back(std::tanh(model.A(0, 0) * w + u(0)));
    }
    for (size_t k = 0; k < iterates.size(); ++k) {
        const double w = iterates[k](0);
        if (!std::isfinite(w)) break;
        if (k == 0) {
            c.stair_x.push_back(w);
            c.stair_y.push_back(w);
        }
        const double f = std::tanh(model.A(0, 0) * w + u(0));
        c.stair_x.push_back(w);
        c.stair_y.push_back(f);
        c.stair_x.push_back(f);
        c.stair_y.push_back(f);
    }
    return c;
}

}  // namespace equilab
