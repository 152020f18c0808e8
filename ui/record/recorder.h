// Records an animation of a view (File → Record animation…, equilab-cli export --animate):
// renders frame after frame off-screen at the export preset's size (PlotView::figureImage, the
// pixels of the preset's static PNG) and encodes them on a thread of its own (media/).
//
// One frame is rendered per event-loop turn, and only while fewer than kMaxQueued frames wait
// for the encoder, so the window stays responsive and memory stays at a few frames. The file is
// written when the last frame is encoded, atomically (a temporary file, then a rename): Cancel,
// or a failure anywhere, leaves the target as it was. Once the final write has begun, Cancel
// no longer stops it (the file is then complete).

#pragma once

#include <QObject>
#include <QTimer>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>

#include "media/animation_encoder.h"
#include "ui/views/export_presets.h"

namespace equilab {

class AnimationSource;

class Recorder : public QObject {
    Q_OBJECT
  public:
    static constexpr int kMaxQueued = 3;
    explicit Recorder(QObject* parent = nullptr);
    ~Recorder() override;  // cancels a recording in progress, silently

    // Starts recording source's preset.frameCount() frames at preset.fps to path. False with
    // *error (and nothing started) for an invalid preset or encoder.
    bool start(std::unique_ptr<AnimationSource> source, const ExportPreset& preset,
               AnimationFormat format, const QString& path, QString* error);
    void cancel();
    bool isRecording() const { return source_ != nullptr; }
    int frameTotal() const { return total_; }
    int framesRendered() const { return next_; }

  signals:
    // Frames encoded so far, of total.
    void progress(int encoded, int total);
    // The end: ok with "Saved PATH (…)" in message, or not with the reason ("cancelled", …).
    void finished(bool ok, const QString& message);

  private:
    void tick();
    void encodeLoop();
    void end(bool ok, const QString& message);

    std::unique_ptr<AnimationSource> source_;
    ExportPreset preset_;
    QString path_;
    int total_ = 0;
    int next_ = 0;  // the next frame to render
    QTimer timer_;

    // Shared with the encoding thread, under mutex_.
    std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<QImage> queue_;
    bool last_ = false;    // every frame is queued: finish when the queue is empty
    bool cancel_ = false;  // drop everything
    bool done_ = false;    // the thread has ended (ok_, message_ set)
    bool ok_ = false;
    int encoded_ = 0;
    QString message_;
    std::unique_ptr<AnimationEncoder> encoder_;
    std::thread thread_;
};

}  // namespace equilab
