// The meta entry of model files, and the explorer scenario of a model and one input.
#include "io/model_npz.h"

#include <QJsonArray>

namespace equilab {

QJsonObject trainedModelMeta(const TrainerOptions& o, const DataSpec& d, const TrainingSummary& s,
                             const QString& dtype, bool imageData) {
    QJsonObject training{
        {"method", QString::fromStdString(toString(o.hypergrad.method))},
        {"T", o.hypergrad.T},
        {"K", o.hypergrad.K},
        {"damping", o.hypergrad.damping},
        {"backward_tolerance", o.hypergrad.backward_tolerance},
        {"forward_tolerance", o.hypergrad.forward_tolerance},
        {"forward_solver", QString::fromStdString(toString(o.hypergrad.forward_solver))},
        {"warm_start", o.hypergrad.warm_start},
        {"jacobian_regularization", QJsonObject{{"weight", o.jacobian.weight},
                                                {"probes", o.jacobian.probes},
                                                {"every", o.jacobian.every},
                                                {"exact", o.jacobian.exact}}},
        {"optimizer", QString::fromStdString(toString(o.optimizer.kind))},
        {"learning_rate", o.optimizer.learning_rate},
        {"momentum", o.optimizer.momentum},
        {"steps", o.steps},
        {"batch_size", o.batch_size},
        {"init_scale", o.init_scale},
        {"seed", static_cast<double>(o.seed)},
        {"hidden", o.hidden}};
    QJsonObject dataset{{"dataset", QString::fromStdString(d.dataset)},
                        {"samples", d.samples},
                        {"samples_set", d.samples_set},
                        {"noise", d.noise},
                        {"classes", d.classes},
                        {"seed", static_cast<double>(d.seed)},
                        {"data_dir", QString::fromStdString(d.data_dir)},
                        {"label_column", QString::fromStdString(d.label_column)}};
    QJsonObject metrics{{"status", QString::fromStdString(toString(s.status))},
                        {"message", QString::fromStdString(s.message)},
                        {"steps_done", static_cast<int>(s.history.size())},
                        {"test_accuracy", s.test_accuracy},
                        {"test_loss", s.test_loss}};
    if (!s.history.empty()) {
        metrics["train_loss"] = s.history.back().train_loss;
        metrics["train_accuracy"] = s.history.back().train_accuracy;
        // The solver statistics of the last step, and how many backward solves missed their
        // tolerance over the run.
        const StepRecord& last = s.history.back();
        metrics["forward_iterations"] = last.forward_iterations;
        metrics["forward_residual"] = last.forward_residual;
        metrics["backward_iterations"] = last.backward_iterations;
        if (last.backward_residual >= 0) metrics["backward_residual"] = last.backward_residual;
        if (last.rho_estimate >= 0) metrics["rho_estimate"] = last.rho_estimate;
        if (last.regularizer >= 0) metrics["jacobian_frobenius_squared"] = last.regularizer;
    }
    metrics["backward_unconverged_steps"] = s.backward_unconverged;
    return {{"format", QStringLiteral("equilab-model")},
            {"version", kModelFormatVersion},
            {"layout", QStringLiteral("column")},
            {"dtype", dtype},
            {"parametrization",
             QJsonObject{{"kind", QString::fromStdString(toString(o.parametrization.kind))},
                         {"radius", o.parametrization.radius},
                         {"reflections", o.parametrization.reflections}}},
            {"training", training},
            {"dataset", dataset},
            {"input_normalization", imageData
                                        ? QStringLiteral("pixels scaled to [0, 1]: x = byte / 255")
                                        : QStringLiteral("none")},
            {"metrics", metrics}};
}

bool dataSpecFromMeta(const QJsonObject& meta, DataSpec* out) {
    const QJsonObject d = meta.value("dataset").toObject();
    if (!d.contains("dataset") || !d.value("dataset").isString()) return false;
    DataSpec s;
    s.dataset = d.value("dataset").toString().toStdString();
    s.samples = std::clamp(d.value("samples").toInt(s.samples), 4, 10000000);
    s.samples_set = d.value("samples_set").toBool(false);
    s.noise = std::clamp(d.value("noise").toDouble(s.noise), 0.0, 10.0);
    s.classes = std::clamp(d.value("classes").toInt(s.classes), 2, 10);
    s.seed = static_cast<unsigned>(std::clamp(d.value("seed").toDouble(0), 0.0, 4294967295.0));
    s.data_dir = d.value("data_dir").toString(QString::fromStdString(s.data_dir)).toStdString();
    s.label_column = d.value("label_column").toString().toStdString();
    *out = s;
    return true;
}

int trainingForwardSteps(const QJsonObject& meta) {
    const int T = meta.value("training").toObject().value("T").toInt(0);
    return T >= 1 && T <= 100000 ? T : 0;
}

Scenario modelScenario(const ModelParams<double>& p, const Vector& x) {
    Scenario s;
    s.model.A = p.A;
    s.model.B = p.B;
    s.model.c = p.c;
    s.x = x;
    s.parametrization = ParametrizationSpec{ParametrizationKind::Free, 0.99, 0};
    return s;
}

}  // namespace equilab
