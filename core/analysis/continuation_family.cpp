// The parameter families, the orbit's Jacobians, names and option checks of the continuation
// (continuation.h); the steps and the detection are in continuation.cpp.
#include <cmath>

#include "core/analysis/continuation.h"

namespace equilab {

Vector ParameterFamily::phi(const Vector& w, double p) const {
    Vector z = A(p) * w + drive(p);
    return z.array().tanh().matrix();
}

ParameterFamily ParameterFamily::from(const Model& model, const Vector& x, OrbitParameter parameter,
                                      int index) {
    ParameterFamily f;
    const Index n = model.hiddenDim();
    f.A0 = model.A;
    f.A1 = Matrix::Zero(n, n);
    f.u0 = model.drive(x);
    f.u1 = Vector::Zero(n);
    switch (parameter) {
        case OrbitParameter::ScaleA:
            f.A1 = model.A;
            f.A0.setZero();
            f.p0 = 1;
            break;
        case OrbitParameter::DriveScale:
            f.u1 = f.u0;
            f.u0.setZero();
            f.p0 = 1;
            break;
        case OrbitParameter::EntryC:
            f.p0 = model.c(index);
            f.u0(index) -= f.p0;
            f.u1(index) = 1;
            break;
        case OrbitParameter::EntryX:
            f.p0 = x(index);
            f.u1 = model.B.col(index);
            f.u0 -= f.p0 * f.u1;
            break;
    }
    return f;
}

OrbitJacobian evaluateOrbit(const ParameterFamily& family, const Vector& w, double p, int period) {
    const Index n = w.size();
    const Matrix A = family.A(p);
    const Vector u = family.drive(p);
    OrbitJacobian e;
    e.orbit.reserve(static_cast<size_t>(period) + 1);
    e.orbit.push_back(w);
    e.M = Matrix::Identity(n, n);
    e.dp = Vector::Zero(n);
    for (int j = 0; j < period; ++j) {
        const Vector& wj = e.orbit.back();
        const Vector next = (A * wj + u).array().tanh().matrix();
        const Vector d = (1.0 - next.array().square()).matrix();
        // d w_{j+1}/dp = D (A dw_j/dp + A₁ w_j + u₁);  M ← D A M.
        e.dp = d.asDiagonal() * (A * e.dp + family.A1 * wj + family.u1);
        e.M = d.asDiagonal() * (A * e.M);
        e.orbit.push_back(next);
    }
    return e;
}

const char* specialPointLabel(SpecialPointType type) {
    switch (type) {
        case SpecialPointType::Fold:
            return "F";
        case SpecialPointType::Flip:
            return "PD";
        case SpecialPointType::NeimarkSacker:
            return "NS";
        case SpecialPointType::BranchPoint:
            return "BP";
    }
    return "?";
}

const char* specialPointName(SpecialPointType type) {
    switch (type) {
        case SpecialPointType::Fold:
            return "fold";
        case SpecialPointType::Flip:
            return "flip";
        case SpecialPointType::NeimarkSacker:
            return "Neimark–Sacker";
        case SpecialPointType::BranchPoint:
            return "branch point";
    }
    return "?";
}

const char* toString(ContinuationTermination termination) {
    switch (termination) {
        case ContinuationTermination::Completed:
            return "completed";
        case ContinuationTermination::Cancelled:
            return "cancelled";
        case ContinuationTermination::StepTooSmall:
            return "step too small";
        case ContinuationTermination::StartFailed:
            return "start failed";
        case ContinuationTermination::Invalid:
            return "invalid";
    }
    return "?";
}

bool ContinuationOptions::IsValid(std::string* error) const {
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    if (!std::isfinite(p_min) || !std::isfinite(p_max) || !(p_min < p_max))
        return fail("continuation: need finite p_min < p_max");
    if (period < 1 || period > 16) return fail("continuation: period must be between 1 and 16");
    if (!(min_step > 0) || !(min_step <= initial_step) || !(initial_step <= max_step) ||
        !std::isfinite(max_step))
        return fail("continuation: need 0 < min_step ≤ initial_step ≤ max_step");
    if (max_points < 2 || max_points > 1'000'000)
        return fail("continuation: max_points must be between 2 and 1e6");
    if (max_newton < 1 || max_newton > 100)
        return fail("continuation: max_newton must be between 1 and 100");
    if (!(newton_tolerance > 0) || !(locate_tolerance > 0))
        return fail("continuation: tolerances must be positive");
    return true;
}

}  // namespace equilab
