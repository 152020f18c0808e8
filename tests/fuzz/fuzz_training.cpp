// libFuzzer target, structure-aware: the bytes choose a small dataset split (sizes, feature
// counts per split, labels that may be out of range, regression targets, odd values) and the
// training settings; validateSplit must accept exactly what Trainer::init accepts, and what is
// accepted must train a few steps, evaluate, predict and solve one fixed point without a fault
// (ASan/UBSan watch every index of the GEMMs and the readout).
#include <fuzzer/FuzzedDataProvider.h>

#include <cmath>
#include <cstdlib>
#include <limits>

#include "dataset.h"
#include "solver.h"
#include "trainer.h"

using namespace equilab;

namespace {

double value(FuzzedDataProvider& in) {
    switch (in.ConsumeIntegralInRange<int>(0, 15)) {
        case 0:
            return std::numeric_limits<double>::quiet_NaN();
        case 1:
            return std::numeric_limits<double>::infinity();
        case 2:
            return 1e300;
        case 3:
            return 1e-310;
        default:
            return in.ConsumeFloatingPointInRange<double>(-4.0, 4.0);
    }
}

Dataset makeSplit(FuzzedDataProvider& in, Index d, int classes, bool regression, int maxN) {
    Dataset s;
    const Index N = in.ConsumeIntegralInRange<int>(0, maxN);
    const Index dd =
        in.ConsumeIntegralInRange<int>(0, 7) == 0 ? in.ConsumeIntegralInRange<int>(0, 6) : d;
    s.X.resize(dd, N);
    for (Index i = 0; i < s.X.size(); ++i)
        s.X.data()[i] = in.ConsumeIntegralInRange<int>(0, 20) == 0
                            ? value(in)
                            : in.ConsumeFloatingPointInRange<double>(-3.0, 3.0);
    s.labels.resize(
        in.ConsumeIntegralInRange<int>(0, 20) == 0 ? in.ConsumeIntegralInRange<int>(0, maxN) : N);
    for (Index i = 0; i < s.labels.size(); ++i)
        s.labels(i) = in.ConsumeIntegralInRange<int>(0, 30) == 0
                          ? in.ConsumeIntegralInRange<int>(-3, 300)
                          : in.ConsumeIntegralInRange<int>(0, std::max(0, classes - 1));
    s.classes = classes;
    s.regression = regression;
    if (regression) {
        const Index k =
            in.ConsumeIntegralInRange<int>(0, 10) == 0 ? in.ConsumeIntegralInRange<int>(0, 3) : 1;
        s.targets.resize(k, in.ConsumeIntegralInRange<int>(0, 20) == 0
                                ? in.ConsumeIntegralInRange<int>(0, maxN)
                                : N);
        for (Index i = 0; i < s.targets.size(); ++i)
            s.targets.data()[i] = in.ConsumeFloatingPointInRange<double>(-2, 2);
    }
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    FuzzedDataProvider in(data, size);
    const Index d = in.ConsumeIntegralInRange<int>(0, 6);
    const int classes = in.ConsumeIntegralInRange<int>(0, 5);
    const bool regression = in.ConsumeIntegralInRange<int>(0, 5) == 0;
    DatasetSplit split;
    split.train = makeSplit(in, d, classes, regression, 24);
    split.validation = makeSplit(in, d, classes, regression, 8);
    split.test = makeSplit(in, d, classes, regression, 8);

    TrainerOptions o;
    o.hidden = in.ConsumeIntegralInRange<int>(1, 6);
    o.steps = in.ConsumeIntegralInRange<int>(0, 3);
    o.hypergrad.method = static_cast<HypergradMethod>(in.ConsumeIntegralInRange<int>(0, 2));
    o.hypergrad.T = in.ConsumeIntegralInRange<int>(1, 6);
    o.hypergrad.K = in.ConsumeIntegralInRange<int>(1, 6);
    o.parametrization.kind = static_cast<ParametrizationKind>(in.ConsumeIntegralInRange<int>(0, 4));
    o.parametrization.radius = in.ConsumeFloatingPointInRange<double>(0.1, 1.5);
    o.parametrization.reflections = in.ConsumeIntegralInRange<int>(0, 8);
    o.batch_size = in.ConsumeIntegralInRange<int>(0, 30);
    o.init_scale = in.ConsumeFloatingPointInRange<double>(0.0, 3.0);
    o.optimizer.kind = in.ConsumeBool() ? OptimizerKind::Adam : OptimizerKind::Sgd;
    o.optimizer.learning_rate = in.ConsumeFloatingPointInRange<double>(1e-4, 5.0);
    o.seed = in.ConsumeIntegral<uint8_t>();
    o.record_norm = in.ConsumeBool();

    std::string why, initWhy;
    const bool valid = validateSplit(split, &why);
    if (!valid && why.empty()) std::abort();
    Trainer<double> trainer;
    const bool started = trainer.init(o, split, &initWhy);
    if (valid != started && o.IsValid(nullptr))
        std::abort();  // the trainer checks exactly the same
    if (!started) return 0;
    const TrainingSummary s = trainer.run();
    if (s.status == TrainStatus::Running) std::abort();
    (void)trainer.evaluate(split.validation);
    const IndexVector predicted = trainer.predict(split.test.X);
    for (Index i = 0; i < predicted.size(); ++i)
        if (predicted(i) < 0 || predicted(i) >= trainer.params().Wout.rows()) std::abort();
    // One solve of the trained model for the first training sample.
    Model m{trainer.params().A, trainer.params().B, trainer.params().c};
    if (!m.IsValid(nullptr)) return 0;
    SolverOptions so;
    so.method = static_cast<SolverMethod>(in.ConsumeIntegralInRange<int>(0, 4));
    so.max_iterations = 50;
    so.record_iterates = false;
    const Vector x = split.train.X.col(0);
    const SolverSummary r = solveFixedPoint(m, x, Vector::Zero(m.hiddenDim()), so);
    (void)r;
    return 0;
}
