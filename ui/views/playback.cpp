#include "ui/views/playback.h"

#include <algorithm>
#include <cmath>

namespace equilab {

namespace {
constexpr int kFrameMs = 16;  // display rate
}

Playback::Playback(QObject* parent) : QObject(parent) {
    timer_.setInterval(kFrameMs);
    timer_.setTimerType(Qt::PreciseTimer);
    connect(&timer_, &QTimer::timeout, this, &Playback::tick);
}

void Playback::setLast(int last) {
    last_ = std::max(0, last);
    if (cursor_ > last_) setCursor(last_);
}

void Playback::setSpeed(double s) {
    speed_ = std::clamp(s, 0.5, 1000.0);
}

void Playback::play() {
    if (cursor_ < 0 || cursor_ >= last_) setCursor(0);
    carry_ = 0;
    timer_.start();
    emit playingChanged(true);
}

void Playback::pause() {
    if (!timer_.isActive()) return;
    timer_.stop();
    emit playingChanged(false);
}

void Playback::step() {
    pause();
    setCursor(cursor_ < 0 || cursor_ >= last_ ? 0 : cursor_ + 1);
}

void Playback::reset() {
    pause();
    setCursor(0);
}

void Playback::stop() {
    pause();
    setCursor(-1);
}

void Playback::tick() {
    carry_ += speed_ * kFrameMs / 1000.0;
    const int advance = static_cast<int>(std::floor(carry_));
    if (advance == 0) return;
    carry_ -= advance;
    const int next = std::min(last_, cursor_ + advance);
    setCursor(next);
    if (next >= last_) {
        timer_.stop();
        emit playingChanged(false);
    }
}

void Playback::setCursor(int c) {
    if (c == cursor_) return;
    cursor_ = c;
    emit cursorChanged(c);
}

}  // namespace equilab
