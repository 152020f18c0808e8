#include "core/analysis/lyapunov.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <random>

#include <Eigen/QR>

#include "core/analysis/orbit.h"
#include "core/internal/work_guard.h"

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

namespace equilab {

LyapunovSpectrum lyapunovSpectrum(const Matrix& A, const Vector& drive, const Vector& w0, int count,
                                  const LyapunovOptions& options) {
    LyapunovSpectrum r;
    const Index n = A.rows();
    if (!options.IsValid(&r.message)) return r;
    if (A.cols() != n || drive.size() != n || w0.size() != n || n == 0 || count < 1 || count > n) {
        r.message = "lyapunov: A must be n×n with a drive and a start of n entries, 1 ≤ count ≤ n";
        return r;
    }
    assertNotGuiThread(HeavyWork::Solve, n);
    Vector w = w0, next(n);
    for (int k = 0; k < options.transient; ++k) {
        next.noalias() = A * w;
        w = (next + drive).array().tanh().matrix();
    }
    // Q₀: the fixed pseudo-random direction first, completed to an orthonormal frame.
    Matrix frame(n, count);
    std::mt19937 gen(options.seed);
    std::normal_distribution<double> normal;
    for (Index j = 0; j < count; ++j)
        for (Index i = 0; i < n; ++i) frame(i, j) = normal(gen);
    Eigen::HouseholderQR<Matrix> qr0(frame);
    Matrix Q = qr0.householderQ() * Matrix::Identity(n, count);
    std::vector<ExponentSum> sums(static_cast<size_t>(count),
                                  ExponentSum(options.steps, options.blocks));
    Matrix JQ(n, count);
    for (int k = 0; k < options.steps; ++k) {
        next.noalias() = A * w;
        next = (next + drive).array().tanh().matrix();
        if (!next.allFinite()) {
            r.termination = LyapunovTermination::NonFinite;
            r.message = "lyapunov: the orbit became non-finite";
            return r;
        }
        JQ.noalias() = A * Q;
        JQ = (1.0 - next.array().square()).matrix().asDiagonal() * JQ;
        Eigen::HouseholderQR<Matrix> qr(JQ);
        const Matrix R = qr.matrixQR().topRows(count).triangularView<Eigen::Upper>();
        Q = qr.householderQ() * Matrix::Identity(n, count);
        w.swap(next);
        for (Index i = 0; i < count; ++i) {
            const double d = std::abs(R(i, i));
            if (!(d > 0)) {
                r.termination = LyapunovTermination::Degenerate;
                r.steps = k + 1;
                r.end = w;
                r.exponents.assign(static_cast<size_t>(count),
                                   -std::numeric_limits<double>::infinity());
                r.message = "lyapunov: the tangent frame collapsed (a zero diagonal of R): λ = −∞";
                return r;
            }
            sums[static_cast<size_t>(i)].add(std::log(d));
        }
    }
    r.end = w;
    r.steps = options.steps;
    for (const ExponentSum& sum : sums) {
        LyapunovEstimate e;
        sum.finish(&e);
        r.exponents.push_back(e.exponent);
        r.errors.push_back(e.error);
    }
    r.termination = LyapunovTermination::Computed;
    r.message = "Lyapunov exponents";
    for (size_t i = 0; i < r.exponents.size(); ++i)
        r.message += (i ? ", λ" : " λ") + std::to_string(i + 1) + " = " + num(r.exponents[i]) +
                     " ± " + num(r.errors[i]);
    r.message += " per step over " + std::to_string(r.steps) + " steps";
    return r;
}

LyapunovSweep lyapunovSweep(const Model& model, const Vector& x, const Vector& w0,
                            OrbitParameter parameter, int index, double p_min, double p_max,
                            int steps, int count, const LyapunovOptions& options,
                            const std::function<bool()>& cancelled,
                            const std::function<void(const LyapunovColumn&)>& column) {
    LyapunovSweep sweep;
    const Index n = model.hiddenDim();
    if (steps < 1 || n == 0 || w0.size() != n) return sweep;
    OrbitOptions o;
    o.parameter = parameter;
    o.index = index;
    const Vector& w = w0;
    for (int j = 0; j < steps; ++j) {
        if (cancelled && cancelled()) return sweep;
        LyapunovColumn c;
        c.p = steps == 1 ? p_min : p_min + j * (p_max - p_min) / (steps - 1);
        Matrix A;
        Vector drive;
        applyOrbitParameter(o, c.p, model, x, &A, &drive);
        c.spectrum =
            lyapunovSpectrum(A, drive, w, static_cast<int>(std::min<Index>(count, n)), options);
        sweep.columns.push_back(c);
        if (column) column(sweep.columns.back());
    }
    sweep.complete = true;
    return sweep;
}

}  // namespace equilab
