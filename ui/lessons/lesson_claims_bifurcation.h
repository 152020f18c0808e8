// The lesson quantities read from the Bifurcation view's diagram (LessonObservation::bifurcation):
// counts and parameter values of the special points on the fixed-point branches, the angle of the
// first Neimark–Sacker multiplier, the largest Lyapunov exponent over the parameter range; and
// w₁ of the solve's fixed point (which of two coexisting stable states Picard reached).
#pragma once

#include <QList>

#include "ui/lessons/lesson_claims.h"

namespace equilab {

void addBifurcationQuantities(QList<LessonQuantity>* table);

}  // namespace equilab
