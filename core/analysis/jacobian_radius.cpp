#include "core/analysis/jacobian_radius.h"
#include "core/analysis/dense_linalg.h"
#include "core/internal/kernels.h"

#include <Eigen/Eigenvalues>
#include <Eigen/LU>

#include <algorithm>
#include <cmath>
#include <random>

namespace equilab {
namespace {

constexpr Index kDenseBelow = 32;  // below this n the dense solver is as cheap as Arnoldi
constexpr int kChecks[] = {20, 30, 40, 50, 64, 96, 128, 192, 256};

// The work budget. Cost model in units of about 0.16 ns (fitted to single-thread timings on this
// machine's AVX-512 kernels, n = 64…400, Gaussian A): a dense eigensolve 10 n³ (Hessenberg
// reduction and Francis QR without vectors: 11.4 ms at n = 200); Arnoldi step j 1.0 n² + 3.2 n j
// (the product and CGS2); a check at m 11 m³ (the Schur form of H_m, the shifted LU and the
// inverse iterations: 1.5 ms at m = 96). Arnoldi goes only as far as the largest scheduled check
// whose cumulative cost is within kShareOfDense of the dense solve (at n = 200: m = 96; below
// n ≈ 50: none), so an input whose checks all fail costs at most about (1 + kShareOfDense)
// dense solves.
constexpr double kShareOfDense = 0.4;
constexpr Index kConfirm = 8;  // steps to a confirming check

Index affordableKrylov(Index n, Index mMax) {
    const double nd = static_cast<double>(n);
    const double budget = kShareOfDense * 10 * nd * nd * nd;
    double spent = 0;
    Index best = 0, m = 0;
    for (int c : kChecks) {
        if (c > mMax) break;
        for (Index j = m; j < c; ++j) spent += nd * nd + 3.2 * nd * static_cast<double>(j);
        const double mc = static_cast<double>(paddedDimension(c));
        spent += 11 * mc * mc * mc;
        if (spent > budget) break;
        best = c;
        m = c;
    }
    // A θ is accepted at the second check at the earliest (its modulus must agree with the
    // first's): with fewer, Arnoldi could only add to the dense solve.
    return best >= kChecks[1] ? best : 0;
}

// Eigenvalues of H_m (upper Hessenberg) from its real Schur form, computed from the Hessenberg
// form directly (no reduction, no Schur vectors): O(m³) with a small constant. At m a multiple of
// 64 Eigen's QR sweeps run 6–9 times slower (the rows of a column-major matrix with that stride
// fall into the same cache sets: 23 ms at m = 128 against 3.5 ms at 129), so H_m is then padded
// with a zero row and column, which adds the eigenvalue 0 and changes no other.
bool hessenbergEigenvalues(const Matrix& Hm, ComplexVector* out) {
    const Index m = Hm.rows();
    const Index size = paddedDimension(m);
    Matrix H = Matrix::Zero(size, size);
    H.topLeftCorner(m, m) = Hm;
    Eigen::RealSchur<Matrix> schur(size);
    schur.computeFromHessenberg(H, Matrix::Identity(size, size), /*computeU=*/false);
    if (schur.info() != Eigen::Success) return false;
    const Matrix& T = schur.matrixT();
    out->resize(size);
    for (Index i = 0; i < size; ++i) {
        if (i + 1 < size && T(i + 1, i) != 0) {
            const double a = T(i, i), b = T(i, i + 1), c = T(i + 1, i), d = T(i + 1, i + 1);
            const double p = 0.5 * (a - d), disc = p * p + b * c;
            const std::complex<double> root = std::sqrt(std::complex<double>(disc, 0));
            (*out)(i) = 0.5 * (a + d) + root;
            (*out)(i + 1) = 0.5 * (a + d) - root;
            ++i;
        } else {
            (*out)(i) = T(i, i);
        }
    }
    return true;
}

// What a check found.
enum class Check {
    Accepted,      // θ passed every test: *out is filled
    NotConverged,  // the residual estimate is above the tolerance (or the check failed)
    Unsettled,     // the residual estimate passed but |θ| still moved since the last check
};

// The Ritz pair of largest modulus of H_m: θ by the Schur form, y by two steps of inverse
// iteration on H_m − θ I; accepted when the Arnoldi estimate |h_{m+1,m} y_m| / ‖y‖ is
// ≤ tolerance · ‖J‖_F, |θ| agrees within 1e-9 (relative) with the previous check's largest Ritz
// modulus, and the TRUE residual ‖J x − θ x‖ / ‖x‖ (x = V_m y, one more product) passes too.
Check checkRitz(const Matrix& A, const Vector& d, const Matrix& V, const Matrix& H, Index m,
                double normJ, double tolerance, double* previous, JacobianRadius* out) {
    ComplexVector theta;
    if (!hessenbergEigenvalues(H.topLeftCorner(m, m), &theta)) return Check::NotConverged;
    Index best = 0;
    for (Index i = 1; i < theta.size(); ++i)
        if (std::abs(theta(i)) > std::abs(theta(best))) best = i;
    const std::complex<double> t = theta(best);
    const double before = *previous;
    *previous = std::abs(t);
    using CMatrix = Eigen::Matrix<std::complex<double>, Eigen::Dynamic, Eigen::Dynamic>;
    CMatrix shifted = H.topLeftCorner(m, m).cast<std::complex<double>>();
    // A tiny relative perturbation keeps the shifted matrix invertible at an exact eigenvalue.
    const double nudge = 1e-13 * std::max(1.0, std::abs(t));
    shifted.diagonal().array() -= t + nudge;
    const Eigen::PartialPivLU<CMatrix> lu(shifted);
    ComplexVector y = ComplexVector::Ones(m);
    for (int k = 0; k < 2; ++k) {
        y = lu.solve(y);
        const double norm = y.norm();
        if (!(norm > 0) || !std::isfinite(norm)) return Check::NotConverged;
        y /= norm;
    }
    if (!(std::abs(H(m, m - 1)) * std::abs(y(m - 1)) <= tolerance * normJ))
        return Check::NotConverged;
    // The largest Ritz modulus must also agree with the previous check's: an ill-conditioned
    // eigenvalue (non-normal J) can have a small residual while |θ| still moves with m.
    if (!(std::abs(std::abs(t) - before) <= 1e-9 * std::max(1.0, std::abs(t))))
        return Check::Unsettled;
    const Vector xr = V.leftCols(m) * y.real(), xi = V.leftCols(m) * y.imag();
    const Vector jr = d.cwiseProduct(A * xr), ji = d.cwiseProduct(A * xi);
    // J x − θ x, x = xr + i xi: real part jr − (t.re xr − t.im xi), imaginary ji − (t.re xi +
    // t.im xr).
    const double re = (jr - t.real() * xr + t.imag() * xi).squaredNorm();
    const double im = (ji - t.real() * xi - t.imag() * xr).squaredNorm();
    const double xnorm = std::sqrt(xr.squaredNorm() + xi.squaredNorm());
    if (!(xnorm > 0)) return Check::NotConverged;
    const double residual = std::sqrt(re + im) / xnorm / normJ;
    if (!(residual <= tolerance)) return Check::NotConverged;
    out->rho = std::abs(t);
    out->residual = residual;
    out->krylov = static_cast<int>(m);
    out->method = JacobianRadiusMethod::Arnoldi;
    return Check::Accepted;
}

}  // namespace

bool JacobianRadiusOptions::IsValid(std::string* error) const {
    if (!(tolerance > 0 && tolerance < 1)) {
        if (error) *error = "jacobian radius tolerance must be in (0, 1)";
        return false;
    }
    if (max_krylov < 16 || max_krylov > 256) {
        if (error) *error = "jacobian radius max_krylov must be between 16 and 256";
        return false;
    }
    return true;
}

double denseJacobianSpectralRadius(const Matrix& A, const Vector& d) {
    if (A.size() == 0) return 0;
    const Matrix J = d.asDiagonal() * A;
    return denseSpectralRadius(J);
}

JacobianRadius jacobianRadius(const Matrix& A, const Vector& d,
                              const JacobianRadiusOptions& options, JacobianRadiusWorkspace* ws) {
#if defined(EQUILAB_KERNEL_DISPATCH) && !defined(EQUILAB_KERNEL_VARIANT)
    // The CPU's variant (kernels.h) when one is loaded: about twice as fast with AVX2.
    if (const kernels::KernelTable* k = kernels::active())
        if (k->jacobianRadius) return k->jacobianRadius(A, d, options, ws);
#endif
    JacobianRadius r;
    const Index n = A.rows();
    if (!options.IsValid(nullptr) || A.cols() != n || d.size() != n) return r;
    if (n == 0) {
        r.method = JacobianRadiusMethod::Dense;
        return r;
    }
    auto dense = [&] {
        if (options.allow_dense) {
            r.rho = denseJacobianSpectralRadius(A, d);
            r.residual = 0;
            r.method =
                std::isfinite(r.rho) ? JacobianRadiusMethod::Dense : JacobianRadiusMethod::Failed;
        }
        return r;
    };
    if (n < kDenseBelow) return dense();
    // ‖J‖_F² = Σ_i d_i² ‖A_{i,:}‖².
    const double normJ = std::sqrt(d.array().square().matrix().dot(A.rowwise().squaredNorm()));
    if (!(normJ > 0) || !std::isfinite(normJ)) return dense();
    JacobianRadiusWorkspace local;
    JacobianRadiusWorkspace& w = ws ? *ws : local;
    const Index mMax = affordableKrylov(n, std::min<Index>(options.max_krylov, n));
    if (mMax == 0) return dense();
    // One confirming check kConfirm steps after an unsettled one, even past mMax.
    const Index mLast = std::min<Index>(mMax + kConfirm, n);
    w.V.resize(n, mLast + 1);
    w.H.setZero(mLast + 1, mLast);
    std::mt19937 gen(options.seed);
    std::normal_distribution<double> normal;
    Vector v(n);
    for (Index i = 0; i < n; ++i) v(i) = normal(gen);
    w.V.col(0) = v / v.norm();
    Vector h, h2;
    size_t nextCheck = 0;
    Index confirmAt = 0;   // > 0: the confirming check's dimension
    double previous = -1;  // the largest Ritz modulus at the previous check
    for (Index j = 0; j < mLast; ++j) {
        v.noalias() = A * w.V.col(j);
        v.array() *= d.array();
        // Classical Gram–Schmidt, twice (CGS2: orthogonal to working precision).
        const auto Vj = w.V.leftCols(j + 1);
        h.noalias() = Vj.transpose() * v;
        v.noalias() -= Vj * h;
        h2.noalias() = Vj.transpose() * v;
        v.noalias() -= Vj * h2;
        h += h2;
        w.H.col(j).head(j + 1) = h;
        const double beta = v.norm();
        w.H(j + 1, j) = beta;
        const Index m = j + 1;
        const bool invariant = !(beta > 1e-14 * normJ);
        while (nextCheck < std::size(kChecks) && kChecks[nextCheck] < m) ++nextCheck;
        const bool scheduled =
            m <= mMax && (m == mMax || (nextCheck < std::size(kChecks) && kChecks[nextCheck] == m));
        if (invariant || scheduled || m == confirmAt) {
            const Check c = checkRitz(A, d, w.V, w.H, m, normJ, options.tolerance, &previous, &r);
            if (c == Check::Accepted) return r;
            // Converged but |θ| moved since the previous (less converged) check: confirm soon
            // rather than at the next scheduled size.
            confirmAt = c == Check::Unsettled && m + kConfirm <= mLast ? m + kConfirm : 0;
            if (m >= mMax && confirmAt == 0) break;
        }
        if (invariant) break;
        w.V.col(j + 1) = v / beta;
    }
    return dense();
}

}  // namespace equilab
