#include "core/analysis/spectra.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>

#include "core/analysis/dense_linalg.h"
#include "core/analysis/partial_spectra.h"
#include "core/analysis/spectra_detail.h"
#include "core/internal/cancellation.h"
#include "core/model/model.h"

namespace equilab {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

using ComplexMatrix = Eigen::MatrixXcd;

// Arnoldi's fixed number of steps above kDenseFallbackUpTo, its restarts below, and how many
// eigenvalues a partial spectrum shows.
constexpr int kArnoldiSteps = 80;
constexpr int kArnoldiMaxRestarts = 100;
constexpr int kShownEigenvalues = 12;

// ‖M v_j − λ_j v_j‖₂ / (‖M‖₂ ‖v_j‖₂) for the columns v_j of V.
Vector relativeResiduals(const Matrix& M, const ComplexVector& values, const ComplexMatrix& V,
                         double normM) {
    Vector r(values.size());
    if (V.cols() != values.size() || V.rows() != M.cols())
        return Vector::Constant(values.size(), kNaN);
    const Matrix re = M * V.real(), im = M * V.imag();
    for (Index j = 0; j < values.size(); ++j) {
        ComplexVector mv(M.rows());
        mv.real() = re.col(j);
        mv.imag() = im.col(j);
        const double vn = V.col(j).norm();
        const double scale = normM > 0 ? normM * vn : vn;
        r(j) = scale > 0 ? (mv - values(j) * V.col(j)).norm() / scale : 0.0;
    }
    return r;
}

Vector singularValuesOf(const Matrix& M, int count, const Matrix* gram, bool* partial) {
    *partial = false;
    if (M.rows() > kDenseSpectrumUpTo) {
        PartialSpectrumOptions options;
        options.count = count;
        // σ₁ to 1e-8 is enough: the certificate proves its own bound of ‖A‖₂ from it.
        options.tolerance = 1e-8;
        Vector sv;
        const bool ok = gram && gram->rows() == M.cols() && gram->cols() == M.cols()
                            ? largestSingularValuesFromGram(*gram, options, &sv, nullptr)
                            : largestSingularValues(M, options, &sv, nullptr);
        if (ok) {
            *partial = true;
            return sv;
        }
    }
    throwIfCancelled();
    return denseSingularValues(M);
}

// The spectrum of an irreducible M above kDenseSpectrumUpTo: Arnoldi for the right and the left
// Ritz pairs; the dominant value's error estimate κ·‖r‖ decides whether it is kept.
Spectrum partialSpectrum(const Matrix& M, const Vector& singularValues) {
    Spectrum s;
    s.dimension = M.rows();
    s.partial = true;
    s.singular_values = singularValues;
    s.norm = singularValues.size() ? singularValues(0) : 0.0;
    const double normM = s.norm;
    std::string why;
    // A fixed budget of Arnoldi steps (restarted Arnoldi on a clustered spectrum, such as a
    // Gaussian A's disc, needs thousands of products): accepted when accurate, otherwise the dense
    // solver up to kDenseFallbackUpTo, and above it marked approximate.
    // Up to kDenseFallbackUpTo restarted Arnoldi (Spectra) to convergence of all the values
    // shown — a fixed Krylov space can converge to a value and miss a larger one it has not
    // reached — within a budget of restarts, then dense; above it the fixed budget.
    const bool budget = M.rows() > kDenseFallbackUpTo;
    PartialSpectrumOptions options;
    options.count = kShownEigenvalues;
    options.max_restarts = kArnoldiMaxRestarts;
    auto ritz = [&](bool transpose, ComplexVector* values, ComplexMatrix* vectors) {
        if (!budget) return largestEigenpairs(M, options, transpose, values, vectors, &why);
        if (arnoldiRitzPairs(M, kArnoldiSteps, kShownEigenvalues, transpose, values, vectors))
            return true;
        why = "Arnoldi failed";
        return false;
    };
    ComplexMatrix right, left;
    ComplexVector leftValues;
    bool ok = ritz(false, &s.eigenvalues, &right);
    double error = kNaN;
    if (ok) {
        s.residuals = relativeResiduals(M, s.eigenvalues, right, normM);
        s.spectral_radius = std::abs(s.eigenvalues(0));
        // κ ≥ 1: a residual already above the accuracy needs no left vectors to be rejected.
        const double scale = std::max(normM, s.spectral_radius);
        // With the fixed budget, the top values must all have converged (a weak guard against a
        // larger value the Krylov space has not reached).
        const Index guard = budget ? std::min<Index>(6, s.residuals.size()) : 1;
        const double worst = s.residuals.head(guard).maxCoeff();
        if (worst * normM > kPartialAccuracy * scale) {
            char buf[120];
            std::snprintf(buf, sizeof buf, "residual %.2g above %.0e", worst, kPartialAccuracy);
            why = buf;
        } else {
            ok = ritz(true, &leftValues, &left);
        }
    }
    if (ok && why.empty()) {
        // The left vector of λ₁: Mᵀ z = λ₁ z. κ(λ₁) = ‖z‖‖x‖ / |zᵀx|, |λ − λ₁| ≲ κ ‖r‖.
        Index j = 0;
        (leftValues.array() - s.eigenvalues(0)).abs().minCoeff(&j);
        const double scale = std::max(normM, s.spectral_radius);
        if (std::abs(leftValues(j) - s.eigenvalues(0)) > 1e-6 * scale) {
            why = "no left Ritz value matches λ₁";
        } else {
            const std::complex<double> dot = (left.col(j).transpose() * right.col(0))(0);
            const double kappa = 1.0 / std::max(std::abs(dot), 1e-300);
            error = kappa * s.residuals(0) * normM;
            if (!(error <= kPartialAccuracy * scale)) {
                char buf[160];
                std::snprintf(buf, sizeof buf,
                              "estimated error of ρ κ·‖r‖ = %.2g (κ = %.2g) above %.0e", error,
                              kappa, kPartialAccuracy * scale);
                why = buf;
            }
        }
    }
    const std::string name =
        budget ? "Arnoldi (" + std::to_string(kArnoldiSteps) + " steps)" : std::string("Arnoldi");
    if (ok && why.empty()) {
        s.spectral_radius_error = error;
        s.method = budget ? name + "; " + detail::kKrylovBudgetCaveat : name;
        return s;
    }
    if (M.rows() <= kDenseFallbackUpTo) {
        Spectrum dense = computeDenseSpectrum(M);
        dense.method = "dense (Arnoldi fell short: " + why + ")";
        return dense;
    }
    s.approximate = true;
    // Without κ the backward error ‖r₁‖ is the best available (the forward error may be larger).
    s.spectral_radius_error = std::isfinite(error) ? error
                              : s.residuals.size() ? s.residuals(0) * normM
                                                   : kNaN;
    s.method = name + ", approximate: " + why +
               " (no dense solve above n = " + std::to_string(kDenseFallbackUpTo) + ")";
    if (s.eigenvalues.size() == 0) {  // Arnoldi failed outright: nothing better to show
        Spectrum dense = computeDenseSpectrum(M);
        dense.method = "dense (" + why + ")";
        return dense;
    }
    return s;
}

// A reducible M: the eigenvalues of its irreducible diagonal blocks (exact for 1×1 blocks).
Spectrum blockSpectrum(const Matrix& M, const std::vector<std::vector<Index>>& blocks,
                       const Vector& singularValues, bool singularPartial) {
    Spectrum s;
    s.dimension = M.rows();
    s.singular_values = singularValues;
    s.norm = singularValues.size() ? singularValues(0) : 0.0;
    std::vector<std::pair<std::complex<double>, double>> all;  // (λ, residual)
    std::vector<double> errors;                                // per entry of all
    double cutoff = 0;  // partial blocks show only their top: nothing below this is complete
    int larger = 0;
    for (const std::vector<Index>& block : blocks) {
        if (block.size() == 1) {
            all.push_back({M(block[0], block[0]), 0.0});
            errors.push_back(0.0);
            continue;
        }
        ++larger;
        const Index m = static_cast<Index>(block.size());
        Matrix sub(m, m);
        for (Index j = 0; j < m; ++j)
            for (Index i = 0; i < m; ++i) sub(i, j) = M(block[i], block[j]);
        const Spectrum b = computeSpectrum(sub, 1);
        // A block's residual relative to its own norm is a backward error relative to ‖M‖ after
        // scaling by ‖sub‖/‖M‖ (the block-triangular structure is kept).
        const double scale = s.norm > 0 ? b.norm / s.norm : 1.0;
        for (Index i = 0; i < b.eigenvalues.size(); ++i) {
            all.push_back(
                {b.eigenvalues(i), b.residuals.size() > i ? b.residuals(i) * scale : kNaN});
            errors.push_back(i == 0 ? b.spectral_radius_error : kNaN);
        }
        if (b.partial && b.eigenvalues.size())
            cutoff = std::max(cutoff, std::abs(b.eigenvalues(b.eigenvalues.size() - 1)));
        s.approximate = s.approximate || b.approximate;
    }
    std::vector<size_t> order(all.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        return std::abs(all[a].first) > std::abs(all[b].first);
    });
    std::vector<size_t> kept;
    for (size_t k : order)
        if (std::abs(all[k].first) >= cutoff) kept.push_back(k);
    s.eigenvalues.resize(static_cast<Index>(kept.size()));
    s.residuals.resize(static_cast<Index>(kept.size()));
    for (size_t i = 0; i < kept.size(); ++i) {
        s.eigenvalues(static_cast<Index>(i)) = all[kept[i]].first;
        s.residuals(static_cast<Index>(i)) = all[kept[i]].second;
    }
    s.partial = s.eigenvalues.size() < M.rows() || singularPartial;
    s.spectral_radius = kept.empty() ? 0.0 : std::abs(all[kept[0]].first);
    s.spectral_radius_error = kept.empty() ? 0.0 : errors[kept[0]];
    s.method = larger == 0 ? "triangular (its diagonal, exact)"
                           : "block triangular (" + std::to_string(blocks.size()) + " blocks)";
    return s;
}

}  // namespace

