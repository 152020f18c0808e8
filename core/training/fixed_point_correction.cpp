#include "core/training/fixed_point_correction.h"

#include <cmath>

namespace equilab {

bool FixedPointCorrectionOptions::IsValid(const HypergradOptions& hypergrad,
                                          std::string* error) const {
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    if (states < 0 || states > 100) return fail("fixed-point correction states must be 0 … 100");
    if (!(gamma > 0 && gamma <= 1)) return fail("fixed-point correction γ must be in (0, 1]");
    if (!enabled()) return true;
    if (hypergrad.method != HypergradMethod::Jfb && hypergrad.method != HypergradMethod::Phantom)
        return fail(
            "fixed-point correction takes each state's jfb or phantom gradient (method jfb or "
            "phantom)");
    if (hypergrad.forward_tolerance > 0)
        return fail("fixed-point correction samples the T fixed forward steps (--forward fixed)");
    if (states > hypergrad.T)
        return fail("fixed-point correction needs at most T = " + std::to_string(hypergrad.T) +
                    " states");
    return true;
}

std::vector<int> fixedPointCorrectionSteps(int T, int states) {
    std::vector<int> t;
    for (int i = 1; i <= states; ++i)
        t.push_back(static_cast<int>((static_cast<long long>(i) * T + states - 1) / states));
    return t;
}

template <typename Scalar>
double fixedPointCorrectionInto(const ModelParams<Scalar>& params, const MatrixT<Scalar>& X,
                                const Targets<Scalar>& targets, const HypergradOptions& options,
                                const FixedPointCorrectionOptions& correction,
                                HypergradWorkspace<Scalar>* workspace,
                                HypergradResult<Scalar>* scratch, HypergradResult<Scalar>* out) {
    const std::vector<int> steps = fixedPointCorrectionSteps(options.T, correction.states);
    const int N = static_cast<int>(steps.size());
    HypergradOptions piece = options;
    piece.continue_forward = true;
    workspace->warm.resize(0, 0);  // the first piece starts from zero
    double total = 0, flops = 0;
    int previous = 0;
    ModelParams<Scalar> sum;  // Σ_{i<N} γ^(N−i) ∂L_i/∂θ
    for (int i = 1; i <= N; ++i) {
        piece.T = steps[i - 1] - previous;
        previous = steps[i - 1];
        const double weight = std::pow(correction.gamma, N - i);
        HypergradResult<Scalar>* r = i == N ? out : scratch;
        hypergradientInto(params, X, targets, piece, workspace, r);
        total += weight * r->loss;
        flops += r->flops;
        if (i == N) break;
        const auto w = static_cast<Scalar>(weight);
        if (i == 1) {
            sum.A = w * r->grad.A;
            sum.B = w * r->grad.B;
            sum.c = w * r->grad.c;
            sum.Wout = w * r->grad.Wout;
            sum.bout = w * r->grad.bout;
        } else {
            sum.A += w * r->grad.A;
            sum.B += w * r->grad.B;
            sum.c += w * r->grad.c;
            sum.Wout += w * r->grad.Wout;
            sum.bout += w * r->grad.bout;
        }
    }
    if (N > 1) {  // the last state's weight is 1
        out->grad.A += sum.A;
        out->grad.B += sum.B;
        out->grad.c += sum.c;
        out->grad.Wout += sum.Wout;
        out->grad.bout += sum.bout;
    }
    out->forward_iterations = options.T;
    out->flops = flops;
    workspace->warm.resize(0, 0);
    return total;
}

template double fixedPointCorrectionInto(const ModelParams<float>&, const MatrixT<float>&,
                                         const Targets<float>&, const HypergradOptions&,
                                         const FixedPointCorrectionOptions&,
                                         HypergradWorkspace<float>*, HypergradResult<float>*,
                                         HypergradResult<float>*);
template double fixedPointCorrectionInto(const ModelParams<double>&, const MatrixT<double>&,
                                         const Targets<double>&, const HypergradOptions&,
                                         const FixedPointCorrectionOptions&,
                                         HypergradWorkspace<double>*, HypergradResult<double>*,
                                         HypergradResult<double>*);

}  // namespace equilab
