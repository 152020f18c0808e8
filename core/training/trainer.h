// The bilevel trainer: min over γ = (A, B, c) and θ = (W_out, b_out) of the readout loss at
// the fixed points, one optimizer step per call of step(), hypergradients by the chosen method.
// After each step the parametrization keeps A contractive: projection kinds project A; the
// Householder kinds update their own parameters through the vector–Jacobian product.
// A non-finite loss or gradient stops training with a reason and the last finite parameters.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/data/dataset.h"
#include "core/model/parametrization.h"
#include "core/training/fixed_point_correction.h"
#include "core/training/hypergradient.h"
#include "core/training/optimizer.h"

namespace equilab {

struct TrainerOptions {
    HypergradOptions hypergrad;  // method, T, K
    OptimizerOptions optimizer;  // sgd lr 0.5 momentum 0.9 by default
    ParametrizationSpec parametrization{ParametrizationKind::SpectralBall, 0.99, 0};
    int hidden = 20;
    int steps = 100;
    double init_scale = 0.01;  // parameters ~ init_scale · N(0, 1), b_out = 0
    unsigned seed = 0;
    int batch_size = 0;         // 0: full batch
    int eval_every = 1;         // validation metrics every this many steps (0: never)
    bool record_norm = true;    // ‖A‖₂ per step (from the spectral projections, else an SVD)
    bool record_radius = true;  // the ρ(J) estimate per step (core/training/deq_statistics.h)
    // Jacobian regularization: weight·‖J‖_F² added to the loss every `every` steps, by
    // Hutchinson with `probes` probes per sample, or exactly (core/training/deq_statistics.h).
    struct JacobianRegularization {
        double weight = 0;  // 0: off
        int probes = 1;
        int every = 1;
        bool exact = false;
    } jacobian;
    // Fixed-point correction (core/training/fixed_point_correction.h): the jfb or phantom loss at N
    // states of the forward trajectory, weighted γ^(N−i); off when states = 0.
    FixedPointCorrectionOptions fp_correction;

    bool IsValid(std::string* error) const;
};

struct StepRecord {
    int step = 0;
    double train_loss = 0, train_accuracy = 0;
    double val_loss = -1, val_accuracy = -1;  // −1 when not evaluated this step
    double train_rmse = -1, val_rmse = -1;    // regression only: root mean squared error
    double grad_norm = 0;
    double norm_A = 0;
    int forward_iterations = 0;
    double forward_residual = 0;
    bool forward_converged = true;  // false: the forward tolerance (if any) was not reached
    int backward_iterations = 0;
    double backward_residual = -1;  // relative; −1: the method solves nothing (itd, jfb, phantom)
    bool backward_converged = true;  // false: the backward solve missed its tolerance
    double rho_estimate = -1;  // jacobianRadiusEstimate at the states the loss read (−1: off)
    double regularizer = -1;  // ‖J‖_F² (mean over the batch) when regularized this step, else −1
    // With fixed-point correction: its loss Σ γ^(N−i) L_i (train_loss stays the last state's).
    double fp_correction_loss = -1;
    double time_ms = 0;  // this step's wall time
    double flops = 0;    // of the hypergradient's products
};

enum class TrainStatus { Running, Finished, Stopped, NonFinite, InvalidInput };
std::string toString(TrainStatus s);

struct TrainingSummary {
    TrainStatus status = TrainStatus::Running;
    std::string message;
    std::vector<StepRecord> history;
    int backward_unconverged = 0;  // steps whose backward solve missed its tolerance
    double test_loss = -1, test_accuracy = -1;
    double test_rmse = -1;  // regression only
    double total_ms = 0;
};

using TrainingCallback = std::function<CallbackReturn(const StepRecord&)>;

template <typename Scalar>
class Trainer {
  public:
    // Initializes the parameters (seeded) for the data's dimensions. False on invalid options or
    // data, with *error naming the problem.
    bool init(const TrainerOptions& options, const DatasetSplit& data, std::string* error);
    // One optimizer step on the next batch.
    StepRecord step();
    // Runs options.steps steps (or until the callback aborts or a fault), then test metrics.
    TrainingSummary run(const TrainingCallback& callback = {});

    // Loss and accuracy on a dataset with the current parameters (T forward iterations); for a
    // regression dataset, loss and RMSE = sqrt(mean over samples and outputs of (z − y)²).
    std::pair<double, double> evaluate(const Dataset& d) const;
    std::pair<double, double> evaluate(const MatrixT<Scalar>& X, const IndexVector& labels) const;
    std::pair<double, double> evaluateRegression(const MatrixT<Scalar>& X,
                                                 const MatrixT<Scalar>& Y) const;
    bool regression() const { return targets_.kind == LossKind::SquaredError; }
    // Predicted classes for the columns of X (d×N).
    IndexVector predict(const Matrix& X) const;
    // The model's forward pass, the one every evaluation, prediction and the GUI's grids use:
    // W_T after T = options.hypergrad.T Picard steps W ← tanh(A W + B X + c·1ᵀ) from W = 0 (a
    // monotone parametrization: T steps of its splitting solver, monotoneSplittingBatch), for
    // the columns of X (d×N) — or, with a forward tolerance, its solver from W = 0 to that
    // tolerance; and the scores Wout·W_T + bout·1ᵀ.
    MatrixT<Scalar> forward(const MatrixT<Scalar>& X) const;
    MatrixT<Scalar> scores(const MatrixT<Scalar>& X) const;

    const ModelParams<Scalar>& params() const { return params_; }
    void setParams(const ModelParams<Scalar>& p);
    const TrainerOptions& options() const { return options_; }
    const TrainingSummary& summary() const { return summary_; }
    void finish();  // computes test metrics, marks Finished if still running

  private:
    void applyParametrization();
    TrainerOptions options_;
    // Only Scalar copies of the data are kept (the double DatasetSplit is not), to keep memory low.
    MatrixT<Scalar> Xtrain_, Xval_, Xtest_;
    IndexVector yval_, ytest_;
    MatrixT<Scalar> Yval_, Ytest_;  // regression targets
    Targets<Scalar> targets_;
    ModelParams<Scalar> params_;
    VectorT<Scalar> aParams_;  // Householder kinds: their parameters
    double normA_ = -1;        // ‖A‖₂ when the last projection found it (−1: not known)
    std::unique_ptr<Parametrization> param_;
    std::unique_ptr<Optimizer<Scalar>> optimizer_;
    HypergradWorkspace<Scalar> workspace_;
    // Kept across steps so that a step allocates nothing large (the window returns every block
    // over 1 MB to the system when freed: a fresh 4 MB matrix per step costs its page faults).
    HypergradResult<Scalar> result_;
    HypergradResult<Scalar> correctionScratch_;  // one sampled state's result (fp correction)
    ModelParams<Scalar> backup_;  // the parameters before the update, restored if it fails
    TrainingSummary summary_;
    std::vector<Index> order_;
    size_t cursor_ = 0;
    int stepIndex_ = 0;
};

}  // namespace equilab
