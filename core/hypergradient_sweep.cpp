#include "core/hypergradient_sweep.h"

#include "core/model.h"

namespace equilab {

HypergradSweep hypergradientSweep(const ModelParams<double>& params, const Matrix& X,
                                  const Targets<double>& targets, int max_iterations,
                                  const std::function<bool()>& cancel) {
    HypergradSweep s;
    s.contraction_bound = spectralNorm(params.A);
    HypergradOptions exact;
    exact.method = HypergradMethod::Exact;
    HypergradWorkspace<double> ws;
    const auto ref = hypergradient(params, X, targets, exact, &ws);
    s.reference_residual = ref.forward_residual;
    s.reference_iterations = ref.forward_iterations;
    s.reference_converged = ref.forward_residual <= exact.exact_tolerance;
    for (int k = 1; k <= max_iterations; ++k) {
        if (cancel && cancel()) return s;
        s.iterations.push_back(k);
        for (auto m : {HypergradMethod::Itd, HypergradMethod::AidFp, HypergradMethod::AidCg}) {
            HypergradOptions o;
            o.method = m;
            o.T = o.K = k;
            const double e =
                relativeError(hypergradient(params, X, targets, o, &ws).grad, ref.grad);
            (m == HypergradMethod::Itd     ? s.itd
             : m == HypergradMethod::AidFp ? s.aid_fp
                                           : s.aid_cg)
                .push_back(e);
        }
    }
    s.complete = true;
    return s;
}

}  // namespace equilab
