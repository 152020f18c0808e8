#include "core/training/deq_statistics.h"

#include <algorithm>
#include <cmath>
#include <random>

namespace equilab {

template <typename Scalar>
double jacobianRadiusEstimate(const MatrixT<Scalar>& A, const MatrixT<Scalar>& W, int samples,
                              int steps) {
    const Index n = A.rows(), N = W.cols();
    if (n == 0 || N == 0 || samples < 1 || steps < 2) return 0.0;
    const Index s = std::min<Index>(samples, N);
    MatrixT<Scalar> D(n, s), V(n, s), Z(n, s);
    for (Index k = 0; k < s; ++k) {
        const Index col = (k * N) / s;
        D.col(k) = Scalar(1) - W.col(col).array().square();
    }
    std::mt19937 rng(12345u);
    std::normal_distribution<double> normal;
    for (Index i = 0; i < V.size(); ++i) V.data()[i] = static_cast<Scalar>(normal(rng));
    V.colwise().normalize();
    Eigen::ArrayXd logGrowth = Eigen::ArrayXd::Zero(s);
    Eigen::Array<bool, Eigen::Dynamic, 1> dead = Eigen::Array<bool, Eigen::Dynamic, 1>::Zero(s);
    const int half = steps / 2;
    for (int t = 0; t < steps; ++t) {
        Z.noalias() = A * V;
        Z = D.array() * Z.array();
        for (Index k = 0; k < s; ++k) {
            const double g = static_cast<double>(Z.col(k).norm());
            if (!(g > 0) || !std::isfinite(g)) {
                dead(k) = true;
                continue;
            }
            if (t >= half) logGrowth(k) += std::log(g);
            V.col(k) = Z.col(k) / static_cast<Scalar>(g);
        }
    }
    double best = 0;
    for (Index k = 0; k < s; ++k)
        if (!dead(k)) best = std::max(best, std::exp(logGrowth(k) / (steps - half)));
    return best;
}

template <typename Scalar>
double jacobianFrobeniusSquared(const MatrixT<Scalar>& A, const MatrixT<Scalar>& W) {
    if (W.cols() == 0) return 0.0;
    // Σ_j d_j² Σ_k A_jk² per column: the row norms of A weighted by d².
    const Eigen::ArrayXd rowSq = A.template cast<double>().rowwise().squaredNorm().array();
    const Eigen::ArrayXXd D = 1.0 - W.template cast<double>().array().square();
    return (D.square().colwise() * rowSq).sum() / static_cast<double>(W.cols());
}

template <typename Scalar>
double jacobianFrobeniusHutchinson(const MatrixT<Scalar>& A, const MatrixT<Scalar>& W, int m,
                                   unsigned seed, double* sampleStd) {
    const Index n = A.rows(), N = W.cols();
    if (N == 0 || m < 1) return 0.0;
    std::mt19937 rng(seed);
    std::bernoulli_distribution coin(0.5);
    const MatrixT<Scalar> D = (Scalar(1) - W.array().square()).matrix();
    MatrixT<Scalar> E(n, N), Z(n, N);
    double sum = 0, sumSq = 0;
    for (int p = 0; p < m; ++p) {
        for (Index i = 0; i < E.size(); ++i) E.data()[i] = coin(rng) ? Scalar(1) : Scalar(-1);
        Z.noalias() = A * E;
        const double v =
            static_cast<double>((D.array() * Z.array()).square().sum()) / static_cast<double>(N);
        sum += v;
        sumSq += v * v;
    }
    const double mean = sum / m;
    if (sampleStd)
        *sampleStd = m > 1 ? std::sqrt(std::max(0.0, (sumSq - m * mean * mean) / (m - 1))) : 0.0;
    return mean;
}

template <typename Scalar>
double jacobianRegularizerInto(const MatrixT<Scalar>& A, const MatrixT<Scalar>& W,
                               const MatrixT<Scalar>& U, const MatrixT<Scalar>& X, bool exact,
                               int probes, unsigned seed, double weight, MatrixT<Scalar>* gA,
                               MatrixT<Scalar>* gB, VectorT<Scalar>* gc) {
    const Index n = A.rows(), N = W.cols();
    if (N == 0) return 0.0;
    MatrixT<Scalar> Tz(n, N);  // t = tanh(A w + u)
    Tz.noalias() = A * W;
    Tz = (Tz + U).array().tanh();
    const MatrixT<Scalar> D = (Scalar(1) - Tz.array().square()).matrix();
    MatrixT<Scalar> dD(n, N);  // ∂R/∂D
    MatrixT<Scalar> dA = MatrixT<Scalar>::Zero(n, n);
    double R = 0;
    if (exact) {
        // R = (1/N) Σ_i Σ_j d_ij² r_j, r_j = Σ_k A_jk².
        const VectorT<Scalar> r = A.rowwise().squaredNorm();
        const VectorT<Scalar> sumD2 = D.array().square().rowwise().sum();
        R = static_cast<double>(sumD2.dot(r)) / static_cast<double>(N);
        dD = (Scalar(2) / static_cast<Scalar>(N)) * (D.array().colwise() * r.array());
        dA = (Scalar(2) / static_cast<Scalar>(N)) * (A.array().colwise() * sumD2.array());
    } else {
        std::mt19937 rng(seed);
        std::bernoulli_distribution coin(0.5);
        MatrixT<Scalar> E(n, N), Y(n, N);
        dD.setZero();
        const Scalar scale = Scalar(2) / static_cast<Scalar>(static_cast<double>(N) * probes);
        for (int p = 0; p < probes; ++p) {
            for (Index i = 0; i < E.size(); ++i) E.data()[i] = coin(rng) ? Scalar(1) : Scalar(-1);
            MatrixT<Scalar> AE(n, N);
            AE.noalias() = A * E;
            Y = D.array() * AE.array();
            R += static_cast<double>(Y.squaredNorm());
            dD.array() += scale * Y.array() * AE.array();  // ∂/∂d = 2y ⊙ a
            const MatrixT<Scalar> dAE = scale * (Y.array() * D.array()).matrix();  // ∂/∂a
            dA.noalias() += dAE * E.transpose();
        }
        R /= static_cast<double>(N) * probes;
    }
    // Through d = 1 − t², t = tanh(z), z = A w + u: ∂d/∂z = −2 t d.
    const MatrixT<Scalar> dZ = (dD.array() * (Scalar(-2) * Tz.array() * D.array())).matrix();
    dA.noalias() += dZ * W.transpose();
    const Scalar w = static_cast<Scalar>(weight);
    *gA += w * dA;
    gB->noalias() += w * (dZ * X.transpose());
    *gc += w * dZ.rowwise().sum();
    return R;
}

#define EQUILAB_INSTANTIATE(S)                                                                 \
    template double jacobianRadiusEstimate(const MatrixT<S>&, const MatrixT<S>&, int, int);    \
    template double jacobianFrobeniusSquared(const MatrixT<S>&, const MatrixT<S>&);            \
    template double jacobianFrobeniusHutchinson(const MatrixT<S>&, const MatrixT<S>&, int,     \
                                                unsigned, double*);                            \
    template double jacobianRegularizerInto(                                                   \
        const MatrixT<S>&, const MatrixT<S>&, const MatrixT<S>&, const MatrixT<S>&, bool, int, \
        unsigned, double, MatrixT<S>*, MatrixT<S>*, VectorT<S>*);
EQUILAB_INSTANTIATE(float)
EQUILAB_INSTANTIATE(double)
#undef EQUILAB_INSTANTIATE

}  // namespace equilab
