// Linked into every test that links the Qt Widgets library (tests/CMakeLists.txt): every solve,
// decomposition or dataset load above the document's inline size that runs on the GUI thread
// aborts the test (ui/workers/gui_thread_guard.h). A test's own reference computed on its main
// thread goes inside an AllowGuiThreadWork scope.
#include "ui/document/document.h"
#include "ui/workers/gui_thread_guard.h"

namespace {
// Installed when the test program starts, before any test function runs.
const struct FatalGuiThreadGuard {
    FatalGuiThreadGuard() {
        equilab::installGuiThreadGuard(true, equilab::Document::kInlineGenerationUpTo);
    }
} fatalGuiThreadGuard;
}  // namespace
