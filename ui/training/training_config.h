// What the training panel runs: the data and the trainer's options. Saved with the scenario
// under "training".
#pragma once

#include <QJsonObject>

#include "core/data_spec.h"
#include "core/trainer.h"

namespace equilab {

struct TrainingConfig {
    DataSpec data;
    TrainerOptions trainer;

    TrainingConfig();
    QJsonObject toJson() const;
    // Reads known keys; values out of range are clamped or keep the default.
    static TrainingConfig fromJson(const QJsonObject& o);
    bool IsValid(QString* error) const;
    QString label() const;  // "aid-fp T=20 K=20 moons"
};

}  // namespace equilab
