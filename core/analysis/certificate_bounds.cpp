#include "core/analysis/certificate_bounds.h"

#include <Eigen/Cholesky>

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/internal/cancellation.h"

namespace equilab {
namespace {

constexpr double kU = std::numeric_limits<double>::epsilon() / 2;   // 2⁻⁵³
constexpr double kEta = std::numeric_limits<double>::denorm_min();  // 2⁻¹⁰⁷⁴
constexpr double kInf = std::numeric_limits<double>::infinity();

// v·(1 + k u), v·(1 − k u): a computed nonnegative value moved outward by k roundings.
double up(double v, double k = 4) {
    return v * (1 + k * kU) + kEta;
}
double down(double v, double k = 4) {
    return std::max(0.0, v * (1 - k * kU) - kEta);
}

// The computed sums s (row or column sums of |A|, k terms each) → an interval for their max.
Bounds sumBounds(const Vector& sums, double k, const char* method) {
    Bounds b;
    b.method = method;
    b.proven = true;
    if (sums.size() == 0) return b;
    if (!sums.allFinite()) {
        b.estimate = b.lower = b.upper = kInf;
        return b;
    }
    const double s = sums.maxCoeff();
    const double g = roundingGamma(k);
    b.estimate = s;
    // |fl(Σ) − Σ| ≤ γ_k Σ + k η for k nonnegative terms: Σ ∈ [fl/(1 + γ), (fl + kη)/(1 − γ)].
    b.lower = down(s / (1 + g));
    b.upper = up((s + k * kEta) / (1 - g));
    return b;
}

// Collatz–Wielandt interval of the irreducible nonnegative block M (m ≥ 2) from a shifted
// power iteration.
Bounds collatzWielandt(const Matrix& M) {
    const Index m = M.rows();
    const double g = roundingGamma(static_cast<double>(m) + 4);
    Vector x = Vector::Ones(m), y(m);
    Bounds best;
    best.lower = 0;
    best.upper = kInf;
    best.proven = true;
    best.method = "Collatz–Wielandt";
    // The interval of x: y = fl(M x), the exact (M x)_i ∈ [y_i − mη, y_i + mη] widened by γ_m.
    auto interval = [&](const Vector& xs, const Vector& ys, double* lo, double* hi, double* est) {
        double l = kInf, h = 0;
        for (Index i = 0; i < m; ++i) {
            l = std::min(l, std::max(0.0, ys(i) - m * kEta) / xs(i));
            h = std::max(h, (ys(i) + m * kEta) / xs(i));
        }
        *est = 0.5 * (l + h);
        *lo = down(l / (1 + g), 4);
        *hi = up(h / (1 - g), 4);
    };
    constexpr int kMaxIterations = 500;
    for (int k = 0; k < kMaxIterations; ++k) {
        throwIfCancelled();
        y.noalias() = M * x;
        double lo, hi, est;
        interval(x, y, &lo, &hi, &est);
        if (!std::isfinite(hi)) break;
        if (lo > best.lower) best.lower = lo;
        if (hi < best.upper) {
            best.upper = hi;
            best.estimate = est;
        }
        // Stop when tight (a few rounding units), or when the test against 1 is decided and the
        // interval no longer improves much.
        const double width = best.upper - best.lower;
        if (width <= 64 * g * best.upper) break;
        if (k >= 100 && width <= 1e-9 * best.upper &&
            compareWithOne(best.lower, best.upper) != AgainstOne::Undetermined)
            break;
        // x ← M x + α x with α = ρ-scale / 2: same Perron vector, no periodic oscillation, x > 0.
        const double alpha = 0.5 * hi;
        x = y + alpha * x;
        const double top = x.maxCoeff();
        if (!(top > 0) || !std::isfinite(top)) break;
        x /= top;
        // Any x > 0 is valid: keep it away from underflow.
        x = x.cwiseMax(1e-280);
    }
    best.estimate = std::clamp(best.estimate, best.lower, best.upper);
    return best;
}

}  // namespace

AgainstOne compareWithOne(double lower, double upper) {
    const double tau = kMarginalTolerance;
    if (std::isnan(lower) || std::isnan(upper)) return AgainstOne::Undetermined;
    if (upper < 1 - tau) return AgainstOne::Below;
    if (lower > 1 + tau) return AgainstOne::Above;
    if (lower >= 1 - tau && upper <= 1 + tau) return AgainstOne::Marginal;
    return AgainstOne::Undetermined;
}

std::string toString(AgainstOne a) {
    switch (a) {
        case AgainstOne::Below:
            return "below";
        case AgainstOne::Marginal:
            return "marginal";
        case AgainstOne::Above:
            return "above";
        case AgainstOne::Undetermined:
            return "undetermined";
    }
    return "undetermined";
}

double roundingGamma(double k) {
    const double ku = k * kU;
    return ku < 1 ? ku / (1 - ku) : kInf;
}

Bounds normInfBounds(const Matrix& A) {
    if (A.size() == 0) return sumBounds(Vector(), 0, "row sums");
    return sumBounds(A.cwiseAbs().rowwise().sum(), static_cast<double>(A.cols()),
                     "max row sum of |A|");
}

Bounds norm1Bounds(const Matrix& A) {
    if (A.size() == 0) return sumBounds(Vector(), 0, "column sums");
    return sumBounds(A.cwiseAbs().colwise().sum().transpose(), static_cast<double>(A.rows()),
                     "max column sum of |A|");
}

Matrix gramLower(const Matrix& A) {
    Matrix G = Matrix::Zero(A.cols(), A.cols());
    G.selfadjointView<Eigen::Lower>().rankUpdate(A.transpose());
    return G;
}

Bounds spectralNormBounds(const Matrix& A, double estimate, Index maxCholeskyDim,
                          const Matrix* gram) {
    Bounds b;
    b.proven = true;
    if (A.size() == 0) return b;
    if (!A.allFinite()) {
        b.estimate = b.lower = b.upper = kInf;
        b.method = "non-finite entries";
        return b;
    }
    // Entries far from 1 would overflow or underflow in AᵀA: scale by a power of two (exact,
    // except entries that become subnormal, each off by ≤ η: ‖ΔA‖₂ ≤ ‖ΔA‖_F ≤ √(mn) η).
    int exponent = 0;
    std::frexp(A.cwiseAbs().maxCoeff(), &exponent);
    if (exponent > 100 || exponent < -100) {
        const Matrix scaled = A * std::ldexp(1.0, -exponent);
        Bounds s = spectralNormBounds(scaled, std::ldexp(estimate, -exponent), maxCholeskyDim);
        const double slack = std::sqrt(static_cast<double>(A.size())) * kEta;
        s.upper = up(std::ldexp(s.upper + slack, exponent));
        s.lower = std::ldexp(s.lower, exponent);
        s.estimate = std::ldexp(s.estimate, exponent);
        return s;
    }
    const Index rows = A.rows(), cols = A.cols();
    const double mn = static_cast<double>(rows) * static_cast<double>(cols);
    const double fro2 = A.squaredNorm();
    // ‖A‖_F² ≤ fl(Σ a²)·(1 + γ_{mn+1}) (the squares round too), + mn η.
    const double fro2Up = up((fro2 + mn * kEta) * (1 + roundingGamma(mn + 1)));
    const double froUp = up(std::sqrt(fro2Up));
    const double mixed = up(std::sqrt(up(normInfBounds(A).upper * norm1Bounds(A).upper)));
    b.upper = std::min(froUp, mixed);
    b.method = froUp <= mixed ? "‖A‖_F" : "√(‖A‖₁‖A‖∞)";
    if (fro2 == 0) {
        b.estimate = b.lower = b.upper = 0;
        b.method = "A = 0";
        return b;
    }
    const Index k = std::min(rows, cols), inner = std::max(rows, cols);
    if (estimate > 0 && std::isfinite(estimate) && k <= maxCholeskyDim) {
        throwIfCancelled();
        // G = AᵀA (or AAᵀ when A is wide): the smaller Gram matrix (LLT reads its lower half).
        const bool shared = gram && cols <= rows && gram->rows() == k && gram->cols() == k;
        Matrix owned;
        if (!shared) owned = cols <= rows ? gramLower(A) : gramLower(A.transpose());
        const Matrix& G = shared ? *gram : owned;
        const Vector gramDiag = G.diagonal();
        // ‖fl(G) − G‖₂ ≤ γ_inner ‖ |A|ᵀ|A| ‖₂ ≤ γ_inner ‖A‖_F².
        const double gramError = up(roundingGamma(static_cast<double>(inner)) * fro2Up);
        const double cholGamma = roundingGamma(static_cast<double>(k) + 1);
        // Each attempt factors t·I − G in place of a copy of G's lower triangle.
        Matrix work(k, k);
        for (const double delta : {std::max(1e-13, 8 * double(k) * double(k) * kU), 1e-8, 1e-4}) {
            throwIfCancelled();
            const double t = estimate * estimate * (1 + delta);
            work.triangularView<Eigen::Lower>() = -G;  // copies the lower triangle only
            work.diagonal().array() += t;
            Eigen::LLT<Eigen::Ref<Matrix>, Eigen::Lower> llt(work);
            if (llt.info() != Eigen::Success) continue;
            // Success: λ_min(fl(tI − G)) ≥ −γ_{k+1}/(1 − γ_{k+1}) · tr; the diagonal t − G_ii
            // rounded once (≤ u |t − G_ii|); G itself off by gramError.
            double trace = 0, diagError = 0;
            for (Index i = 0; i < k; ++i) {
                const double d = std::abs(t - gramDiag(i));
                trace += d;
                diagError = std::max(diagError, d);
            }
            const double margin =
                up(cholGamma / (1 - cholGamma) * up(trace, k + 2)) + up(kU * diagError) + gramError;
            const double bound = up(std::sqrt(up(t + margin)));
            if (bound < b.upper) {
                b.upper = bound;
                b.method = "Cholesky of t·I − AᵀA";
            }
            break;
        }
    }
    b.estimate = std::min(estimate > 0 ? estimate : b.upper, b.upper);
    b.lower = b.estimate;  // an estimate, not a proven lower bound
    return b;
}

Bounds absSpectralRadiusBounds(const Matrix& A) {
    Bounds b;
    b.proven = true;
    b.method = "exact (1×1 blocks)";
    if (A.size() == 0) return b;
    if (!A.allFinite()) {
        b.estimate = b.lower = b.upper = kInf;
        b.method = "non-finite entries";
        return b;
    }
    const Matrix M = A.cwiseAbs();
    bool anyBlock = false;
    for (const std::vector<Index>& block : irreducibleBlocks(M)) {
        if (block.size() == 1) {
            const double d = M(block[0], block[0]);  // exact
            b.lower = std::max(b.lower, d);
            b.upper = std::max(b.upper, d);
            b.estimate = std::max(b.estimate, d);
            continue;
        }
        const Index m = static_cast<Index>(block.size());
        Matrix sub(m, m);
        if (m == M.rows()) {
            sub = M;
        } else {
            for (Index j = 0; j < m; ++j)
                for (Index i = 0; i < m; ++i) sub(i, j) = M(block[i], block[j]);
        }
        const Bounds cw = collatzWielandt(sub);
        b.lower = std::max(b.lower, cw.lower);
        b.upper = std::max(b.upper, cw.upper);
        b.estimate = std::max(b.estimate, cw.estimate);
        anyBlock = true;
    }
    if (anyBlock) b.method = "Collatz–Wielandt";
    b.estimate = std::clamp(b.estimate, b.lower, b.upper);
    return b;
}

std::vector<std::vector<Index>> irreducibleBlocks(const Matrix& M) {
    // Tarjan on the reversed graph (edge j → i when M(i, j) ≠ 0): the same components, and the
    // neighbours of j are column j, contiguous in memory.
    const Index n = M.rows();
    std::vector<Index> index(n, -1), low(n, 0), stack;
    std::vector<char> onStack(n, 0);
    struct Frame {
        Index v, next;
    };
    std::vector<Frame> calls;
    std::vector<std::vector<Index>> blocks;
    Index counter = 0;
    auto open = [&](Index v) {
        index[v] = low[v] = counter++;
        stack.push_back(v);
        onStack[v] = 1;
        calls.push_back({v, 0});
    };
    for (Index s = 0; s < n; ++s) {
        if (index[s] >= 0) continue;
        open(s);
        while (!calls.empty()) {
            const Index v = calls.back().v;
            Index k = calls.back().next;
            bool descended = false;
            const double* column = M.data() + v * n;
            for (; k < n; ++k) {
                if (k == v || column[k] == 0) continue;
                if (index[k] < 0) {
                    calls.back().next = k + 1;
                    open(k);
                    descended = true;
                    break;
                }
                if (onStack[k]) low[v] = std::min(low[v], index[k]);
            }
            if (descended) continue;
            calls.pop_back();
            if (low[v] == index[v]) {
                std::vector<Index> block;
                Index w;
                do {
                    w = stack.back();
                    stack.pop_back();
                    onStack[w] = 0;
                    block.push_back(w);
                } while (w != v);
                std::sort(block.begin(), block.end());
                blocks.push_back(std::move(block));
            }
            if (!calls.empty()) {
                const Index parent = calls.back().v;
                low[parent] = std::min(low[parent], low[v]);
            }
        }
    }
    return blocks;
}

}  // namespace equilab