Spectrum computeSpectrum(const Matrix& M, int singularValues, const Matrix* gram) {
    if (M.rows() <= kDenseSpectrumUpTo || M.rows() != M.cols()) return computeDenseSpectrum(M);
    throwIfCancelled();
    bool singularPartial = false;
    const Vector sv = singularValuesOf(M, std::max(1, singularValues), gram, &singularPartial);
    throwIfCancelled();
    const std::vector<std::vector<Index>> blocks = irreducibleBlocks(M);
    if (blocks.size() > 1) return blockSpectrum(M, blocks, sv, singularPartial);
    return partialSpectrum(M, sv);
}

Spectrum computeDenseSpectrum(const Matrix& M) {
    Spectrum s;
    s.dimension = M.rows();
    s.method = "dense";
    if (M.size() == 0) return s;
    throwIfCancelled();
    s.singular_values = denseSingularValues(M);
    s.norm = s.singular_values(0);
    throwIfCancelled();
    Eigen::MatrixXcd vectors;
    const bool converged = denseEigen(M, &s.eigenvalues, &vectors);
    throwIfCancelled();
    s.spectral_radius = s.eigenvalues.cwiseAbs().maxCoeff();
    s.spectral_radius_error = kNaN;  // backward stable; the forward error is not estimated
    if (converged) {
        s.residuals = relativeResiduals(M, s.eigenvalues, vectors, s.norm);
    } else {
        s.residuals = Vector::Constant(s.eigenvalues.size(), kNaN);
        s.approximate = true;
        s.method = "dense (QR iteration did not converge)";
    }
    return s;
}

