// equilab-bench: the reference experiment's shapes (5000 samples, input 784, hidden 200,
// 10 classes, T = K = 20), timed: the forward solve, one full training step per hypergradient
// method (forward, hypergradient, optimizer, projection), the GEMM rate of this machine on the
// same shapes, the GFLOP each step must do, and peak memory. With --json it prints one object
// whose keys match shared/bench/torch_reference.py where they overlap.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/data/data_spec.h"
#include "core/internal/kernels.h"
#include "core/model/model.h"
#include "core/solvers/batched.h"
#include "core/training/trainer.h"

#ifdef _OPENMP
#include <omp.h>
#endif

using namespace equilab;

namespace {

struct Options {
    std::string dtype = "float32";
    int repeats = 10;
    int threads = 2;
    int train_steps = 0;
    int hidden = 200, T = 20, K = 20;
    std::string data = "data/mnist";
    bool synthetic = false;
    bool json = false;
    bool steps_only = false;  // --steps-only: the training steps alone (for a profiler)
    std::vector<std::string> modes = {"itd", "aid-fp", "aid-cg"};
};

double nowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0.0 : v[v.size() / 2];
}

// Median and minimum time of fn; with a probe, it also runs right before every repetition and
// its times are appended to *probeMs (so a rate is measured under the same machine conditions).
std::pair<double, double> medianMs(const std::function<void()>& fn, int repeats, int warmup = 2,
                                   const std::function<void()>& probe = {},
                                   std::vector<double>* probeMs = nullptr) {
    for (int i = 0; i < warmup; ++i) fn();
    std::vector<double> t;
    for (int i = 0; i < repeats; ++i) {
        if (probe) {
            // The fastest of three back-to-back products: the rate the machine can give now
            // (a single cold product under-measures it).
            double best = 1e300;
            for (int k = 0; k < 3; ++k) {
                const double p0 = nowMs();
                probe();
                best = std::min(best, nowMs() - p0);
            }
            probeMs->push_back(best);
        }
        const double t0 = nowMs();
        fn();
        t.push_back(nowMs() - t0);
    }
    std::sort(t.begin(), t.end());
    return {t[t.size() / 2], t.front()};
}

double peakRssMb() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss / 1024.0;
}

// The high-water mark of this process's resident memory since the last reset (Linux: writing
// 5 to /proc/self/clear_refs resets VmHWM), in MB; falls back to the lifetime peak.
void resetPeakRss() {
    if (FILE* f = std::fopen("/proc/self/clear_refs", "w")) {
        std::fputs("5", f);
        std::fclose(f);
    }
}

double currentPeakRssMb() {
    if (FILE* f = std::fopen("/proc/self/status", "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, f)) {
            long kb = 0;
            if (std::sscanf(line, "VmHWM: %ld kB", &kb) == 1) {
                std::fclose(f);
                return kb / 1024.0;
            }
        }
        std::fclose(f);
    }
    return peakRssMb();
}

