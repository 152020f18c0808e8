// What the training panel runs: the data and the trainer's options. Saved with the scenario
// under "training".
#pragma once

#include <QJsonObject>

#include "core/data/data_spec.h"
#include "core/training/trainer.h"

namespace equilab {

struct TrainingConfig {
    DataSpec data;
    TrainerOptions trainer;
    // The trainer's precision: float32 (the default, as the benchmark and `equilab-cli train
    // --dtype float32`: twice the GEMM rate of float64) or float64. Saved as "dtype".
    bool float32 = true;

    TrainingConfig();
    QJsonObject toJson() const;
    // Reads known keys; values out of range are clamped or keep the default.
    static TrainingConfig fromJson(const QJsonObject& o);
    bool IsValid(QString* error) const;
    QString label() const;  // "aid-fp T=20 K=20 moons"
};

}  // namespace equilab
