// Animation of the iterates: a cursor over 0…last that Play advances at a chosen speed
// (iterations per second), Step advances by one, Reset returns to 0. When idle (not started or
// finished) the cursor is −1, which the views read as "show everything".
#pragma once

#include <QObject>
#include <QTimer>

namespace equilab {

class Playback : public QObject {
    Q_OBJECT
  public:
    explicit Playback(QObject* parent = nullptr);
    int cursor() const { return cursor_; }
    bool isPlaying() const { return timer_.isActive(); }
    void setLast(int last);  // index of the last iterate of the current solve
    void setSpeed(double iterationsPerSecond);

    void play();
    void pause();
    void step();
    void reset();
    void stop();  // pause and show everything again (cursor −1), as after a fresh load

  signals:
    void cursorChanged(int cursor);
    void playingChanged(bool playing);

  private:
    void tick();
    void setCursor(int c);
    QTimer timer_;
    int cursor_ = -1;
    int last_ = 0;
    double speed_ = 15;
    double carry_ = 0;
};

}  // namespace equilab
