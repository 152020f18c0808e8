// Shared plumbing of equilab-cli's subcommands: option sets, scenario loading, JSON output and
// exit codes (0 success, 2 bad input, 3 numerical failure), each failure one line on stderr.
#pragma once

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include "io/scenario_json.h"

namespace equilab::cli {

enum ExitCode { kOk = 0, kBadInput = 2, kNumericalFailure = 3 };

// Prints "equilab-cli: message" to stderr, made one line (core/internal/printable.h: control
// characters escaped, cut at 2000 bytes), and returns code.
int fail(int code, const QString& message);

// Flushes stdout and checks it: a failed write (a full disk, /dev/full, a closed pipe), now or
// earlier, prints "cannot write to standard output (<strerror>)" and turns code 0 into 2.
int finishStdout(int code);

// What the command is doing, for the top-level handler's "out of memory while <activity>".
void setActivity(const QString& activity);
QString activity();

// Parses args (argv[0] is the subcommand); on error fills *error with a one-line message. An
// option given twice (--steps 2 --steps 3) is refused.
bool parseArgs(QCommandLineParser& parser, const QStringList& args, QString* error);

// --scenario FILE (default: the built-in default scenario).
void addScenarioOption(QCommandLineParser& parser);
bool loadScenario(const QCommandLineParser& parser, ScenarioFile* out, QString* error);

// --solver, --tolerance, --max-iterations, --damping, --memory, --parametrization, --radius.
void addSolverOptions(QCommandLineParser& parser);
bool applySolverOptions(const QCommandLineParser& parser, Scenario* s, QString* error);

// Typed option values with range checks; an absent option leaves *out unchanged.
bool optionDouble(const QCommandLineParser& p, const QString& name, double lo, double hi,
                  double* out, QString* error);
bool optionInt(const QCommandLineParser& p, const QString& name, int lo, int hi, int* out,
               QString* error);

QJsonArray toJson(const Vector& v);
QJsonArray toJson(const std::vector<double>& v);
void printJson(const QJsonObject& o);
void printLine(const QString& line);

}  // namespace equilab::cli
