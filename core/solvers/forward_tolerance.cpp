#include "core/solvers/forward_tolerance.h"

#include <Eigen/Cholesky>

#include <cmath>
#include <deque>
#include <vector>

namespace equilab {

std::string toString(ForwardSolverKind k) {
    switch (k) {
        case ForwardSolverKind::Picard:
            return "picard";
        case ForwardSolverKind::Anderson:
            return "anderson";
        case ForwardSolverKind::Broyden:
            return "broyden";
    }
    return "picard";
}

bool parseForwardSolverKind(const std::string& name, ForwardSolverKind* k) {
    for (auto c :
         {ForwardSolverKind::Picard, ForwardSolverKind::Anderson, ForwardSolverKind::Broyden})
        if (toString(c) == name) {
            *k = c;
            return true;
        }
    return false;
}

namespace {

template <typename Scalar>
using Mat = MatrixT<Scalar>;

// F = φ(W) − W and the worst column norm.
template <typename Scalar>
double residual(const Mat<Scalar>& A, const Mat<Scalar>& U, const Mat<Scalar>& W, Mat<Scalar>* F) {
    F->noalias() = A * W;
    *F = (F->array() + U.array()).tanh() - W.array();
    return W.cols() ? static_cast<double>(F->colwise().norm().maxCoeff()) : 0.0;
}

template <typename Scalar>
ForwardToleranceResult picard(const Mat<Scalar>& A, const Mat<Scalar>& U, double tol, int most,
                              Mat<Scalar>& W) {
    ForwardToleranceResult r;
    Mat<Scalar> F(W.rows(), W.cols());
    for (int k = 1; k <= most; ++k) {
        r.worst_residual = residual(A, U, W, &F);
        r.iterations = k;
        if (!std::isfinite(r.worst_residual)) return r;
        W += F;  // W ← φ(W); the residual above is that of the previous W
        if (r.worst_residual <= tol) {
            // The step just taken only improves W (a contraction); report the checked value.
            r.converged = true;
            return r;
        }
    }
    return r;
}

template <typename Scalar>
ForwardToleranceResult anderson(const Mat<Scalar>& A, const Mat<Scalar>& U, double tol, int most,
                                Mat<Scalar>& W) {
    constexpr int kMemory = 5;
    ForwardToleranceResult r;
    const Index size = W.size();
    Mat<Scalar> F(W.rows(), W.cols());
    std::deque<VectorT<Scalar>> xs, fs;
    for (int k = 1; k <= most; ++k) {
        r.worst_residual = residual(A, U, W, &F);
        r.iterations = k;
        if (!std::isfinite(r.worst_residual)) return r;
        if (r.worst_residual <= tol) {
            r.converged = true;
            return r;
        }
        const Eigen::Map<const VectorT<Scalar>> x(W.data(), size), f(F.data(), size);
        xs.emplace_back(x);
        fs.emplace_back(f);
        while (static_cast<int>(xs.size()) > kMemory + 1) {
            xs.pop_front();
            fs.pop_front();
        }
        const Index m = static_cast<Index>(xs.size()) - 1;
        VectorT<Scalar> next = x + f;  // plain step g = x + f
        if (m > 0) {
            Mat<Scalar> dF(size, m), dX(size, m);
            for (Index j = 0; j < m; ++j) {
                dF.col(j) = fs[j + 1] - fs[j];
                dX.col(j) = xs[j + 1] - xs[j];
            }
            Matrix G = (dF.transpose() * dF).template cast<double>();
            const double scale = G.diagonal().maxCoeff();
            G.diagonal().array() += 1e-10 * scale;
            const Eigen::LDLT<Matrix> ldlt(G);
            const Vector gamma = ldlt.solve((dF.transpose() * f).template cast<double>().eval());
            if (ldlt.info() == Eigen::Success && gamma.allFinite() && scale > 0) {
                const VectorT<Scalar> gs = gamma.cast<Scalar>();
                next -= (dX + dF) * gs;  // x − ΔX γ + (f − ΔF γ)
            } else {
                xs.erase(xs.begin(), xs.end() - 1);
                fs.erase(fs.begin(), fs.end() - 1);
            }
        }
        W = Eigen::Map<const Mat<Scalar>>(next.data(), W.rows(), W.cols());
    }
    r.worst_residual = residual(A, U, W, &F);
    r.converged = r.worst_residual <= tol;
    return r;
}

template <typename Scalar>
ForwardToleranceResult broyden(const Mat<Scalar>& A, const Mat<Scalar>& U, double tol, int most,
                               Mat<Scalar>& W) {
    constexpr int kMemory = 20;
    ForwardToleranceResult r;
    const Index size = W.size();
    Mat<Scalar> F(W.rows(), W.cols()), Fnew(W.rows(), W.cols());
    std::vector<VectorT<Scalar>> us, vs;  // H = −I + Σ u vᵀ
    auto applyH = [&](const VectorT<Scalar>& y) {
        VectorT<Scalar> out = -y;
        for (size_t i = 0; i < us.size(); ++i) out += us[i] * vs[i].dot(y);
        return out;
    };
    auto applyHt = [&](const VectorT<Scalar>& y) {  // Hᵀ y
        VectorT<Scalar> out = -y;
        for (size_t i = 0; i < us.size(); ++i) out += vs[i] * us[i].dot(y);
        return out;
    };
    r.worst_residual = residual(A, U, W, &F);
    r.iterations = 1;
    for (;;) {
        if (!std::isfinite(r.worst_residual)) return r;
        if (r.worst_residual <= tol) {
            r.converged = true;
            return r;
        }
        if (r.iterations >= most) return r;
        const VectorT<Scalar> f = Eigen::Map<const VectorT<Scalar>>(F.data(), size);
        const VectorT<Scalar> s = -applyH(f);
        Mat<Scalar> Wnew = W + Eigen::Map<const Mat<Scalar>>(s.data(), W.rows(), W.cols());
        const double worstNew = residual(A, U, Wnew, &Fnew);
        ++r.iterations;
        if (!(worstNew < 10 * r.worst_residual)) {  // a bad step: restart with H = −I (Picard)
            us.clear();
            vs.clear();
            W += F;
            r.worst_residual = residual(A, U, W, &F);
            ++r.iterations;
            continue;
        }
        const VectorT<Scalar> df = Eigen::Map<const VectorT<Scalar>>(Fnew.data(), size) - f;
        const VectorT<Scalar> Hdf = applyH(df);
        const VectorT<Scalar> sH = applyHt(s);  // (sᵀH)ᵀ
        const Scalar denom = s.dot(Hdf);
        if (us.size() >= static_cast<size_t>(kMemory)) {
            us.clear();
            vs.clear();
        } else if (std::abs(static_cast<double>(denom)) > 1e-30) {
            us.push_back((s - Hdf) / denom);
            vs.push_back(sH);
        }
        W = std::move(Wnew);
        F = Fnew;
        r.worst_residual = worstNew;
    }
}

}  // namespace

template <typename Scalar>
ForwardToleranceResult solveForwardToTolerance(const MatrixT<Scalar>& A, const MatrixT<Scalar>& U,
                                               ForwardSolverKind kind, double tolerance,
                                               int max_iterations, MatrixT<Scalar>* W) {
    if (W->rows() != A.rows() || W->cols() != U.cols()) W->setZero(A.rows(), U.cols());
    switch (kind) {
        case ForwardSolverKind::Anderson:
            return anderson(A, U, tolerance, max_iterations, *W);
        case ForwardSolverKind::Broyden:
            return broyden(A, U, tolerance, max_iterations, *W);
        case ForwardSolverKind::Picard:
            break;
    }
    return picard(A, U, tolerance, max_iterations, *W);
}

template ForwardToleranceResult solveForwardToTolerance(const MatrixT<float>&,
                                                        const MatrixT<float>&, ForwardSolverKind,
                                                        double, int, MatrixT<float>*);
template ForwardToleranceResult solveForwardToTolerance(const MatrixT<double>&,
                                                        const MatrixT<double>&, ForwardSolverKind,
                                                        double, int, MatrixT<double>*);

}  // namespace equilab
