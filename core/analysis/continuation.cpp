#include "core/analysis/continuation.h"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/analysis/continuation_detail.h"
#include "core/internal/cancellation.h"
#include "core/internal/work_guard.h"

namespace equilab {

namespace detail {

PointState evaluatePoint(const ParameterFamily& family, const Vector& y, int period,
                         const Vector& orientation) {
    const Index n = y.size() - 1;
    PointState s;
    s.y = y;
    const OrbitJacobian e = evaluateOrbit(family, y.head(n), y(n), period);
    s.F = y.head(n) - e.orbit.back();
    s.Fy.resize(n, n + 1);
    s.Fy.leftCols(n) = Matrix::Identity(n, n) - e.M;
    s.Fy.col(n) = -e.dp;
    s.M = e.M;
    s.orbit = e.orbit;
    // Tangent: [[F_w F_p]; [orientationᵀ]] t = eₙ₊₁.
    Matrix aug(n + 1, n + 1);
    aug.topRows(n) = s.Fy;
    aug.row(n) = orientation.transpose();
    Eigen::PartialPivLU<Matrix> lu(aug);
    Vector rhs = Vector::Zero(n + 1);
    rhs(n) = 1;
    s.tangent = lu.solve(rhs);
    const double norm = s.tangent.norm();
    s.tangent = std::isfinite(norm) && norm > 0 ? Vector(s.tangent / norm) : orientation;
    // sign det [[F_w F_p]; [tᵀ]].
    aug.row(n) = s.tangent.transpose();
    Eigen::PartialPivLU<Matrix> lu2(aug);
    double sign = lu2.permutationP().determinant();
    for (Index i = 0; i <= n; ++i) sign *= lu2.matrixLU()(i, i) < 0 ? -1.0 : 1.0;
    s.det_sign = sign > 0 ? 1 : -1;
    return s;
}

void classify(PointState* s) {
    Eigen::EigenSolver<Matrix> es(s->M, false);
    s->multipliers = es.eigenvalues();
    s->above_plus = s->below_minus = s->complex_out = 0;
    s->radius = 0;
    for (Index i = 0; i < s->multipliers.size(); ++i) {
        const std::complex<double> l = s->multipliers(i);
        s->radius = std::max(s->radius, std::abs(l));
        if (l.imag() == 0) {
            if (l.real() > 1) ++s->above_plus;
            if (l.real() < -1) ++s->below_minus;
        } else if (std::abs(l) > 1) {
            ++s->complex_out;
        }
    }
}

bool correct(const ParameterFamily& family, const Vector& base, const Vector& t, double sigma,
             const ContinuationOptions& o, PointState* out, int* iterations) {
    const Index n = base.size() - 1;
    const Vector predicted = base + sigma * t;
    Vector y = predicted;
    for (int it = 1; it <= o.max_newton; ++it) {
        const OrbitJacobian e = evaluateOrbit(family, y.head(n), y(n), o.period);
        Vector r(n + 1);
        r.head(n) = y.head(n) - e.orbit.back();
        r(n) = t.dot(y - predicted);
        Matrix Jc(n + 1, n + 1);
        Jc.topLeftCorner(n, n) = Matrix::Identity(n, n) - e.M;
        Jc.topRightCorner(n, 1) = -e.dp;
        Jc.row(n) = t.transpose();
        const Vector delta = Jc.partialPivLu().solve(-r);
        if (!delta.allFinite()) return false;
        y += delta;
        if (!y.allFinite()) return false;
        const double scale = 1 + y.cwiseAbs().maxCoeff();
        if (delta.cwiseAbs().maxCoeff() <= o.newton_tolerance * scale &&
            r.head(n).cwiseAbs().maxCoeff() <= 1e3 * o.newton_tolerance) {
            *out = evaluatePoint(family, y, o.period, t);
            if (out->F.cwiseAbs().maxCoeff() > 1e3 * o.newton_tolerance) return false;
            if (iterations) *iterations = it;
            return true;
        }
    }
    return false;
}

ContinuationPoint toPoint(const PointState& s, double sigma) {
    ContinuationPoint p;
    const Index n = s.y.size() - 1;
    p.p = s.y(n);
    p.w = s.y.head(n);
    p.multipliers = s.multipliers;
    p.radius = s.radius;
    p.marginal = std::abs(s.radius - 1) <= 1e-9;
    p.stable = s.radius < 1 && !p.marginal;
    p.sigma = sigma;
    p.tangent = s.tangent;
    return p;
}

}  // namespace detail

namespace {

using detail::PointState;

bool polish(const ParameterFamily& family, Vector* w, double p, int period) {
    const Index n = w->size();
    for (int it = 0; it < 50; ++it) {
        const OrbitJacobian e = evaluateOrbit(family, *w, p, period);
        const Vector G = e.orbit.back() - *w;
        const double g = G.cwiseAbs().maxCoeff();
        if (!std::isfinite(g)) return false;
        if (g < 1e-13) return true;
        const Vector step = (e.M - Matrix::Identity(n, n)).partialPivLu().solve(-G);
        if (!step.allFinite()) return false;
        // Backtracking on ‖G‖∞.
        double a = 1;
        for (; a > 1e-4; a /= 2) {
            const Vector trial = *w + a * step;
            const OrbitJacobian t = evaluateOrbit(family, trial, p, period);
            if ((t.orbit.back() - trial).cwiseAbs().maxCoeff() < g) {
                *w = trial;
                break;
            }
        }
        if (a <= 1e-4) return g < 1e-10;
    }
    return (evaluateOrbit(family, *w, p, period).orbit.back() - *w).cwiseAbs().maxCoeff() < 1e-10;
}

class Continuer {
  public:
    Continuer(const ParameterFamily& family, const ContinuationOptions& o,
              const ContinuationCallbacks& cb, ContinuationSummary* summary)
        : family_(family), o_(o), cb_(cb), s_(summary) {}

