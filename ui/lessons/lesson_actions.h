// What a lesson's "Try" does, in one place for the window (a link in the Lessons dock) and for
// `equilab-cli check-lesson` (no window): the actions of a Try's "do" list, each an object with
// one key:
//   {"set": {"block": "c", "value": 0}}          every entry of A, B, c, x or w0 (one undo step)
//   {"scale_A": 0.99}                            A rescaled to this ‖A‖₂ (as the Scale slider)
//   {"solver": {"method": "km", "damping": 0.5}} solver options (as the Solver dock)
//   {"training": {"radius": 0.99}}               training settings (as the Training dock)
//   {"train": true}                              the Training dock's Start button
//   {"view": "Phase"}                            shows a view tab
//   {"play": true}                               the Solver dock's Play button
// The edits go to the document as a user's would (undoable); the rest through hooks, which the
// window connects to its buttons and tabs and the CLI to its headless controllers.
#pragma once

#include <QJsonArray>
#include <QString>

#include <functional>

namespace equilab {

class Document;

struct LessonActionHooks {
    std::function<void(const QString& tab)> showView;  // may be empty (nothing to show)
    std::function<void()> play;                        // may be empty
    std::function<bool(QString* error)> train;         // starts the training dock's run
    std::function<double()> knownNormA;  // ‖A‖₂ if known (else −1), for scale_A
};

// Checks every action's key and value types, without doing anything; *error names the first bad
// action ("action 2: unknown block \"D\"").
bool validateLessonActions(const QJsonArray& actions, QString* error);

// Performs the actions in order; an undo step's text is `label`. Stops at the first failure.
bool applyLessonActions(const QJsonArray& actions, const QString& label, Document* doc,
                        const LessonActionHooks& hooks, QString* error);

}  // namespace equilab
