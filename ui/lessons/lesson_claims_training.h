// The lesson quantities of the last training run (LessonObservation::training): how it was
// configured (method, optimizer, parametrization, radius), how it ended, and its step records
// (‖A‖₂ and the forward residual per step).
#pragma once

#include <QList>

#include "ui/lessons/lesson_claims.h"

namespace equilab {

void addTrainingQuantities(QList<LessonQuantity>* table);

}  // namespace equilab
