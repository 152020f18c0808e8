#include "core/internal/cancellation.h"

namespace equilab {

namespace {
thread_local const ScopedCancellation* current = nullptr;
}

ScopedCancellation::ScopedCancellation(std::function<bool()> cancelled)
    : cancelled_(std::move(cancelled)), previous_(current) {
    current = this;
}

ScopedCancellation::~ScopedCancellation() {
    current = previous_;
}

void throwIfCancelled() {
    if (current && current->cancelled_ && current->cancelled_()) throw OperationCancelled{};
}

}  // namespace equilab
