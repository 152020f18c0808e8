// The cost of `evaluate` (core/analysis/dataset_convergence.h) with ρ(J) on every input: one dense
// eigensolve per input ("before", DatasetConvergenceOptions::dense_rho) against Arnoldi with a
// residual check ("after", core/analysis/jacobian_radius.h). Prints the median of 3 runs of each,
// the largest difference between the two ρ's, and how many inputs needed the dense fallback. Wall
// and CPU time (all threads; the machine may be shared), and last one TARGET line for issue #24:
// `evaluate` on the 2500 MNIST test digits with ρ(J) on all of them in ≤ 2 s.
//
//   equilab-evaluate-bench --model data/mnist-h200.npz [--data-dir data/mnist]   (MNIST test split)
//   equilab-evaluate-bench --synthetic                 (784 inputs, hidden 200, 2500 inputs)
#include <QCoreApplication>
#include <QElapsedTimer>

#include <time.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "core/analysis/dataset_convergence.h"
#include "core/data/data_spec.h"
#include "core/model/model.h"
#include "io/model_npz.h"

using namespace equilab;

namespace {

double median3(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

double cpuSeconds() {
    timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + 1e-9 * static_cast<double>(t.tv_nsec);
}

// A synthetic model shaped like the reference experiment: B with entries N(0, 1/784), c small,
// A with ‖A‖₂ = 0.99, a readout of 10 classes; 2500 inputs with pixel-like values in [0, 1].
void synthetic(ModelParams<double>* p, Dataset* data) {
    p->A = randomMatrixWithNorm(200, 0.99, 1);
    p->B = randomGaussian(200, 784, 1.0 / std::sqrt(784.0) * 3, 2);
    p->c = randomGaussian(200, 1, 0.1, 3).col(0);
    p->Wout = randomGaussian(10, 200, 0.1, 4);
    p->bout = Vector::Zero(10);
    const Matrix U = randomGaussian(784, 2500, 1.0, 5);
    data->X = (U.array() > 0.8).cast<double>().matrix();
    data->labels = IndexVector::Zero(2500);
    for (Index i = 0; i < 2500; ++i) data->labels(i) = i % 10;
    data->classes = 10;
}

}  // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QString model, dataDir = QStringLiteral("data/mnist");
    bool synth = false, afterOnly = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--model") && i + 1 < argc)
            model = argv[++i];
        else if (!std::strcmp(argv[i], "--data-dir") && i + 1 < argc)
            dataDir = argv[++i];
        else if (!std::strcmp(argv[i], "--synthetic"))
            synth = true;
        else if (!std::strcmp(argv[i], "--after-only"))
            afterOnly = true;
    }
    ModelParams<double> params;
    Dataset data;
    if (synth || model.isEmpty()) {
        synthetic(&params, &data);
        std::printf("synthetic model: 784 inputs, hidden 200, ‖A‖₂ = 0.99, 2500 inputs\n");
    } else {
        ModelFile file;
        QString error;
        if (!loadModelFile(model, {}, &file, &error)) {
            std::fprintf(stderr, "%s\n", qPrintable(error));
            return 1;
        }
        params = file.params;
        DataSpec spec;
        spec.dataset = "mnist";
        spec.data_dir = dataDir.toStdString();
        DatasetSplit split;
        std::string why;
        if (!loadTrainingData(spec, &split, &why)) {
            std::fprintf(stderr, "%s\n", why.c_str());
            return 1;
        }
        data = split.test;
        std::printf("model %s: hidden %lld, MNIST test split, %lld inputs\n", qPrintable(model),
                    static_cast<long long>(params.hidden()), static_cast<long long>(data.size()));
    }
    DatasetConvergenceOptions o;
    // The part without ρ(J): Picard on every input and the scores (ρ on one input).
    {
        o.rho_samples = 1;
        DatasetConvergence r;
        std::string error;
        std::vector<double> t3, c3;
        for (int run = 0; run < 3; ++run) {
            QElapsedTimer t;
            t.start();
            const double c0 = cpuSeconds();
            evaluateDataset(params, data, o, &r, &error);
            t3.push_back(t.nsecsElapsed() / 1e9);
            c3.push_back(cpuSeconds() - c0);
        }
        std::printf("Picard and scores only (ρ on 1 input): %.3f s (CPU %.3f s)\n", median3(t3),
                    median3(c3));
    }
    o.rho_samples = 0;
    DatasetConvergence before, after;
    std::vector<double> tb, ta, cb, ca;
    for (int run = 0; run < 3; ++run) {
        for (bool dense : {true, false}) {
            if (dense && afterOnly) continue;
            o.dense_rho = dense;
            DatasetConvergence r;
            std::string error;
            QElapsedTimer t;
            t.start();
            const double c0 = cpuSeconds();
            if (!evaluateDataset(params, data, o, &r, &error)) {
                std::fprintf(stderr, "%s\n", error.c_str());
                return 1;
            }
            (dense ? tb : ta).push_back(t.nsecsElapsed() / 1e9);
            (dense ? cb : ca).push_back(cpuSeconds() - c0);
            (dense ? before : after) = std::move(r);
        }
    }
    // The target line: evaluate with ρ(J) on every input, against 2 s.
    auto target = [&] {
        double load[1] = {0};
        getloadavg(load, 1);
        std::printf(
            "TARGET evaluate, %lld inputs, rho(J) at %lld: wall %.3f s (runs %.3f %.3f %.3f), "
            "CPU %.3f s, load average %.2f; target <= 2 s: %s\n",
            static_cast<long long>(after.samples), static_cast<long long>(after.rho_stats.count),
            median3(ta), ta[0], ta[1], ta[2], median3(ca), load[0],
            median3(ta) <= 2   ? "met"
            : median3(ca) <= 2 ? "met in CPU time (wall over: load)"
                               : "NOT met");
    };
    if (afterOnly) {
        std::printf(
            "after  (Arnoldi + residual check):   %.3f s (CPU %.3f s)  [runs %.3f %.3f %.3f]\n",
            median3(ta), median3(ca), ta[0], ta[1], ta[2]);
        std::printf("dense fallbacks: %lld; ρ(J) median %.4f\n",
                    static_cast<long long>(after.rho_dense_fallbacks), after.rho_stats.median);
        target();
        return 0;
    }
    double worst = 0;
    for (size_t i = 0; i < after.rho.size(); ++i)
        if (std::isfinite(before.rho[i]) || std::isfinite(after.rho[i]))
            worst = std::max(worst, std::abs(before.rho[i] - after.rho[i]));
    std::printf(
        "converged %lld of %lld; ρ(J) at %lld fixed points (median %.4f, max %.4f)\n",
        static_cast<long long>(after.converged_count), static_cast<long long>(after.samples),
        static_cast<long long>(after.rho_stats.count), after.rho_stats.median, after.rho_stats.max);
    std::printf("before (dense eigensolve per input): %.3f s (CPU %.3f s)  [runs %.3f %.3f %.3f]\n",
                median3(tb), median3(cb), tb[0], tb[1], tb[2]);
    std::printf("after  (Arnoldi + residual check):   %.3f s (CPU %.3f s)  [runs %.3f %.3f %.3f]\n",
                median3(ta), median3(ca), ta[0], ta[1], ta[2]);
    std::printf("max |ρ_after − ρ_before| = %.3g; dense fallbacks: %lld\n", worst,
                static_cast<long long>(after.rho_dense_fallbacks));
    target();
    return 0;
}
