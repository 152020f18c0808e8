#include "tests/fuzz/training_case.h"

#include <algorithm>
#include <limits>

#include "core/data/dataset.h"
#include "core/solvers/solver.h"
#include "core/training/trainer.h"
#include "tests/fuzz/fuzz_bytes.h"

namespace equilab::fuzz {
namespace {

double oddValue(FuzzBytes& in) {
    switch (in.range(0, 7)) {
        case 0:
            return std::numeric_limits<double>::quiet_NaN();
        case 1:
            return std::numeric_limits<double>::infinity();
        case 2:
            return 1e300;  // finite in double, not in float
        case 3:
            return 1e-310;  // a denormal
        default:
            return in.real(-4.0, 4.0);
    }
}

// One split: N samples (0..maxN); usually d features, sometimes another count; labels usually in
// [0, classes), sometimes anything in [−3, 300]; sometimes fewer labels or targets than samples.
Dataset makeSplit(FuzzBytes& in, Index d, int classes, bool regression, int maxN) {
    Dataset s;
    const Index N = in.range(0, maxN);
    const Index features = in.range(0, 7) == 7 ? in.range(0, 6) : d;
    s.X.resize(features, N);
    for (Index i = 0; i < s.X.size(); ++i)
        s.X.data()[i] = in.range(0, 31) == 31 ? oddValue(in) : in.real(-3.0, 3.0);
    s.labels.resize(in.range(0, 15) == 15 ? in.range(0, maxN) : N);
    for (Index i = 0; i < s.labels.size(); ++i)
        s.labels(i) =
            in.range(0, 31) == 31 ? in.range(-3, 300) : in.range(0, std::max(0, classes - 1));
    s.classes = classes;
    s.regression = regression;
    if (regression) {
        const Index k = in.range(0, 7) == 7 ? in.range(0, 3) : 1;
        s.targets.resize(k, in.range(0, 15) == 15 ? in.range(0, maxN) : N);
        for (Index i = 0; i < s.targets.size(); ++i) s.targets.data()[i] = in.real(-2.0, 2.0);
    }
    return s;
}

TrainerOptions makeOptions(FuzzBytes& in) {
    TrainerOptions o;
    o.hidden = in.range(1, 6);
    o.steps = in.range(0, 3);
    o.hypergrad.method = static_cast<HypergradMethod>(in.range(0, 3));
    o.hypergrad.T = in.range(1, 6);
    o.hypergrad.K = in.range(1, 6);
    o.parametrization.kind = static_cast<ParametrizationKind>(in.range(0, 4));
    o.parametrization.radius = in.real(0.1, 1.5);
    o.parametrization.reflections = in.range(0, 8);
    o.batch_size = in.range(0, 30);
    o.init_scale = in.real(0.0, 3.0);
    o.optimizer.kind = in.flag() ? OptimizerKind::Adam : OptimizerKind::Sgd;
    o.optimizer.learning_rate = in.real(1e-4, 5.0);
    o.seed = in.range(0, 255);
    o.record_norm = in.flag();
    o.eval_every = in.range(0, 2);
    return o;
}

// Trains (when init accepts) and checks the results; "" or the broken contract.
template <typename Scalar>
std::string train(FuzzBytes& in, const TrainerOptions& o, const DatasetSplit& split, bool valid,
                  TrainingCaseResult* out) {
    Trainer<Scalar> trainer;
    std::string why;
    const bool started = trainer.init(o, split, &why);
    if (o.IsValid(nullptr) && started != valid)
        return started ? "Trainer::init accepted a split validateSplit refused"
                       : "Trainer::init refused a split validateSplit accepted: " + why;
    if (!started) {
        out->refusal = why;
        return why.empty() ? "Trainer::init refused without a message" : "";
    }
    out->trained = true;
    const TrainingSummary s = trainer.run();
    if (s.status == TrainStatus::Running) return "training ended in the Running state";
    (void)trainer.evaluate(split.validation);
    const IndexVector predicted = trainer.predict(split.test.X);
    if (predicted.size() != split.test.X.cols()) return "predict returned the wrong count";
    for (Index i = 0; i < predicted.size(); ++i)
        if (predicted(i) < 0 || predicted(i) >= trainer.params().Wout.rows())
            return "predict returned a class outside the readout";
    // One solve of the trained model (in double) for the first training sample.
    const Model m{trainer.params().A.template cast<double>(),
                  trainer.params().B.template cast<double>(),
                  trainer.params().c.template cast<double>()};
    if (!m.IsValid(nullptr) || split.train.X.cols() == 0) return "";
    SolverOptions so;
    so.method = static_cast<SolverMethod>(in.range(0, 4));
    so.max_iterations = 50;
    so.record_iterates = false;
    const SolverSummary r =
        solveFixedPoint(m, split.train.X.col(0), Vector::Zero(m.hiddenDim()), so);
    if (r.fixed_point.size() != m.hiddenDim())
        return "the solve returned a state of the wrong size";
    return "";
}

}  // namespace

TrainingCaseResult runTrainingCase(const uint8_t* data, size_t size) {
    FuzzBytes in(data, size);
    const Index d = in.range(0, 6);
    const int classes = in.range(0, 5);
    const bool regression = in.range(0, 5) == 5;
    const bool single = in.range(0, 3) == 3;  // float32 training
    DatasetSplit split;
    split.train = makeSplit(in, d, classes, regression, 24);
    split.validation = makeSplit(in, d, classes, regression, 8);
    split.test = makeSplit(in, d, classes, regression, 8);
    const TrainerOptions o = makeOptions(in);

    TrainingCaseResult result;
    std::string why;
    const bool valid = validateSplit(split, &why);
    if (!valid && why.empty())
        result.fault = "validateSplit refused without a message";
    else if (single)
        result.fault = train<float>(in, o, split, valid, &result);
    else
        result.fault = train<double>(in, o, split, valid, &result);
    if (!valid && result.refusal.empty()) result.refusal = why;
    return result;
}

}  // namespace equilab::fuzz
