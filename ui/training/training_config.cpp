#include "ui/training/training_config.h"

#include <algorithm>

#include "core/internal/option_limits.h"

namespace equilab {

TrainingConfig::TrainingConfig() {
    trainer.steps = 500;
    trainer.parametrization = {ParametrizationKind::SpectralBall, 0.9, 0};
    trainer.eval_every = 5;
}

QJsonObject TrainingConfig::toJson() const {
    return {{"dataset", QString::fromStdString(data.dataset)},
            {"samples", data.samples},
            {"noise", data.noise},
            {"classes", data.classes},
            {"data_seed", static_cast<int>(data.seed)},
            {"hidden", trainer.hidden},
            {"method", QString::fromStdString(toString(trainer.hypergrad.method))},
            {"T", trainer.hypergrad.T},
            {"K", trainer.hypergrad.K},
            {"damping", trainer.hypergrad.damping},
            {"fp_correction_states", trainer.fp_correction.states},
            {"fp_correction_gamma", trainer.fp_correction.gamma},
            {"optimizer", QString::fromStdString(toString(trainer.optimizer.kind))},
            {"learning_rate", trainer.optimizer.learning_rate},
            {"momentum", trainer.optimizer.momentum},
            {"parametrization", QString::fromStdString(toString(trainer.parametrization.kind))},
            {"radius", trainer.parametrization.radius},
            {"steps", trainer.steps},
            {"init_scale", trainer.init_scale},
            {"seed", static_cast<int>(trainer.seed)},
            {"reflections", trainer.parametrization.reflections},
            {"batch_size", trainer.batch_size},
            {"eval_every", trainer.eval_every},
            {"task", data.regression ? "regression" : "classification"},
            {"dtype", float32 ? "float32" : "float64"}};
}

TrainingConfig TrainingConfig::fromJson(const QJsonObject& o) {
    TrainingConfig c;
    c.data.dataset =
        o.value("dataset").toString(QString::fromStdString(c.data.dataset)).toStdString();
    using D = DataLimits;
    using L = TrainingLimits;
    c.data.samples =
        std::clamp(o.value("samples").toInt(c.data.samples), D::kMinSamples, D::kMaxSamples);
    c.data.samples_set = o.contains("samples");
    c.data.noise = std::clamp(o.value("noise").toDouble(c.data.noise), 0.0, D::kMaxNoise);
    c.data.classes =
        std::clamp(o.value("classes").toInt(c.data.classes), D::kMinClasses, D::kMaxClasses);
    c.data.seed = static_cast<unsigned>(std::max(0, o.value("data_seed").toInt(0)));
    c.data.regression = o.value("task").toString() == "regression";
    c.float32 = o.value("dtype").toString(QStringLiteral("float32")) != QStringLiteral("float64");
    TrainerOptions& t = c.trainer;
    t.hidden = std::clamp(o.value("hidden").toInt(t.hidden), 1, L::kMaxHidden);
    parseHypergradMethod(o.value("method").toString().toStdString(), &t.hypergrad.method);
    if (t.hypergrad.method == HypergradMethod::Exact) t.hypergrad.method = HypergradMethod::AidFp;
    t.hypergrad.T = std::clamp(o.value("T").toInt(t.hypergrad.T), 1, L::kMaxIterations);
    t.hypergrad.K = std::clamp(o.value("K").toInt(t.hypergrad.K), 1, L::kMaxIterations);
    t.hypergrad.damping = std::clamp(o.value("damping").toDouble(t.hypergrad.damping), 0.05, 1.0);
    t.fp_correction.states = std::clamp(o.value("fp_correction_states").toInt(0), 0, 100);
    t.fp_correction.gamma =
        std::clamp(o.value("fp_correction_gamma").toDouble(t.fp_correction.gamma), 0.05, 1.0);
    parseOptimizerKind(o.value("optimizer").toString().toStdString(), &t.optimizer.kind);
    t.optimizer.learning_rate =
        std::clamp(o.value("learning_rate").toDouble(t.optimizer.learning_rate),
                   L::kMinLearningRate, L::kMaxLearningRate);
    t.optimizer.momentum =
        std::clamp(o.value("momentum").toDouble(t.optimizer.momentum), 0.0, L::kMaxMomentum);
    parseParametrizationKind(o.value("parametrization").toString().toStdString(),
                             &t.parametrization.kind);
    t.parametrization.radius = std::clamp(o.value("radius").toDouble(t.parametrization.radius),
                                          0.01, ParametrizationLimits::kMaxRadius);
    t.steps = std::clamp(o.value("steps").toInt(t.steps), 1, L::kMaxSteps);
    t.init_scale = std::clamp(o.value("init_scale").toDouble(t.init_scale), 0.0, L::kMaxInitScale);
    t.seed = static_cast<unsigned>(std::max(0, o.value("seed").toInt(0)));
    t.parametrization.reflections =
        std::clamp(o.value("reflections").toInt(t.parametrization.reflections), 0,
                   ParametrizationLimits::kMaxReflections);
    t.batch_size = std::clamp(o.value("batch_size").toInt(t.batch_size), 0, L::kMaxBatchSize);
    t.eval_every = std::clamp(o.value("eval_every").toInt(t.eval_every), 0, L::kMaxEvalEvery);
    return c;
}

bool TrainingConfig::IsValid(QString* error) const {
    std::string why;
    if (!trainer.IsValid(&why)) {
        if (error) *error = QString::fromStdString(why);
        return false;
    }
    return true;
}

QString TrainingConfig::label() const {
    return QStringLiteral("%1 T=%2 K=%3 %4 lr %5")
        .arg(QString::fromStdString(toString(trainer.hypergrad.method)))
        .arg(trainer.hypergrad.T)
        .arg(trainer.hypergrad.K)
        .arg(QString::fromStdString(data.dataset))
        .arg(trainer.optimizer.learning_rate);
}

}  // namespace equilab
