#include "core/analysis/phase_field.h"

#include <algorithm>
#include <cmath>

#include "core/analysis/dense_linalg.h"
#include "core/solvers/solver.h"

namespace equilab {

namespace {

double lerp(double lo, double hi, double t) {
    return lo + (hi - lo) * t;
}

}  // namespace

Vector planePoint(const Vector& base, const Matrix& D, double a, double b) {
    const Vector ab = (Vector(2) << a, b).finished();
    return base + D * (ab - D.transpose() * base);
}

std::vector<FieldArrow> displacementField(const Model& model, const Vector& x, const Vector& base,
                                          const Matrix& D, const PlaneWindow& win, int grid) {
    std::vector<FieldArrow> out;
    const Vector drive = model.drive(x);
    for (int r = 0; r < grid; ++r)
        for (int c = 0; c < grid; ++c) {
            FieldArrow a;
            a.x = lerp(win.x_lo, win.x_hi, (c + 0.5) / grid);
            a.y = lerp(win.y_lo, win.y_hi, (r + 0.5) / grid);
            const Vector w = planePoint(base, D, a.x, a.y);
            const Vector d = D.transpose() * (model.phiWithDrive(w, drive) - w);
            a.dx = d(0);
            a.dy = d(1);
            out.push_back(a);
        }
    return out;
}

std::vector<PlaneSegment> nullcline(const Model& model, const Vector& x, const Vector& base,
                                    const Matrix& D, int k, const PlaneWindow& win, int res) {
    const Vector drive = model.drive(x);
    const int m = res + 1;  // grid vertices per side
    std::vector<double> g(static_cast<size_t>(m * m));
    auto X = [&](int c) { return lerp(win.x_lo, win.x_hi, static_cast<double>(c) / res); };
    auto Y = [&](int r) { return lerp(win.y_lo, win.y_hi, static_cast<double>(r) / res); };
    for (int r = 0; r < m; ++r)
        for (int c = 0; c < m; ++c) {
            const Vector w = planePoint(base, D, X(c), Y(r));
            g[static_cast<size_t>(r * m + c)] = D.col(k).dot(model.phiWithDrive(w, drive) - w);
        }
    std::vector<PlaneSegment> out;
    for (int r = 0; r < res; ++r)
        for (int c = 0; c < res; ++c) {
            // Corners counter-clockwise; a crossing on each edge whose ends differ in sign.
            const double v[4] = {g[r * m + c], g[r * m + c + 1], g[(r + 1) * m + c + 1],
                                 g[(r + 1) * m + c]};
            const double px[4] = {X(c), X(c + 1), X(c + 1), X(c)};
            const double py[4] = {Y(r), Y(r), Y(r + 1), Y(r + 1)};
            std::vector<std::pair<double, double>> hits;
            for (int e = 0; e < 4; ++e) {
                const int f = (e + 1) % 4;
                if ((v[e] < 0) == (v[f] < 0)) continue;
                const double t = v[e] / (v[e] - v[f]);
                hits.emplace_back(lerp(px[e], px[f], t), lerp(py[e], py[f], t));
            }
            // Two crossings: one segment; four (a saddle cell): pair them in order.
            for (size_t h = 0; h + 1 < hits.size(); h += 2)
                out.push_back(
                    {hits[h].first, hits[h].second, hits[h + 1].first, hits[h + 1].second});
        }
    return out;
}

double jacobianSpectralRadius(const Model& model, const Vector& x, const Vector& w) {
    const Matrix J = model.jacobian(w, x);
    return denseSpectralRadius(J);
}

std::vector<PlaneFixedPoint> planeFixedPoints(const Model& model, const Vector& x,
                                              const Vector& base, const Matrix& D,
                                              const PlaneWindow& win, int grid) {
    SolverOptions newton;
    newton.method = SolverMethod::Newton;
    newton.tolerance = 1e-11;
    newton.max_iterations = 60;
    newton.record_iterates = false;
    std::vector<PlaneFixedPoint> out;
    for (int r = 0; r < grid; ++r)
        for (int c = 0; c < grid; ++c) {
            const Vector w0 = planePoint(base, D, lerp(win.x_lo, win.x_hi, (c + 0.5) / grid),
                                         lerp(win.y_lo, win.y_hi, (r + 0.5) / grid));
            const SolverSummary s = solveFixedPoint(model, x, w0, newton);
            if (!s.converged()) continue;
            const bool known = std::any_of(out.begin(), out.end(), [&](const PlaneFixedPoint& p) {
                return (p.w - s.fixed_point).cwiseAbs().maxCoeff() < 1e-6;
            });
            if (known) continue;
            PlaneFixedPoint p;
            p.w = s.fixed_point;
            const Vector xy = D.transpose() * p.w;
            p.x = xy(0);
            p.y = xy(1);
            p.rho = jacobianSpectralRadius(model, x, p.w);
            out.push_back(p);
        }
    std::sort(out.begin(), out.end(), [](const PlaneFixedPoint& a, const PlaneFixedPoint& b) {
        return a.x != b.x ? a.x < b.x : a.y < b.y;
    });
    return out;
}

}  // namespace equilab
