// Decoders and image comparisons for the recording tests, independent of the encoders (media/):
// giflib's decoder for GIF, libavformat/libavcodec/libswscale for MP4.
#pragma once

#include <gif_lib.h>
extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/pixdesc.h>
#include <libswscale/swscale.h>
}

#include <QFile>
#include <QImage>
#include <QList>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <cstdlib>

struct Decoded {
    QList<QImage> frames;  // as a viewer shows them, RGB32
    QList<int> delays;     // GIF: hundredths of a second
    QString codec, pixelFormat;
    int width = 0, height = 0;
};

// giflib's decoder: every frame composed over the previous one (disposal "do not dispose";
// transparent pixels keep the previous frame's).
inline Decoded decodeGif(const QString& path) {
    Decoded d;
    int err = 0;
    GifFileType* gif = DGifOpenFileName(QFile::encodeName(path).constData(), &err);
    if (!gif) return d;
    if (DGifSlurp(gif) != GIF_OK) {
        DGifCloseFile(gif, &err);
        return d;
    }
    d.width = gif->SWidth;
    d.height = gif->SHeight;
    QImage canvas(d.width, d.height, QImage::Format_RGB32);
    canvas.fill(Qt::black);
    for (int i = 0; i < gif->ImageCount; ++i) {
        const SavedImage& s = gif->SavedImages[i];
        const ColorMapObject* map = s.ImageDesc.ColorMap ? s.ImageDesc.ColorMap : gif->SColorMap;
        GraphicsControlBlock gcb;
        gcb.TransparentColor = NO_TRANSPARENT_COLOR;
        d.delays << (DGifSavedExtensionToGCB(gif, i, &gcb) == GIF_OK ? gcb.DelayTime : -1);
        for (int y = 0; y < s.ImageDesc.Height; ++y)
            for (int x = 0; x < s.ImageDesc.Width; ++x) {
                const int index = s.RasterBits[y * s.ImageDesc.Width + x];
                if (index == gcb.TransparentColor) continue;  // the previous frame shows through
                const GifColorType c = map->Colors[index];
                canvas.setPixel(s.ImageDesc.Left + x, s.ImageDesc.Top + y,
                                qRgb(c.Red, c.Green, c.Blue));
            }
        d.frames << canvas.copy();
    }
    DGifCloseFile(gif, &err);
    return d;
}

// libavformat/libavcodec: every frame decoded, converted to RGB with BT.709 limited range.
inline Decoded decodeMp4(const QString& path) {
    Decoded d;
    AVFormatContext* fmt = nullptr;
    if (avformat_open_input(&fmt, QFile::encodeName(path).constData(), nullptr, nullptr) < 0)
        return d;
    avformat_find_stream_info(fmt, nullptr);
    const int si = av_find_best_stream(fmt, AVMEDIA_TYPE_VIDEO, -1, -1, nullptr, 0);
    if (si < 0) {
        avformat_close_input(&fmt);
        return d;
    }
    const AVCodecParameters* par = fmt->streams[si]->codecpar;
    const AVCodec* codec = avcodec_find_decoder(par->codec_id);
    AVCodecContext* ctx = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(ctx, par);
    avcodec_open2(ctx, codec, nullptr);
    d.codec = QString::fromLatin1(avcodec_get_name(par->codec_id));
    d.pixelFormat = QString::fromLatin1(av_get_pix_fmt_name(AVPixelFormat(par->format)));
    d.width = par->width;
    d.height = par->height;
    AVPacket* pkt = av_packet_alloc();
    AVFrame* frame = av_frame_alloc();
    SwsContext* sws = nullptr;
    auto drain = [&] {
        while (avcodec_receive_frame(ctx, frame) == 0) {
            sws =
                sws_getCachedContext(sws, frame->width, frame->height, AVPixelFormat(frame->format),
                                     frame->width, frame->height, AV_PIX_FMT_RGB24,
                                     SWS_BILINEAR | SWS_ACCURATE_RND, nullptr, nullptr, nullptr);
            sws_setColorspaceDetails(sws, sws_getCoefficients(SWS_CS_ITU709), 0,
                                     sws_getCoefficients(SWS_CS_ITU709), 1, 0, 1 << 16, 1 << 16);
            QImage rgb(frame->width, frame->height, QImage::Format_RGB888);
            uint8_t* dst[1] = {rgb.bits()};
            const int stride[1] = {static_cast<int>(rgb.bytesPerLine())};
            sws_scale(sws, frame->data, frame->linesize, 0, frame->height, dst, stride);
            d.frames << rgb.convertToFormat(QImage::Format_RGB32);
        }
    };
    while (av_read_frame(fmt, pkt) >= 0) {
        if (pkt->stream_index == si) {
            avcodec_send_packet(ctx, pkt);
            drain();
        }
        av_packet_unref(pkt);
    }
    avcodec_send_packet(ctx, nullptr);
    drain();
    sws_freeContext(sws);
    av_frame_free(&frame);
    av_packet_free(&pkt);
    avcodec_free_context(&ctx);
    avformat_close_input(&fmt);
    return d;
}

inline int distinctColors(const QImage& image) {
    QSet<QRgb> colors;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    for (int y = 0; y < rgb.height(); ++y)
        for (int x = 0; x < rgb.width(); ++x) colors.insert(rgb.pixel(x, y) & 0xffffff);
    return colors.size();
}

inline int maxDifference(const QImage& a, const QImage& b) {
    const QImage x = a.convertToFormat(QImage::Format_RGB32),
                 y = b.convertToFormat(QImage::Format_RGB32);
    int worst = 0;
    for (int r = 0; r < x.height(); ++r)
        for (int c = 0; c < x.width(); ++c) {
            const QRgb p = x.pixel(c, r), q = y.pixel(c, r);
            worst = std::max({worst, std::abs(qRed(p) - qRed(q)), std::abs(qGreen(p) - qGreen(q)),
                              std::abs(qBlue(p) - qBlue(q))});
        }
    return worst;
}

// Peak signal-to-noise ratio over the three channels, in dB.
inline double psnr(const QImage& a, const QImage& b) {
    const QImage x = a.convertToFormat(QImage::Format_RGB32),
                 y = b.convertToFormat(QImage::Format_RGB32);
    double sum = 0;
    for (int r = 0; r < x.height(); ++r)
        for (int c = 0; c < x.width(); ++c) {
            const QRgb p = x.pixel(c, r), q = y.pixel(c, r);
            for (int d : {qRed(p) - qRed(q), qGreen(p) - qGreen(q), qBlue(p) - qBlue(q)})
                sum += double(d) * d;
        }
    const double mse = sum / (3.0 * x.width() * x.height());
    return mse == 0 ? 99 : 10 * std::log10(255.0 * 255.0 / mse);
}