[[noreturn]] void usage(const char* error) {
    if (error) std::fprintf(stderr, "equilab-bench: %s\n", error);
    std::fprintf(
        error ? stderr : stdout,
        "usage: equilab-bench [--dtype float32|float64] [--repeats N] [--threads N]\n"
        "                     [--train-steps N] [--data DIR | --synthetic] [--modes a,b] [--json]\n"
        "                     [--steps-only]   (REPEATS steps per mode, nothing else: for perf)\n"
        "       equilab-bench --version\n");
    std::exit(error ? 2 : 0);
}

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> std::string {
            if (i + 1 >= argc) usage(("missing value for " + a).c_str());
            return argv[++i];
        };
        auto integer = [&](int lo, int hi) {
            const std::string v = value();
            char* end = nullptr;
            const long x = std::strtol(v.c_str(), &end, 10);
            if (*end || x < lo || x > hi)
                usage((a + ": expected an integer from " + std::to_string(lo) + " to " +
                       std::to_string(hi))
                          .c_str());
            return static_cast<int>(x);
        };
        if (a == "--dtype") {
            o.dtype = value();
            if (o.dtype != "float32" && o.dtype != "float64")
                usage("--dtype: expected float32 or float64");
        } else if (a == "--repeats")
            o.repeats = integer(1, 100000);
        else if (a == "--threads")
            o.threads = integer(1, 256);
        else if (a == "--train-steps")
            o.train_steps = integer(0, 10000000);
        else if (a == "--hidden")
            o.hidden = integer(1, 4096);
        else if (a == "--data")
            o.data = value();
        else if (a == "--synthetic")
            o.synthetic = true;
        else if (a == "--json")
            o.json = true;
        else if (a == "--steps-only")
            o.steps_only = true;
        else if (a == "--modes") {
            o.modes.clear();
            std::string v = value(), m;
            for (char ch : v + ",") {
                if (ch != ',') {
                    m += ch;
                    continue;
                }
                HypergradMethod hm;
                if (!parseHypergradMethod(m, &hm) || hm == HypergradMethod::Exact)
                    usage(("--modes: unknown mode " + m).c_str());
                o.modes.push_back(m);
                m.clear();
            }
        } else if (a == "--help" || a == "-h")
            usage(nullptr);
        else if (a == "--version") {
            std::printf("equilab-bench %s\n", EQUILAB_VERSION);
            std::exit(0);
        } else
            usage(("unknown option " + a).c_str());
    }
    return o;
}

// Seeded uniform data of the reference shapes (as the PyTorch reference's --synthetic).
Dataset synthetic(Index n, unsigned seed) {
    Dataset d;
    d.name = "synthetic";
    d.classes = 10;
    d.X = ((randomGaussian(784, n, 1.0, seed).array().tanh() + 1.0) * 0.5).matrix();
    d.labels.resize(n);
    for (Index i = 0; i < n; ++i) d.labels(i) = static_cast<int>((i * 7919 + seed) % 10);
    return d;
}

