#include "media/animation_encoder.h"

#include <QObject>

namespace equilab {

QString animationSuffix(AnimationFormat f) {
    return f == AnimationFormat::Mp4 ? QStringLiteral("mp4") : QStringLiteral("gif");
}

bool animationFormatFromText(const QString& text, AnimationFormat* out) {
    const QString t = text.trimmed().toLower();
    if (t == QLatin1String("gif")) {
        *out = AnimationFormat::Gif;
        return true;
    }
    if (t == QLatin1String("mp4")) {
        *out = AnimationFormat::Mp4;
        return true;
    }
    return false;
}

bool AnimationOptions::IsValid(QString* error) const {
    auto fail = [error](const QString& why) {
        if (error) *error = why;
        return false;
    };
    if (width < 16 || height < 16 || width > 8192 || height > 8192)
        return fail(
            QObject::tr("frame size %1 × %2 is outside 16 to 8192 pixels").arg(width).arg(height));
    const int maxFps = format == AnimationFormat::Gif ? 50 : 60;
    if (fps < 1 || fps > maxFps)
        return fail(QObject::tr("frame rate %1 is outside 1 to %2 per second (%3)")
                        .arg(fps)
                        .arg(maxFps)
                        .arg(animationSuffix(format)));
    if (crf < 0 || crf > 51) return fail(QObject::tr("crf %1 is outside 0 to 51").arg(crf));
    if (max_bytes < 1024)
        return fail(QObject::tr("size limit %1 bytes is too small").arg(max_bytes));
    return true;
}

std::unique_ptr<AnimationEncoder> makeAnimationEncoder(const AnimationOptions& options,
                                                       QString* error) {
    return options.format == AnimationFormat::Mp4 ? makeMp4Encoder(options, error)
                                                  : makeGifEncoder(options, error);
}

}  // namespace equilab
