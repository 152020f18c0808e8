#include "core/training/hypergradient.h"

#include <Eigen/LU>

#include <cmath>

#include "core/internal/kernels.h"
#include "core/internal/parallel.h"
#include "core/solvers/batched.h"
#include "core/training/hypergradient_phantom.h"

namespace equilab {

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
void forwardExact(const Mat<Scalar>& A, const HypergradOptions& options,
                  HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    BatchSolveOptions<Scalar> fo;
    fo.tolerance = options.exact_tolerance;
    fo.max_iterations = options.exact_max_iterations;
    auto fr = solveBatch<Scalar>(A, ws.U, fo);
    out->W = std::move(fr.W);
    out->forward_iterations = fr.iterations;
    out->forward_residual = fr.worst_residual;
}

// ITD: T unrolled steps from W₀ = 0, every W_t kept for the backward pass. The columns iterate
// independently, so each fused block runs all T steps on one core with its columns in cache; it
// also copies its part of W_T out and forms its residuals ‖W_T − W_{T−1}‖₂.
template <typename Scalar>
void forwardUnrolled(const Mat<Scalar>& A, const HypergradOptions& options, double gemmHidden,
                     HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = ws.U.cols();
    const int T = options.T;
    ws.trajectory.resize(T + 1);
    if (ws.trajectory[0].rows() != n || ws.trajectory[0].cols() != N)
        ws.trajectory[0].setZero(n, N);
    for (int t = 1; t <= T; ++t) ws.trajectory[t].resize(n, N);
    out->W.resize(n, N);
    VectorT<Scalar> residuals(N);
    forFusedBlocks(n, N, [&](Index j, Index m) {
        const auto Ub = ws.U.middleCols(j, m);
        for (int t = 1; t <= T; ++t) {
            auto Wt = ws.trajectory[t].middleCols(j, m);
            if (t == 1)
                Wt.setZero();  // A·W₀ = 0
            else
                Wt.noalias() = A * ws.trajectory[t - 1].middleCols(j, m);
            Wt = (Wt + Ub).array().tanh();
        }
        const auto WT = ws.trajectory[T].middleCols(j, m);
        out->W.middleCols(j, m) = WT;
        residuals.segment(j, m) =
            (WT - ws.trajectory[T - 1].middleCols(j, m)).colwise().norm().transpose();
    });
    out->forward_iterations = T;
    out->forward_residual = N ? static_cast<double>(residuals.maxCoeff()) : 0.0;
    out->flops += gemmHidden * (T - 1);  // W_0 = 0 makes the first product free
}

// AID: T fixed-point steps, only the last iterate kept; or, with a forward tolerance, the
// chosen solver to that tolerance (core/solvers/forward_tolerance.h).
template <typename Scalar>
void forwardFixedSteps(const Mat<Scalar>& A, const HypergradOptions& options, double gemmHidden,
                       HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    if (options.monotone_m > 0) {
        const bool keep = options.continue_forward || options.warm_start;
        if (keep && ws.warm.rows() == A.rows() && ws.warm.cols() == ws.U.cols())
            out->W = ws.warm;
        else
            out->W.setZero(A.rows(), ws.U.cols());
        const bool tol = options.forward_tolerance > 0;
        const ForwardToleranceResult fr =
            monotoneSplittingBatch(A, ws.U, options.monotone_m, options.forward_tolerance,
                                   tol ? options.forward_max_iterations : options.T, &out->W);
        out->forward_iterations = fr.iterations;
        out->forward_residual = fr.worst_residual;
        out->forward_converged = fr.converged;
        if (keep) ws.warm = out->W;
        out->flops += gemmHidden * (fr.iterations + 1);
        return;
    }
    if (options.forward_tolerance > 0) {
        const bool warm = options.warm_start && ws.warm.rows() == A.rows() &&
                          ws.warm.cols() == ws.U.cols() && ws.warm.allFinite();
        if (warm)
            out->W = ws.warm;
        else
            out->W.setZero(A.rows(), ws.U.cols());
        const ForwardToleranceResult fr =
            solveForwardToTolerance(A, ws.U, options.forward_solver, options.forward_tolerance,
                                    options.forward_max_iterations, &out->W);
        out->forward_iterations = fr.iterations;
        out->forward_residual = fr.worst_residual;
        out->forward_converged = fr.converged;
        if (options.warm_start) ws.warm = out->W;
        out->flops += gemmHidden * fr.iterations;
        return;
    }
    const bool resume =
        options.continue_forward && ws.warm.rows() == A.rows() && ws.warm.cols() == ws.U.cols();
    if (resume) out->W = ws.warm;
    solveFixedSteps<Scalar>(A, ws.U, options.T, &out->W, &ws.residuals, !resume);
    if (options.continue_forward) ws.warm = out->W;
    out->forward_iterations = options.T;
    out->forward_residual =
        ws.residuals.size() ? static_cast<double>(ws.residuals.maxCoeff()) : 0.0;
    out->flops += gemmHidden * (options.T - 1);
}

// ---- ITD backward ----

// Backward through W_t = tanh(A W_{t−1} + U): G_t = g_t ⊙ (1 − W_t²), ∂A += G_t W_{t−1}ᵀ,
// g_{t−1} = Aᵀ G_t; ∂B and ∂c from ΣG_t. The recursion for g is per column: one fused pass per
// step forms G_t, adds it to ΣG and multiplies by Aᵀ block by block; ∂A, a sum over all
// columns, is one product per step as before.
template <typename Scalar>
void backwardUnrolled(const Mat<Scalar>& A, const Mat<Scalar>& X, const Mat<Scalar>& GW,
                      const HypergradOptions& options, double gemmHidden,
                      HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = X.cols(), d = X.rows();
    Mat<Scalar>& g = ws.V;
    Mat<Scalar>& Gt = ws.Z;
    g.resize(n, N);
    out->grad.A.setZero(n, n);
    ws.Gsum.resize(n, N);
    Gt.resize(n, N);
    for (int t = options.T; t >= 1; --t) {
        const Mat<Scalar>& Wt = ws.trajectory[t];
        const Mat<Scalar>& gt = t == options.T ? GW : g;  // g_T = ∂E/∂W_T
        forFusedBlocks(n, N, [&](Index j, Index m) {
            auto Gb = Gt.middleCols(j, m);
            auto Sb = ws.Gsum.middleCols(j, m);
            Gb = gt.middleCols(j, m).array() * (Scalar(1) - Wt.middleCols(j, m).array().square());
            if (t == options.T) Sb.setZero();
            Sb += Gb;
            if (t > 1) g.middleCols(j, m).noalias() = A.transpose() * Gb;
        });
        if (t > 1) {
            out->grad.A.noalias() += Gt * ws.trajectory[t - 1].transpose();
            out->flops += 2 * gemmHidden;
        }
    }
    out->grad.B.noalias() = ws.Gsum * X.transpose();
    out->grad.c = ws.Gsum.rowwise().sum();
    out->flops += 2.0 * n * d * N;
}

// ---- AID: the linearization D and the adjoint V, one function per method ----

// D = 1 − φ(W)²: AID linearizes φ at the last iterate W_T (Grazzi et al. 2020), so
// φ(W_T) = tanh(A W_T + U) costs one more product (fused with the pass, block by block); for
// exact, W = W* and φ(W*) = W*.
template <typename Scalar>
void linearization(const Mat<Scalar>& A, const Mat<Scalar>& W, bool atPhi, double gemmHidden,
                   HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = W.cols();
    Mat<Scalar>& D = ws.S;
    D.resize(n, N);
    if (atPhi) {
        out->flops += gemmHidden;
        forFusedBlocks(n, N, [&](Index j, Index m) {
            auto Db = D.middleCols(j, m);
            Db.noalias() = A * W.middleCols(j, m);
            Db = Scalar(1) - (Db + ws.U.middleCols(j, m)).array().tanh().square();
        });
        return;
    }
    forColumnBlocks(n, N, [&](Index j, Index m) {
        D.middleCols(j, m) = Scalar(1) - W.middleCols(j, m).array().square();
    });
}

// AID-FP: V_{k+1} = Aᵀ (D ⊙ V_k) + ∂E/∂W, V_0 = 0 (so V_1 = ∂E/∂W). Per column, so each fused
// block linearizes (D = 1 − tanh(A W_T + U)²) and runs all K steps on one core, in cache. It
// leaves G = D ⊙ V_K in ws.Z, the product the gradients through φ need.
template <typename Scalar>
void adjointFixedPoint(const Mat<Scalar>& A, const Mat<Scalar>& W, const Mat<Scalar>& GW,
                       const HypergradOptions& options, double gemmHidden,
                       HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = GW.cols();
    ws.Z.resize(n, N);
    // V_k = R_{k−1} + ∂E/∂W with R_0 = 0, so the last step V_K − V_{K−1} = R_{K−1} − R_{K−2}.
    const double lastStep = sumFusedBlocks(n, N, [&](Index j, Index m) {
        Mat<Scalar> D(n, m), R(n, m), Rprev;
        D.noalias() = A * W.middleCols(j, m);
        D = Scalar(1) - (D + ws.U.middleCols(j, m)).array().tanh().square();
        const auto GWb = GW.middleCols(j, m);
        auto Zb = ws.Z.middleCols(j, m);
        Zb = D.array() * GWb.array();                                       // D ⊙ V_1
        if (options.K == 1) return static_cast<double>(GWb.squaredNorm());  // V_1 − V_0
        for (int k = 1; k < options.K; ++k) {
            if (k == options.K - 1) {
                if (k == 1)
                    Rprev.setZero(n, m);
                else
                    Rprev = R;
            }
            R.noalias() = A.transpose() * Zb;
            Zb = D.array() * (R + GWb).array();  // D ⊙ V_{k+1}, V_{k+1} = R + ∂E/∂W
        }
        return static_cast<double>((R - Rprev).squaredNorm());
    });
    const double first = static_cast<double>(GW.squaredNorm());
    out->backward_iterations = options.K;
    out->backward_residual = first > 0 ? std::sqrt(lastStep / first) : 0.0;
    out->flops += gemmHidden * options.K;  // the linearization's product and K − 1 adjoint steps
}

// AID-CG: CG on M Mᵀ v = M ∂E/∂W with M v = v − Aᵀ(D ⊙ v) = (I − Jᵀ)v and Mᵀ u = u − D ⊙ (A u).
// CG runs on the whole batch as one system, so α and β need sums over all columns: each
// iteration is two fused passes over the blocks (products in cache, partial sums per block,
// added in block order): the first adds the last step's αp to V, forms p = r + βp, D ⊙ p, Mp,
// Ap = Mᵀ Mp and pᵀAp; the second updates r and sums ‖r‖².
template <typename Scalar>
void adjointConjugateGradient(const Mat<Scalar>& A, const Mat<Scalar>& GW,
                              const HypergradOptions& options, double gemmHidden,
                              HypergradWorkspace<Scalar>& ws, HypergradResult<Scalar>* out) {
    const Index n = A.rows(), N = GW.cols();
    const Mat<Scalar>& D = ws.S;
    Mat<Scalar>& V = ws.V;
    Mat<Scalar>& r = ws.R;
    Mat<Scalar>& p = ws.P;
    Mat<Scalar>& Ap = ws.Q;
    r.resize(n, N);
    p.resize(n, N);
    Ap.resize(n, N);
    V.setZero(n, N);
    // r = Mᵀ ∂E/∂W (the residual at V = 0), and p = r.
    double rr = sumFusedBlocks(n, N, [&](Index j, Index m) {
        auto rb = r.middleCols(j, m);
        rb.noalias() = A * GW.middleCols(j, m);
        rb = GW.middleCols(j, m).array() - D.middleCols(j, m).array() * rb.array();
        p.middleCols(j, m) = rb;
        return static_cast<double>(rb.squaredNorm());
    });
    out->flops += gemmHidden;
    const double rr0 = rr;
    out->backward_iterations = 0;
    Scalar alpha = 0, beta = 0;
    for (int k = 0; k < options.K && rr > 0; ++k) {
        out->backward_iterations = k + 1;
        // V += αp and p = r + βp (not on the first iteration), Mp = p − Aᵀ(D ⊙ p),
        // Ap = Mp − D ⊙ (A Mp).
        const double pAp = sumFusedBlocks(n, N, [&](Index j, Index m) {
            auto pb = p.middleCols(j, m);
            const auto Db = D.middleCols(j, m);
            if (k > 0) {
                V.middleCols(j, m) += alpha * pb;
                pb = r.middleCols(j, m) + beta * pb;
            }
            Mat<Scalar> Z = Db.array() * pb.array();
            Mat<Scalar> Mp(n, m);
            Mp.noalias() = A.transpose() * Z;
            Mp = pb - Mp;
            auto Apb = Ap.middleCols(j, m);
            Apb.noalias() = A * Mp;
            Apb = Mp.array() - Db.array() * Apb.array();
            return static_cast<double>((pb.array() * Apb.array()).sum());
        });
        out->flops += 2 * gemmHidden;
        if (!(pAp > 0)) {
            alpha = 0;  // converged to round-off, or a breakdown: V is final
            break;
        }
        alpha = static_cast<Scalar>(rr / pAp);
        // r −= αAp and ‖r‖² (V takes αp at the next pass).
        const double rrNew = sumFusedBlocks(n, N, [&](Index j, Index m) {
            r.middleCols(j, m) -= alpha * Ap.middleCols(j, m);
            return static_cast<double>(r.middleCols(j, m).squaredNorm());
        });
        beta = static_cast<Scalar>(rrNew / rr);
        rr = rrNew;
    }
    // √(rᵀr / r₀ᵀr₀); a breakdown (pᵀAp ≤ 0) before the residual fell leaves it large, so a
    // zero V is flagged, not returned silently.
    out->backward_residual = rr0 > 0 ? std::sqrt(rr / rr0) : 0.0;
    // The last step's αp.
    if (alpha != Scalar(0))
        forColumnBlocks(
            n, N, [&](Index j, Index m) { V.middleCols(j, m) += alpha * p.middleCols(j, m); });
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
    HypergradWorkspace<Scalar> local;
    HypergradResult<Scalar> out;
    hypergradientInto(params, X, targets, options, workspace ? workspace : &local, &out);
    return out;
}

template <typename Scalar>
void hypergradientInto(const ModelParams<Scalar>& params, const Mat<Scalar>& X,
                       const Targets<Scalar>& targets, const HypergradOptions& options,
                       HypergradWorkspace<Scalar>* workspace, HypergradResult<Scalar>* result) {
    EQUILAB_DISPATCH(hypergradientInto, params, X, targets, options, workspace, result);
    HypergradWorkspace<Scalar>& ws = *workspace;
    HypergradResult<Scalar>& out = *result;
    out.loss = out.accuracy = out.forward_residual = out.flops = 0;
    out.forward_iterations = out.backward_iterations = 0;
    out.backward_residual = -1;
    out.backward_converged = out.forward_converged = true;
    const Mat<Scalar>& A = params.A;
    const Index n = A.rows(), N = X.cols(), d = X.rows(), C = params.Wout.rows();
    const double gemmHidden = 2.0 * n * n * N;  // one A·W product

    ws.U.resize(n, N);
    ws.U.noalias() = params.B * X;
    forColumnBlocks(n, N, [&](Index j, Index m) { ws.U.middleCols(j, m).colwise() += params.c; });
    out.flops += 2.0 * n * d * N;

    switch (options.method) {
        case HypergradMethod::Exact:
            forwardExact(A, options, ws, &out);
            break;
        case HypergradMethod::Itd:
            forwardUnrolled(A, options, gemmHidden, ws, &out);
            break;
        case HypergradMethod::AidFp:
        case HypergradMethod::AidCg:
        case HypergradMethod::Neumann:
            forwardFixedSteps(A, options, gemmHidden, ws, &out);
            break;
        case HypergradMethod::Jfb:
            forwardFixedSteps(A, options, gemmHidden, ws, &out);
            jfbLift(A, gemmHidden, ws, &out);  // W_T in ws.P, out.W = φ(W_T)
            break;
        case HypergradMethod::Phantom:
            forwardFixedSteps(A, options, gemmHidden, ws, &out);
            phantomForward(A, options, gemmHidden, ws, &out);  // out.W = w_K
            break;
    }
    const Mat<Scalar>& W = out.W;

    // ---- readout ----
    ReadoutGradient<Scalar>& ro = ws.readout;
    readoutLossInto(params.Wout, params.bout, W, targets, true, &ro);
    out.loss = ro.loss;
    out.accuracy = ro.accuracy;
    out.grad.Wout = ro.dWout;
    out.grad.bout = ro.dbout;
    out.flops += 3 * 2.0 * C * n * N;
    const Mat<Scalar>& GW = ro.dW;

    if (options.method == HypergradMethod::Itd) {
        backwardUnrolled(A, X, GW, options, gemmHidden, ws, &out);
        out.backward_iterations = options.T;
        return;
    }
    if (options.method == HypergradMethod::Phantom) {
        phantomBackward(A, X, GW, options, gemmHidden, ws, &out);
        return;
    }
    if (options.method == HypergradMethod::Jfb) {
        // G = (1 − Z²) ⊙ ∂E/∂Z at Z = φ(W_T); the products use W_T (held constant).
        ws.Z = (Scalar(1) - W.array().square()) * GW.array();
        gradientsThroughPhi(ws.Z, ws.P, X, &out);
        out.flops += gemmHidden + 2.0 * n * d * N;
        return;
    }
    if (options.method == HypergradMethod::Neumann) {
        adjointNeumann(A, W, GW, options, gemmHidden, ws, &out);  // leaves G = D ⊙ V in Z
        out.backward_converged = out.backward_residual <= options.backward_tolerance;
        gradientsThroughPhi(ws.Z, W, X, &out);
        out.flops += gemmHidden + 2.0 * n * d * N;
        return;
    }
    if (options.method == HypergradMethod::AidFp) {
        adjointFixedPoint(A, W, GW, options, gemmHidden, ws, &out);  // leaves G = D ⊙ V in Z
    } else {
        linearization(A, W, options.method != HypergradMethod::Exact, gemmHidden, ws, &out);
        if (options.method == HypergradMethod::AidCg)
            adjointConjugateGradient(A, GW, options, gemmHidden, ws, &out);
        else
            adjointExact(A, GW, ws);
        ws.Z = ws.S.array() * ws.V.array();  // G = D ⊙ V
    }
    if (options.method == HypergradMethod::Exact) {
        out.backward_iterations = 1;
        out.backward_residual = 0;
    }
    out.backward_converged = out.backward_residual <= options.backward_tolerance;
    // Gradients through φ with G = D ⊙ V.
    gradientsThroughPhi(ws.Z, W, X, &out);
    out.flops += gemmHidden + 2.0 * n * d * N;
}

#define EQUILAB_INSTANTIATE(S)                                                                   \
    template HypergradResult<S> hypergradient(const ModelParams<S>&, const MatrixT<S>&,          \
                                              const Targets<S>&, const HypergradOptions&,        \
                                              HypergradWorkspace<S>*);                           \
    template void hypergradientInto(const ModelParams<S>&, const MatrixT<S>&, const Targets<S>&, \
                                    const HypergradOptions&, HypergradWorkspace<S>*,             \
                                    HypergradResult<S>*);
EQUILAB_INSTANTIATE(float)
EQUILAB_INSTANTIATE(double)
#undef EQUILAB_INSTANTIATE

}  // namespace equilab
