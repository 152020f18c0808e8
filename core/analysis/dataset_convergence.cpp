#include "core/analysis/dataset_convergence.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>

#include "core/analysis/jacobian_radius.h"
#include "core/model/model.h"
#include "core/solvers/batched.h"
#include "core/solvers/fixed_point_search.h"
#include "core/training/readout.h"

namespace equilab {
namespace {

bool fail(std::string* error, const std::string& m) {
    if (error) *error = m;
    return false;
}

// Per-sample Picard from zero: fills iterations, converged, residual and the returned iterates.
bool picardPerSample(const ModelParams<double>& p, const Matrix& X,
                     const DatasetConvergenceOptions& o, DatasetConvergence* out, Matrix* Wstar,
                     Matrix* Phi, const ProgressCallback& progress) {
    const Index n = p.hidden(), N = X.cols();
    const Matrix U = computeDrive<double>(p.B, p.c, X);
    *Wstar = Matrix::Zero(n, N);
    *Phi = Matrix::Zero(n, N);
    out->iterations.assign(static_cast<size_t>(N), o.max_iterations);
    out->converged.assign(static_cast<size_t>(N), 0);
    out->residual.assign(static_cast<size_t>(N), std::numeric_limits<double>::quiet_NaN());
    std::vector<Index> active(static_cast<size_t>(N));
    std::iota(active.begin(), active.end(), Index(0));
    Matrix W = Matrix::Zero(n, N), Ua = U, Z;
    // Step j computes w_j = φ(w_{j−1}); its length is r_{j−1}.
    for (int j = 1; j <= o.max_iterations + 1 && !active.empty(); ++j) {
        gemmProduct<double>(p.A, W, &Z);  // the CPU's kernel variant (batched.h)
        Z = (Z + Ua).array().tanh().matrix();
        std::vector<Index> keep;
        keep.reserve(active.size());
        for (Index a = 0; a < static_cast<Index>(active.size()); ++a) {
            const Index i = active[static_cast<size_t>(a)];
            const double r = (Z.col(a) - W.col(a)).norm();
            out->residual[static_cast<size_t>(i)] = r;
            const bool done = r <= o.tolerance;
            if (done || !std::isfinite(r) || j == o.max_iterations + 1) {
                out->iterations[static_cast<size_t>(i)] = done ? j - 1 : o.max_iterations;
                out->converged[static_cast<size_t>(i)] = done;
                Wstar->col(i) = W.col(a);  // w_k, the iterate the solver returns
                Phi->col(i) = Z.col(a);    // φ(w_k), for J = diag(1 − φ(w_k)²) A
            } else {
                keep.push_back(a);
            }
        }
        if (keep.size() != active.size()) {
            Matrix W2(n, static_cast<Index>(keep.size())), U2(n, static_cast<Index>(keep.size()));
            std::vector<Index> next(keep.size());
            for (size_t t = 0; t < keep.size(); ++t) {
                W2.col(static_cast<Index>(t)) = Z.col(keep[t]);
                U2.col(static_cast<Index>(t)) = Ua.col(keep[t]);
                next[t] = active[static_cast<size_t>(keep[t])];
            }
            W = std::move(W2);
            Ua = std::move(U2);
            active = std::move(next);
        } else {
            W.swap(Z);
        }
        if (progress && !progress(0.6 * (1.0 - static_cast<double>(active.size()) / N)))
            return false;
    }
    return true;
}

void score(const ModelParams<double>& p, const Matrix& W, const IndexVector& labels, int classes,
           double* loss, double* accuracy, IndexVector* predicted) {
    Targets<double> t;
    t.labels = labels;
    const auto ro = readoutLoss<double>(p.Wout, p.bout, W, t, false);
    *loss = ro.loss;
    *accuracy = ro.accuracy;
    *predicted = predictClasses<double>(p.Wout, p.bout, W);
    (void)classes;
}

// The fixed point of sample i that Picard did not reach, by the robust search `spectrum` uses
// (from the run's last iterate, w₀ = 0 and 0), and ρ(J) there; NaN when none is found.
double searchedRadius(const ModelParams<double>& p, const Vector& x, const Vector& last,
                      const DatasetConvergenceOptions& o) {
    Model m;
    m.A = p.A;
    m.B = p.B;
    m.c = p.c;
    SolverOptions so;
    so.tolerance = o.tolerance;
    so.max_iterations = o.max_iterations;
    so.record_iterates = false;
    SolverSummary run;
    run.method = SolverMethod::Picard;
    run.termination = Termination::MaxIterations;
    run.iterations = o.max_iterations;
    run.fixed_point = last;
    const FixedPointReport f =
        locateFixedPoint(m, x, Vector::Zero(p.hidden()), run, DynamicsSummary{}, so);
    return f.found ? f.rho_J : std::numeric_limits<double>::quiet_NaN();
}

// 0, …, m − 1 in an order whose every prefix is spread evenly over the range: k in the order of
// its bit-reversed binary digits (van der Corput).
std::vector<size_t> spreadOrder(size_t m) {
    int bits = 0;
    while ((size_t(1) << bits) < m) ++bits;
    std::vector<size_t> order;
    order.reserve(m);
    for (size_t k = 0; k < (size_t(1) << bits); ++k) {
        size_t rev = 0;
        for (int b = 0; b < bits; ++b) rev |= ((k >> b) & 1u) << (bits - 1 - b);
        if (rev < m) order.push_back(rev);
    }
    return order;
}

}  // namespace

const char* toString(RhoSource s) {
    switch (s) {
        case RhoSource::NotComputed:
            return "not_computed";
        case RhoSource::PicardFixedPoint:
            return "picard";
        case RhoSource::SearchedFixedPoint:
            return "search";
        case RhoSource::NoFixedPoint:
            return "not_found";
        case RhoSource::NotSearched:
            return "not_searched";
    }
    return "not_computed";
}

bool DatasetConvergenceOptions::IsValid(std::string* error) const {
    if (!(tolerance > 0 && tolerance <= 1e6)) return fail(error, "tolerance must be in (0, 1e6]");
    if (max_iterations < 1 || max_iterations > SolverLimits::kMaxIterations)
        return fail(error, "max_iterations must be between 1 and " +
                               std::to_string(SolverLimits::kMaxIterations));
    if (unrolled_T < 0 || unrolled_T > 100000) return fail(error, "T must be between 0 and 100000");
    if (rho_samples < 0) return fail(error, "rho_samples must be non-negative");
    if (fixed_point_searches < -1)
        return fail(error, "fixed_point_searches must be -1 (no limit) or non-negative");
    if (!(fixed_point_search_seconds >= 0 && fixed_point_search_seconds <= 1e6))
        return fail(error, "fixed_point_search_seconds must be in [0, 1e6]");
    if (slowest < 0 || slowest > 100000) return fail(error, "slowest must be between 0 and 100000");
    if (histogram_bins < 1 || histogram_bins > 1000)
        return fail(error, "histogram_bins must be between 1 and 1000");
    return true;
}

Percentiles percentiles(std::vector<double> v) {
    Percentiles s;
    s.count = static_cast<Index>(v.size());
    if (v.empty()) return s;
    std::sort(v.begin(), v.end());
    auto rank = [&v](double q) {
        const auto k = static_cast<size_t>(std::ceil(q * static_cast<double>(v.size())));
        return v[std::max<size_t>(k, 1) - 1];
    };
    s.min = v.front();
    s.max = v.back();
    s.median = rank(0.5);
    s.p90 = rank(0.9);
    s.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    return s;
}

Histogram histogram(const std::vector<double>& v, int bins, bool integers) {
    Histogram h;
    if (v.empty() || bins < 1) return h;
    const auto [lo_it, hi_it] = std::minmax_element(v.begin(), v.end());
    double lo = *lo_it, hi = *hi_it, width;
    if (integers) {
        width = std::ceil((hi - lo + 1) / bins);
        bins = static_cast<int>(std::ceil((hi - lo + 1) / width));
    } else {
        if (hi <= lo) hi = lo + 1e-12 * std::max(1.0, std::abs(lo)) + 1e-300;
        width = (hi - lo) / bins;
    }
    for (int b = 0; b <= bins; ++b) h.edges.push_back(lo + b * width);
    h.counts.assign(static_cast<size_t>(bins), 0);
    for (double x : v) {
        auto b = static_cast<Index>(std::floor((x - lo) / width));
        b = std::clamp<Index>(b, 0, bins - 1);
        ++h.counts[static_cast<size_t>(b)];
    }
    return h;
}

bool evaluateDataset(const ModelParams<double>& p, const Dataset& data,
                     const DatasetConvergenceOptions& o, DatasetConvergence* out,
                     std::string* error, const ProgressCallback& progress) {
    if (!o.IsValid(error)) return false;
    const Index N = data.size(), k = p.Wout.rows();
    if (k < 1 || p.bout.size() != k || p.Wout.cols() != p.hidden())
        return fail(error, "the model has no readout (W_out, b_out): accuracy needs one");
    if (data.features() != p.B.cols())
        return fail(error, "the dataset has " + std::to_string(data.features()) +
                               " features but the model's B expects " + std::to_string(p.B.cols()));
    if (N == 0) return fail(error, "the dataset is empty");
    for (Index i = 0; i < N; ++i)
        if (data.labels(i) < 0 || data.labels(i) >= k)
            return fail(error, "sample " + std::to_string(i) + " has label " +
                                   std::to_string(data.labels(i)) + " but the readout has only " +
                                   std::to_string(k) + " classes");
    DatasetConvergence r;
    r.samples = N;
    r.classes = static_cast<int>(k);
    r.tolerance = o.tolerance;
    r.max_iterations = o.max_iterations;
    Matrix Wstar, Phi;
    if (!picardPerSample(p, data.X, o, &r, &Wstar, &Phi, progress)) return fail(error, "stopped");
    score(p, Wstar, data.labels, r.classes, &r.loss, &r.accuracy, &r.predicted);
    std::vector<Index> convergedIdx;
    for (Index i = 0; i < N; ++i)
        if (r.converged[static_cast<size_t>(i)]) convergedIdx.push_back(i);
    r.converged_count = static_cast<Index>(convergedIdx.size());
    if (!convergedIdx.empty()) {
        Matrix Wc(p.hidden(), r.converged_count);
        IndexVector labels(r.converged_count);
        for (Index t = 0; t < r.converged_count; ++t) {
            Wc.col(t) = Wstar.col(convergedIdx[static_cast<size_t>(t)]);
            labels(t) = data.labels(convergedIdx[static_cast<size_t>(t)]);
        }
        IndexVector unused;
        score(p, Wc, labels, r.classes, &r.loss_converged, &r.accuracy_converged, &unused);
    }
    if (o.unrolled_T > 0) {
        auto unrolled = [&](auto zero) {
            using S = decltype(zero);
            BatchSolveOptions<S> fo;
            fo.max_iterations = o.unrolled_T;
            fo.fixed_iterations = true;
            const ModelParams<S> q = p.template cast<S>();
            const MatrixT<S> X = data.X.cast<S>();
            const auto fr = solveBatch<S>(q.A, computeDrive<S>(q.B, q.c, X), fo);
            Targets<S> t;
            t.labels = data.labels;
            const auto ro = readoutLoss<S>(q.Wout, q.bout, fr.W, t, false);
            r.loss_at_T = ro.loss;
            r.accuracy_at_T = ro.accuracy;
            r.predicted_at_T = predictClasses<S>(q.Wout, q.bout, fr.W);
        };
        if (o.unrolled_float32)
            unrolled(0.0f);
        else
            unrolled(0.0);
    }
    r.class_count.assign(static_cast<size_t>(k), 0);
    std::vector<Index> correct(static_cast<size_t>(k), 0);
    for (Index i = 0; i < N; ++i) {
        ++r.class_count[static_cast<size_t>(data.labels(i))];
        correct[static_cast<size_t>(data.labels(i))] += r.predicted(i) == data.labels(i);
    }
    for (Index c = 0; c < k; ++c)
        r.class_accuracy.push_back(r.class_count[static_cast<size_t>(c)]
                                       ? static_cast<double>(correct[static_cast<size_t>(c)]) /
                                             r.class_count[static_cast<size_t>(c)]
                                       : -1.0);
    // Iteration statistics and the slowest samples.
    std::vector<double> its;
    Index notConverged = 0;
    for (Index i = 0; i < N; ++i) {
        if (r.converged[static_cast<size_t>(i)])
            its.push_back(r.iterations[static_cast<size_t>(i)]);
        else
            ++notConverged;
    }
    r.iteration_stats = percentiles(its);
    r.iteration_histogram = histogram(its, o.histogram_bins, true);
    r.not_converged_fraction = static_cast<double>(notConverged) / N;
    std::vector<Index> order(static_cast<size_t>(N));
    std::iota(order.begin(), order.end(), Index(0));
    auto slowness = [&r](Index i) {
        const auto s = static_cast<size_t>(i);
        return std::make_pair(r.converged[s] ? 0 : 1, r.iterations[s]);
    };
    std::stable_sort(order.begin(), order.end(),
                     [&](Index a, Index b) { return slowness(a) > slowness(b); });
    r.slowest.assign(order.begin(), order.begin() + std::min<Index>(o.slowest, N));
    // ρ(J) on an evenly spaced subset plus the slowest samples, only at verified fixed points.
    r.rho.assign(static_cast<size_t>(N), std::numeric_limits<double>::quiet_NaN());
    r.rho_source.assign(static_cast<size_t>(N), RhoSource::NotComputed);
    std::vector<Index> which;
    const Index m = o.rho_samples == 0 ? N : std::min<Index>(o.rho_samples, N);
    for (Index t = 0; t < m; ++t) which.push_back(t * N / m);
    which.insert(which.end(), r.slowest.begin(), r.slowest.end());
    std::sort(which.begin(), which.end());
    which.erase(std::unique(which.begin(), which.end()), which.end());
    // ρ at Picard's fixed points: every converged sample of the subset, Arnoldi per sample.
    std::vector<Index> converged, unconverged;
    for (Index i : which)
        (r.converged[static_cast<size_t>(i)] ? converged : unconverged).push_back(i);
    const Matrix& A = p.A;
    const double total = static_cast<double>(which.size());
    constexpr Index kChunk = 64;
    std::vector<char> fallback(static_cast<size_t>(N), 0);
    for (Index start = 0; start < static_cast<Index>(converged.size()); start += kChunk) {
        const Index end = std::min<Index>(start + kChunk, static_cast<Index>(converged.size()));
#ifdef _OPENMP
#pragma omp parallel
#endif
        {
            JacobianRadiusWorkspace ws;
#ifdef _OPENMP
#pragma omp for schedule(dynamic)
#endif
            for (Index t = start; t < end; ++t) {
                const Index i = converged[static_cast<size_t>(t)];
                const auto si = static_cast<size_t>(i);
                const Vector d = (1.0 - Phi.col(i).array().square()).matrix();
                r.rho_source[si] = RhoSource::PicardFixedPoint;
                if (o.dense_rho) {
                    r.rho[si] = denseJacobianSpectralRadius(A, d);
                } else {
                    const JacobianRadius jr = jacobianRadius(A, d, {}, &ws);
                    r.rho[si] = jr.ok() ? jr.rho : std::numeric_limits<double>::quiet_NaN();
                    fallback[si] = jr.method == JacobianRadiusMethod::Dense && A.rows() >= 32;
                }
            }
        }
        if (progress && !progress(0.6 + 0.4 * static_cast<double>(end) / total))
            return fail(error, "stopped");
    }
    // The unconverged samples: searched in spread order within the count and time budgets.
    r.search_candidates = static_cast<Index>(unconverged.size());
    for (Index i : unconverged) r.rho_source[static_cast<size_t>(i)] = RhoSource::NotSearched;
    const std::vector<size_t> searchOrder = spreadOrder(unconverged.size());
    const size_t allowed =
        o.fixed_point_searches < 0
            ? searchOrder.size()
            : std::min(searchOrder.size(), static_cast<size_t>(o.fixed_point_searches));
    const auto began = std::chrono::steady_clock::now();
    auto elapsed = [&began] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - began).count();
    };
    auto overBudget = [&] {
        return o.fixed_point_search_seconds > 0 && elapsed() > o.fixed_point_search_seconds;
    };
    constexpr size_t kSearchChunk = 8;
    for (size_t start = 0; start < allowed && !overBudget(); start += kSearchChunk) {
        const size_t end = std::min(start + kSearchChunk, allowed);
#ifdef _OPENMP
#pragma omp parallel for schedule(dynamic)
#endif
        for (size_t t = start; t < end; ++t) {
            if (overBudget()) continue;  // a search already started finishes
            const Index i = unconverged[searchOrder[t]];
            const auto si = static_cast<size_t>(i);
            r.rho[si] = searchedRadius(p, data.X.col(i), Wstar.col(i), o);
            r.rho_source[si] =
                std::isfinite(r.rho[si]) ? RhoSource::SearchedFixedPoint : RhoSource::NoFixedPoint;
        }
        if (progress &&
            !progress(0.6 + 0.4 * (static_cast<double>(converged.size()) + end) / total))
            return fail(error, "stopped");
    }
    r.search_seconds = elapsed();
    for (size_t t = 0; t < allowed; ++t)
        if (r.rho_source[static_cast<size_t>(unconverged[searchOrder[t]])] ==
            RhoSource::NotSearched)
            r.search_budget_exhausted = true;
    for (Index i = 0; i < N; ++i) {
        const auto si = static_cast<size_t>(i);
        r.rho_at_picard += r.rho_source[si] == RhoSource::PicardFixedPoint;
        r.rho_at_search += r.rho_source[si] == RhoSource::SearchedFixedPoint;
        r.rho_not_found += r.rho_source[si] == RhoSource::NoFixedPoint;
        r.rho_not_searched += r.rho_source[si] == RhoSource::NotSearched;
        r.rho_dense_fallbacks += fallback[si];
    }
    std::vector<double> rhos;
    for (double x : r.rho)
        if (std::isfinite(x)) rhos.push_back(x);
    r.rho_stats = percentiles(rhos);
    r.rho_histogram = histogram(rhos, o.histogram_bins, false);
    *out = std::move(r);
    return true;
}

}  // namespace equilab
