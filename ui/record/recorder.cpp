#include "ui/record/recorder.h"

#include <QDir>
#include <QLocale>

#include "ui/record/animation_source.h"
#include "ui/views/plot_view.h"

namespace equilab {

Recorder::Recorder(QObject* parent) : QObject(parent) {
    timer_.setSingleShot(false);
    connect(&timer_, &QTimer::timeout, this, &Recorder::tick);
}

Recorder::~Recorder() {
    if (!source_) return;
    blockSignals(true);  // its receivers may be going too (the window closing)
    cancel();
}

bool Recorder::start(std::unique_ptr<AnimationSource> source, const ExportPreset& preset,
                     AnimationFormat format, const QString& path, QString* error) {
    if (source_) {
        if (error) *error = tr("a recording is in progress");
        return false;
    }
    if (!source || !source->view()) {
        if (error) *error = tr("nothing to record");
        return false;
    }
    QString why;
    if (!preset.IsValid(&why)) {
        if (error) *error = why;
        return false;
    }
    AnimationOptions options;
    options.format = format;
    options.width = preset.pixelWidth();
    options.height = preset.pixelHeight();
    options.fps = preset.fps;
    std::unique_ptr<AnimationEncoder> encoder = makeAnimationEncoder(options, error);
    if (!encoder) return false;
    source_ = std::move(source);
    preset_ = preset;
    path_ = path;
    total_ = preset.frameCount();
    next_ = 0;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.clear();
        last_ = cancel_ = done_ = ok_ = false;
        encoded_ = 0;
        message_.clear();
        encoder_ = std::move(encoder);
    }
    thread_ = std::thread([this] { encodeLoop(); });
    timer_.start(0);
    emit progress(0, total_);
    return true;
}

void Recorder::cancel() {
    if (!source_) return;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        cancel_ = true;
    }
    wake_.notify_all();
    end(false, tr("Recording cancelled; nothing written"));
}

// One frame per turn of the event loop, then a look at the encoder.
void Recorder::tick() {
    if (!source_) return;
    int queued = 0;
    bool done = false, ok = false;
    int encoded = 0;
    QString message;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queued = static_cast<int>(queue_.size());
        done = done_;
        ok = ok_;
        encoded = encoded_;
        message = message_;
    }
    if (done) {
        end(ok, message);
        return;
    }
    if (next_ < total_ && queued < kMaxQueued) {
        if (source_->showFrame(next_, total_)) {
            QImage frame = source_->view()->figureImage(preset_, nullptr);
            {
                std::lock_guard<std::mutex> lock(mutex_);
                queue_.push_back(std::move(frame));
                last_ = ++next_ == total_;
            }
            wake_.notify_all();
            timer_.setInterval(0);
        } else if (!source_->failure().isEmpty()) {
            {
                std::lock_guard<std::mutex> lock(mutex_);
                cancel_ = true;
            }
            wake_.notify_all();
            end(false, source_->failure() + tr("; nothing written"));
            return;
        } else {
            timer_.setInterval(5);  // the source is not ready (a training step): look again soon
        }
    } else {
        timer_.setInterval(5);  // the encoder is behind, or finishing
    }
    emit progress(encoded, total_);
}

// The encoding thread: frames from the queue into the encoder, then the file.
void Recorder::encodeLoop() {
    for (;;) {
        QImage frame;
        {
            std::unique_lock<std::mutex> lock(mutex_);
            wake_.wait(lock, [this] { return cancel_ || !queue_.empty() || last_; });
            if (cancel_) break;
            if (queue_.empty() && last_) {
                lock.unlock();
                QString error;
                const bool ok = encoder_->finish(path_, &error);
                lock.lock();
                ok_ = ok;
                message_ =
                    ok ? tr("Saved %1 (%2 frames, %3 × %4, %5 s)")
                             .arg(QDir::toNativeSeparators(path_))
                             .arg(total_)
                             .arg(preset_.pixelWidth())
                             .arg(preset_.pixelHeight())
                             .arg(QLocale::c().toString(total_ / double(preset_.fps), 'g', 3))
                       : error;
                done_ = true;
                return;
            }
            frame = std::move(queue_.front());
            queue_.pop_front();
        }
        QString error;
        const bool ok = encoder_->addFrame(frame, &error);
        std::lock_guard<std::mutex> lock(mutex_);
        if (!ok) {
            ok_ = false;
            message_ = path_ + ": " + error + tr("; nothing written");
            done_ = true;
            return;
        }
        ++encoded_;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    done_ = true;
}

void Recorder::end(bool ok, const QString& message) {
    timer_.stop();
    if (thread_.joinable()) thread_.join();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        queue_.clear();
        encoder_.reset();  // a cancelled MP4's temporary file goes with it
    }
    std::unique_ptr<AnimationSource> source = std::move(source_);
    source->restore();
    source->view()->requestReplot();
    if (ok) emit progress(total_, total_);
    emit finished(ok, message);
}

}  // namespace equilab
