// Checked lessons: what a lesson text says about its scenario, as data.
//
// A lesson file carries, beside its HTML text, machine-readable claims ("Picard needs at least
// 1000 iterations", "the observed rate is within 0.01 of 0.99") about named quantities of what
// the app computed (the solve, the certificate, the analyses, the hypergradient sweep, the
// training runs). The quantities form one table (lessonQuantities()); each is a function of a
// LessonObservation and yields a number, a truth value or a word, or nothing while the part of
// the observation it needs has not arrived. A claim compares one quantity with the file's
// expectation; the lesson test (tests/tst_lessons.cpp) checks every claim of every lesson and
// of each of its "Try" actions against the numbers the window shows.
//
// Texts may also name quantities as placeholders, {{name}} or {{name:digits}}, which the lesson
// panel fills in from the computed values, so numbers in a text are computed, not typed.
#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QVariant>

#include <functional>
#include <optional>

#include "core/training/hypergradient_sweep.h"
#include "ui/training/training_controller.h"
#include "ui/workers/solve_worker.h"

namespace equilab {

struct BifurcationDiagram;  // ui/workers/bifurcation_worker.h

// Everything a claim may refer to. Parts not computed (yet) are flagged absent.
struct LessonObservation {
    SolveResultPtr solve;  // shared with the views; null: none yet
    std::optional<AnalysisResult> analysis;
    std::optional<HypergradSweep> hypergrad;
    std::vector<TrainingRun> training;  // finished runs, oldest first (empty: none)
    std::shared_ptr<const BifurcationDiagram> bifurcation;  // complete diagrams only (null: none)
};

// One named quantity. value() returns an invalid QVariant while it cannot be computed.
struct LessonQuantity {
    QString name;
    QString description;  // what it is, for messages and the README
    std::function<QVariant(const LessonObservation&)> value;
};

// The table of every quantity claims and placeholders may name. A new quantity (for example a
// dynamics classification) is one more row, added in lesson_claims.cpp.
const QList<LessonQuantity>& lessonQuantities();
const LessonQuantity* findLessonQuantity(const QString& name);

// A claim: {"quantity": NAME, and one or more of
//   "equals": true | false | "word" | number   (numbers: with "sig" significant digits, or "tol"),
//   "in": ["word", …], "min": x, "max": y, "near": x with "tol": t}.
struct LessonClaim {
    QString quantity;
    QJsonObject spec;
    // A sentence saying what the claim expects ("picard.iterations ≥ 1000").
    QString describe() const;
};

struct ClaimResult {
    bool ok = false;
    QString message;   // "picard.iterations = 1234 (claim: ≥ 1000): ok" / "… : FAILS"
    QString expected;  // what the claim says ("picard.iterations ≥ 1000")
    QString measured;  // the value computed ("1234", "not available")
};

// Parses a JSON array of claims; a claim naming an unknown quantity or without a comparison is
// an error (*error names it).
bool parseClaims(const QJsonArray& array, QList<LessonClaim>* out, QString* error);
ClaimResult checkClaim(const LessonClaim& claim, const LessonObservation& obs);

// Which parts of the observation the claims need: solve (always: the primary solve with its
// certificate), analysis (every solver, basins, sweep), hypergrad or training.
QStringList claimNeeds(const QList<LessonClaim>& claims);

// Replaces {{name}} and {{name:digits}} in text by the quantities' values (numbers to `digits`
// significant digits, default 3; integers as integers); "…" for a value not available yet.
// Names every unknown placeholder in *unknown.
QString fillPlaceholders(const QString& text, const LessonObservation& obs,
                         QStringList* unknown = nullptr);
// The quantities named by placeholders in text.
QStringList placeholderNames(const QString& text);

// A number to `digits` significant digits as a user reads it (no exponent for 1e-3 ≤ |v| < 1e6).
QString formatQuantity(const QVariant& value, int digits = 3);
QString formatQuantityAscii(const QVariant& value, int digits = 3);  // with '-' (messages, logs)

}  // namespace equilab
