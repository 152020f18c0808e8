// Animated GIF and MP4 (H.264) encoders for recorded animations (File → Record animation…,
// equilab-cli export --animate): frames in, one file out.
//
// Contract: frames are QImages of exactly width × height pixels, added in order; finish()
// writes the whole file through the project's one writer (io/safe_file.h: a temporary file,
// fsync, rename), so the target either holds the complete animation or is left as it was. An
// encoder destroyed before finish() (Cancel) writes nothing. An encoder is used by one thread at
// a time (the recorder's encoding thread), not necessarily the one that made it.
//
// GIF (giflib): GIF89a, looping forever; each frame is the rectangle of the pixels that changed
// since the previous frame, the unchanged ones inside it transparent, with its own palette: the
// exact colours of the changed pixels when there are at most 255 (256 in the first frame), else
// as many by median cut of their histogram, each pixel mapped to the nearest (no dithering:
// plots are flat colours and thin lines). Frame delays are in hundredths of a
// second, rounded with the error carried forward, so N frames last N/fps seconds to within 10 ms.
//
// MP4 (libavformat, libavcodec with libx264): H.264 High profile, yuv420p (BT.709, limited
// range), constant frame rate, `moov` at the front (faststart) so that PowerPoint, Impress and
// browsers play it while it loads. H.264 in 4:2:0 needs even sizes: an odd width or height is
// padded by repeating the last column or row.
#pragma once

#include <QImage>
#include <QString>

#include <memory>

namespace equilab {

enum class AnimationFormat { Gif, Mp4 };
// "gif", "mp4"
QString animationSuffix(AnimationFormat f);
// From "gif" or "mp4" (case-insensitive); false for anything else.
bool animationFormatFromText(const QString& text, AnimationFormat* out);

struct AnimationOptions {
    AnimationFormat format = AnimationFormat::Gif;
    int width = 0;   // pixels, 16…8192
    int height = 0;  // pixels, 16…8192
    int fps = 25;    // frames per second, 1…60 (GIF: at most 50, browsers slow faster GIFs)
    int crf = 20;    // MP4: x264's constant rate factor, 0 (lossless) … 51; 18–23 look clean
    // The largest file accepted (the encoded bytes are held in memory until written): a
    // recording beyond it fails with a message instead of filling memory.
    qint64 max_bytes = qint64(1) << 30;
    bool IsValid(QString* error) const;
};

class AnimationEncoder {
  public:
    virtual ~AnimationEncoder() = default;
    // Adds the next frame (converted as needed; must be width × height). False with *error on
    // failure (the encoder is then unusable).
    virtual bool addFrame(const QImage& frame, QString* error) = 0;
    // Completes the animation and writes it to path atomically. False with *error (naming the
    // path and the reason) when encoding or writing failed: the file at path is unchanged.
    virtual bool finish(const QString& path, QString* error) = 0;
    virtual int frameCount() const = 0;
};

// The encoder for options.format; null with *error when the options are invalid or the codec is
// missing (an MP4 needs an H.264 encoder in libavcodec).
std::unique_ptr<AnimationEncoder> makeAnimationEncoder(const AnimationOptions& options,
                                                       QString* error);
std::unique_ptr<AnimationEncoder> makeGifEncoder(const AnimationOptions& options, QString* error);
std::unique_ptr<AnimationEncoder> makeMp4Encoder(const AnimationOptions& options, QString* error);

}  // namespace equilab
