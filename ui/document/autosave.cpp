#include "ui/document/autosave.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QRandomGenerator>
#include <QStandardPaths>

#include "io/safe_file.h"
#include "ui/document/document.h"
#include "ui/workers/worker_thread.h"

namespace equilab {
namespace {

QString lockPathOf(const QString& json) {
    return json.left(json.size() - 5) + QStringLiteral(".lock");
}

// staleLockTime 0: a lock is stale only when its process is gone, never because of its age (a
// window open for hours still owns its autosave).
std::unique_ptr<QLockFile> makeLock(const QString& path) {
    auto lock = std::make_unique<QLockFile>(path);
    lock->setStaleLockTime(0);
    return lock;
}

}  // namespace

int AutosaveWriter::drain(Mailbox<AutosaveJob>* jobs, Mailbox<AutosaveResult>* written) {
    std::vector<AutosaveJob> all = jobs->takeAll();
    for (size_t i = 0; i < all.size(); ++i) {
        const AutosaveJob& job = all[i];
        if (job.remove) {
            QFile::remove(job.path);
            written->post({});
            continue;
        }
        // Only the newest snapshot before the next removal matters.
        if (i + 1 < all.size() && !all[i + 1].remove) {
            written->post({});
            continue;
        }
        AutosaveResult r;
        if (saveScenarioFile(job.path, job.snapshot, &r.error)) r.written = job.path;
        written->post(std::move(r));
    }
    return static_cast<int>(all.size());
}

void AutosaveWriter::work() {
    auto fence = thread_->enter();
    if (drain(jobs_, written_) > 0) emit done();
}

Autosave::Autosave(Document* doc, const QString& folder, QObject* parent)
    : QObject(parent), doc_(doc), folder_(folder) {
    const bool folderOk = QDir().mkpath(folder_);
    bool locked = false;
    // A fresh id whose lock this window takes (a clash with a live window is retried).
    for (int attempt = 0; attempt < 8 && !locked; ++attempt) {
        const QString id =
            QStringLiteral("%1-%2")
                .arg(QCoreApplication::applicationPid())
                .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
        path_ = QDir(folder_).filePath(QStringLiteral("autosave-%1.json").arg(id));
        lock_ = makeLock(lockPathOf(path_));
        locked = lock_->tryLock(0);
    }
    if (!folderOk)
        reportProblem(tr("the folder %1 cannot be created").arg(folder_));
    else if (!locked)
        reportProblem(tr("%1 cannot be locked (%2)")
                          .arg(lockPathOf(path_), lock_->error() == QLockFile::PermissionError
                                                      ? tr("permission denied: a read-only folder?")
                                                      : tr("the lock file cannot be created")));
    thread_ = new WorkerThread(QStringLiteral("autosave"));
    writer_ = new AutosaveWriter(thread_, &jobs_, &written_);
    writer_->moveToThread(thread_);
    connect(writer_, &AutosaveWriter::done, this, &Autosave::collect, Qt::QueuedConnection);
    // A connection made before the thread starts, not invokeMethod per job: invokeMethod builds
    // its call object on this thread for the writer's to read, a hand-off inside QtCore that
    // ThreadSanitizer cannot see (see scripts/tsan.supp).
    connect(this, &Autosave::jobPosted, writer_, &AutosaveWriter::work, Qt::QueuedConnection);
    thread_->start(QThread::LowPriority);

    timer_.setInterval(kDefaultIntervalMs);
    connect(&timer_, &QTimer::timeout, this, &Autosave::saveNow);
    // Run the timer only while there is something to lose; a save clears this window's autosave.
    connect(doc_, &Document::modifiedChanged, this, [this](bool modified) {
        if (modified) {
            if (!timer_.isActive()) timer_.start();
        } else {
            timer_.stop();
            discard();
        }
    });
}

Autosave::~Autosave() {
    thread_->stop();
    AutosaveWriter::drain(&jobs_, &written_);  // what the stopped thread did not get to
    delete writer_;
    delete thread_;
    if (orphanLock_) orphanLock_->unlock();
    lock_->unlock();
    if (!QFile::exists(path_)) QFile::remove(lockPathOf(path_));
}

std::unique_lock<std::mutex> Autosave::holdWriter() {
    return thread_->enter();
}

QString Autosave::defaultFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation);
}

void Autosave::post(AutosaveJob job) {
    jobs_.post(std::move(job));
    ++pending_;
    emit jobPosted(QPrivateSignal());
}

void Autosave::collect() {
    for (const AutosaveResult& r : written_.takeAll()) {
        --pending_;
        if (!r.written.isEmpty()) {
            problem_.clear();
            emit autosaved(r.written);
        } else if (!r.error.isEmpty()) {
            reportProblem(r.error);
        }
    }
}

void Autosave::reportProblem(const QString& reason) {
    if (!problem_.isEmpty()) return;  // said once, until an autosave is written again
    problem_ = tr("crash recovery is off: %1").arg(oneLineText(reason));
    QMetaObject::invokeMethod(
        this, [this, message = problem_] { emit recoveryOff(message); }, Qt::QueuedConnection);
}

bool Autosave::saveNow() {
    if (!doc_->isModified()) return false;
    AutosaveJob job;
    job.path = path_;
    job.snapshot = doc_->file();  // the immutable copy the writer serializes
    job.snapshot.extra["autosave_of"] = doc_->filePath();
    post(std::move(job));
    return true;
}

bool Autosave::waitForWriter(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while (pending_ > 0 && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
        collect();
    }
    return pending_ == 0;
}

void Autosave::discard() {
    AutosaveJob job;
    job.remove = true;
    job.path = path_;
    post(std::move(job));
}

bool Autosave::hasRecoverable() {
    if (!orphan_.isEmpty()) return true;
    const QStringList names =
        QDir(folder_).entryList({QStringLiteral("autosave*.json")}, QDir::Files, QDir::Time);
    for (const QString& name : names) {
        const QString file = QDir(folder_).filePath(name);
        if (file == path_) continue;
        auto lock = makeLock(lockPathOf(file));
        if (!lock->tryLock(0)) continue;  // its window is running
        orphan_ = file;
        orphanLock_ = std::move(lock);
        return true;
    }
    return false;
}

bool Autosave::recover(QString* error) {
    if (!hasRecoverable()) {
        if (error) *error = tr("there is no autosave to recover");
        return false;
    }
    ScenarioFile f;
    if (!loadScenarioFile(orphan_, &f, error)) return false;
    const QString original = f.extra.value("autosave_of").toString();
    f.extra.remove("autosave_of");
    doc_->reset(f, original);
    doc_->markRecovered();
    // This window's autosave holds the content before the orphan goes.
    AutosaveJob job;
    job.path = path_;
    job.snapshot = doc_->file();
    job.snapshot.extra["autosave_of"] = original;
    post(std::move(job));
    waitForWriter();
    if (!QFile::exists(path_)) {
        if (error)
            *error = tr("%1: could not write the autosave; the recovered file is kept").arg(path_);
        releaseRecoverable();
        return true;
    }
    discardRecoverable();
    return true;
}

void Autosave::discardRecoverable() {
    if (orphan_.isEmpty()) return;
    QFile::remove(orphan_);
    orphanLock_->unlock();  // removes the lock file
    orphanLock_.reset();
    orphan_.clear();
}

void Autosave::releaseRecoverable() {
    if (orphanLock_) orphanLock_->unlock();
    orphanLock_.reset();
    orphan_.clear();
}

}  // namespace equilab
