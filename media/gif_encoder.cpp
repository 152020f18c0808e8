// The GIF encoder (animation_encoder.h): giflib writes into memory; finish() writes the bytes
// atomically.
#include <gif_lib.h>

#include <QObject>

#include <algorithm>
#include <cmath>
#include <vector>

#include "io/safe_file.h"
#include "media/animation_encoder.h"
#include "media/gif_palette.h"

namespace equilab {
namespace {

struct Sink {
    QByteArray bytes;
    qint64 max = 0;
    bool overflow = false;
};

int writeToSink(GifFileType* gif, const GifByteType* data, int length) {
    auto* sink = static_cast<Sink*>(gif->UserData);
    if (sink->bytes.size() + length > sink->max) {
        sink->overflow = true;
        return 0;  // giflib reports a write error
    }
    sink->bytes.append(reinterpret_cast<const char*>(data), length);
    return length;
}

class GifEncoder : public AnimationEncoder {
  public:
    explicit GifEncoder(const AnimationOptions& o) : options_(o) { sink_.max = o.max_bytes; }
    ~GifEncoder() override {
        if (gif_) EGifCloseFile(gif_, nullptr);
    }

    bool open(QString* error) {
        int err = 0;
        gif_ = EGifOpen(&sink_, writeToSink, &err);
        if (!gif_) return fail(error, QString::fromLatin1(GifErrorString(err)));
        EGifSetGifVersion(gif_, true);
        if (EGifPutScreenDesc(gif_, options_.width, options_.height, 8, 0, nullptr) == GIF_ERROR)
            return fail(error, gifError());
        // Loop forever (the Netscape application extension, count 0).
        static const char kApp[] = "NETSCAPE2.0";
        const unsigned char loop[3] = {1, 0, 0};
        if (EGifPutExtensionLeader(gif_, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
            EGifPutExtensionBlock(gif_, 11, kApp) == GIF_ERROR ||
            EGifPutExtensionBlock(gif_, 3, loop) == GIF_ERROR ||
            EGifPutExtensionTrailer(gif_) == GIF_ERROR)
            return fail(error, gifError());
        return true;
    }

    bool addFrame(const QImage& frame, QString* error) override {
        if (!gif_) return fail(error, QObject::tr("the GIF encoder is closed"));
        if (frame.width() != options_.width || frame.height() != options_.height)
            return fail(error, QObject::tr("frame %1 is %2 × %3, expected %4 × %5")
                                   .arg(frames_ + 1)
                                   .arg(frame.width())
                                   .arg(frame.height())
                                   .arg(options_.width)
                                   .arg(options_.height));
        const QImage image = frame.format() == QImage::Format_RGB32
                                 ? frame
                                 : frame.convertToFormat(QImage::Format_RGB32);
        // The rectangle of the pixels that changed since the previous frame (all of the first
        // frame). Inside it, unchanged pixels are transparent (the viewer keeps what it shows),
        // so a moving marker costs its own pixels, and quantization error never spreads.
        QRect changed = frames_ == 0 ? image.rect() : QRect();
        if (frames_ > 0) {
            int x0 = options_.width, y0 = options_.height, x1 = -1, y1 = -1;
            for (int y = 0; y < options_.height; ++y) {
                const auto* a = reinterpret_cast<const QRgb*>(image.constScanLine(y));
                const auto* b = reinterpret_cast<const QRgb*>(previous_.constScanLine(y));
                for (int x = 0; x < options_.width; ++x)
                    if ((a[x] ^ b[x]) & 0x00ffffffu) {
                        x0 = std::min(x0, x);
                        x1 = std::max(x1, x);
                        y0 = std::min(y0, y);
                        y1 = std::max(y1, y);
                    }
            }
            changed = x1 < 0 ? QRect(0, 0, 1, 1) : QRect(QPoint(x0, y0), QPoint(x1, y1));
        }
        const bool transparency = frames_ > 0;
        std::vector<QRgb> pixels;  // the changed pixels, in order
        std::vector<bool> keep;    // per pixel of the rectangle: unchanged (transparent)
        keep.reserve(static_cast<size_t>(changed.width()) * changed.height());
        for (int y = changed.top(); y <= changed.bottom(); ++y) {
            const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
            const auto* old =
                transparency ? reinterpret_cast<const QRgb*>(previous_.constScanLine(y)) : nullptr;
            for (int x = changed.left(); x <= changed.right(); ++x) {
                const bool same = old && !((row[x] ^ old[x]) & 0x00ffffffu);
                keep.push_back(same);
                if (!same) pixels.push_back(row[x]);
            }
        }
        std::vector<QRgb> palette;
        std::vector<uint8_t> changedIndices;
        quantizeColors(pixels.data(), pixels.size(), &palette, &changedIndices,
                       transparency ? 255 : 256);
        const int clear = transparency ? static_cast<int>(palette.size()) : -1;
        if (transparency) palette.push_back(0);  // the transparent entry
        std::vector<uint8_t> indices(keep.size());
        for (size_t i = 0, c = 0; i < keep.size(); ++i)
            indices[i] = keep[i] ? static_cast<uint8_t>(clear) : changedIndices[c++];
        previous_ = image;

        // Delay in 1/100 s with the rounding error carried: frame k ends at round(100 k / fps).
        const int delay = static_cast<int>(std::lround(100.0 * (frames_ + 1) / options_.fps) -
                                           std::lround(100.0 * frames_ / options_.fps));
        GraphicsControlBlock gcb;
        gcb.DisposalMode = DISPOSE_DO_NOT;
        gcb.UserInputFlag = false;
        gcb.DelayTime = delay;
        gcb.TransparentColor = clear >= 0 ? clear : NO_TRANSPARENT_COLOR;
        GifByteType ext[4];
        EGifGCBToExtension(&gcb, ext);
        if (EGifPutExtension(gif_, GRAPHICS_EXT_FUNC_CODE, 4, ext) == GIF_ERROR)
            return fail(error, gifError());

        int size = 2;
        while (size < static_cast<int>(palette.size())) size *= 2;
        std::vector<GifColorType> colors(static_cast<size_t>(size), GifColorType{0, 0, 0});
        for (size_t i = 0; i < palette.size(); ++i)
            colors[i] = GifColorType{static_cast<GifByteType>(qRed(palette[i])),
                                     static_cast<GifByteType>(qGreen(palette[i])),
                                     static_cast<GifByteType>(qBlue(palette[i]))};
        ColorMapObject* map = GifMakeMapObject(size, colors.data());
        if (!map) return fail(error, QObject::tr("out of memory (GIF palette)"));
        const int put = EGifPutImageDesc(gif_, changed.left(), changed.top(), changed.width(),
                                         changed.height(), false, map);
        GifFreeMapObject(map);
        if (put == GIF_ERROR) return fail(error, gifError());
        for (int y = 0; y < changed.height(); ++y) {
            GifPixelType* line = indices.data() + static_cast<size_t>(y) * changed.width();
            if (EGifPutLine(gif_, line, changed.width()) == GIF_ERROR)
                return fail(error, gifError());
        }
        ++frames_;
        return true;
    }

    bool finish(const QString& path, QString* error) override {
        if (!gif_) return fail(error, path + QObject::tr(": the GIF encoder is closed"));
        if (frames_ == 0) return fail(error, path + QObject::tr(": no frames to write"));
        int err = 0;
        const int closed = EGifCloseFile(gif_, &err);
        gif_ = nullptr;
        if (closed == GIF_ERROR || sink_.overflow)
            return fail(error, path + ": " +
                                   (sink_.overflow ? QObject::tr("the animation exceeds %1 MB")
                                                         .arg(options_.max_bytes / (1 << 20))
                                                   : QString::fromLatin1(GifErrorString(err))) +
                                   QObject::tr("; nothing written"));
        return saveBytesAtomically(path, sink_.bytes, error);
    }

    int frameCount() const override { return frames_; }

  private:
    QString gifError() const {
        if (sink_.overflow)
            return QObject::tr("the animation exceeds %1 MB").arg(options_.max_bytes / (1 << 20));
        return QString::fromLatin1(GifErrorString(gif_ ? gif_->Error : 0));
    }
    bool fail(QString* error, const QString& why) {
        if (error) *error = why;
        if (gif_) EGifCloseFile(gif_, nullptr);
        gif_ = nullptr;
        return false;
    }

    AnimationOptions options_;
    Sink sink_;
    GifFileType* gif_ = nullptr;
    QImage previous_;  // the previous frame as given
    int frames_ = 0;
};

}  // namespace

std::unique_ptr<AnimationEncoder> makeGifEncoder(const AnimationOptions& options, QString* error) {
    AnimationOptions o = options;
    o.format = AnimationFormat::Gif;
    if (!o.IsValid(error)) return nullptr;
    auto e = std::make_unique<GifEncoder>(o);
    if (!e->open(error)) return nullptr;
    return e;
}

}  // namespace equilab
