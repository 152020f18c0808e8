// The check behind equilab::assertNotGuiThread (core/internal/work_guard.h): a solve, a
// decomposition or a dataset load of size above the allowance that runs on the GUI thread (the
// application's thread) is a violation. It is counted and reported with what ran (qCritical), and
// aborts the program (qFatal) when the guard is fatal: the GUI tests install it so
// (tests/gui_guard.h), the debug build of the GUI reports. Work inside an AllowGuiThreadWork scope
// (a test's own reference computed on its main thread) is not checked.
#pragma once

namespace equilab {

// allowance: the size up to which work may run on the GUI thread (the document's inline
// generation, Document::kInlineGenerationUpTo; a dataset load is never allowed).
void installGuiThreadGuard(bool fatal, long long allowance = 200);
void removeGuiThreadGuard();
int guiThreadViolations();

class AllowGuiThreadWork {
  public:
    AllowGuiThreadWork();
    ~AllowGuiThreadWork();
    AllowGuiThreadWork(const AllowGuiThreadWork&) = delete;
    AllowGuiThreadWork& operator=(const AllowGuiThreadWork&) = delete;
};

}  // namespace equilab
