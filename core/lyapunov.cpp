#include "core/lyapunov.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

namespace equilab {
namespace {

Vector initialDirection(Index n, unsigned seed) {
    std::mt19937 gen(seed);
    std::normal_distribution<double> normal;
    Vector v(n);
    for (Index i = 0; i < n; ++i) v(i) = normal(gen);
    const double norm = v.norm();
    if (!(norm > 0)) return Vector::Ones(n) / std::sqrt(static_cast<double>(n));
    return v / norm;
}

// Accumulates log g_k and the block means.
class ExponentSum {
  public:
    ExponentSum(int steps, int blocks) : steps_(steps), blocks_(blocks) {}
    void add(double logGrowth) {
        sum_ += logGrowth;
        block_ += logGrowth;
        ++count_;
        ++inBlock_;
        if (inBlock_ == blockLength()) {
            means_.push_back(block_ / inBlock_);
            block_ = 0;
            inBlock_ = 0;
        }
    }
    int count() const { return count_; }
    void finish(LyapunovEstimate* e) const {
        e->steps = count_;
        e->exponent = count_ > 0 ? sum_ / count_ : 0.0;
        const size_t b = means_.size();
        if (b < 2) {
            e->error = std::numeric_limits<double>::infinity();
            return;
        }
        double mean = 0;
        for (double m : means_) mean += m;
        mean /= static_cast<double>(b);
        double var = 0;
        for (double m : means_) var += (m - mean) * (m - mean);
        var /= static_cast<double>(b - 1);
        e->error = std::sqrt(var / static_cast<double>(b));
    }

  private:
    int blockLength() const { return std::max(1, steps_ / blocks_); }
    int steps_, blocks_;
    double sum_ = 0, block_ = 0;
    int count_ = 0, inBlock_ = 0;
    std::vector<double> means_;
};

std::string num(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.4g", v);
    return buf;
}

void describe(LyapunovEstimate* e) {
    if (e->valid())
        e->message = "largest Lyapunov exponent λ₁ = " + num(e->exponent) + " ± " + num(e->error) +
                     " per step over " + std::to_string(e->steps) + " steps";
}

// One renormalised tangent step: v ← J v / ‖J v‖ with J = diag(1 − next²) A; returns log ‖J v‖
// (−inf when J v = 0).
double tangentStep(const Matrix& A, const Vector& next, Vector* v, Vector* Av) {
    Av->noalias() = A * *v;
    *v = ((1.0 - next.array().square()) * Av->array()).matrix();
    const double g = v->norm();
    if (!(g > 0)) return -std::numeric_limits<double>::infinity();
    *v /= g;
    return std::log(g);
}

}  // namespace

bool LyapunovOptions::IsValid(std::string* error) const {
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    if (transient < 0 || transient > 100'000'000)
        return fail("lyapunov transient must be between 0 and 1e8");
    if (steps < 2 || steps > 100'000'000) return fail("lyapunov steps must be between 2 and 1e8");
    if (blocks < 2 || blocks > steps) return fail("lyapunov blocks must be between 2 and steps");
    return true;
}

LyapunovEstimate largestLyapunovExponent(const Matrix& A, const Vector& drive, const Vector& w0,
                                         const LyapunovOptions& options,
                                         const OrbitVisitor& visit) {
    LyapunovEstimate e;
    const Index n = A.rows();
    if (!options.IsValid(&e.message)) return e;
    if (A.cols() != n || drive.size() != n || w0.size() != n || n == 0) {
        e.message = "lyapunov: A must be n×n with a drive and a start of n entries";
        return e;
    }
    Vector w = w0, next(n), Av(n);
    for (int k = 0; k < options.transient; ++k) {
        next.noalias() = A * w;
        w = (next + drive).array().tanh().matrix();
    }
    Vector v = initialDirection(n, options.seed);
    ExponentSum sum(options.steps, options.blocks);
    for (int k = 0; k < options.steps; ++k) {
        next.noalias() = A * w;
        next = (next + drive).array().tanh().matrix();
        if (!next.allFinite()) {
            e.termination = LyapunovTermination::NonFinite;
            e.message = "lyapunov: the orbit became non-finite";
            return e;
        }
        const double g = tangentStep(A, next, &v, &Av);
        w.swap(next);
        if (std::isinf(g)) {
            e.termination = LyapunovTermination::Degenerate;
            e.exponent = -std::numeric_limits<double>::infinity();
            e.steps = k + 1;
            e.end = w;
            e.message = "lyapunov: the tangent vector vanished (J_k v_k = 0): λ₁ = −∞";
            return e;
        }
        sum.add(g);
        if (visit && !visit(k, w)) break;
    }
    e.end = w;
    if (sum.count() < options.blocks) {
        e.message = "lyapunov: stopped before enough steps";
        return e;
    }
    sum.finish(&e);
    e.termination = LyapunovTermination::Computed;
    describe(&e);
    return e;
}

LyapunovEstimate largestLyapunovExponentAlong(const Matrix& A, const std::vector<Vector>& orbit,
                                              const LyapunovOptions& options) {
    LyapunovEstimate e;
    const Index n = A.rows();
    const int m = static_cast<int>(orbit.size()) - 1;
    if (A.cols() != n || n == 0 || m < 2) {
        e.message = "lyapunov: need an n×n A and an orbit of at least 3 points";
        return e;
    }
    const int blocks = std::min(std::max(options.blocks, 2), m);
    Vector v = initialDirection(n, options.seed), Av(n);
    ExponentSum sum(m, blocks);
    for (int k = 0; k < m; ++k) {
        if (orbit[static_cast<size_t>(k) + 1].size() != n ||
            !orbit[static_cast<size_t>(k) + 1].allFinite()) {
            e.termination = LyapunovTermination::NonFinite;
            e.message = "lyapunov: the orbit is not finite or has the wrong size";
            return e;
        }
        const double g = tangentStep(A, orbit[static_cast<size_t>(k) + 1], &v, &Av);
        if (std::isinf(g)) {
            e.termination = LyapunovTermination::Degenerate;
            e.exponent = -std::numeric_limits<double>::infinity();
            e.steps = k + 1;
            e.message = "lyapunov: the tangent vector vanished (J_k v_k = 0): λ₁ = −∞";
            return e;
        }
        sum.add(g);
    }
    e.end = orbit.back();
    sum.finish(&e);
    e.termination = LyapunovTermination::Computed;
    describe(&e);
    return e;
}

}  // namespace equilab
