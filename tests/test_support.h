// Test helpers shared by the core tests.
#pragma once

#include <QtTest>

#include <string>

#include "core/analysis/spectra.h"
#include "core/model/parametrization.h"
#include "core/training/hypergradient.h"

// Bytes from small integers, for hand-made binary files.
inline std::string bytesOf(std::initializer_list<int> b) {
    std::string s;
    for (int x : b) s.push_back(static_cast<char>(x));
    return s;
}

// Waits in the GUI tests: sanitizer builds run several times slower, so QTRY_* wait up to 60 s
// (the checks are the same; a passing condition returns at once).
#undef QTRY_VERIFY
#define QTRY_VERIFY(expr) QTRY_VERIFY_WITH_TIMEOUT(expr, 60000)
#undef QTRY_COMPARE
#define QTRY_COMPARE(expr, expected) QTRY_COMPARE_WITH_TIMEOUT(expr, expected, 60000)

// QCOMPARE of two enum values of the core, printed by name on failure.
#define QCOMPARE_ENUM(actual, expected)                         \
    QCOMPARE(QString::fromStdString(equilab::toString(actual)), \
             QString::fromStdString(equilab::toString(expected)))
