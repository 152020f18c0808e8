// The map's field in a plane of the phase space, for the touchable phase portrait.
//
// The plane: w(a, b) = base + D ((a, b) − Dᵀ base), with D an n×2 matrix of orthonormal columns
// (two unit vectors e_i, e_j, or two principal directions); for n = 2 and D = I it is the whole
// space. Plane coordinates of a point are Dᵀ w.
//
// - the displacement field Dᵀ(φ(w) − w) on a grid of plane points (arrows);
// - the nullclines g_k(a, b) = D_kᵀ(φ(w) − w) = 0, k = 0, 1 (for D = I: φ_i(w) = w_i), traced by
//   marching squares on a grid, as line segments;
// - the fixed points of φ reached by Newton from a grid of plane starts, deduplicated, with
//   ρ(J(w*)) deciding stability (ρ < 1: stable under Picard).
#pragma once

#include <string>
#include <vector>

#include "core/model/model.h"

namespace equilab {

struct PlaneWindow {
    double x_lo = -1.5, x_hi = 1.5, y_lo = -1.5, y_hi = 1.5;
};

struct FieldArrow {
    double x = 0, y = 0;    // plane point
    double dx = 0, dy = 0;  // Dᵀ(φ(w) − w) there
};

struct PlaneSegment {
    double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
};

struct PlaneFixedPoint {
    Vector w;             // in the full space
    double x = 0, y = 0;  // Dᵀ w
    double rho = 0;       // ρ(J(w))
    bool stable() const { return rho < 1; }
};

// The full-space point of plane coordinates (a, b).
Vector planePoint(const Vector& base, const Matrix& D, double a, double b);

// grid × grid arrows at the cell centres of the window.
std::vector<FieldArrow> displacementField(const Model& model, const Vector& x, const Vector& base,
                                          const Matrix& D, const PlaneWindow& window, int grid);

// The zero set of g_k on a resolution × resolution grid (linear interpolation on cell edges).
std::vector<PlaneSegment> nullcline(const Model& model, const Vector& x, const Vector& base,
                                    const Matrix& D, int k, const PlaneWindow& window,
                                    int resolution);

// Newton (residual ≤ 1e-11) from grid × grid plane starts; points closer than 1e-6 (∞-norm)
// are merged. Sorted by x, then y.
std::vector<PlaneFixedPoint> planeFixedPoints(const Model& model, const Vector& x,
                                              const Vector& base, const Matrix& D,
                                              const PlaneWindow& window, int grid);

// ρ(J) = max |λ(diag(1 − φ(w)²) A)|.
double jacobianSpectralRadius(const Model& model, const Vector& x, const Vector& w);

}  // namespace equilab
