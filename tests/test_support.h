// Test helpers shared by the core tests.
#pragma once

#include <QtTest>

#include "hypergradient.h"
#include "parametrization.h"
#include "spectra.h"

// QCOMPARE of two enum values of the core, printed by name on failure.
#define QCOMPARE_ENUM(actual, expected)                         \
    QCOMPARE(QString::fromStdString(equilab::toString(actual)), \
             QString::fromStdString(equilab::toString(expected)))
