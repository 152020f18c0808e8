#include "core/training/hypergradient_phantom.h"

#include <cmath>

#include "core/internal/parallel.h"

namespace equilab {

template <typename Scalar>
using Mat = MatrixT<Scalar>;

template <typename Scalar>
void jfbLift(const Mat<Scalar>& A, double gemmHidden, HypergradWorkspace<Scalar>& ws,
             HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = out->W.cols();
    ws.P = out->W;
    forFusedBlocks(n, N, [&](Index j, Index m) {
        auto Zb = out->W.middleCols(j, m);
        Zb.noalias() = A * ws.P.middleCols(j, m);
        Zb = (Zb + ws.U.middleCols(j, m)).array().tanh();
    });
    out->flops += gemmHidden;
}

template <typename Scalar>
void phantomForward(const Mat<Scalar>& A, const HypergradOptions& options, double gemmHidden,
                    HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = out->W.cols();
    const int K = options.K;
    const Scalar lambda = static_cast<Scalar>(options.damping);
    ws.trajectory.resize(K + 1);
    ws.slopes.resize(K);
    ws.trajectory[0] = out->W;
    for (int t = 1; t <= K; ++t) {
        ws.trajectory[t].resize(n, N);
        ws.slopes[t - 1].resize(n, N);
    }
    forFusedBlocks(n, N, [&](Index j, Index m) {
        Mat<Scalar> Phi(n, m);
        for (int t = 1; t <= K; ++t) {
            const auto prev = ws.trajectory[t - 1].middleCols(j, m);
            Phi.noalias() = A * prev;
            Phi = (Phi + ws.U.middleCols(j, m)).array().tanh();
            ws.slopes[t - 1].middleCols(j, m) = Scalar(1) - Phi.array().square();
            ws.trajectory[t].middleCols(j, m) = (Scalar(1) - lambda) * prev + lambda * Phi;
        }
    });
    out->W = ws.trajectory[K];
    out->flops += gemmHidden * K;
}

template <typename Scalar>
void phantomBackward(const Mat<Scalar>& A, const Mat<Scalar>& X, const Mat<Scalar>& GW,
                     const HypergradOptions& options, double gemmHidden,
                     HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = X.cols(), d = X.rows();
    const int K = options.K;
    const Scalar lambda = static_cast<Scalar>(options.damping);
    Mat<Scalar>& g = ws.V;
    Mat<Scalar>& Gt = ws.Z;
    g = GW;
    Gt.resize(n, N);
    ws.Gsum.setZero(n, N);
    out->grad.A.setZero(n, n);
    for (int t = K; t >= 1; --t) {
        forFusedBlocks(n, N, [&](Index j, Index m) {
            auto Gb = Gt.middleCols(j, m);
            auto gb = g.middleCols(j, m);
            Gb = lambda * ws.slopes[t - 1].middleCols(j, m).array() * gb.array();
            ws.Gsum.middleCols(j, m) += Gb;
            if (t > 1) {
                Mat<Scalar> R(n, m);
                R.noalias() = A.transpose() * Gb;
                gb = (Scalar(1) - lambda) * gb + R;
            }
        });
        out->grad.A.noalias() += Gt * ws.trajectory[t - 1].transpose();
        out->flops += (t > 1 ? 2 : 1) * gemmHidden;
    }
    out->grad.B.noalias() = ws.Gsum * X.transpose();
    out->grad.c = ws.Gsum.rowwise().sum();
    out->flops += 2.0 * n * d * N;
    out->backward_iterations = K;
}

template <typename Scalar>
void adjointNeumann(const Mat<Scalar>& A, const Mat<Scalar>& W, const Mat<Scalar>& GW,
                    const HypergradOptions& options, double gemmHidden,
                    HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = GW.cols();
    const Scalar lambda = static_cast<Scalar>(options.damping);
    const int K = options.K;
    ws.Z.resize(n, N);
    const double lastStep = sumFusedBlocks(n, N, [&](Index j, Index m) {
        Mat<Scalar> D(n, m), V(n, m), R(n, m);
        D.noalias() = A * W.middleCols(j, m);
        D = Scalar(1) - (D + ws.U.middleCols(j, m)).array().tanh().square();
        const auto GWb = GW.middleCols(j, m);
        V = lambda * GWb;                                    // V_1
        double step = static_cast<double>(V.squaredNorm());  // ‖V_1 − V_0‖²
        for (int k = 1; k < K; ++k) {
            R = D.array() * V.array();
            Mat<Scalar> JtV(n, m);
            JtV.noalias() = A.transpose() * R;
            // V_{k+1} − V_k = λ (Jᵀ V_k − V_k + g)
            R = lambda * (JtV - V + GWb);
            if (k == K - 1) step = static_cast<double>(R.squaredNorm());
            V += R;
        }
        ws.Z.middleCols(j, m) = D.array() * V.array();
        return step;
    });
    const double first = static_cast<double>(lambda) * lambda * GW.squaredNorm();
    out->backward_iterations = K;
    out->backward_residual = first > 0 ? std::sqrt(lastStep / first) : 0.0;
    out->flops += gemmHidden * K;
}

#define EQUILAB_INSTANTIATE(S)                                                                 \
    template void jfbLift(const Mat<S>&, double, HypergradWorkspace<S>&, HypergradResult<S>*); \
    template void phantomForward(const Mat<S>&, const HypergradOptions&, double,               \
                                 HypergradWorkspace<S>&, HypergradResult<S>*);                 \
    template void phantomBackward(const Mat<S>&, const Mat<S>&, const Mat<S>&,                 \
                                  const HypergradOptions&, double, HypergradWorkspace<S>&,     \
                                  HypergradResult<S>*);                                        \
    template void adjointNeumann(const Mat<S>&, const Mat<S>&, const Mat<S>&,                  \
                                 const HypergradOptions&, double, HypergradWorkspace<S>&,      \
                                 HypergradResult<S>*);
EQUILAB_INSTANTIATE(float)
EQUILAB_INSTANTIATE(double)
#undef EQUILAB_INSTANTIATE

}  // namespace equilab
