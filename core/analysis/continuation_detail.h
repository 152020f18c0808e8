// Internals of the continuation (continuation.cpp) shared with the locator of special points
// (continuation_locate.cpp) and the period-doubling branch (periodic_orbit.cpp). Not an API.
#pragma once

#include <functional>
#include <vector>

#include "core/analysis/continuation.h"

namespace equilab::detail {

// A point y = (w, p) on the curve with what the steps and the tests need.
struct PointState {
    Vector y, F, tangent;
    Matrix Fy;  // [F_w F_p], n × (n + 1)
    Matrix M;   // ∂φᵏ/∂w
    std::vector<Vector> orbit;
    int det_sign = 1;  // sign det [[F_w F_p]; [tᵀ]]
    ComplexVector multipliers;
    double radius = 0;
    int above_plus = 0, below_minus = 0,
        complex_out = 0;  // real λ > 1, real λ < −1, non-real |λ| > 1
};

// F, [F_w F_p], M and the tangent oriented by orientation (tᵀ orientation > 0).
PointState evaluatePoint(const ParameterFamily& family, const Vector& y, int period,
                         const Vector& orientation);
// Multipliers, ρ(M) and the counts.
void classify(PointState* s);
// The corrector from base + sigma·t on the hyperplane tᵀ(y − base − sigma·t) = 0; the tangent
// of *out is oriented by t.
bool correct(const ParameterFamily& family, const Vector& base, const Vector& t, double sigma,
             const ContinuationOptions& o, PointState* out, int* iterations);
ContinuationPoint toPoint(const PointState& s, double sigma);

enum class Test { TangentP, DetSign, PlusOne, MinusOne, Circle };
struct Candidate {
    SpecialPointType type;
    Test test;
};

// Locates a special point between a and b (b = the corrector at σ = h from a). 1: found (*out
// filled but for branch, after, period), 0: no sign change or the critical multiplier is not on
// the unit circle (dropped), −1: cancelled.
int locate(const ParameterFamily& family, const ContinuationOptions& o, const PointState& a,
           const PointState& b, double h, const Candidate& c,
           const std::function<bool()>& cancelled, SpecialPoint* out);

}  // namespace equilab::detail
