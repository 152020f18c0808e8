#include "ui/lessons/lesson_claims_training.h"

#include <algorithm>
#include <cmath>

namespace equilab {
namespace {

using Obs = LessonObservation;

QVariant number(double v) {
    return std::isfinite(v) ? QVariant(v) : QVariant();
}

const TrainingRun* lastRun(const Obs& o) {
    return o.training.empty() ? nullptr : &o.training.back();
}

template <typename F>
QVariant overRecords(const Obs& o, F f) {
    const TrainingRun* r = lastRun(o);
    if (!r || r->records.empty()) return {};
    return f(r->records);
}

}  // namespace

void addTrainingQuantities(QList<LessonQuantity>* table) {
    auto add = [table](const QString& name, const QString& what,
                       std::function<QVariant(const Obs&)> f) {
        table->append({name, what, std::move(f)});
    };
    // What the last run was configured to do (its TrainingConfig).
    auto config = [](std::function<QVariant(const TrainingConfig&)> f) {
        return [f](const Obs& o) {
            const TrainingRun* r = lastRun(o);
            return r ? f(r->config) : QVariant();
        };
    };
    add("training.method", "the hypergradient method of the last training run (itd, aid-fp, …)",
        config([](const TrainingConfig& c) {
            return QVariant(QString::fromStdString(toString(c.trainer.hypergrad.method)));
        }));
    add("training.optimizer", "the optimizer of the last training run (sgd, adam)",
        config([](const TrainingConfig& c) {
            return QVariant(QString::fromStdString(toString(c.trainer.optimizer.kind)));
        }));
    add("training.parametrization", "the parametrization of A in the last training run",
        config([](const TrainingConfig& c) {
            return QVariant(QString::fromStdString(toString(c.trainer.parametrization.kind)));
        }));
    add("training.radius", "the radius r of the last training run's parametrization",
        config([](const TrainingConfig& c) { return number(c.trainer.parametrization.radius); }));
    // The last training run.
    add("training.status", "how the last training run ended", [](const Obs& o) {
        const TrainingRun* r = lastRun(o);
        return r ? QVariant(QString::fromStdString(toString(r->status))) : QVariant();
    });
    add("training.steps", "steps of the last training run", [](const Obs& o) {
        return overRecords(
            o, [](const std::vector<StepRecord>& r) { return QVariant(r.back().step); });
    });
    add("training.test_accuracy", "test accuracy after the last training run", [](const Obs& o) {
        const TrainingRun* r = lastRun(o);
        return r && r->test_accuracy >= 0 ? QVariant(r->test_accuracy) : QVariant();
    });
    add("training.max_norm_A", "the largest ‖A‖₂ over the last run's steps", [](const Obs& o) {
        return overRecords(o, [](const std::vector<StepRecord>& r) {
            double m = 0;
            for (const StepRecord& s : r) m = std::max(m, s.norm_A);
            return number(m);
        });
    });
    add("training.first_norm_A", "‖A‖₂ after the last run's first step", [](const Obs& o) {
        return overRecords(
            o, [](const std::vector<StepRecord>& r) { return number(r.front().norm_A); });
    });
    add("training.first_forward_residual",
        "the forward residual after T iterations at the last run's first step", [](const Obs& o) {
            return overRecords(o, [](const std::vector<StepRecord>& r) {
                return number(r.front().forward_residual);
            });
        });
    add("training.final_norm_A", "‖A‖₂ after the last run's last step", [](const Obs& o) {
        return overRecords(
            o, [](const std::vector<StepRecord>& r) { return number(r.back().norm_A); });
    });
    add("training.min_forward_residual",
        "the smallest forward residual after T iterations over the last run", [](const Obs& o) {
            return overRecords(o, [](const std::vector<StepRecord>& r) {
                double m = INFINITY;
                for (const StepRecord& s : r) m = std::min(m, s.forward_residual);
                return number(m);
            });
        });
    add("training.final_forward_residual",
        "the forward residual after T iterations at the last step", [](const Obs& o) {
            return overRecords(o, [](const std::vector<StepRecord>& r) {
                return number(r.back().forward_residual);
            });
        });
}

}  // namespace equilab
