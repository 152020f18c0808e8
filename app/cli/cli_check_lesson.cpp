// equilab-cli check-lesson FILE [--json]: does a lesson tell the truth? The lesson's scenario is
// solved as the window solves it (a Document, a SolveController and the views' ViewSet, as in
// `export`), and every claim of the lesson is checked against the observation the window's
// Lessons dock reads; then each Try is performed on a fresh copy of the lesson (its actions
// through lesson_actions.h, the code the window's links run) and its claims are checked.
// Exit 0 when every claim holds, 3 when any fails (each failure with the claimed and the measured
// value) or a Try cannot be performed, 2 for a malformed file (the reason on stderr).
#include <QApplication>
#include <QDeadlineTimer>
#include <QFileInfo>
#include <QThread>

#include <cstdio>
#include <functional>
#include <memory>

#include "app/cli/cli_commands.h"
#include "app/cli/cli_common.h"
#include "ui/document/document.h"
#include "ui/lessons/lesson_actions.h"
#include "ui/lessons/lesson_claims.h"
#include "ui/lessons/lessons.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_workspace.h"
#include "ui/views/bifurcation_view.h"
#include "ui/window/view_set.h"
#include "ui/workers/solve_worker.h"

namespace equilab::cli {
namespace {

constexpr int kTimeoutMs = 30 * 60 * 1000;

struct Outcome {
    QString where;  // "opening" or "try:ID"
    QString quantity, claimed, measured;
    bool ok = false;
};

// One part of the check: the lesson as it opens, or after one Try. Everything is built afresh
// (as the window's lesson test opens a new window per part), so no result of another part leaks
// into this one.
class Part {
  public:
    Part() : views_(&doc_, &solver_) {}

    // Opens the lesson, performs the Try's actions (if any), waits for what the claims need.
    bool run(const Lesson& l, const LessonTry* t, QString* error) {
        // Only what the claims read is computed (the analysis of all solvers at n = 50 takes
        // seconds): the opening claims, or the Try's.
        const QStringList needs = claimNeeds(t ? t->claims : l.claims);
        solver_.setWork(true, needs.contains("analysis"));
        if (needs.contains("training") || needs.contains("hypergrad")) views_.training();
        if (needs.contains("bifurcation")) views_.bifurcation();
        doc_.reset(l.file, l.path);
        // A Try acts on the lesson as loaded, after its first solve (as a reader does).
        if (!settle(t ? QStringList{"solve"} : needs))
            return fail(error, "timed out waiting for the results");
        if (!t) return true;
        LessonActionHooks hooks;
        hooks.train = [this](QString* why) {
            return views_.training()->controller()->start(doc_.trainingConfig(), why);
        };
        hooks.knownNormA = [this] { return solver_.normAFor(doc_.aRevision()); };
        if (!applyLessonActions(t->actions, t->label, &doc_, hooks, error)) return false;
        if (!settle(claimNeeds(t->claims))) return fail(error, "timed out waiting for the results");
        return true;
    }
    const LessonObservation& observation() const { return views_.observation(); }