    bool cancelled() const {
        throwIfCancelled();
        return cb_.cancelled && cb_.cancelled();
    }

    // One direction; false when cancelled.
    bool run(const Vector& start, int direction) {
        const Index n = start.size() - 1;
        Vector orientation = Vector::Zero(n + 1);
        orientation(n) = direction;
        PointState a = detail::evaluatePoint(family_, start, o_.period, orientation);
        detail::classify(&a);
        ContinuationBranch branch;
        branch.direction = direction;
        branch.period = o_.period;
        branch.points.push_back(detail::toPoint(a, 0));
        const int index = static_cast<int>(s_->branches.size());
        s_->branches.push_back(branch);
        ++s_->points;
        if (cb_.point) cb_.point(index, s_->branches.back().points.back());
        double h = o_.initial_step, sigma = 0;
        const Vector first = start;
        collapsed_ = false;
        while (static_cast<int>(s_->branches[index].points.size()) < o_.max_points) {
            if (cancelled()) return false;
            PointState b;
            int iterations = 0;
            bool ok = detail::correct(family_, a.y, a.tangent, h, o_, &b, &iterations);
            if (ok && b.tangent.dot(a.tangent) < 0.95 && h > o_.min_step) ok = false;
            if (!ok) {
                h /= 2;
                if (h < o_.min_step) {
                    stepTooSmall_ = true;
                    return true;
                }
                continue;
            }
            detail::classify(&b);
            sigma += h;
            const int after = static_cast<int>(s_->branches[index].points.size()) - 1;
            if (o_.detect_special && !detectBetween(a, b, h, index, after)) return false;
            if (collapsed_) return true;  // through the flip: the rest is the same orbit again
            s_->branches[index].points.push_back(detail::toPoint(b, sigma));
            ++s_->points;
            if (cb_.point) cb_.point(index, s_->branches[index].points.back());
            const double p = b.y(n);
            if (p < o_.p_min || p > o_.p_max) return true;
            if (leftOrbit(b)) return true;
            if (s_->branches[index].points.size() > 10 && (b.y - first).norm() < 0.5 * h)
                return true;  // closed curve
            if (iterations <= 3) h = std::min(h * 1.3, o_.max_step);
            a = std::move(b);
        }
        return true;
    }

    bool stepTooSmall() const { return stepTooSmall_; }

  private:
    // A period-k branch that collapsed to a lower period (back into the flip): stop there.
    bool leftOrbit(const PointState& b) const {
        if (o_.period == 1) return false;
        for (int q = 1; q < o_.period; ++q)
            if (o_.period % q == 0 &&
                (b.orbit[static_cast<size_t>(q)] - b.orbit[0]).cwiseAbs().maxCoeff() < 1e-7)
                return true;
        return false;
    }

    bool detectBetween(const PointState& a, const PointState& b, double h, int branch, int after) {
        const Index n = a.y.size() - 1;
        std::vector<detail::Candidate> found;
        if ((a.tangent(n) > 0) != (b.tangent(n) > 0))
            found.push_back({SpecialPointType::Fold, detail::Test::TangentP});
        else if (a.det_sign != b.det_sign)
            found.push_back({SpecialPointType::BranchPoint, detail::Test::DetSign});
        else if (a.above_plus != b.above_plus)
            found.push_back({SpecialPointType::BranchPoint, detail::Test::PlusOne});
        if (a.below_minus != b.below_minus)
            found.push_back({SpecialPointType::Flip, detail::Test::MinusOne});
        if (a.complex_out != b.complex_out)
            found.push_back({SpecialPointType::NeimarkSacker, detail::Test::Circle});
        for (const detail::Candidate& c : found) {
            SpecialPoint sp;
            const int r = detail::locate(
                family_, o_, a, b, h, c, [this] { return cancelled(); }, &sp);
            if (r < 0) return false;
            if (r == 0) continue;
            if (collapsedAt(sp)) {
                collapsed_ = true;
                return true;
            }
            if (sp.p < o_.p_min || sp.p > o_.p_max || seen(sp)) continue;
            sp.branch = branch;
            sp.after = after;
            sp.period = o_.period;
            s_->special_points.push_back(sp);
            if (cb_.special) cb_.special(sp);
        }
        return true;
    }

