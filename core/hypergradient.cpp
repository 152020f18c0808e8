#include "core/hypergradient.h"

#include <Eigen/LU>

#include <cmath>

#include "core/batched.h"
#include "core/kernels.h"
#include "core/parallel.h"
#include "core/option_limits.h"

namespace equilab {

std::string toString(HypergradMethod m) {
    switch (m) {
        case HypergradMethod::Itd: return "itd";
        case HypergradMethod::AidFp: return "aid-fp";
        case HypergradMethod::AidCg: return "aid-cg";
        case HypergradMethod::Exact: return "exact";
    }
    return "itd";
}

bool parseHypergradMethod(const std::string& name, HypergradMethod* m) {
    for (auto k : {HypergradMethod::Itd, HypergradMethod::AidFp, HypergradMethod::AidCg,
                   HypergradMethod::Exact}) {
        if (toString(k) == name) {
            *m = k;
            return true;
        }
    }
    return false;
}

bool HypergradOptions::IsValid(std::string* error) const {
    auto fail = [error](const std::string& msg) {
        if (error) *error = msg;
        return false;
    };
    const int most = TrainingLimits::kMaxIterations;
    if (T < 1 || T > most) return fail("T (forward iterations) must be " + rangeText(1, most));
    if (K < 1 || K > most) return fail("K (adjoint iterations) must be " + rangeText(1, most));
    if (!(exact_tolerance > 0)) return fail("exact_tolerance must be positive");
    return true;
}

template <typename Scalar>
double ModelParams<Scalar>::norm() const {
    return std::sqrt(static_cast<double>(A.squaredNorm() + B.squaredNorm() + c.squaredNorm() +
                                         Wout.squaredNorm() + bout.squaredNorm()));
}

template <typename Scalar>
double relativeError(const ModelParams<Scalar>& g, const ModelParams<Scalar>& ref) {
    const double diff = std::sqrt(static_cast<double>(
        (g.A - ref.A).squaredNorm() + (g.B - ref.B).squaredNorm() + (g.c - ref.c).squaredNorm() +
        (g.Wout - ref.Wout).squaredNorm() + (g.bout - ref.bout).squaredNorm()));
    const double r = ref.norm();
    return r > 0 ? diff / r : diff;
}

namespace {

template <typename Scalar>
using Mat = MatrixT<Scalar>;

// Gradients through φ given G = D ⊙ V: ∂A = G Wᵀ, ∂B = G Xᵀ, ∂c = G·1.
template <typename Scalar>
void gradientsThroughPhi(const Mat<Scalar>& G, const Mat<Scalar>& W, const Mat<Scalar>& X,
                         HypergradResult<Scalar>* out) {
    out->grad.A.noalias() = G * W.transpose();
    out->grad.B.noalias() = G * X.transpose();
    out->grad.c = G.rowwise().sum();
}

// ---- forward: W and its iteration count and residual, one function per method ----

// Exact: solve to the fixed point W* (the reference).
template <typename Scalar>
void forwardExact(const Mat<Scalar>& A, const HypergradOptions& options, HypergradWorkspace<Scalar>& ws,
                  HypergradResult<Scalar>* out) {
    BatchSolveOptions<Scalar> fo;
    fo.tolerance = options.exact_tolerance;
    fo.max_iterations = options.exact_max_iterations;
    auto fr = solveBatch<Scalar>(A, ws.U, fo);
    out->W = std::move(fr.W);
    out->forward_iterations = fr.iterations;
    out->forward_residual = fr.worst_residual;
}

// ITD: T unrolled steps from W₀ = 0, every W_t kept for the backward pass.
template <typename Scalar>
void forwardUnrolled(const Mat<Scalar>& A, const HypergradOptions& options, double gemmHidden,
                     HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = ws.U.cols();
    ws.trajectory.resize(options.T + 1);
    ws.trajectory[0].setZero(n, N);
    for (int t = 1; t <= options.T; ++t) {
        Mat<Scalar>& Wt = ws.trajectory[t];
        Wt.resize(n, N);
        if (t == 1)
            Wt.setZero();  // A·W₀ = 0
        else
            Wt.noalias() = A * ws.trajectory[t - 1];
        forColumnBlocks(n, N, [&](Index j, Index m) {
            Wt.middleCols(j, m) = (Wt.middleCols(j, m) + ws.U.middleCols(j, m)).array().tanh();
        });
    }
    out->W = ws.trajectory[options.T];
    out->forward_iterations = options.T;
    out->forward_residual = static_cast<double>(
        (ws.trajectory[options.T] - ws.trajectory[options.T - 1]).colwise().norm().maxCoeff());
    out->flops += gemmHidden * (options.T - 1);  // W_0 = 0 makes the first product free
}

// AID: T fixed-point steps, only the last iterate kept.
template <typename Scalar>
void forwardFixedSteps(const Mat<Scalar>& A, const HypergradOptions& options, double gemmHidden,
                       HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    BatchSolveOptions<Scalar> fo;
    fo.max_iterations = options.T;
    fo.fixed_iterations = true;
    auto fr = solveBatch<Scalar>(A, ws.U, fo);
    out->W = std::move(fr.W);
    out->forward_iterations = fr.iterations;
    out->forward_residual = fr.worst_residual;
    out->flops += gemmHidden * (options.T - 1);
}

// ---- ITD backward ----

// Backward through W_t = tanh(A W_{t−1} + U): G_t = g_t ⊙ (1 − W_t²), ∂A += G_t W_{t−1}ᵀ,
// g_{t−1} = Aᵀ G_t; ∂B and ∂c from ΣG_t.
template <typename Scalar>
void backwardUnrolled(const Mat<Scalar>& A, const Mat<Scalar>& X, const Mat<Scalar>& GW,
                      const HypergradOptions& options, double gemmHidden, HypergradWorkspace<Scalar>& ws,
                      HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = X.cols(), d = X.rows();
    Mat<Scalar>& g = ws.V;
    Mat<Scalar>& Gt = ws.Z;
    g = GW;
    out->grad.A.setZero(n, n);
    ws.Gsum.setZero(n, N);
    Gt.resize(n, N);
    for (int t = options.T; t >= 1; --t) {
        const Mat<Scalar>& Wt = ws.trajectory[t];
        // G_t = g ⊙ (1 − W_t²) and ΣG += G_t in one pass.
        forColumnBlocks(n, N, [&](Index j, Index m) {
            Gt.middleCols(j, m) = g.middleCols(j, m).array() * (Scalar(1) - Wt.middleCols(j, m).array().square());
            ws.Gsum.middleCols(j, m) += Gt.middleCols(j, m);
        });
        if (t > 1) {
            out->grad.A.noalias() += Gt * ws.trajectory[t - 1].transpose();
            g.noalias() = A.transpose() * Gt;
            out->flops += 2 * gemmHidden;
        }
    }
    out->grad.B.noalias() = ws.Gsum * X.transpose();
    out->grad.c = ws.Gsum.rowwise().sum();
    out->flops += 2.0 * n * d * N;
}

// ---- AID: the linearization D and the adjoint V, one function per method ----

// D = 1 − φ(W)²: AID linearizes φ at the last iterate W_T (Grazzi et al. 2020), so
// φ(W_T) = tanh(A W_T + U) costs one more product; for exact, W = W* and φ(W*) = W*.
template <typename Scalar>
void linearization(const Mat<Scalar>& A, const Mat<Scalar>& W, bool atPhi, double gemmHidden,
                   HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = W.cols();
    Mat<Scalar>& D = ws.S;
    D.resize(n, N);
    if (atPhi) {
        ws.Z.resize(n, N);
        ws.Z.noalias() = A * W;
        out->flops += gemmHidden;
    }
    forColumnBlocks(n, N, [&](Index j, Index m) {
        if (atPhi)
            D.middleCols(j, m) = Scalar(1) - (ws.Z.middleCols(j, m) + ws.U.middleCols(j, m)).array().tanh().square();
        else
            D.middleCols(j, m) = Scalar(1) - W.middleCols(j, m).array().square();
    });
}

// AID-FP: V_{k+1} = Aᵀ (D ⊙ V_k) + ∂E/∂W, V_0 = 0 (so V_1 = ∂E/∂W). The product writes into Z
// and one fused pass adds ∂E/∂W and forms the next D ⊙ V.
template <typename Scalar>
void adjointFixedPoint(const Mat<Scalar>& A, const Mat<Scalar>& GW, const HypergradOptions& options,
                       double gemmHidden, HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = GW.cols();
    const Mat<Scalar>& D = ws.S;
    Mat<Scalar>& V = ws.V;
    V = GW;
    ws.Z.resize(n, N);
    ws.R.resize(n, N);
    forColumnBlocks(n, N, [&](Index j, Index m) {
        ws.Z.middleCols(j, m) = D.middleCols(j, m).array() * V.middleCols(j, m).array();
    });
    for (int k = 1; k < options.K; ++k) {
        ws.R.noalias() = A.transpose() * ws.Z;
        forColumnBlocks(n, N, [&](Index j, Index m) {
            V.middleCols(j, m) = ws.R.middleCols(j, m) + GW.middleCols(j, m);
            ws.Z.middleCols(j, m) = D.middleCols(j, m).array() * V.middleCols(j, m).array();
        });
    }
    out->flops += gemmHidden * (options.K - 1);
}

// AID-CG: CG on M Mᵀ v = M ∂E/∂W with M v = v − Aᵀ(D ⊙ v) = (I − Jᵀ)v and Mᵀ u = u − D ⊙ (A u).
// Per iteration: two GEMMs and three fused parallel passes (inner products are accumulated in
// the passes, in a fixed order).
template <typename Scalar>
void adjointConjugateGradient(const Mat<Scalar>& A, const Mat<Scalar>& GW, const HypergradOptions& options,
                              double gemmHidden, HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = GW.cols();
    const Mat<Scalar>& D = ws.S;
    Mat<Scalar>& V = ws.V;
    Mat<Scalar>& r = ws.R;
    Mat<Scalar>& p = ws.P;
    Mat<Scalar>& Ap = ws.Q;
    Mat<Scalar>& Z = ws.Z;
    Mat<Scalar>& Mp = ws.Gsum;  // reused as scratch
    Mp.resize(n, N);
    Z.resize(n, N);
    Ap.resize(n, N);
    r.resize(n, N);
    V.setZero(n, N);
    // r = Mᵀ ∂E/∂W (the residual at V = 0), p = r, Z = D ⊙ p.
    Z.noalias() = A * GW;
    double rr = sumColumnBlocks(n, N, [&](Index j, Index m) {
        r.middleCols(j, m) = GW.middleCols(j, m).array() - D.middleCols(j, m).array() * Z.middleCols(j, m).array();
        return static_cast<double>(r.middleCols(j, m).squaredNorm());
    });
    out->flops += gemmHidden;
    p = r;
    forColumnBlocks(n, N, [&](Index j, Index m) {
        Z.middleCols(j, m) = D.middleCols(j, m).array() * p.middleCols(j, m).array();
    });
    for (int k = 0; k < options.K && rr > 0; ++k) {
        // Mp = p − Aᵀ(D ⊙ p)
        Mp.noalias() = A.transpose() * Z;
        forColumnBlocks(n, N, [&](Index j, Index m) { Mp.middleCols(j, m) = p.middleCols(j, m) - Mp.middleCols(j, m); });
        // Ap = Mᵀ Mp = Mp − D ⊙ (A Mp), and pᵀAp in the same pass.
        Ap.noalias() = A * Mp;
        const double pAp = sumColumnBlocks(n, N, [&](Index j, Index m) {
            Ap.middleCols(j, m) = Mp.middleCols(j, m).array() - D.middleCols(j, m).array() * Ap.middleCols(j, m).array();
            return static_cast<double>((p.middleCols(j, m).array() * Ap.middleCols(j, m).array()).sum());
        });
        out->flops += 2 * gemmHidden;
        if (!(pAp > 0)) break;  // converged to round-off, or a breakdown
        const Scalar alpha = static_cast<Scalar>(rr / pAp);
        // V += αp, r −= αAp, and ‖r‖² in one pass.
        const double rrNew = sumColumnBlocks(n, N, [&](Index j, Index m) {
            V.middleCols(j, m) += alpha * p.middleCols(j, m);
            r.middleCols(j, m) -= alpha * Ap.middleCols(j, m);
            return static_cast<double>(r.middleCols(j, m).squaredNorm());
        });
        const Scalar beta = static_cast<Scalar>(rrNew / rr);
        // p = r + βp and the next Z = D ⊙ p in one pass.
        forColumnBlocks(n, N, [&](Index j, Index m) {
            p.middleCols(j, m) = r.middleCols(j, m) + beta * p.middleCols(j, m);
            Z.middleCols(j, m) = D.middleCols(j, m).array() * p.middleCols(j, m).array();
        });
        rr = rrNew;
    }
}

// Exact: (I − Aᵀ diag(D_i)) v_i = ∂E/∂w_i by LU, one sample at a time (the reference).
template <typename Scalar>
void adjointExact(const Mat<Scalar>& A, const Mat<Scalar>& GW, HypergradWorkspace<Scalar>& ws) {
    const Index n = A.rows(), N = GW.cols();
    const Mat<Scalar>& D = ws.S;
    Mat<Scalar>& V = ws.V;
    V.resize(n, N);
    Mat<Scalar> M(n, n);
    for (Index i = 0; i < N; ++i) {
        M = -(A.transpose() * D.col(i).asDiagonal());
        M.diagonal().array() += Scalar(1);
        V.col(i) = Eigen::PartialPivLU<Mat<Scalar>>(M).solve(GW.col(i));
    }
}

}  // namespace

template <typename Scalar>
HypergradResult<Scalar> hypergradient(const ModelParams<Scalar>& params, const Mat<Scalar>& X,
                                      const Targets<Scalar>& targets,
                                      const HypergradOptions& options,
                                      HypergradWorkspace<Scalar>* workspace) {
    EQUILAB_DISPATCH(hypergradient, params, X, targets, options, workspace);
    HypergradWorkspace<Scalar> local;
    HypergradWorkspace<Scalar>& ws = workspace ? *workspace : local;
    HypergradResult<Scalar> out;
    const Mat<Scalar>& A = params.A;
    const Index n = A.rows(), N = X.cols(), d = X.rows(), C = params.Wout.rows();
    const double gemmHidden = 2.0 * n * n * N;  // one A·W product

    ws.U.resize(n, N);
    ws.U.noalias() = params.B * X;
    ws.U.colwise() += params.c;
    out.flops += 2.0 * n * d * N;

    switch (options.method) {
        case HypergradMethod::Exact: forwardExact(A, options, ws, &out); break;
        case HypergradMethod::Itd: forwardUnrolled(A, options, gemmHidden, ws, &out); break;
        case HypergradMethod::AidFp:
        case HypergradMethod::AidCg: forwardFixedSteps(A, options, gemmHidden, ws, &out); break;
    }
    const Mat<Scalar>& W = out.W;

    // ---- readout ----
    ReadoutGradient<Scalar> ro = readoutLoss(params.Wout, params.bout, W, targets, true);
    out.loss = ro.loss;
    out.accuracy = ro.accuracy;
    out.grad.Wout = std::move(ro.dWout);
    out.grad.bout = std::move(ro.dbout);
    out.flops += 3 * 2.0 * C * n * N;
    const Mat<Scalar>& GW = ro.dW;

    if (options.method == HypergradMethod::Itd) {
        backwardUnrolled(A, X, GW, options, gemmHidden, ws, &out);
        return out;
    }
    linearization(A, W, options.method != HypergradMethod::Exact, gemmHidden, ws, &out);
    switch (options.method) {
        case HypergradMethod::AidFp: adjointFixedPoint(A, GW, options, gemmHidden, ws, &out); break;
        case HypergradMethod::AidCg: adjointConjugateGradient(A, GW, options, gemmHidden, ws, &out); break;
        default: adjointExact(A, GW, ws); break;
    }
    // Gradients through φ with G = D ⊙ V.
    ws.Z = ws.S.array() * ws.V.array();
    gradientsThroughPhi(ws.Z, W, X, &out);
    out.flops += gemmHidden + 2.0 * n * d * N;
    return out;
}

#define EQUILAB_INSTANTIATE(S)                                                                \
    template struct ModelParams<S>;                                                          \
    template double relativeError(const ModelParams<S>&, const ModelParams<S>&);             \
    template HypergradResult<S> hypergradient(const ModelParams<S>&, const MatrixT<S>&,      \
                                              const Targets<S>&, const HypergradOptions&,    \
                                              HypergradWorkspace<S>*);
EQUILAB_INSTANTIATE(float)
EQUILAB_INSTANTIATE(double)
#undef EQUILAB_INSTANTIATE

}  // namespace equilab
