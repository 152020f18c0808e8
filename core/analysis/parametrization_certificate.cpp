#include "core/analysis/parametrization_certificate.h"

#include <Eigen/Cholesky>
#include <Eigen/Eigenvalues>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>

#include "core/analysis/certificate_bounds.h"
#include "core/internal/cancellation.h"
#include "core/internal/printable.h"

namespace equilab {
namespace {

constexpr double kU = std::numeric_limits<double>::epsilon() / 2;   // 2⁻⁵³
constexpr double kEta = std::numeric_limits<double>::denorm_min();  // 2⁻¹⁰⁷⁴
constexpr double kInf = std::numeric_limits<double>::infinity();
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// A computed nonnegative value moved up by a few roundings (every margin below is one).
double up(double v) {
    return v * (1 + 4 * kU) + kEta;
}

// fl(t − x) moved down past its rounding: a lower bound of the exact t − x.
double lowerDifference(double t, double x) {
    const double r = t - x;
    return r - 2 * kU * std::abs(r) - kEta;
}

// v printed with the fewest digits (at least minDigits) whose value is not above v (below), or
// not below it: what a proven bound prints as.
std::string printedBound(double v, bool below, int minDigits = 6) {
    if (!std::isfinite(v)) return significant(v);
    for (int digits = minDigits; digits < 17; ++digits) {
        const std::string s = significant(v, digits);
        const double shown = std::strtod(s.c_str(), nullptr);
        if (below ? shown <= v : shown >= v) return s;
    }
    return significant(v, 17);  // round-trips: exactly v
}

// The a-priori rounding allowance of a proof at shift t: the Cholesky margin for the trace of
// Ŝ − tI, the shift's rounding on the diagonal and ‖Ŝ − S‖₂.
struct Margins {
    double cholesky_gamma = 0;  // γ_{n+1}/(1 − γ_{n+1})
    double entries = 0;         // ‖Ŝ − S‖₂ ≤ γ₁‖Ŝ‖_F + nη
    double underflow = 0;       // covers Rump's underflow term, over (1 + max ĉ_ii)
};

double proofAt(const Matrix& S, double t, const Margins& g, Matrix& work) {
    const Index n = S.rows();
    work.triangularView<Eigen::Lower>() = S;
    work.diagonal().array() -= t;
    double trace = 0, diagRounding = 0, maxDiag = 0;
    for (Index i = 0; i < n; ++i) {
        const double c = work(i, i);
        if (!(c > 0)) return -kInf;  // not positive definite in floating point: no proof here
        trace += c;
        diagRounding = std::max(diagRounding, kU * c);
        maxDiag = std::max(maxDiag, c);
    }
    throwIfCancelled();
    Eigen::LLT<Eigen::Ref<Matrix>, Eigen::Lower> llt(work);
    // (A NaN pivot would pass Eigen's x ≤ 0 test: a factor that is not finite proves nothing.)
    if (llt.info() != Eigen::Success ||
        !work.triangularView<Eigen::Lower>().toDenseMatrix().allFinite())
        return -kInf;
    // Success: λ_min(fl(Ŝ − tI)) ≥ −γ/(1 − γ)·tr − underflow; the diagonal's rounding and Ŝ's
    // own error moved out by Weyl's inequality.
    const double traceUp = up(trace * (1 + roundingGamma(static_cast<double>(n) + 1)) + n * kEta);
    const double margin = up(up(g.cholesky_gamma * traceUp) + up(diagRounding) + g.entries +
                             up(g.underflow * (1 + maxDiag)));
    return lowerDifference(t, margin);
}

}  // namespace

MinEigenvalueBound symmetricMinEigenvalueBound(const Matrix& S, double target) {
    MinEigenvalueBound b;
    b.lower = -kInf;
    b.estimate = kNaN;
    const Index n = S.rows();
    if (n == 0 || S.cols() != n || !S.allFinite()) return b;
    const double nn = static_cast<double>(n);
    Margins g;
    const double gamma = roundingGamma(nn + 1);
    g.cholesky_gamma = up(gamma / (1 - gamma));
    const double fro2 = S.squaredNorm();
    const double froUp =
        up(std::sqrt(up(fro2 * (1 + roundingGamma(nn * nn + 1)) + nn * nn * kEta)));
    g.entries = up(roundingGamma(1) * froUp + nn * kEta);
    g.underflow = 8 * (nn + 2) * (nn + 2) * kEta;
    // The a-priori allowance at shift t: what the proof will subtract, with the trace of Ŝ − tI.
    const double traceS = S.trace();
    auto allowance = [&](double t) {
        const double tr =
            std::abs(traceS - nn * t) + nn * kU * (std::abs(traceS) + nn * std::abs(t));
        return up(g.cholesky_gamma * tr + g.entries +
                  kU * (S.diagonal().cwiseAbs().maxCoeff() + std::abs(t)));
    };
    Matrix work(n, n);
    auto attempt = [&](double t) {
        const double l = proofAt(S, t, g, work);
        if (l > b.lower) {
            b.lower = l;
            b.shift = t;
            b.margin = t - l;
            b.proven = true;
        }
        return std::isfinite(l);
    };
    if (std::isfinite(target) && attempt(target - 2 * allowance(target))) {
        b.at_target = true;
        return b;
    }
    throwIfCancelled();
    Eigen::SelfAdjointEigenSolver<Matrix> eig(S, Eigen::EigenvaluesOnly);
    if (eig.info() != Eigen::Success) return b;
    b.estimate = eig.eigenvalues()(0);
    const double scale = std::max(eig.eigenvalues().cwiseAbs().maxCoeff(), 1e-300);
    const double a = allowance(b.estimate);
    for (double gap : {2 * a, 16 * a, 1e-10 * scale, 1e-8 * scale, 1e-6 * scale, 1e-4 * scale}) {
        if (gap < 2 * a) continue;
        if (attempt(b.estimate - gap)) break;
    }
    return b;
}

ParametrizationCertificate parametrizationCertificate(const Matrix& A,
                                                      const ParametrizationSpec& spec,
                                                      const std::vector<CertificateCheck>& checks) {
    ParametrizationCertificate c;
    c.parameter = spec.radius;
    const Index n = A.rows();
    auto check = [&checks](const char* name) -> const CertificateCheck* {
        for (const CertificateCheck& k : checks)
            if (k.name == name) return &k;
        return nullptr;
    };
    auto fromNorm = [&](const char* name, const char* quantity, const char* symbol) {
        c.quantity = quantity;
        c.condition = std::string(quantity) + " ≤ " + symbol;
        const CertificateCheck* k = check(name);
        if (!k) {
            c.text = c.kind + ": " + c.condition + ", " + symbol + " = " +
                     significant(spec.radius, 4) + " (not checked)";
            return;
        }
        c.bound = k->upper;
        c.estimate = k->value;
        const double param = spec.radius;
        c.meets_parameter = k->proven && k->upper <= param * (1 + 1e-9);
        c.holds = k->holds;
        c.proves = k->proves;
        const std::string sym = symbol;
        std::string bound = std::string(quantity) + " ≤ ";
        if (k->proven && k->upper <= param)
            bound += sym + " proven";
        else if (c.meets_parameter)
            bound += sym + " + " + printedBound(up(k->upper - param), false, 2) + " proven";
        else
            bound += printedBound(k->upper, false) + " proven, " + sym + " not reached (estimate " +
                     significant(k->value, 6) + ")";
        c.text = c.kind + ": " + c.condition + ", " + sym + " = " + significant(param, 4) + " (" +
                 c.reference + "): " + bound + "; " +
                 (c.holds ? "< 1: " + k->proves
                          : "not < 1 − " + significant(kMarginalTolerance, 2) +
                                ": no contraction proven by it");
    };
    switch (spec.kind) {
        case ParametrizationKind::Free:
            return c;
        case ParametrizationKind::SpectralBall:
        case ParametrizationKind::SpectralNorm:
        case ParametrizationKind::Householder:
        case ParametrizationKind::HouseholderSvd:
            c.kind = toString(spec.kind);
            c.reference = "the spectral ball";
            fromNorm("norm_2", "‖A‖₂", "r");
            return c;
        case ParametrizationKind::InfBall:
            c.kind = toString(spec.kind);
            c.reference = "El Ghaoui et al. 2021";
            fromNorm("norm_inf", "‖A‖∞", "κ");
            return c;
        case ParametrizationKind::Monotone:
            break;
    }
    c.kind = toString(spec.kind);
    c.condition = "I − A ⪰ m·I (symmetric part)";
    c.reference = "Winston & Kolter 2020";
    c.quantity = "λ_min((2I − A − Aᵀ)/2)";
    Matrix S(n, n);
    for (Index j = 0; j < n; ++j)
        for (Index i = 0; i < n; ++i) S(i, j) = i == j ? 1 - A(i, i) : -0.5 * (A(i, j) + A(j, i));
    const MinEigenvalueBound b = symmetricMinEigenvalueBound(S, spec.radius);
    c.bound = b.lower;
    c.estimate = b.estimate;  // NaN when the first factorization sufficed
    c.meets_parameter = b.at_target;
    c.holds = b.proven && b.lower > 0;
    c.proves =
        "I − A is strongly monotone and tanh is a proximal map: one fixed point for every input, "
        "found by forward–backward splitting (Picard need not converge)";
    std::string status;
    if (c.meets_parameter)
        status = "I − A ⪰ (m − " + printedBound(up(spec.radius - b.lower), false, 2) +
                 ")·I proven: m up to rounding";
    else if (b.proven && b.lower > 0)
        status = "I − A ⪰ " + printedBound(b.lower, true) + "·I proven, " +
                 (b.estimate < spec.radius ? "below m" : "m not reached by the proof") +
                 " (estimate λ_min ≈ " + significant(b.estimate, 6) + ")";
    else
        status = "no positive lower bound of λ_min proven (estimate λ_min ≈ " +
                 significant(b.estimate, 6) + ")";
    c.text = c.kind + ": " + c.condition + ", m = " + significant(spec.radius, 4) + " (" +
             c.reference + "): " + status + "; " +
             (c.holds ? c.proves : "uniqueness not proven by it");
    return c;
}

}  // namespace equilab