  private:
    static bool fail(QString* error, const QString& why) {
        *error = why;
        return false;
    }
    // The same readiness the window's lesson test waits for: the solve with its certificate
    // and analysis, a finished training run, the hypergradient sweep, the complete bifurcation
    // diagram.
    bool settle(const QStringList& needs) {
        QDeadlineTimer deadline(kTimeoutMs);
        auto ready = [&] {
            const LessonObservation& o = views_.observation();
            if (!o.solve || solver_.isBusy()) return false;
            if (needs.contains("analysis") && !o.analysis) return false;
            if (needs.contains("training") &&
                (views_.training()->controller()->isRunning() || o.training.empty()))
                return false;
            if (needs.contains("hypergrad")) {
                views_.training()->ensureHypergradients();  // computed on demand
                if (views_.training()->hypergradPending() || !o.hypergrad) return false;
            }
            if (needs.contains("bifurcation")) {
                views_.bifurcation()->ensureComputed();  // computed on demand
                if (!o.bifurcation || !views_.bifurcation()->isComplete()) return false;
            }
            return true;
        };
        while (!ready() && !deadline.hasExpired()) {
            QApplication::processEvents(QEventLoop::AllEvents, 50);
            QThread::msleep(2);
        }
        return ready();
    }
    Document doc_;
    SolveController solver_;
    ViewSet views_;
};

void check(const QList<LessonClaim>& claims, const LessonObservation& o, const QString& where,
           QList<Outcome>* out) {
    for (const LessonClaim& c : claims) {
        const ClaimResult r = checkClaim(c, o);
        out->append({where, c.quantity, r.expected, r.measured, r.ok});
    }
}

}  // namespace

int runCheckLesson(const QStringList& args) {
    QCommandLineParser p;
    p.setApplicationDescription(
        "Check a lesson file (a scenario with a \"lesson\" block, docs/LESSONS.md): solve it, "
        "perform every Try, check every claim. Exit 0: all hold; 3: one fails; 2: malformed.");
    p.addOption({"json", "Print the result as one JSON object."});
    p.addOption({"quantities", "List the quantities claims and placeholders may name."});
    p.addPositionalArgument("FILE", "The lesson file.");
    // FILE is the one argument that is not an option.
    QStringList rest{args.value(0)};
    QStringList files;
    for (int i = 1; i < args.size(); ++i) (args[i].startsWith('-') ? rest : files).append(args[i]);
    QString error;
    if (!parseArgs(p, rest, &error)) return fail(kBadInput, error);
    if (p.isSet("quantities") && files.isEmpty()) {
        for (const LessonQuantity& q : lessonQuantities())
            printLine(QStringLiteral("%1\t%2").arg(q.name, q.description));
        return kOk;
    }
    if (files.size() != 1)
        return fail(kBadInput, files.isEmpty() ? QStringLiteral("missing FILE (the lesson file)")
                                               : "one FILE at a time, got " + files.join(' '));
    const QString path = files.first();
    Lesson lesson;
    setActivity("reading " + path);
    if (!loadLessonFile(path, &lesson, &error)) return fail(kBadInput, error);

    QList<Outcome> outcomes;
    QStringList problems;  // Tries that could not be performed
    {
        setActivity("solving the lesson's scenario");
        Part part;
        if (part.run(lesson, nullptr, &error))
            check(lesson.claims, part.observation(), "opening", &outcomes);
        else
            problems << "opening: " + error;
    }
    for (const LessonTry& t : lesson.tries) {
        setActivity("performing try " + t.id);
        Part part;
        if (part.run(lesson, &t, &error))
            check(t.claims, part.observation(), "try:" + t.id, &outcomes);
        else
            problems << "try:" + t.id + ": " + error;
    }

    int failures = 0;
    for (const Outcome& o : outcomes) failures += o.ok ? 0 : 1;
    const bool ok = failures == 0 && problems.isEmpty();
    if (p.isSet("json")) {
        QJsonArray results;
        for (const Outcome& o : outcomes)
            results.append(QJsonObject{{"where", o.where},
                                       {"quantity", o.quantity},
                                       {"claimed", o.claimed},
                                       {"measured", o.measured},
                                       {"ok", o.ok}});
        QJsonArray notPerformed;
        for (const QString& s : problems) notPerformed.append(s);
        printJson(QJsonObject{{"file", QFileInfo(path).absoluteFilePath()},
                              {"lesson", lesson.title},
                              {"ok", ok},
                              {"claims", int(outcomes.size())},
                              {"failures", failures},
                              {"tries", int(lesson.tries.size())},
                              {"not_performed", notPerformed},
                              {"results", results}});
    } else {
        printLine(QStringLiteral("lesson \"%1\" (%2)").arg(lesson.title, path));
        QString where;
        for (const Outcome& o : outcomes) {
            if (o.where != where) {
                where = o.where;
                printLine(where == "opening" ? QStringLiteral("  as it opens:")
                                             : QStringLiteral("  after %1:").arg(where));
            }
            printLine(QStringLiteral("    %1 %2 = %3 (claim: %4)")
                          .arg(o.ok ? "ok   " : "FAILS", o.quantity, o.measured, o.claimed));
        }
        for (const QString& s : problems) printLine("  not performed: " + s);
        printLine(QStringLiteral("%1 claims, %2 fail%3")
                      .arg(outcomes.size())
                      .arg(failures)
                      .arg(problems.isEmpty()
                               ? QString()
                               : QStringLiteral(", %1 not performed").arg(problems.size())));
    }
    if (!ok)
        std::fprintf(stderr, "equilab-cli: %d of %d claims fail%s\n", failures,
                     int(outcomes.size()), problems.isEmpty() ? "" : "; a part was not performed");
    return ok ? kOk : kNumericalFailure;
}

}  // namespace equilab::cli