std::string toString(Verdict v) {
    switch (v) {
        case Verdict::Contractive:
            return "contractive";
        case Verdict::LocallyConvergent:
            return "locally_convergent";
        case Verdict::Marginal:
            return "marginal";
        case Verdict::UnstableFixedPoint:
            return "unstable_fixed_point";
        case Verdict::NoFixedPoint:
            return "no_fixed_point_found";
    }
    return "no_fixed_point_found";
}

Bounds absSpectralRadius(const Matrix& A) {
    return absSpectralRadiusBounds(A);
}

namespace {

CertificateCheck makeCheck(const char* name, const char* label, const Bounds& b,
                           const char* proves) {
    CertificateCheck c;
    c.name = name;
    c.label = label;
    c.global = true;
    c.value = b.estimate;
    c.lower = b.lower;
    c.upper = b.upper;
    c.proven = b.proven;
    c.method = b.method;
    c.proves = proves;
    c.against_one = compareWithOne(c.lower, c.upper);
    c.holds = c.proven && c.against_one == AgainstOne::Below;
    return c;
}

}  // namespace

std::vector<CertificateCheck> globalCertificates(const Matrix& A, double norm2,
                                                 const Matrix* gram) {
    const double estimate = norm2 > 0 ? norm2 : spectralNorm(A);
    return {
        makeCheck("norm_2", "‖A‖₂", spectralNormBounds(A, estimate, 4000, gram),
                  "φ contracts in ‖·‖₂: one fixed point, reached from every start"),
        makeCheck("abs_spectral_radius", "ρ(|A|)", absSpectralRadiusBounds(A),
                  "φ contracts in a weighted max norm (|J| ≤ |A|): one fixed point, reached from "
                  "every start"),
        makeCheck("norm_inf", "‖A‖∞", normInfBounds(A),
                  "φ contracts in the max norm: one fixed point, reached from every start"),
        makeCheck("norm_1", "‖A‖₁", norm1Bounds(A),
                  "φ contracts in the 1-norm: one fixed point, reached from every start"),
    };
}

int predictedIterations(double q, double first_step, double tolerance) {
    if (!(q < 1) || !std::isfinite(first_step)) return -1;
    if (first_step * 1.0 <= tolerance * (1 - q)) return 0;
    if (q <= 0) return 1;
    return static_cast<int>(std::ceil(std::log(tolerance * (1 - q) / first_step) / std::log(q)));
}

}  // namespace equilab
