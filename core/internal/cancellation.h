// Cooperative cancellation of long computations that have no callback of their own (Krylov
// eigensolvers, power iterations): they call throwIfCancelled() between steps. A caller that may
// want to stop them installs a ScopedCancellation on its thread for the duration and catches
// OperationCancelled. Without one, throwIfCancelled() never throws. Thread-local: a worker's
// check never sees another thread's.
#pragma once

#include <functional>

namespace equilab {

struct OperationCancelled {};

class ScopedCancellation {
  public:
    explicit ScopedCancellation(std::function<bool()> cancelled);
    ~ScopedCancellation();
    ScopedCancellation(const ScopedCancellation&) = delete;
    ScopedCancellation& operator=(const ScopedCancellation&) = delete;

  private:
    std::function<bool()> cancelled_;
    const ScopedCancellation* previous_;
    friend void throwIfCancelled();
};

// Throws OperationCancelled when the innermost ScopedCancellation of this thread says so.
void throwIfCancelled();

}  // namespace equilab