    // A period-k branch meets its flip: the orbit has a lower period there, and the branch turns
    // (p − p* ∝ ε²) into the same cycle with its points relabelled. Near the flip the located w
    // is accurate only to ~√(error in p) (a pitchfork of φ²): hence the loose 1e-4.
    bool collapsedAt(const SpecialPoint& sp) const {
        if (o_.period == 1) return false;
        for (int q = 1; q < o_.period; ++q) {
            if (o_.period % q) continue;
            const OrbitJacobian e = evaluateOrbit(family_, sp.w, sp.p, q);
            if ((e.orbit.back() - sp.w).cwiseAbs().maxCoeff() < 1e-4) return true;
        }
        return false;
    }

    // The same point found again (the start's two directions both begin at a BP).
    bool seen(const SpecialPoint& sp) const {
        for (const SpecialPoint& q : s_->special_points)
            if (q.type == sp.type && std::abs(q.p - sp.p) < 1e-7 &&
                (q.w - sp.w).cwiseAbs().maxCoeff() < 1e-6)
                return true;
        return false;
    }

    const ParameterFamily& family_;
    const ContinuationOptions& o_;
    const ContinuationCallbacks& cb_;
    ContinuationSummary* s_;
    bool stepTooSmall_ = false;
    bool collapsed_ = false;
};

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

}  // namespace

ContinuationSummary continueFrom(const ParameterFamily& family, const Vector& w, double p,
                                 const ContinuationOptions& options,
                                 const ContinuationCallbacks& callbacks, int direction) {
    ContinuationSummary s;
    const Index n = family.dimension();
    if (!options.IsValid(&s.message)) return s;
    if (w.size() != n || n == 0 || family.A1.rows() != n || family.u0.size() != n ||
        family.u1.size() != n || !std::isfinite(p)) {
        s.message = "continuation: the start does not fit the family";
        return s;
    }
    assertNotGuiThread(HeavyWork::Solve, n);
    s.p_start = p;
    Vector start = w;
    if (!polish(family, &start, p, options.period)) {
        s.termination = ContinuationTermination::StartFailed;
        s.message = "continuation: Newton found no solution of φ^" +
                    std::to_string(options.period) + "(w) = w near the start at p = " + num(p);
        return s;
    }
    Vector y(n + 1);
    y << start, p;
    Continuer c(family, options, callbacks, &s);
    const int first = direction >= 0 ? 1 : -1;
    bool going = c.run(y, first);
    if (going && options.both_directions) going = c.run(y, -first);
    if (!going) {
        s.termination = ContinuationTermination::Cancelled;
        s.message = "continuation cancelled after " + std::to_string(s.points) + " points";
        return s;
    }
    s.termination = c.stepTooSmall() ? ContinuationTermination::StepTooSmall
                                     : ContinuationTermination::Completed;
    s.message = std::to_string(s.points) + " points, " + std::to_string(s.special_points.size()) +
                " special point(s)";
    if (c.stepTooSmall()) s.message += "; a branch ended where the corrector failed at min_step";
    return s;
}

ContinuationSummary continueFixedPoints(const ParameterFamily& family, const Vector& w0,
                                        const ContinuationOptions& options,
                                        const ContinuationCallbacks& callbacks) {
    ContinuationSummary s;
    if (!options.IsValid(&s.message)) return s;
    if (options.period != 1) {
        s.message = "continueFixedPoints: period must be 1 (continueFrom continues orbits)";
        return s;
    }
    const Index n = family.dimension();
    if (n == 0 || w0.size() != n) {
        s.message = "continuation: the start must have n entries";
        return s;
    }
    assertNotGuiThread(HeavyWork::Solve, n);
    const double p = std::min(std::max(family.p0, options.p_min), options.p_max);
    // Picard from w0 finds the attracting fixed point when there is one; Newton then polishes it
    // (or finds an unstable one near where Picard ended).
    Vector w = w0;
    for (int k = 0; k < 2000; ++k) {
        const Vector next = family.phi(w, p);
        const double change = (next - w).cwiseAbs().maxCoeff();
        w = next;
        if (!(change > 1e-12)) break;
    }
    Vector tried = w;
    if (!w.allFinite() || !polish(family, &tried, p, 1)) {
        tried = Vector::Zero(n);
        if (!polish(family, &tried, p, 1)) {
            s.termination = ContinuationTermination::StartFailed;
            s.message = "continuation: no fixed point found at p = " + num(p);
            return s;
        }
    }
    return continueFrom(family, tried, p, options, callbacks, 1);
}

}  // namespace equilab
