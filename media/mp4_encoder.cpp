// The MP4 encoder (animation_encoder.h), the one file that uses libav*: libavformat writes the
// MP4 into a private temporary file (its faststart pass moves `moov` to the front by reading the
// file back), then finish() reads it and writes the target atomically through io/safe_file.h.
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/error.h>
#include <libavutil/imgutils.h>
#include <libavutil/log.h>
#include <libavutil/opt.h>
#include <libswscale/swscale.h>
}

#include <QFile>
#include <QObject>
#include <QTemporaryDir>

#include "io/safe_file.h"
#include "media/animation_encoder.h"

namespace equilab {
namespace {

QString avText(int err) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {0};
    av_strerror(err, buf, sizeof buf);
    return QString::fromLocal8Bit(buf);
}

class Mp4Encoder : public AnimationEncoder {
  public:
    explicit Mp4Encoder(const AnimationOptions& o) : options_(o) {
        width_ = o.width + (o.width & 1);
        height_ = o.height + (o.height & 1);
    }
    ~Mp4Encoder() override { close(); }

    bool open(QString* error) {
        av_log_set_level(AV_LOG_ERROR);  // x264's statistics are no message for the user
        const AVCodec* codec = avcodec_find_encoder_by_name("libx264");
        if (!codec) codec = avcodec_find_encoder(AV_CODEC_ID_H264);
        if (!codec)
            return fail(error, QObject::tr("this libavcodec has no H.264 encoder (install "
                                           "libavcodec with libx264)"));
        if (!temp_.isValid())
            return fail(
                error,
                QObject::tr("cannot create a temporary folder (%1)").arg(temp_.errorString()));
        tempPath_ = temp_.filePath(QStringLiteral("animation.mp4"));
        const QByteArray path = QFile::encodeName(tempPath_);
        int r = avformat_alloc_output_context2(&format_, nullptr, "mp4", path.constData());
        if (r < 0 || !format_) return fail(error, avText(r));
        stream_ = avformat_new_stream(format_, nullptr);
        codec_ = avcodec_alloc_context3(codec);
        if (!stream_ || !codec_) return fail(error, QObject::tr("out of memory"));
        codec_->width = width_;
        codec_->height = height_;
        codec_->pix_fmt = AV_PIX_FMT_YUV420P;
        codec_->time_base = AVRational{1, options_.fps};
        codec_->framerate = AVRational{options_.fps, 1};
        codec_->gop_size = 2 * options_.fps;  // a key frame every 2 s (seeking in a slide)
        codec_->colorspace = AVCOL_SPC_BT709;
        codec_->color_primaries = AVCOL_PRI_BT709;
        codec_->color_trc = AVCOL_TRC_BT709;
        codec_->color_range = AVCOL_RANGE_MPEG;
        if (format_->oformat->flags & AVFMT_GLOBALHEADER)
            codec_->flags |= AV_CODEC_FLAG_GLOBAL_HEADER;
        AVDictionary* codecOptions = nullptr;
        if (QLatin1String(codec->name) == QLatin1String("libx264")) {
            av_dict_set(&codecOptions, "preset", "medium", 0);
            av_dict_set(&codecOptions, "profile", "high", 0);
            av_dict_set(&codecOptions, "tune", "animation", 0);
            av_dict_set(&codecOptions, "crf", QByteArray::number(options_.crf).constData(), 0);
        }
        r = avcodec_open2(codec_, codec, &codecOptions);
        av_dict_free(&codecOptions);
        if (r < 0) return fail(error, QObject::tr("H.264 encoder: %1").arg(avText(r)));
        r = avcodec_parameters_from_context(stream_->codecpar, codec_);
        if (r < 0) return fail(error, avText(r));
        stream_->time_base = codec_->time_base;
        stream_->avg_frame_rate = codec_->framerate;
        r = avio_open(&format_->pb, path.constData(), AVIO_FLAG_WRITE);
        if (r < 0) return fail(error, QObject::tr("temporary file: %1").arg(avText(r)));
        AVDictionary* muxOptions = nullptr;
        av_dict_set(&muxOptions, "movflags", "+faststart", 0);
        r = avformat_write_header(format_, &muxOptions);
        av_dict_free(&muxOptions);
        if (r < 0) return fail(error, avText(r));
        frame_ = av_frame_alloc();
        packet_ = av_packet_alloc();
        if (!frame_ || !packet_) return fail(error, QObject::tr("out of memory"));
        frame_->format = AV_PIX_FMT_YUV420P;
        frame_->width = width_;
        frame_->height = height_;
        if ((r = av_frame_get_buffer(frame_, 0)) < 0) return fail(error, avText(r));
        scaler_ =
            sws_getContext(width_, height_, AV_PIX_FMT_RGB24, width_, height_, AV_PIX_FMT_YUV420P,
                           SWS_BILINEAR | SWS_ACCURATE_RND, nullptr, nullptr, nullptr);
        if (!scaler_) return fail(error, QObject::tr("no RGB to YUV conversion"));
        // RGB (full range) to BT.709 limited-range YUV, as the stream is tagged.
        sws_setColorspaceDetails(scaler_, sws_getCoefficients(SWS_CS_ITU709), 1,
                                 sws_getCoefficients(SWS_CS_ITU709), 0, 0, 1 << 16, 1 << 16);
        return true;
    }

