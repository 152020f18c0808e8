// Runs the built equilab-cli (EQUILAB_CLI_PATH, set by tests/CMakeLists.txt) and keeps its exit
// code and both output streams: shared by the tests that drive the command line.
#pragma once

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStringList>

struct Run {
    int code = -1;  // −1 when the process crashed or did not finish
    QByteArray out, err;
    QJsonObject json() const { return QJsonDocument::fromJson(out).object(); }
};

// Waits up to 300 s (sanitizer builds run several times slower).
inline Run cli(const QStringList& args) {
    QProcess p;
    p.start(QStringLiteral(EQUILAB_CLI_PATH), args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}
