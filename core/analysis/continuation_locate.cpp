// Location of special points on a continuation step (continuation.h): the Illinois variant of
// regula falsi on a continuous test function of σ, bisection on the sign of det for simple BPs.
#include <Eigen/SVD>

#include <cmath>
#include <limits>

#include "core/analysis/continuation_detail.h"

namespace equilab::detail {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The multiplier of the kind the test watches nearest to the critical one (NaN when none).
std::complex<double> criticalMultiplier(const PointState& s, Test test) {
    std::complex<double> best(kNaN, 0);
    double bestDistance = std::numeric_limits<double>::infinity();
    for (Index i = 0; i < s.multipliers.size(); ++i) {
        const std::complex<double> l = s.multipliers(i);
        double d = 0;
        switch (test) {
            case Test::TangentP:
            case Test::DetSign:
            case Test::PlusOne:
                if (l.imag() != 0) continue;
                d = std::abs(l.real() - 1);
                break;
            case Test::MinusOne:
                if (l.imag() != 0) continue;
                d = std::abs(l.real() + 1);
                break;
            case Test::Circle:
                if (l.imag() == 0) continue;
                d = std::abs(std::abs(l) - 1);
                break;
        }
        if (d < bestDistance) {
            bestDistance = d;
            best = l;
        }
    }
    return best;
}

double testValue(const PointState& s, Test test) {
    const Index n = s.y.size() - 1;
    switch (test) {
        case Test::TangentP:
            return s.tangent(n);
        case Test::DetSign:
            return s.det_sign;
        case Test::PlusOne:
            return criticalMultiplier(s, test).real() - 1;
        case Test::MinusOne:
            return criticalMultiplier(s, test).real() + 1;
        case Test::Circle: {
            const std::complex<double> l = criticalMultiplier(s, test);
            return std::isnan(l.real()) ? kNaN : std::abs(l) - 1;
        }
    }
    return kNaN;
}

bool needsMultipliers(Test test) {
    return test != Test::TangentP && test != Test::DetSign;
}

// A unit vector v with (M − λI) v ≈ 0 (the right singular vector of the smallest singular value).
Vector realEigenvector(const Matrix& M, double lambda) {
    Matrix shifted = M;
    shifted.diagonal().array() -= lambda;
    Eigen::JacobiSVD<Matrix> svd(shifted, Eigen::ComputeFullV);
    Vector v = svd.matrixV().col(M.cols() - 1);
    // A sign convention, so that the answer is reproducible: the largest entry positive.
    Index at = 0;
    v.cwiseAbs().maxCoeff(&at);
    if (v(at) < 0) v = -v;
    return v;
}

}  // namespace

int locate(const ParameterFamily& family, const ContinuationOptions& o, const PointState& a,
           const PointState& b, double h, const Candidate& c,
           const std::function<bool()>& cancelled, SpecialPoint* out) {
    double lo = 0, hi = h;
    double glo = testValue(a, c.test), ghi = testValue(b, c.test);
    if (!std::isfinite(glo) || !std::isfinite(ghi)) return 0;
    // An end exactly on the special point (a start at a bifurcation) is the point itself.
    const bool atEnd = c.test != Test::DetSign && (glo == 0 || ghi == 0);
    if (!atEnd && (glo > 0) == (ghi > 0)) return 0;
    PointState best = std::abs(glo) <= std::abs(ghi) ? a : b;
    double bestValue = std::min(std::abs(glo), std::abs(ghi));
    const bool continuous = c.test != Test::DetSign;
    int lastSide = 0;
    for (int it = 0; !atEnd && it < 200 && hi - lo > o.locate_tolerance; ++it) {
        if (cancelled && cancelled()) return -1;
        double sigma = continuous ? (lo * ghi - hi * glo) / (ghi - glo) : 0.5 * (lo + hi);
        if (!(sigma > lo && sigma < hi)) sigma = 0.5 * (lo + hi);
        PointState s;
        if (!correct(family, a.y, a.tangent, sigma, o, &s, nullptr)) {
            sigma = 0.5 * (lo + hi);
            if (!correct(family, a.y, a.tangent, sigma, o, &s, nullptr)) return 0;
        }
        if (needsMultipliers(c.test)) classify(&s);
        const double g = testValue(s, c.test);
        if (!std::isfinite(g)) return 0;
        if (std::abs(g) <= bestValue || !continuous) {
            bestValue = std::abs(g);
            best = s;
        }
        if (continuous && std::abs(g) < 1e-14) break;
        if ((g > 0) == (glo > 0)) {
            lo = sigma;
            glo = g;
            if (lastSide == -1) ghi /= 2;
            lastSide = -1;
        } else {
            hi = sigma;
            ghi = g;
            if (lastSide == 1) glo /= 2;
            lastSide = 1;
        }
    }
    if (best.multipliers.size() == 0) classify(&best);
    const Index n = best.y.size() - 1;
    const Test kind = c.type == SpecialPointType::Flip            ? Test::MinusOne
                      : c.type == SpecialPointType::NeimarkSacker ? Test::Circle
                                                                  : Test::PlusOne;
    std::complex<double> l = criticalMultiplier(best, kind);
    if (std::isnan(l.real())) return 0;
    const double distance = kind == Test::Circle    ? std::abs(std::abs(l) - 1)
                            : kind == Test::PlusOne ? std::abs(l.real() - 1)
                                                    : std::abs(l.real() + 1);
    if (!(distance < 1e-6)) return 0;
    if (l.imag() < 0) l = std::conj(l);
    out->type = c.type;
    out->p = best.y(n);
    out->w = best.y.head(n);
    out->critical = l;
    out->eigenvector = kind == Test::Circle ? Vector() : realEigenvector(best.M, l.real());
    return 1;
}

}  // namespace equilab::detail