    bool addFrame(const QImage& frame, QString* error) override {
        if (!format_) return fail(error, QObject::tr("the MP4 encoder is closed"));
        if (frame.width() != options_.width || frame.height() != options_.height)
            return fail(error, QObject::tr("frame %1 is %2 × %3, expected %4 × %5")
                                   .arg(frames_ + 1)
                                   .arg(frame.width())
                                   .arg(frame.height())
                                   .arg(options_.width)
                                   .arg(options_.height));
        QImage rgb = frame.convertToFormat(QImage::Format_RGB888);
        if (width_ != options_.width || height_ != options_.height) {
            // Even size: the last column and row repeated.
            QImage padded(width_, height_, QImage::Format_RGB888);
            for (int y = 0; y < height_; ++y) {
                const uchar* src = rgb.constScanLine(std::min(y, options_.height - 1));
                uchar* dst = padded.scanLine(y);
                memcpy(dst, src, static_cast<size_t>(options_.width) * 3);
                if (width_ > options_.width)
                    memcpy(dst + 3 * options_.width, src + 3 * (options_.width - 1), 3);
            }
            rgb = padded;
        }
        int r = av_frame_make_writable(frame_);
        if (r < 0) return fail(error, avText(r));
        const uint8_t* src[1] = {rgb.constBits()};
        const int stride[1] = {static_cast<int>(rgb.bytesPerLine())};
        sws_scale(scaler_, src, stride, 0, height_, frame_->data, frame_->linesize);
        frame_->pts = frames_;
        if (!send(frame_, error)) return false;
        ++frames_;
        return true;
    }

    bool finish(const QString& path, QString* error) override {
        auto failAt = [&](const QString& why) {
            return fail(error, path + ": " + why + QObject::tr("; nothing written"));
        };
        if (!format_) return failAt(QObject::tr("the MP4 encoder is closed"));
        if (frames_ == 0) return failAt(QObject::tr("no frames to write"));
        QString why;
        if (!send(nullptr, &why)) return failAt(why);
        const int r = av_write_trailer(format_);  // the faststart pass runs here
        if (r < 0) return failAt(avText(r));
        close();
        QFile file(tempPath_);
        if (!file.open(QIODevice::ReadOnly))
            return failAt(QObject::tr("cannot read the encoded file (%1)").arg(file.errorString()));
        if (file.size() > options_.max_bytes)
            return failAt(
                QObject::tr("the animation exceeds %1 MB").arg(options_.max_bytes / (1 << 20)));
        const QByteArray bytes = file.readAll();
        if (bytes.size() != file.size())
            return failAt(QObject::tr("cannot read the encoded file (%1)").arg(file.errorString()));
        file.close();
        file.remove();
        return saveBytesAtomically(path, bytes, error);
    }

    int frameCount() const override { return frames_; }

  private:
    // Sends a frame (null: end of stream) and writes every packet that comes out.
    bool send(AVFrame* frame, QString* error) {
        int r = avcodec_send_frame(codec_, frame);
        if (r < 0) return fail(error, QObject::tr("H.264 encoder: %1").arg(avText(r)));
        for (;;) {
            r = avcodec_receive_packet(codec_, packet_);
            if (r == AVERROR(EAGAIN) || r == AVERROR_EOF) return true;
            if (r < 0) return fail(error, QObject::tr("H.264 encoder: %1").arg(avText(r)));
            av_packet_rescale_ts(packet_, codec_->time_base, stream_->time_base);
            packet_->stream_index = stream_->index;
            r = av_interleaved_write_frame(format_, packet_);  // takes the packet's data
            if (r < 0) return fail(error, QObject::tr("temporary file: %1").arg(avText(r)));
            if (format_->pb && avio_tell(format_->pb) > options_.max_bytes)
                return fail(
                    error,
                    QObject::tr("the animation exceeds %1 MB").arg(options_.max_bytes / (1 << 20)));
        }
    }

    bool fail(QString* error, const QString& why) {
        if (error) *error = why;
        close();
        return false;
    }

    void close() {
        if (scaler_) sws_freeContext(scaler_);
        scaler_ = nullptr;
        av_packet_free(&packet_);
        av_frame_free(&frame_);
        avcodec_free_context(&codec_);
        if (format_) {
            if (format_->pb) avio_closep(&format_->pb);
            avformat_free_context(format_);
            format_ = nullptr;
        }
    }

    AnimationOptions options_;
    int width_ = 0, height_ = 0;  // encoded size (even)
    QTemporaryDir temp_;          // removed with the encoder: a cancelled recording leaves nothing
    QString tempPath_;
    AVFormatContext* format_ = nullptr;
    AVStream* stream_ = nullptr;
    AVCodecContext* codec_ = nullptr;
    AVFrame* frame_ = nullptr;
    AVPacket* packet_ = nullptr;
    SwsContext* scaler_ = nullptr;
    int frames_ = 0;
};

}  // namespace

std::unique_ptr<AnimationEncoder> makeMp4Encoder(const AnimationOptions& options, QString* error) {
    AnimationOptions o = options;
    o.format = AnimationFormat::Mp4;
    if (!o.IsValid(error)) return nullptr;
    auto e = std::make_unique<Mp4Encoder>(o);
    if (!e->open(error)) return nullptr;
    return e;
}

}  // namespace equilab
