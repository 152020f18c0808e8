// equilab-cli export --animate: one view recorded to an animated GIF or an MP4 (ui/record/),
// called by runExport once the solve (and the orbit diagram) it needs is done.
#pragma once

#include <QDeadlineTimer>
#include <QStringList>

class QCommandLineParser;

namespace equilab {
class Document;
class SolveController;
class ViewSet;
}  // namespace equilab

namespace equilab::cli {

// The options runExport adds for animations (--animate, --fps, --duration).
void addAnimateOptions(QCommandLineParser& p);
// Records views.view(names[0]) into OUT/<view>.<gif|mp4>; prints the file written. Exit code.
int exportAnimation(const QCommandLineParser& p, Document& doc, SolveController& solver,
                    ViewSet& views, const QStringList& names, QDeadlineTimer deadline);

}  // namespace equilab::cli
