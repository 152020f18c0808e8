#include "app/cli/cli_reference.h"

#include <algorithm>

namespace equilab::cli {

ExactReference exactReference(const ModelParams<double>& params, const Matrix& X,
                              const Targets<double>& targets,
                              const std::function<void(Index, Index)>& progress) {
    HypergradOptions exact;
    exact.method = HypergradMethod::Exact;
    const Index N = X.cols();
    const Index block = std::max<Index>(1, (N + 49) / 50);
    ExactReference out;
    ModelParams<double>& sum = out.grad;
    for (Index j = 0; j < N; j += block) {
        const Index m = std::min(block, N - j);
        Targets<double> t;
        t.kind = targets.kind;
        if (targets.labels.size() == N) t.labels = targets.labels.segment(j, m);
        if (targets.values.cols() == N) t.values = targets.values.middleCols(j, m);
        const auto r = hypergradient(params, Matrix(X.middleCols(j, m)), t, exact);
        out.worst_residual = std::max(out.worst_residual, r.forward_residual);
        out.forward_iterations = std::max(out.forward_iterations, r.forward_iterations);
        const double w = static_cast<double>(m) / static_cast<double>(N);
        if (j == 0) {
            sum = {w * r.grad.A, w * r.grad.B, w * r.grad.c, w * r.grad.Wout, w * r.grad.bout};
        } else {
            sum.A += w * r.grad.A;
            sum.B += w * r.grad.B;
            sum.c += w * r.grad.c;
            sum.Wout += w * r.grad.Wout;
            sum.bout += w * r.grad.bout;
        }
        if (progress) progress(j + m, N);
    }
    return out;
}

}  // namespace equilab::cli
