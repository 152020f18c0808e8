#include "ui/workers/gui_thread_guard.h"

#include <QCoreApplication>
#include <QThread>

#include <atomic>

#include "core/internal/work_guard.h"

namespace equilab {

namespace {

std::atomic<bool> g_fatal{false};
std::atomic<long long> g_allowance{200};
std::atomic<int> g_violations{0};
thread_local int t_allowed = 0;

void check(HeavyWork kind, long long size) {
    const QCoreApplication* app = QCoreApplication::instance();
    if (!app || QThread::currentThread() != app->thread() || t_allowed > 0) return;
    if (kind != HeavyWork::DatasetLoad && size <= g_allowance.load()) return;
    ++g_violations;
    const QByteArray what = QByteArray(toString(kind)) + " of size " + QByteArray::number(size) +
                            " ran on the GUI thread";
    if (g_fatal.load()) qFatal("%s", what.constData());
    qCritical("%s", what.constData());
}

}  // namespace

void installGuiThreadGuard(bool fatal, long long allowance) {
    g_fatal.store(fatal);
    g_allowance.store(allowance);
    setHeavyWorkHook(&check);
}

void removeGuiThreadGuard() {
    setHeavyWorkHook(nullptr);
}

int guiThreadViolations() {
    return g_violations.load();
}

AllowGuiThreadWork::AllowGuiThreadWork() {
    ++t_allowed;
}

AllowGuiThreadWork::~AllowGuiThreadWork() {
    --t_allowed;
}

}  // namespace equilab
