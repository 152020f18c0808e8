// Analyses behind the explorer's views, each a pure function of the problem that can be
// cancelled between its inner solves (cancel() returning true stops early; what was computed
// is returned with `complete` false).
#pragma once

#include <functional>
#include <vector>

#include "core/analysis/dynamics.h"
#include "core/solvers/solver.h"

namespace equilab {

using CancelFn = std::function<bool()>;

// Iterations to converge from each point of a grid of initial points (n = 2 only): the grid
// spans [lo, hi]² with `resolution` points a side. iterations[j·res + i] is −1 where the solve
// did not converge (diverged or cap); x runs fastest.
struct BasinGrid {
    int resolution = 0;
    double lo = -1, hi = 1;
    std::vector<int> iterations;
    std::vector<Termination> terminations;
    std::vector<Dynamics> kinds;       // classifyDynamics of each cell's run
    std::vector<Vector> fixed_points;  // the distinct fixed points the cells converged to
    bool complete = false;
};
// One sentence on a grid: how many cells converged, to how many fixed points, and what the
// others did, e.g. "4 fixed points reached from 99 % of the starts; 1 % periodic".
std::string summarizeBasins(const BasinGrid& grid);
BasinGrid computeBasins(const Model& model, const Vector& x, const SolverOptions& options,
                        double lo, double hi, int resolution, const CancelFn& cancel = {});

// Solve with A replaced by s·A for s over [sMin, sMax]: iterations (−1 if not converged),
// ρ(J) at a true fixed point (Picard's when it converged, else one found by locateFixedPoint up
// to n = 200; NaN when none is known), s·‖A‖₂ and the classification of Picard's run.
// breaks_at is the first s from which Picard stops converging (NaN if it never does), and
// breaks_kind what it does there; unit_at is s with s‖A‖₂ = 1.
struct ScaleSweep {
    std::vector<double> scales, iterations, rho_J, norm;
    std::vector<Dynamics> kinds;
    Dynamics breaks_kind = Dynamics::Converged;
    double unit_at = 0;
    double breaks_at = 0;  // the first grid scale where Picard does not converge
    // The break point by bisection between the last converging grid scale and breaks_at, to
    // within 1e-3 in s: Picard converges at break_low and does not at break_high (NaN: none).
    double break_low = 0, break_high = 0;
    bool complete = false;
};
ScaleSweep computeScaleSweep(const Model& model, const Vector& x, const Vector& w0,
                             const SolverOptions& options, double sMin, double sMax, int count,
                             const CancelFn& cancel = {});

// Every solver on the same problem with the same tolerance and cap. Runs already done (same
// problem and options, e.g. the primary solve) are passed in `known` and reused, not repeated.
std::vector<SolverSummary> compareSolvers(const Model& model, const Vector& x, const Vector& w0,
                                          const SolverOptions& options, const CancelFn& cancel = {},
                                          const std::vector<const SolverSummary*>& known = {});

// Seeded random initial points in [−1, 1]ⁿ (tanh's range), the first being w0 itself.
std::vector<Vector> initialPoints(const Vector& w0, Index n, int count, unsigned seed);

// The two leading principal directions of a set of points (columns of the result, n×2; for
// n = 1 a single column). Degenerate sets give the first coordinate axes.
Matrix principalDirections(const std::vector<Vector>& points);

// Cobweb of a one-dimensional map: the curve φ(w) on [lo, hi] and the staircase
// (w₀,w₀) → (w₀,φ(w₀)) → (φ(w₀),φ(w₀)) → … through the given iterates.
struct Cobweb {
    std::vector<double> curve_w, curve_phi;
    std::vector<double> stair_x, stair_y;
};
Cobweb computeCobweb(const Model& model, const Vector& x, const std::vector<Vector>& iterates,
                     double lo, double hi, int samples = 400);

}  // namespace equilab
