// equilab-cli train: bilevel training with per-step metrics and final test accuracy.
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>

#include <algorithm>
#include <cstdio>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "app/cli/cli_data.h"
#include "core/internal/option_limits.h"
#include "core/training/trainer.h"
#include "io/model_npz.h"

namespace equilab::cli {
namespace {

bool readTrainerOptions(const QCommandLineParser& p, const DataOptions& d, TrainerOptions* o,
                        QString* error) {
    o->hidden = d.hidden;
    o->seed = static_cast<unsigned>(d.seed);
    o->parametrization.radius = d.radius;
    if (p.isSet("method") &&
        (!parseHypergradMethod(p.value("method").toStdString(), &o->hypergrad.method) ||
         !isTrainingMethod(o->hypergrad.method))) {
        *error = "--method: unknown method \"" + p.value("method") +
                 "\" (expected itd, aid-fp, aid-cg, jfb, phantom or neumann)";
        return false;
    }
    if (p.isSet("optimizer") &&
        !parseOptimizerKind(p.value("optimizer").toStdString(), &o->optimizer.kind)) {
        *error = "--optimizer: unknown optimizer \"" + p.value("optimizer") +
                 "\" (expected sgd or adam)";
        return false;
    }
    if (p.isSet("parametrization") &&
        !parseParametrizationKind(p.value("parametrization").toStdString(),
                                  &o->parametrization.kind)) {
        *error = "--parametrization: unknown kind \"" + p.value("parametrization") + "\"";
        return false;
    }
    if (p.isSet("forward")) {
        const QString f = p.value("forward");
        bool ok = false;
        if (f == "fixed") {
            o->hypergrad.forward_tolerance = 0;
            ok = true;
        } else if (f.startsWith("tol:")) {
            o->hypergrad.forward_tolerance = f.mid(4).toDouble(&ok);
            ok = ok && o->hypergrad.forward_tolerance > 0 && o->hypergrad.forward_tolerance < 1;
        }
        if (!ok) {
            *error = "--forward: expected fixed or tol:EPS with 0 < EPS < 1, got \"" + f + "\"";
            return false;
        }
    }
    if (p.isSet("forward-solver") &&
        !parseForwardSolverKind(p.value("forward-solver").toStdString(),
                                &o->hypergrad.forward_solver)) {
        *error = "--forward-solver: expected picard, anderson or broyden, got \"" +
                 p.value("forward-solver") + "\"";
        return false;
    }
    if (p.isSet("fp-correction")) {
        // N[:GAMMA]
        const QStringList parts = p.value("fp-correction").split(':');
        bool ok = parts.size() <= 2;
        if (ok) o->fp_correction.states = parts[0].toInt(&ok);
        if (ok && parts.size() == 2) o->fp_correction.gamma = parts[1].toDouble(&ok);
        ok = ok && o->fp_correction.states >= 1 && o->fp_correction.states <= 100 &&
             o->fp_correction.gamma > 0 && o->fp_correction.gamma <= 1;
        if (!ok) {
            *error =
                "--fp-correction: expected N[:GAMMA] with 1 ≤ N ≤ 100 and 0 < GAMMA ≤ 1, "
                "got \"" +
                p.value("fp-correction") + "\"";
            return false;
        }
    }
    o->hypergrad.warm_start = p.isSet("warm-start");
    o->jacobian.exact = p.isSet("jac-exact");
    if (o->optimizer.kind == OptimizerKind::Adam && !p.isSet("lr"))
        o->optimizer.learning_rate = 0.01;
    using L = TrainingLimits;
    return optionInt(p, "steps", 0, L::kMaxSteps, &o->steps, error) &&
           optionDouble(p, "lr", L::kMinLearningRate, L::kMaxLearningRate,
                        &o->optimizer.learning_rate, error) &&
           optionDouble(p, "momentum", 0.0, L::kMaxMomentum, &o->optimizer.momentum, error) &&
           optionInt(p, "T", 1, L::kMaxIterations, &o->hypergrad.T, error) &&
           optionInt(p, "K", 1, L::kMaxIterations, &o->hypergrad.K, error) &&
           optionDouble(p, "jac-reg", 0.0, 1e6, &o->jacobian.weight, error) &&
           optionInt(p, "jac-probes", 1, 1000, &o->jacobian.probes, error) &&
           optionInt(p, "jac-every", 1, L::kMaxSteps, &o->jacobian.every, error) &&
           optionInt(p, "forward-max-iterations", 1, L::kMaxIterations,
                     &o->hypergrad.forward_max_iterations, error) &&
           optionDouble(p, "damping", 1e-6, 1.0, &o->hypergrad.damping, error) &&
           optionDouble(p, "backward-tolerance", 1e-300, 1e300, &o->hypergrad.backward_tolerance,
                        error) &&
           optionInt(p, "batch-size", 0, L::kMaxBatchSize, &o->batch_size, error) &&
           optionDouble(p, "init-scale", 0.0, L::kMaxInitScale, &o->init_scale, error) &&
           optionInt(p, "eval-every", 0, L::kMaxEvalEvery, &o->eval_every, error) &&
           optionInt(p, "reflections", 0, ParametrizationLimits::kMaxReflections,
                     &o->parametrization.reflections, error);
}

QJsonObject toJson(const StepRecord& r) {
    QJsonObject o{{"step", r.step},
                  {"train_loss", r.train_loss},
                  {"train_accuracy", r.train_accuracy},
                  {"grad_norm", r.grad_norm},
                  {"norm_A", r.norm_A},
                  {"forward_iterations", r.forward_iterations},
                  {"forward_residual", r.forward_residual},
                  {"forward_converged", r.forward_converged},
                  {"backward_iterations", r.backward_iterations},
                  {"backward_residual",
                   r.backward_residual >= 0 ? QJsonValue(r.backward_residual) : QJsonValue()},
                  {"backward_converged", r.backward_converged},
                  {"time_ms", r.time_ms}};
    if (r.rho_estimate >= 0) o["rho_estimate"] = r.rho_estimate;
    if (r.regularizer >= 0) o["jacobian_frobenius_squared"] = r.regularizer;
    if (r.fp_correction_loss >= 0) o["fp_correction_loss"] = r.fp_correction_loss;
    if (r.val_loss >= 0) {
        o["val_loss"] = r.val_loss;
        o["val_accuracy"] = r.val_accuracy;
    }
    if (r.train_rmse >= 0) {  // regression: RMSE in place of accuracy
        o.remove("train_accuracy");
        o.remove("val_accuracy");
        o["train_rmse"] = r.train_rmse;
        if (r.val_rmse >= 0) o["val_rmse"] = r.val_rmse;
    }
    return o;
}

template <typename Scalar>
TrainingSummary train(const TrainerOptions& o, const DatasetSplit& data, bool quiet, bool strict,
                      QString* error, ModelParams<double>* trained) {
    Trainer<Scalar> trainer;
    std::string why;
    if (!trainer.init(o, data, &why)) {
        *error = QString::fromStdString(why);
        TrainingSummary s;
        s.status = TrainStatus::InvalidInput;
        return s;
    }
    QElapsedTimer lastPrint;
    lastPrint.start();
    const TrainingSummary summary = trainer.run([&](const StepRecord& r) {
        if (!quiet && r.train_rmse >= 0 && (lastPrint.elapsed() > 1000 || r.step == o.steps)) {
            std::fprintf(stderr, "step %d/%d  loss %.4g  rmse %.4g%s  (%.1f ms/step)\n", r.step,
                         o.steps, r.train_loss, r.train_rmse,
                         r.val_rmse >= 0 ? QStringLiteral("  val rmse %1")
                                               .arg(r.val_rmse, 0, 'g', 4)
                                               .toUtf8()
                                               .constData()
                                         : "",
                         r.time_ms);
            lastPrint.restart();
        } else if (!quiet && (lastPrint.elapsed() > 1000 || r.step == o.steps)) {
            std::fprintf(stderr, "step %d/%d  loss %.4f  acc %.3f%s  (%.1f ms/step)\n", r.step,
                         o.steps, r.train_loss, r.train_accuracy,
                         r.val_accuracy >= 0 ? QStringLiteral("  val acc %1")
                                                   .arg(r.val_accuracy, 0, 'f', 3)
                                                   .toUtf8()
                                                   .constData()
                                             : "",
                         r.time_ms);
            lastPrint.restart();
        }
        // --strict: a backward solve that missed its tolerance ends training here.
        if (strict && !r.backward_converged) return CallbackReturn::Abort;
        return CallbackReturn::Continue;
    });
    *trained = trainer.params().template cast<double>();
    return summary;
}

TrainingShape trainingShape(const TrainerOptions& o, const DatasetSplit& data, bool float32) {
    TrainingShape t;
    t.train = data.train.size();
    t.validation = data.validation.size();
    t.test = data.test.size();
    t.features = data.train.features();
    t.outputs = data.train.regression ? data.train.targets.rows() : data.train.classes;
    t.hidden = o.hidden;
    t.T = o.hypergrad.T;
    t.K = o.hypergrad.K;
    t.batch = o.batch_size;
    t.method = o.hypergrad.method;
    t.parametrization = o.parametrization;
    t.scalar_bytes = float32 ? 4 : 8;
    t.adam = o.optimizer.kind == OptimizerKind::Adam;
    return t;
}

}  // namespace

int runTrain(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription("Train the equilibrium model as a bilevel problem.");
    addDataOptions(p);
    p.addOption({"method",
                 "Hypergradient: itd, aid-fp, aid-cg, jfb, phantom or neumann (default aid-fp).",
                 "m"});
    p.addOption({"steps", "Optimizer steps (default 100).", "N"});
    p.addOption({"lr", "Learning rate (default 0.5 for sgd, 0.01 for adam).", "L"});
    p.addOption({"momentum", "SGD momentum (default 0.9).", "M"});
    p.addOption({"optimizer", "sgd or adam (default sgd).", "kind"});
    p.addOption({"T", "Forward iterations (default 20).", "T"});
    p.addOption({"K", "Adjoint iterations; neumann terms; phantom steps (default 20).", "K"});
    p.addOption({"damping", "λ of phantom and neumann, in (0, 1] (default 0.5).", "l"});
    p.addOption({"backward-tolerance",
                 "Relative backward residual above which a step is flagged (default 1e-3).",
                 "eps"});
    p.addOption({"forward",
                 "fixed (default: T Picard steps) or tol:EPS (solve to max ‖φ(w) − w‖ ≤ EPS).",
                 "mode"});
    p.addOption({"forward-solver", "With tol:EPS: picard (default), anderson or broyden.", "s"});
    p.addOption({"forward-max-iterations", "With tol:EPS: at most this many (default 1000).", "N"});
    p.addOption(
        {"warm-start", "With tol:EPS, full batch: start from the last step's fixed point."});
    p.addOption({"jac-reg",
                 "Jacobian regularization weight: adds weight·‖J‖_F² (mean over the batch) to "
                 "the loss (default 0: off).",
                 "w"});
    p.addOption({"jac-probes", "Hutchinson probes per sample (default 1).", "m"});
    p.addOption({"jac-every", "Regularize every this many steps (default 1).", "k"});
    p.addOption({"jac-exact", "The exact ‖J‖_F² = Σ (1 − w²)² A² in place of Hutchinson's."});
    p.addOption({"fp-correction",
                 "Fixed-point correction (jfb or phantom): the loss at N states of the forward "
                 "trajectory, weighted GAMMA^(N−i) (default GAMMA 0.8).",
                 "N[:GAMMA]"});
    p.addOption({"strict", "Stop with an error when a backward solve misses its tolerance."});
    p.addOption({"parametrization",
                 "Keeps A contractive: spectral_ball (default), spectral_norm, householder, "
                 "householder_svd, inf_ball (‖A‖∞ ≤ r), monotone (m = r) or free.",
                 "kind"});
    p.addOption({"reflections", "Householder reflections (0: n).", "k"});
    p.addOption({"batch-size", "Mini-batch size (default 0: full batch).", "B"});
    p.addOption({"init-scale", "Initial parameters ~ s·N(0,1) (default 0.01).", "s"});
    p.addOption({"eval-every", "Validation every this many steps (default 1; 0 never).", "E"});
    p.addOption({"dtype", "float64 (default) or float32.", "type"});
    p.addOption({"quiet", "No progress lines on stderr."});
    p.addOption({"json", "Print one JSON object."});
    p.addOption(
        {"save-model", "Write the trained model (.npz: A, B, c, W_out, b_out, meta).", "file"});
    QString error;
    DataOptions d;
    TrainerOptions o;
    DatasetSplit data;
    if (!parseArgs(p, args, &error) || !readDataOptions(p, &d, &error) ||
        !readTrainerOptions(p, d, &o, &error))
        return fail(kBadInput, error);
    const QString dtype = p.value("dtype").isEmpty() ? "float64" : p.value("dtype");
    if (dtype != "float64" && dtype != "float32")
        return fail(kBadInput, "--dtype: expected float32 or float64, got \"" + dtype + "\"");
    const QString modelPath = p.value("save-model");
    if (p.isSet("save-model") &&
        (modelPath.isEmpty() || !QFileInfo(modelPath).absoluteDir().exists()))
        return fail(kBadInput, "--save-model: the folder of \"" + modelPath + "\" does not exist");
    d.spec.float32 = dtype == "float32";
    if (!loadData(d, &data, &error)) return fail(kBadInput, error);
    const bool quiet = p.isSet("quiet");
    reportDataNote(data, quiet);
    const MemoryEstimate estimate = estimateTraining(trainingShape(o, data, dtype == "float32"));
    if (!checkMemoryLimit(d, estimate, "training", &error)) return fail(kBadInput, error);
    if (!quiet && estimate.total() > 1e8)
        std::fprintf(stderr, "memory: an estimated %s (limit %s)\n", estimate.describe().c_str(),
                     formatBytes(static_cast<double>(d.max_memory)).c_str());

    ModelParams<double> trained;
    const bool strict = p.isSet("strict");
    const TrainingSummary s = dtype == "float32"
                                  ? train<float>(o, data, quiet, strict, &error, &trained)
                                  : train<double>(o, data, quiet, strict, &error, &trained);
    if (s.status == TrainStatus::InvalidInput) return fail(kBadInput, error);
    const StepRecord* firstUnconverged = nullptr;
    for (const auto& r : s.history)
        if (!r.backward_converged) {
            firstUnconverged = &r;
            break;
        }
    const QString backwardNote =
        firstUnconverged
            ? QStringLiteral(
                  "the backward solve missed its tolerance %1 at %2 of %3 steps (first "
                  "at step %4: relative residual %5 after %6 iterations)")
                  .arg(o.hypergrad.backward_tolerance, 0, 'g', 3)
                  .arg(s.backward_unconverged)
                  .arg(s.history.size())
                  .arg(firstUnconverged->step)
                  .arg(firstUnconverged->backward_residual, 0, 'g', 3)
                  .arg(firstUnconverged->backward_iterations)
            : QString();
    if (strict && firstUnconverged) return fail(kNumericalFailure, "--strict: " + backwardNote);
    if (firstUnconverged && !quiet)
        std::fprintf(stderr, "warning: %s\n", backwardNote.toUtf8().constData());
    if (p.isSet("save-model")) {
        ModelFile model;
        model.params = trained;
        model.dtype = dtype;
        model.meta = trainedModelMeta(o, d.spec, s, dtype, data.train.image_width > 0);
        if (!saveModelFile(modelPath, model, &error))
            return fail(kBadInput, "--save-model: " + error);
    }
    std::vector<double> times;
    for (const auto& r : s.history) times.push_back(r.time_ms);
    std::sort(times.begin(), times.end());
    const double median = times.empty() ? 0.0 : times[times.size() / 2];
    if (p.isSet("json")) {
        QJsonArray steps;
        for (const auto& r : s.history) steps.append(toJson(r));
        printJson({{"status", QString::fromStdString(toString(s.status))},
                   {"message", QString::fromStdString(s.message)},
                   {"method", QString::fromStdString(toString(o.hypergrad.method))},
                   {"dataset", QString::fromStdString(d.spec.dataset)},
                   {"train_samples", static_cast<int>(data.train.size())},
                   {"task", data.train.regression ? "regression" : "classification"},
                   {"steps", steps},
                   {"test_loss", s.test_loss},
                   {data.train.regression ? "test_rmse" : "test_accuracy",
                    data.train.regression ? s.test_rmse : s.test_accuracy},
                   {"median_step_ms", median},
                   {"backward_converged", firstUnconverged == nullptr},
                   {"backward_unconverged_steps", s.backward_unconverged},
                   {"total_ms", s.total_ms}});
    } else {
        printLine(QString::fromStdString(s.message));
        if (data.train.regression)
            printLine(QStringLiteral("test RMSE %1, test loss %2, median step %3 ms")
                          .arg(s.test_rmse, 0, 'g', 6)
                          .arg(s.test_loss, 0, 'g', 6)
                          .arg(median, 0, 'f', 2));
        else
            printLine(QStringLiteral("test accuracy %1, test loss %2, median step %3 ms")
                          .arg(s.test_accuracy, 0, 'f', 4)
                          .arg(s.test_loss, 0, 'f', 4)
                          .arg(median, 0, 'f', 2));
    }
    if (s.status == TrainStatus::NonFinite) {
        std::fprintf(stderr, "equilab-cli: %s\n", s.message.c_str());
        return kNumericalFailure;
    }
    return kOk;
}

}  // namespace equilab::cli