template <typename Scalar>
int run(const Options& o, DatasetSplit data, const std::string& source) {
    nlohmann::ordered_json report;
    report["dtype"] = o.dtype;
    report["threads"] = o.threads;
    report["kernels"] = kernels::activeIsa();  // the instruction-set variant that runs
    report["samples"] = static_cast<double>(data.train.size());
    report["hidden"] = o.hidden;
    report["T"] = o.T;
    report["K"] = o.K;
    report["data"] = source;
    const Index n = o.hidden, N = data.train.size();

    // GEMM rate on the hot product's shapes, (n×n)·(n×N): a probe run before every timed
    // repetition, so each section is compared with the rate the machine gave at that time.
    MatrixT<Scalar> probeA = randomGaussian(n, n, 1.0, 1).cast<Scalar>();
    MatrixT<Scalar> probeW = randomGaussian(n, N, 1.0, 2).cast<Scalar>();
    MatrixT<Scalar> probeZ(n, N);
    auto probe = [&] {
        gemmProduct<Scalar>(probeA, probeW, &probeZ);
    };  // same variant as the kernels
    const double probeGflop = 2.0 * n * n * N / 1e9;
    std::vector<double> allProbes;
    auto rateOf = [&](const std::vector<double>& ms) {
        allProbes.insert(allProbes.end(), ms.begin(), ms.end());
        return probeGflop / (median(ms) / 1e3);
    };
    TrainerOptions to;
    to.hidden = o.hidden;
    to.hypergrad.T = o.T;
    to.hypergrad.K = o.K;
    to.parametrization = {ParametrizationKind::SpectralBall, 0.99, 0};
    to.record_norm = false;
    to.eval_every = 0;
    std::string error;
    if (o.steps_only) {
        // Nothing but the training steps, so that a profile of the whole process is the steps'.
        for (const std::string& mode : o.modes) {
            parseHypergradMethod(mode, &to.hypergrad.method);
            Trainer<Scalar> t;
            if (!t.init(to, data, &error)) {
                std::fprintf(stderr, "equilab-bench: %s\n", error.c_str());
                return 2;
            }
            const double t0 = nowMs();
            for (int i = 0; i < o.repeats; ++i) t.step();
            std::fprintf(stderr, "%-7s %d steps, %.1f ms each\n", mode.c_str(), o.repeats,
                         (nowMs() - t0) / o.repeats);
        }
        return 0;
    }
    // Forward solve: U = B X + c once, then T Picard steps from zero.
    {
        Trainer<Scalar> t;
        if (!t.init(to, data, &error)) {
            std::fprintf(stderr, "equilab-bench: %s\n", error.c_str());
            return 2;
        }
        const MatrixT<Scalar> X = data.train.X.cast<Scalar>();
        const auto& p = t.params();
        BatchSolveOptions<Scalar> fo;
        fo.max_iterations = o.T;
        fo.fixed_iterations = true;
        std::vector<double> probes;
        const auto [ms, lo] =
            medianMs([&] { solveBatch<Scalar>(p.A, computeDrive<Scalar>(p.B, p.c, X), fo); },
                     o.repeats, 2, probe, &probes);
        const double gflop =
            (2.0 * n * data.train.features() * N + 2.0 * n * n * N * (o.T - 1)) / 1e9;
        report["forward_ms"] = ms;
        report["forward_min_ms"] = lo;
        report["forward_gflop"] = gflop;
        report["forward_fraction_of_gemm"] = gflop / (ms / 1e3) / rateOf(probes);
    }
    for (const std::string& mode : o.modes) {
        parseHypergradMethod(mode, &to.hypergrad.method);
        Trainer<Scalar> t;
        t.init(to, data, &error);
        double flops = 0;
        resetPeakRss();
        std::vector<double> probes;
        const auto [ms, lo] =
            medianMs([&] { flops = t.step().flops; }, o.repeats, 2, probe, &probes);
        const double stepPeak = currentPeakRssMb();
        const double rate = rateOf(probes);
        nlohmann::ordered_json m;
        m["step_ms"] = ms;
        m["step_min_ms"] = lo;
        m["gflop"] = flops / 1e9;
        m["gflops"] = flops / ms / 1e6;
        m["gemm_gflops_WA"] = rate;
        m["fraction_of_gemm"] = flops / ms / 1e6 / rate;
        m["step_peak_rss_mb"] = stepPeak;
        if (o.train_steps > 0) {
            Trainer<Scalar> fresh;
            fresh.init(to, data, &error);
            StepRecord last;
            for (int s = 0; s < o.train_steps; ++s) last = fresh.step();
            m["train_loss"] = last.train_loss;
            m["test_accuracy"] = fresh.summary().test_accuracy >= 0
                                     ? fresh.summary().test_accuracy
                                     : fresh.evaluate(data.test).second;
            m["steps"] = o.train_steps;
        }
        report["modes"][mode] = m;
        if (!o.json) std::fprintf(stderr, "%-7s step %8.1f ms (min %.1f)\n", mode.c_str(), ms, lo);
    }
    report["gemm_gflops_WA"] = probeGflop / (median(allProbes) / 1e3);
    report["peak_rss_mb"] = peakRssMb();
    // NaN and infinities print as null; strings are escaped.
    std::printf("%s\n", report.dump(o.json ? -1 : 1).c_str());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const Options o = parse(argc, argv);
#ifdef _OPENMP
    omp_set_num_threads(o.threads);
#endif
    Eigen::setNbThreads(o.threads);
    DatasetSplit data;
    std::string source = "synthetic";
    std::string error;
    if (!o.synthetic) {
        DataSpec spec;
        spec.dataset = "mnist";
        spec.data_dir = o.data;
        if (loadTrainingData(spec, &data, &error))
            source = o.data;
        else
            std::fprintf(stderr,
                         "equilab-bench: %s; using seeded synthetic data of the same shape\n",
                         error.c_str());
    }
    if (source == "synthetic") {
        data.train = synthetic(5000, 0);
        data.test = synthetic(2500, 1);
    }
    data.validation = Dataset{};  // not used; frees memory
    return o.dtype == "float32" ? run<float>(o, std::move(data), source)
                                : run<double>(o, std::move(data), source);
}
