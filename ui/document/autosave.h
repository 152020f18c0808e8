// Autosave and crash recovery. Every running window owns its own autosave file,
// <folder>/autosave-<id>.json, and holds the QLockFile <folder>/autosave-<id>.lock for as long
// as it lives. While the document has unsaved changes, a snapshot of its scenario (an immutable
// copy taken on the GUI thread) is serialized and written atomically (saveScenarioFile, through
// core/internal/safe_write.h) on a worker thread every interval (60 s), so a large scenario never
// stalls the window. A save or a clean exit removes this window's file only. When the autosave
// cannot be written (a full disk, a read-only home folder, a folder that cannot be created or
// locked), recoveryOff("crash recovery is off: <reason>") is emitted once, until a write succeeds
// again.
//
// An autosave whose lock is free or stale (its process is gone: a crash, kill -9) is an orphan.
// Orphans are offered for recovery at every start, whatever file was opened, until they are
// restored or discarded; a window only ever touches an orphan whose lock it holds, so the file of
// another running window is never offered, recovered or deleted.
#pragma once

#include <QObject>
#include <QTimer>

#include <memory>
#include <mutex>

#include "io/scenario_json.h"
#include "ui/workers/mailbox.h"

class QLockFile;

namespace equilab {

class Document;
class WorkerThread;
class AutosaveWriter;

// One request to the writer thread, done in order: write the snapshot, or remove the file.
struct AutosaveJob {
    bool remove = false;
    QString path;
    ScenarioFile snapshot;
};

// What the writer did with one job: the file written (empty when skipped or removed), or why not.
struct AutosaveResult {
    QString written;
    QString error;
};

class Autosave : public QObject {
    Q_OBJECT
  public:
    static constexpr int kDefaultIntervalMs = 60 * 1000;
    Autosave(Document* doc, const QString& folder = defaultFolder(), QObject* parent = nullptr);
    ~Autosave() override;  // finishes queued writes and removals, then releases the lock

    static QString defaultFolder();
    QString path() const { return path_; }  // this window's autosave file
    // Holds the writer back for as long as the lock lives (its thread's fence): for tests that
    // show nothing is written on the GUI thread.
    [[nodiscard]] std::unique_lock<std::mutex> holdWriter();
    void setInterval(int ms) { timer_.setInterval(ms); }

    // Takes a snapshot now if there are unsaved changes and queues it for the writer; returns
    // whether one was queued. autosaved(path) follows when it is on disk.
    bool saveNow();
    // Waits (processing events) until every queued job is done; false on timeout.
    bool waitForWriter(int timeoutMs = 30000);
    // Removes this window's autosave (after a save or a clean exit).
    void discard();

    // Claims an orphaned autosave (taking its lock) if there is one; true while one is claimed.
    bool hasRecoverable();
    QString recoverablePath() const { return orphan_; }
    // Loads the claimed orphan into the document (marked modified, keeping the original path),
    // writes it as this window's autosave at once, then removes the orphan.
    bool recover(QString* error);
    // Removes the claimed orphan.
    void discardRecoverable();
    // Keeps the claimed orphan for a later start and releases its lock.
    void releaseRecoverable();

    // Why crash recovery is off now ("" while autosaves are written).
    QString recoveryProblem() const { return problem_; }

  signals:
    void autosaved(const QString& path);
    // "crash recovery is off: <reason>", once per run of failures (queued, so a window connected
    // after construction still hears a folder or lock problem found there).
    void recoveryOff(const QString& message);
    // Wakes the writer (queued, no arguments: the job itself goes through jobs_).
    void jobPosted(QPrivateSignal);

  private:
    void post(AutosaveJob job);
    void collect();
    void reportProblem(const QString& reason);

    Document* doc_;
    QString folder_, path_, orphan_;
    QTimer timer_;
    std::unique_ptr<QLockFile> lock_, orphanLock_;
    Mailbox<AutosaveJob> jobs_;
    Mailbox<AutosaveResult> written_;
    QString problem_;  // non-empty while recovery is off (said once)
    WorkerThread* thread_ = nullptr;
    AutosaveWriter* writer_ = nullptr;
    int pending_ = 0;  // jobs posted, not yet reported done (GUI thread only)
};

// Runs on the writer thread: serializes and writes, or removes, in the order posted.
class AutosaveWriter : public QObject {
    Q_OBJECT
  public:
    AutosaveWriter(WorkerThread* thread, Mailbox<AutosaveJob>* jobs,
                   Mailbox<AutosaveResult>* written)
        : thread_(thread), jobs_(jobs), written_(written) {}
    // Does every job waiting; also called on the GUI thread after the thread has stopped.
    static int drain(Mailbox<AutosaveJob>* jobs, Mailbox<AutosaveResult>* written);
  public slots:
    void work();
  signals:
    void done();

  private:
    WorkerThread* thread_;
    Mailbox<AutosaveJob>* jobs_;
    Mailbox<AutosaveResult>* written_;
};

}  // namespace equilab
