// Heavy work announces itself here, so that a program with a GUI thread can check that none of it
// runs there (docs/ARCHITECTURE.md: "nothing heavy runs on the GUI thread"). core has no Qt and
// knows no threads of the UI: the UI installs the check as a hook (ui/workers/gui_thread_guard.h);
// without one (the CLI, the core tests) assertNotGuiThread() does nothing.
//
// The entry points that call it: solveFixedPoint (a solve), spectralNorm and computeCertificate
// (decompositions), loadTrainingData (a dataset load). size is the problem's size (n for a solve
// or a decomposition, the samples for a load): the hook may let small work through (the
// document draws and measures n ≤ 200 inline, in well under a millisecond).
//
// Header-only: the kernel modules (cmake/EquiLabKernels.cmake) compile model.cpp again and must
// link on their own; their copy of the hook is never installed (they run on workers).
#pragma once

#include <atomic>

namespace equilab {

enum class HeavyWork { Solve, Decomposition, DatasetLoad };

inline const char* toString(HeavyWork kind) {
    switch (kind) {
        case HeavyWork::Solve:
            return "a fixed-point solve";
        case HeavyWork::Decomposition:
            return "a decomposition";
        case HeavyWork::DatasetLoad:
            return "a dataset load";
    }
    return "heavy work";
}

using HeavyWorkHook = void (*)(HeavyWork kind, long long size);

inline std::atomic<HeavyWorkHook>& heavyWorkHook() {
    static std::atomic<HeavyWorkHook> hook{nullptr};
    return hook;
}

// Installs the hook (nullptr removes it).
inline void setHeavyWorkHook(HeavyWorkHook hook) {
    heavyWorkHook().store(hook);
}

// Calls the hook, if one is installed, on the calling thread.
inline void assertNotGuiThread(HeavyWork kind, long long size) {
    if (const HeavyWorkHook hook = heavyWorkHook().load()) hook(kind, size);
}

}  // namespace equilab
