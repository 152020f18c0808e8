#include "core/training/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>

#include "core/internal/kernels.h"
#include "core/internal/option_limits.h"
#include "core/model/model.h"
#include "core/solvers/batched.h"
#include "core/training/deq_statistics.h"

namespace equilab {
namespace {

double nowMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

template <typename Scalar>
MatrixT<Scalar> gaussian(Index r, Index c, double scale, unsigned seed) {
    return randomGaussian(r, c, scale, seed).cast<Scalar>();
}

}  // namespace

std::string toString(TrainStatus s) {
    switch (s) {
        case TrainStatus::Running:
            return "running";
        case TrainStatus::Finished:
            return "finished";
        case TrainStatus::Stopped:
            return "stopped";
        case TrainStatus::NonFinite:
            return "non_finite";
        case TrainStatus::InvalidInput:
            return "invalid_input";
    }
    return "running";
}

bool TrainerOptions::IsValid(std::string* error) const {
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    if (!hypergrad.IsValid(error) || !optimizer.IsValid(error) || !parametrization.IsValid(error))
        return false;
    // The exact method solves to 1e-14 (below float32's resolution: every float step would run to
    // its 100000-iteration cap, found by fuzz_training); it is a reference, in double only.
    if (!isTrainingMethod(hypergrad.method))
        return fail(
            "the exact hypergradient is a reference, not a training method (use itd, aid-fp, "
            "aid-cg, jfb, phantom or neumann)");
    using L = TrainingLimits;
    if (hidden < 1 || hidden > L::kMaxHidden)
        return fail("hidden size must be " + rangeText(1, L::kMaxHidden));
    if (steps < 0 || steps > L::kMaxSteps)
        return fail("steps must be " + rangeText(0, L::kMaxSteps));
    if (!(init_scale >= 0 && init_scale <= L::kMaxInitScale))
        return fail("init scale must be between 0 and " + std::to_string(int(L::kMaxInitScale)));
    if (batch_size < 0 || batch_size > L::kMaxBatchSize)
        return fail("batch size must be " + rangeText(0, L::kMaxBatchSize) + " (0: full batch)");
    if (!(jacobian.weight >= 0 && jacobian.weight <= 1e6))
        return fail("the Jacobian regularization weight must be between 0 and 1e6");
    if (jacobian.probes < 1 || jacobian.probes > 1000)
        return fail("Jacobian regularization probes must be " + rangeText(1, 1000));
    if (jacobian.every < 1 || jacobian.every > L::kMaxSteps)
        return fail("Jacobian regularization every must be " + rangeText(1, L::kMaxSteps));
    if (!fp_correction.IsValid(hypergrad, error)) return false;
    if (hypergrad.warm_start && batch_size > 0)
        return fail(
            "a warm start needs full-batch training (a mini-batch's columns change every step)");
    if (eval_every < 0 || eval_every > L::kMaxEvalEvery)
        return fail("eval_every must be " + rangeText(0, L::kMaxEvalEvery) + " (0: never)");
    return true;
}

template <typename Scalar>
bool Trainer<Scalar>::init(const TrainerOptions& options, const DatasetSplit& data,
                           std::string* error) {
    EQUILAB_DISPATCH(trainerInit, this, options, data, error);
    if (!options.IsValid(error)) return false;
    auto fail = [error](const std::string& m) {
        if (error) *error = m;
        return false;
    };
    // The whole split is checked here too: the GEMMs and the readout index by these sizes.
    std::string why;
    if (!validateSplit(data, &why)) return fail(why);
    options_ = options;
    // A monotone A's fixed point is found by its splitting solver (not Picard: ‖A‖₂ may be > 1).
    if (options.parametrization.kind == ParametrizationKind::Monotone)
        options_.hypergrad.monotone_m = options.parametrization.radius;
    const bool regression = data.train.regression;
    const Index n = options.hidden, d = data.train.features();
    const Index C = regression ? data.train.targets.rows() : data.train.classes;
    Xtrain_ = data.train.X.cast<Scalar>();
    Xval_ = data.validation.X.cast<Scalar>();
    Xtest_ = data.test.X.cast<Scalar>();
    yval_ = data.validation.labels;
    ytest_ = data.test.labels;
    targets_ = Targets<Scalar>{};
    targets_.kind = regression ? LossKind::SquaredError : LossKind::CrossEntropy;
    targets_.labels = data.train.labels;
    if (regression) {
        targets_.values = data.train.targets.cast<Scalar>();
        Yval_ = data.validation.targets.cast<Scalar>();
        Ytest_ = data.test.targets.cast<Scalar>();
    }
    const unsigned s = options.seed;
    const double init = options.init_scale;
    params_.A = gaussian<Scalar>(n, n, init, s + 1);
    params_.B = gaussian<Scalar>(n, d, init, s + 2);
    params_.c = gaussian<Scalar>(n, 1, init, s + 3);
    params_.Wout = gaussian<Scalar>(C, n, init, s + 4);
    params_.bout = VectorT<Scalar>::Zero(C);
    param_ = createParametrization(options.parametrization, n);
    if (!param_->isProjection())
        aParams_ = param_->random(s + 5, std::max(init, 1e-3)).template cast<Scalar>();
    applyParametrization();
    optimizer_ = std::make_unique<Optimizer<Scalar>>(options.optimizer);
    summary_ = TrainingSummary{};
    stepIndex_ = 0;
    order_.resize(static_cast<size_t>(data.train.size()));
    std::iota(order_.begin(), order_.end(), Index(0));
    cursor_ = 0;
    return true;
}

template <typename Scalar>
void Trainer<Scalar>::applyParametrization() {
    normA_ = -1;
    if (param_->isProjection()) {
        if (param_->kind() != ParametrizationKind::Free)
            params_.A = param_->projectAndNorm(params_.A.template cast<double>(), &normA_)
                            .template cast<Scalar>();
    } else {
        params_.A = param_->matrix(aParams_.template cast<double>()).template cast<Scalar>();
    }
}

template <typename Scalar>
void Trainer<Scalar>::setParams(const ModelParams<Scalar>& p) {
    params_ = p;
    if (!param_->isProjection())
        aParams_ = param_->fromMatrix(p.A.template cast<double>()).template cast<Scalar>();
    applyParametrization();
}

template <typename Scalar>
StepRecord Trainer<Scalar>::step() {
    EQUILAB_DISPATCH(trainerStep, this);
    const double t0 = nowMs();
    StepRecord rec;
    rec.step = ++stepIndex_;
    // The batch: the whole set, or the next slice of a seeded permutation.
    const MatrixT<Scalar>* X = &Xtrain_;
    const Targets<Scalar>* targets = &targets_;
    MatrixT<Scalar> Xb;
    Targets<Scalar> tb;
    const Index N = Xtrain_.cols();
    if (options_.batch_size > 0 && options_.batch_size < N) {
        if (cursor_ == 0) {
            std::mt19937_64 rng(options_.seed * 1000003ULL + static_cast<unsigned>(stepIndex_));
            std::shuffle(order_.begin(), order_.end(), rng);
        }
        const Index b = options_.batch_size;
        Xb.resize(Xtrain_.rows(), b);
        tb.kind = targets_.kind;
        tb.labels.resize(b);
        if (regression()) tb.values.resize(targets_.values.rows(), b);
        for (Index j = 0; j < b; ++j) {
            const Index col = order_[(cursor_ + static_cast<size_t>(j)) % order_.size()];
            Xb.col(j) = Xtrain_.col(col);
            tb.labels(j) = targets_.labels(col);
            if (regression()) tb.values.col(j) = targets_.values.col(col);
        }
        cursor_ = (cursor_ + static_cast<size_t>(b)) >= order_.size()
                      ? 0
                      : cursor_ + static_cast<size_t>(b);
        X = &Xb;
        targets = &tb;
    }

    if (options_.fp_correction.enabled())
        rec.fp_correction_loss = fixedPointCorrectionInto(params_, *X, *targets, options_.hypergrad,
                                                          options_.fp_correction, &workspace_,
                                                          &correctionScratch_, &result_);
    else
        hypergradientInto(params_, *X, *targets, options_.hypergrad, &workspace_, &result_);
    const HypergradResult<Scalar>& hg = result_;
    rec.train_loss = hg.loss;
    rec.train_accuracy = hg.accuracy;
    // ½·mean‖z − y‖² over samples, so the RMSE over samples and outputs is sqrt(2·loss / k).
    if (regression())
        rec.train_rmse = std::sqrt(2.0 * hg.loss / std::max<Index>(1, targets_.values.rows()));
    rec.forward_iterations = hg.forward_iterations;
    rec.forward_residual = hg.forward_residual;
    rec.forward_converged = hg.forward_converged;
    rec.backward_iterations = hg.backward_iterations;
    rec.backward_residual = hg.backward_residual;
    rec.backward_converged = hg.backward_converged;
    if (!hg.backward_converged) ++summary_.backward_unconverged;
    if (options_.record_radius) rec.rho_estimate = jacobianRadiusEstimate(params_.A, hg.W);
    rec.grad_norm = hg.grad.norm();
    rec.flops = hg.flops;
    if (!std::isfinite(hg.loss) || !std::isfinite(rec.grad_norm)) {
        summary_.status = TrainStatus::NonFinite;
        summary_.message = "stopped at step " + std::to_string(rec.step) + ": the " +
                           (std::isfinite(hg.loss) ? "hypergradient" : "loss") +
                           " is not finite; the last finite parameters are kept";
        rec.time_ms = nowMs() - t0;
        return rec;
    }
    // Jacobian regularization: its gradient joins the hypergradient's (A, B, c).
    const auto& jr = options_.jacobian;
    if (jr.weight > 0 && rec.step % jr.every == 0)
        rec.regularizer =
            jacobianRegularizerInto(params_.A, result_.W, workspace_.U, *X, jr.exact, jr.probes,
                                    options_.seed * 7919u + static_cast<unsigned>(rec.step),
                                    jr.weight, &result_.grad.A, &result_.grad.B, &result_.grad.c);
    backup_ = params_;  // into the same memory every step
    const VectorT<Scalar> backupA = aParams_;
    if (param_->isProjection()) {
        optimizer_->step(0, params_.A.data(), hg.grad.A.data(), params_.A.size());
    } else {
        const VectorT<Scalar> gp =
            param_->vjp(aParams_.template cast<double>(), hg.grad.A.template cast<double>())
                .template cast<Scalar>();
        optimizer_->step(0, aParams_.data(), gp.data(), aParams_.size());
    }
    optimizer_->step(1, params_.B.data(), hg.grad.B.data(), params_.B.size());
    optimizer_->step(2, params_.c.data(), hg.grad.c.data(), params_.c.size());
    optimizer_->step(3, params_.Wout.data(), hg.grad.Wout.data(), params_.Wout.size());
    optimizer_->step(4, params_.bout.data(), hg.grad.bout.data(), params_.bout.size());
    applyParametrization();
    if (!params_.allFinite()) {
        params_ = backup_;
        aParams_ = backupA;
        normA_ = -1;
        summary_.status = TrainStatus::NonFinite;
        summary_.message =
            "stopped at step " + std::to_string(rec.step) +
            ": the update produced non-finite parameters; the last finite ones are kept";
    }
    // ‖A‖₂: the spectral projections find it (in double, before A is stored in Scalar); the
    // other parametrizations need an SVD.
    if (options_.record_norm)
        rec.norm_A = normA_ >= 0 ? normA_ : spectralNorm(params_.A.template cast<double>());
    if (options_.eval_every > 0 && rec.step % options_.eval_every == 0 && Xval_.cols() > 0) {
        if (regression()) {
            const auto [loss, rmse] = evaluateRegression(Xval_, Yval_);
            rec.val_loss = loss;
            rec.val_rmse = rmse;
        } else {
            const auto [loss, acc] = evaluate(Xval_, yval_);
            rec.val_loss = loss;
            rec.val_accuracy = acc;
        }
    }
    rec.time_ms = nowMs() - t0;
    return rec;
}

template <typename Scalar>
std::pair<double, double> Trainer<Scalar>::evaluate(const Dataset& d) const {
    if (d.regression) return evaluateRegression(d.X.cast<Scalar>(), d.targets.cast<Scalar>());
    return evaluate(d.X.cast<Scalar>(), d.labels);
}

template <typename Scalar>
std::pair<double, double> Trainer<Scalar>::evaluateRegression(const MatrixT<Scalar>& X,
                                                              const MatrixT<Scalar>& Y) const {
    if (X.cols() == 0) return {0.0, 0.0};
    const MatrixT<Scalar> Z = scores(X);
    const double sq = (Z - Y).template cast<double>().squaredNorm();
    return {0.5 * sq / static_cast<double>(X.cols()),
            std::sqrt(sq / static_cast<double>(Z.size()))};
}

template <typename Scalar>
std::pair<double, double> Trainer<Scalar>::evaluate(const MatrixT<Scalar>& X,
                                                    const IndexVector& labels) const {
    if (X.cols() == 0) return {0.0, 0.0};
    Targets<Scalar> t;
    t.labels = labels;
    const auto ro = readoutLoss(params_.Wout, params_.bout, forward(X), t, false);
    return {ro.loss, ro.accuracy};
}

template <typename Scalar>
IndexVector Trainer<Scalar>::predict(const Matrix& Xd) const {
    return predictClasses(params_.Wout, params_.bout, forward(Xd.cast<Scalar>()));
}

template <typename Scalar>
MatrixT<Scalar> Trainer<Scalar>::forward(const MatrixT<Scalar>& X) const {
    const HypergradOptions& h = options_.hypergrad;
    if (h.monotone_m > 0) {
        MatrixT<Scalar> W;
        monotoneSplittingBatch<Scalar>(
            params_.A, computeDrive<Scalar>(params_.B, params_.c, X), h.monotone_m,
            h.forward_tolerance, h.forward_tolerance > 0 ? h.forward_max_iterations : h.T, &W);
        return W;
    }
    if (h.forward_tolerance > 0) {
        MatrixT<Scalar> W;
        solveForwardToTolerance<Scalar>(params_.A, computeDrive<Scalar>(params_.B, params_.c, X),
                                        h.forward_solver, h.forward_tolerance,
                                        h.forward_max_iterations, &W);
        return W;
    }
    BatchSolveOptions<Scalar> fo;
    fo.max_iterations = options_.hypergrad.T;
    fo.fixed_iterations = true;
    return solveBatch<Scalar>(params_.A, computeDrive<Scalar>(params_.B, params_.c, X), fo).W;
}

template <typename Scalar>
MatrixT<Scalar> Trainer<Scalar>::scores(const MatrixT<Scalar>& X) const {
    MatrixT<Scalar> Z = params_.Wout * forward(X);
    Z.colwise() += params_.bout;
    return Z;
}

template <typename Scalar>
void Trainer<Scalar>::finish() {
    if (summary_.status == TrainStatus::Running) {
        summary_.status = TrainStatus::Finished;
        summary_.message = "trained " + std::to_string(stepIndex_) + " steps";
    }
    if (Xtest_.cols() > 0 && regression()) {
        const auto [loss, rmse] = evaluateRegression(Xtest_, Ytest_);
        summary_.test_loss = loss;
        summary_.test_rmse = rmse;
    } else if (Xtest_.cols() > 0) {
        const auto [loss, acc] = evaluate(Xtest_, ytest_);
        summary_.test_loss = loss;
        summary_.test_accuracy = acc;
    }
}

template <typename Scalar>
TrainingSummary Trainer<Scalar>::run(const TrainingCallback& callback) {
    const double t0 = nowMs();
    while (stepIndex_ < options_.steps && summary_.status == TrainStatus::Running) {
        const StepRecord rec = step();
        summary_.history.push_back(rec);
        if (summary_.status != TrainStatus::Running) break;
        if (callback && callback(rec) == CallbackReturn::Abort) {
            summary_.status = TrainStatus::Stopped;
            summary_.message = "stopped by the user at step " + std::to_string(rec.step);
        }
    }
    finish();
    summary_.total_ms = nowMs() - t0;
    return summary_;
}

template class Trainer<float>;
template class Trainer<double>;

}  // namespace equilab
