// The palette of one GIF frame (gif_encoder.cpp): at most 256 colours for a block of pixels.
#pragma once

#include <QRgb>

#include <cstdint>
#include <vector>

namespace equilab {

// Palette and per-pixel indices for `count` pixels (0xffRRGGBB; alpha ignored). At most
// maxColors distinct colours: the palette is exactly those (so the frame is lossless). More:
// median cut of the colour histogram into maxColors boxes (the box with the widest channel range is
// split at the population median of that channel), each box represented by its most frequent colour
// (so the background and the series' pure colours stay exact), every pixel mapped to the nearest
// palette colour in RGB. palette->size() is 1…maxColors (2…256).
void quantizeColors(const QRgb* pixels, size_t count, std::vector<QRgb>* palette,
                    std::vector<uint8_t>* indices, int maxColors = 256);

}  // namespace equilab
